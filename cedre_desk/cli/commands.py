"""What each command does: open the register through the services, print, return a status."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cedre_desk.cli.output import due_csv, due_json, due_table
from cedre_desk.errors import RegisterError
from cedre_desk.paths import default_register
from cedre_desk.services.due import CycleService
from cedre_desk.services.maintenance import check_register
from cedre_desk.services.register import create_register, open_or_create


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()  # noqa: DTZ011 - the user's local day is the one meant


def _path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_register()


def demo(args: argparse.Namespace) -> int:
    from cedre_desk.services.demo import generate_demo

    path = _path(args)
    db = create_register(path)
    try:
        summary = generate_demo(db, companies=args.companies, seed=args.seed, today=_today(args))
    finally:
        db.close()
    fr = f"Registre de démonstration écrit : {path} ({summary.companies} structures)."
    en = f"Demo register written: {path} ({summary.companies} companies)."
    print(en if args.lang == "en" else fr)
    return 0


def due(args: argparse.Namespace) -> int:
    db = open_or_create(_path(args), create=False)
    try:
        rows = CycleService(db).due(_today(args), args.within)
    finally:
        db.close()
    render = {"table": due_table, "csv": due_csv, "json": due_json}[args.format]
    sys.stdout.write(render(rows, args.lang))
    return 0


def check(args: argparse.Namespace) -> int:
    path = _path(args)
    if not path.exists():
        raise RegisterError(f"{path} : aucun registre à cet emplacement.",
                            f"{path}: no register at this path.")
    report = check_register(path)
    if report.sound:
        fr, en = f"{path} : registre sain.", f"{path}: register sound."
        print(en if args.lang == "en" else fr)
        return 0
    for problem in report.problems:
        print(problem, file=sys.stderr)
    fr = f"{path} : {len(report.problems)} problème(s) d'intégrité."
    en = f"{path}: {len(report.problems)} integrity problem(s)."
    print(en if args.lang == "en" else fr, file=sys.stderr)
    return 1


COMMANDS = {"demo": demo, "due": due, "check": check}
