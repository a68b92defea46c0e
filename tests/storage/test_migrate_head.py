"""The head revision constant, which lets an up-to-date register open without Alembic."""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from cedre_desk.services.register import create_register
from cedre_desk.storage import migrate

VERSIONS = Path(migrate.__file__).with_name("migrations") / "versions"


def _assigned(path: Path, name: str) -> object:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path.name} sets no {name}")


def test_the_head_constant_is_the_head_of_the_migration_scripts():
    """A new migration without HEAD_REVISION moved would fail here (and registers would
    never be migrated to it)."""
    assert migrate.scripts_head() == migrate.HEAD_REVISION


def test_the_head_constant_is_the_one_revision_no_script_revises():
    """The same, read from the files themselves, without trusting Alembic's reading."""
    scripts = [p for p in VERSIONS.glob("*.py") if p.name != "__init__.py"]
    revisions = {_assigned(p, "revision") for p in scripts}
    revised = {_assigned(p, "down_revision") for p in scripts}
    assert revisions - revised == {migrate.HEAD_REVISION}


def test_a_new_register_is_at_the_head(register_path: Path):
    create_register(register_path).close()
    with closing(sqlite3.connect(register_path)) as conn:
        stored = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert stored == [(migrate.HEAD_REVISION,)]


def test_an_up_to_date_register_opens_without_importing_alembic(register_path: Path):
    create_register(register_path).close()
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from cedre_desk.storage.opening import open_register\n"
            f"open_register(Path({str(register_path)!r})).close()\n"
            "print('alembic' in sys.modules)\n")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=os.environ.copy(), check=True, timeout=120)
    assert shown.stdout.strip() == "False", shown.stderr

