"""Le Cap on the command line: an assessment's report, the grid as a sheet both ways.

    cedre-desk cap report --db PATH --company NAME [--date DATE] -o FILE.pdf|.xlsx
    cedre-desk cap grid   --db PATH --export FILE.xlsx
    cedre-desk cap grid   --db PATH --import FILE.xlsx [--label LABEL]

`cap report` takes the company's latest assessment (its own, else its group's), or the one
held on --date. `cap grid --import` exits 1 when rows of the sheet are wrong: each is listed
on standard error and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cedre_desk.cli.arguments import date_argument
from cedre_desk.cli.parser import add_common
from cedre_desk.errors import UserError, shown
from cedre_desk.paths import default_register
from cedre_desk.services.cap.assessments import CapAssessmentService
from cedre_desk.services.cap.grids import CapGridService
from cedre_desk.services.cap.reports import CapReportService
from cedre_desk.services.importing.problem_list import listed_messages
from cedre_desk.services.register import open_or_create
from cedre_desk.storage.database import Database


def _open(args: argparse.Namespace) -> Database:
    path = Path(args.db) if getattr(args, "db", None) else default_register()
    return open_or_create(path, create=False)


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()  # noqa: DTZ011 - the user's local day is the one meant


def _say(args: argparse.Namespace, fr: str, en: str, *, err: bool = False) -> None:
    print(en if args.lang == "en" else fr, file=sys.stderr if err else sys.stdout)


def report(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() not in (".pdf", ".xlsx"):
        raise UserError(f"« {args.output.name} » : extension attendue .pdf ou .xlsx.",
                        f"“{args.output.name}”: expected extension .pdf or .xlsx.",
                        field="output")
    db = _open(args)
    try:
        assessment = CapAssessmentService(db).latest_for(args.company, args.date)
        CapReportService(db).write(assessment, args.output, today=_today(args),
                                   lang=args.lang or "fr")
    finally:
        db.close()
    _say(args, f"Rapport Le Cap écrit : {args.output}.", f"Le Cap report written: {args.output}.")
    return 0


def grid(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        grids = CapGridService(db)
        if args.export is not None:
            if args.export.suffix.lower() != ".xlsx":
                raise UserError(f"« {args.export.name} » : extension attendue .xlsx.",
                                f"“{args.export.name}”: expected extension .xlsx.",
                                field="output")
            grids.export_sheet(args.export)
            _say(args, f"Grille Le Cap écrite : {args.export}.",
                 f"Le Cap grid written: {args.export}.")
            return 0
        sheet = grids.import_sheet(args.import_, today=_today(args), label=args.label)
    finally:
        db.close()
    if sheet.grid is None:
        messages = [(f"row {p.row_number}: " if p.row_number else "") + p.en
                    if args.lang == "en" else
                    (f"ligne {p.row_number} : " if p.row_number else "") + p.fr
                    for p in sheet.problems]
        for line in listed_messages(messages, args.lang):  # 50, then a count and a file
            print(line, file=sys.stderr)
        _say(args, f"Grille refusée : {len(sheet.problems)} problème(s), rien n'a été écrit.",
             f"Grid refused: {len(sheet.problems)} problem(s), nothing was written.", err=True)
        return 1
    count = len(sheet.grid.indicators())
    label = shown(sheet.grid.label)
    _say(args, f"Grille « {label} » chargée : {count} indicateurs ; les nouvelles "
         "auto-évaluations l'utiliseront.", f"Grid “{label}” loaded: {count} "
         "indicators; new assessments will use it.")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    cap = commands.add_parser("cap", help="Le Cap, l'auto-évaluation / the self-assessment")
    kinds = cap.add_subparsers(dest="cap_kind", metavar="QUOI", required=True)

    parser = kinds.add_parser("report", help="le rapport d'une auto-évaluation (PDF ou Excel) "
                              "/ an assessment's report")
    add_common(parser)
    parser.add_argument("--company", required=True, metavar="NOM",
                        help="le nom de la structure / the company's name")
    parser.add_argument("--date", type=date_argument, default=None, metavar="DATE",
                        help="l'auto-évaluation de ce jour (défaut : la dernière) / "
                        "the assessment of that day (default: the latest)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument("--today", type=date_argument, default=None, metavar="DATE")
    parser.set_defaults(handler=report)

    parser = kinds.add_parser("grid", help="la grille en Excel, dans un sens ou l'autre / "
                              "the grid as a sheet, either way")
    add_common(parser)
    way = parser.add_mutually_exclusive_group(required=True)
    way.add_argument("--export", type=Path, default=None, metavar="FILE.xlsx")
    way.add_argument("--import", dest="import_", type=Path, default=None, metavar="FILE.xlsx")
    parser.add_argument("--label", default=None, metavar="VERSION",
                        help="le nom de la version importée / the imported version's name")
    parser.add_argument("--today", type=date_argument, default=None, metavar="DATE")
    parser.set_defaults(handler=grid)
