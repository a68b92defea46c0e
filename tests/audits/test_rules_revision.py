"""Stored statuses carry the rules' revision: a change to the rules must raise it.

services.status_store keeps each company's computed status between starts, labelled with
`RULES_REVISION`; a release whose rules compute something else must raise it, or users would
see statuses computed by the old rules. This test holds a fingerprint of the rules' code
(comments, docstrings and layout left out): when it fails, decide whether what the rules
compute changed; if so raise RULES_REVISION in cedre_desk/audits/cycle.py; then write both
values below.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import cedre_desk.audits
from cedre_desk.audits.cycle import RULES_REVISION

# The vocabulary too: AuditStatus.is_done and Outcome.starts_certificate are rules.
RULE_MODULES = ("cycle.py", "decisions.py", "due_events.py", "certificates.py", "committees.py",
                "dates.py", "settings.py", "vocabulary.py")

PINNED = (3, "9219afa5383796d2")


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
    return tree


def fingerprint() -> str:
    folder = Path(cedre_desk.audits.__file__).parent
    digest = hashlib.sha256()
    for name in RULE_MODULES:
        tree = _without_docstrings(ast.parse((folder / name).read_text(encoding="utf-8")))
        digest.update(name.encode() + ast.dump(tree).encode())
    return digest.hexdigest()[:16]


def test_the_rules_revision_follows_the_rules() -> None:
    assert (RULES_REVISION, fingerprint()) == PINNED, (
        "The cycle rules' code changed. If what they compute changed, raise RULES_REVISION "
        "in cedre_desk/audits/cycle.py (stored statuses are then computed again); then pin "
        f"PINNED = ({RULES_REVISION}, {fingerprint()!r}) in this test.")


def test_comments_and_docstrings_do_not_count() -> None:
    source = 'def f(x):\n    """Doc."""\n    # why\n    return x + 1\n'
    bare = "def f(x):\n    return x + 1\n"
    assert ast.dump(_without_docstrings(ast.parse(source))) == ast.dump(ast.parse(bare))
