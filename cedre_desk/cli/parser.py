"""The arguments of `cedre-desk` and `cedre-desk-cli` (one parser for both)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cedre_desk import __version__
from cedre_desk.audits.dates import parse_date


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide / invalid date: {text!r} (AAAA-MM-JJ ou JJ/MM/AAAA)") from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"nombre invalide / invalid number: {text!r}")
    return value


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--db and --lang, accepted before or after the command. Below the top level they
    default to SUPPRESS so a value given before the command is not overwritten."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", type=Path, default=default, metavar="PATH",
                        help="registre à ouvrir / register to open (défaut : registre par défaut)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr" if top else default,
                        help="langue / language (fr par défaut)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cedre-desk",
        description="Registre des certifications CEDRE et CEDRE ISO 9001. "
                    "Sans commande : ouvre la fenêtre.",
    )
    parser.add_argument("--version", action="version", version=f"cedre-desk {__version__}")
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")

    demo = commands.add_parser("demo", help="écrire un registre de démonstration")
    _common(demo, top=False)
    demo.add_argument("--companies", type=_count, default=530, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--today", type=_date, default=None, metavar="DATE",
                      help="date du jour simulée / simulated today")

    due = commands.add_parser("due", help="ce qui est dû ou en retard / what is due or late")
    _common(due, top=False)
    due.add_argument("--today", type=_date, default=None, metavar="DATE")
    due.add_argument("--within", type=_count, default=None, metavar="DAYS",
                     help="horizon en jours (défaut : tout) / horizon in days (default: all)")
    due.add_argument("--format", choices=("table", "csv", "json"), default="table")

    check = commands.add_parser("check", help="vérifier l'intégrité / check integrity")
    _common(check, top=False)
    return parser
