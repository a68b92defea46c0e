"""`about`: the facts of the About box on the command line (version, build date, Python,
where the register, its backups and the logs are): what a user pastes into a request for
help, and what installer/build --check reads to prove a bundle knows its own build."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cedre_desk.about import AboutFacts, about_facts
from cedre_desk.cli.parser import add_common
from cedre_desk.paths import default_register

_LABELS = {
    "fr": ("Construit le", "Python", "Système", "Dossier des données", "Registre",
           "Copies de sauvegarde", "Journaux"),
    "en": ("Built", "Python", "System", "Data folder", "Register", "Backups", "Logs"),
}


def _lines(facts: AboutFacts, lang: str) -> list[str]:
    values = (facts.built_text(lang), facts.python, facts.system, facts.data, facts.register,
              facts.backups, facts.logs)
    labels = _LABELS[lang]
    width = max(len(label) for label in labels)
    return [f"cedre-desk {facts.version}"] + [
        f"{label.ljust(width)}  {value}" for label, value in zip(labels, values, strict=True)
        if value is not None]


def _json(facts: AboutFacts) -> str:
    def text(value: Path | None) -> str | None:
        return None if value is None else str(value)

    return json.dumps({
        "version": facts.version,
        "built": facts.built.isoformat() if facts.built is not None else None,
        "python": facts.python, "system": facts.system, "data": text(facts.data),
        "register": text(facts.register), "backups": text(facts.backups),
        "logs": text(facts.logs),
    }, ensure_ascii=False, indent=2)


def about(args: argparse.Namespace) -> int:
    facts = about_facts(Path(args.db) if args.db else default_register())
    print(_json(facts) if args.format == "json" else "\n".join(_lines(facts, args.lang)))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "about", help="version, date de construction, emplacements / version, build, paths")
    add_common(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=about)
