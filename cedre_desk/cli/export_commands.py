"""Exports, imports and yearly figures on the command line: the same services as the window.

    cedre-desk export register --db PATH -o FILE.xlsx
    cedre-desk export report   --db PATH --audit ID -o FILE.pdf
    cedre-desk export calendar --db PATH [--from DATE --to DATE] -o FILE.xlsx|.pdf|.ics
    cedre-desk export stats    --db PATH --year YYYY -o FILE.xlsx|.pdf
    cedre-desk import --db PATH FILE.xlsx [--new] [--dry-run] [--map "Header=field" ...]
    cedre-desk stats  --db PATH --year YYYY [--format json|table]

`import` exits 0 when the workbook was imported (or, with --dry-run, would be), 1 when rows
were rejected: then nothing is written and each rejected row is listed on standard error.
With --new the register is made by the import: it exists only once the workbook is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from cedre_desk.cli.arguments import date_argument, days_argument, id_argument, year_argument
from cedre_desk.cli.parser import add_common
from cedre_desk.errors import UserError
from cedre_desk.exports.calendar_events import period_from
from cedre_desk.exports.statistics_figures import FIGURES, line_text
from cedre_desk.imports.workbook import parse_overrides
from cedre_desk.imports.workbook_fields import FIELDS
from cedre_desk.paths import default_register
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.importing.new_register import import_new_register
from cedre_desk.services.importing.problem_list import (
    needs_full_list,
    problem_lines,
    write_full_list,
)
from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportResult, ImportService
from cedre_desk.services.register import open_or_create
from cedre_desk.services.statistics import StatisticsService
from cedre_desk.storage.database import Database


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()  # noqa: DTZ011 - the user's local day is the one meant


def _open(args: argparse.Namespace) -> Database:
    path = getattr(args, "db", None) or default_register()  # a Path or a URL (cli.parser)
    return open_or_create(path, create=False)


def _say(args: argparse.Namespace, fr: str, en: str, *, err: bool = False) -> None:
    print(en if args.lang == "en" else fr, file=sys.stderr if err else sys.stdout)


def _suffix(output: Path, allowed: tuple[str, ...]) -> str:
    suffix = output.suffix.lower()
    if suffix not in allowed:
        listed = ", ".join(allowed)
        raise UserError(f"« {output.name} » : extension attendue {listed}.",
                        f"“{output.name}”: expected extension {listed}.", field="output")
    return suffix


def export_register(args: argparse.Namespace) -> int:
    _suffix(args.output, (".xlsx",))
    db = _open(args)
    try:
        report = ExportService(db).register(args.output, today=_today(args), lang=args.lang)
    finally:
        db.close()
    total = sum(report.rows.values())
    _say(args, f"Registre exporté : {args.output} ({total} lignes).",
         f"Register exported: {args.output} ({total} rows).")
    for cut in report.cut:
        _say(args, f"Texte tronqué à 32 767 caractères : {cut.sheet}, ligne {cut.row}, "
             f"colonne « {cut.column} » ({cut.length} caractères).",
             f"Text cut at 32,767 characters: {cut.sheet}, row {cut.row}, column "
             f"“{cut.column}” ({cut.length} characters).", err=True)
    return 0


def export_report(args: argparse.Namespace) -> int:
    _suffix(args.output, (".pdf",))
    db = _open(args)
    try:
        ExportService(db).audit_report(args.audit, args.output, today=_today(args),
                                       lang=args.lang)
    finally:
        db.close()
    _say(args, f"Rapport d'audit écrit : {args.output}.", f"Audit report written: {args.output}.")
    return 0


def export_calendar(args: argparse.Namespace) -> int:
    _suffix(args.output, (".xlsx", ".pdf", ".ics"))
    today = _today(args)
    period = period_from(args.start, args.end, today)  # refuses a reversed period
    start, end = period.start, period.end
    db = _open(args)
    try:
        ExportService(db).calendar(args.output, period=period, today=today,
                                   lang=args.lang, reminder_days=args.reminder)
    finally:
        db.close()
    _say(args, f"Calendrier écrit : {args.output} ({start:%d/%m/%Y} – {end:%d/%m/%Y}).",
         f"Calendar written: {args.output} ({start.isoformat()} – {end.isoformat()}).")
    return 0


def export_stats(args: argparse.Namespace) -> int:
    suffix = _suffix(args.output, (".xlsx", ".pdf"))
    db = _open(args)
    try:
        service = StatisticsService(db)
        if suffix == ".xlsx":
            service.write_workbook(args.year, args.output, lang=args.lang)
        else:
            service.write_pdf(args.year, args.output, printed_on=_today(args), lang=args.lang)
    finally:
        db.close()
    _say(args, f"Chiffres {args.year} écrits : {args.output}.",
         f"Figures for {args.year} written: {args.output}.")
    return 0


def stats(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        figures = StatisticsService(db).yearly(args.year)
    finally:
        db.close()
    if args.format == "json":
        sys.stdout.write(json.dumps(figures.as_json(args.lang), ensure_ascii=False, indent=2)
                         + "\n")
        return 0
    total = figures.total
    for key, fr, en in FIGURES:
        print(f"{(en if args.lang == 'en' else fr):45} {getattr(total, key):>6}")
    for scheme, count in total.certified_by_scheme.items():
        print(f"   {scheme:42} {count:>6}")
    share = f"{total.certified_share * 100:.1f} %"
    print(f"{'Share of active members certified' if args.lang == 'en' else 'Part des adhérents actifs certifiés':45} {share:>8}")  # noqa: E501
    colon = ":" if args.lang == "en" else "\u00a0:"
    for scheme, lines in figures.newly_certified_lines.items():
        if lines:
            print(f"\n{scheme}{colon}")
        for line in lines:
            print(f"  {line_text(line, args.lang)}")
    return 0


def import_workbook(args: argparse.Namespace) -> int:
    try:
        overrides = parse_overrides(args.map or [])
    except ValueError as error:
        raise UserError(f"Correspondance de colonnes incomprise : {error}",
                        f"Column mapping not understood: {error}", field="map") from error
    if args.new:
        if not getattr(args, "db", None):
            raise UserError("--new demande --db FICHIER : le registre à créer.",
                            "--new needs --db FILE: the register to make.", field="db")
        result = import_new_register(Path(args.db), args.file, today=_today(args),
                                     overrides=overrides, dry_run=args.dry_run)
    else:
        db = _open(args)
        try:
            result = ImportService(db).run(args.file, today=_today(args), overrides=overrides,
                                           dry_run=args.dry_run)
        finally:
            db.close()
    _report_import(args, result)
    if args.new and result.written:
        _say(args, f"Registre créé : {args.db}.", f"Register made: {args.db}.")
    return 0 if result.ok else 1


def _report_import(args: argparse.Namespace, result: ImportResult) -> None:
    """The summary on standard output; a refusal, row by row, on standard error: the first
    50 rows, then a count and the file that lists them all."""
    full_list = write_full_list(result, args.lang) if needs_full_list(result) else None
    sys.stdout.write(import_summary(result, args.lang, problems=False, full_list=full_list))
    if result.ok:
        return
    for line in problem_lines(result, args.lang, full_list=full_list):
        print(line, file=sys.stderr)
    _say(args, f"Import refusé : {len(result.problems)} problème(s), rien n'a été écrit.",
         f"Import refused: {len(result.problems)} problem(s), nothing was written.", err=True)


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="exporter / export (register, report, "
                                 "calendar, stats)")
    kinds = export.add_subparsers(dest="export_kind", metavar="QUOI", required=True)

    def leaf(name: str, help_text: str, handler: object) -> argparse.ArgumentParser:
        parser = kinds.add_parser(name, help=help_text)
        add_common(parser)
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
        parser.add_argument("--today", type=date_argument, default=None, metavar="DATE")
        parser.set_defaults(handler=handler)
        return parser

    leaf("register", "le registre en Excel / the register as Excel", export_register)
    parser = leaf("report", "le rapport d'un audit en PDF / an audit report as PDF",
                  export_report)
    parser.add_argument("--audit", type=id_argument, required=True, metavar="ID")
    parser = leaf("calendar", "les échéances d'une période / the deadlines of a period",
                  export_calendar)
    parser.add_argument("--from", dest="start", type=date_argument, default=None,
                        metavar="DATE", help="début (défaut : aujourd'hui) / start")
    parser.add_argument("--to", dest="end", type=date_argument, default=None, metavar="DATE",
                        help="fin (défaut : 12 mois) / end (default: 12 months)")
    parser.add_argument("--reminder", type=days_argument, default=30, metavar="DAYS",
                        help="rappel, en jours avant (.ics) / reminder, days before (.ics)")
    parser = leaf("stats", "les chiffres d'une année / the figures of a year", export_stats)
    parser.add_argument("--year", type=year_argument, required=True, metavar="YYYY")

    parser = commands.add_parser("import", help="importer un classeur Excel / import a workbook")
    add_common(parser)
    parser.add_argument("file", type=Path, metavar="FILE.xlsx")
    parser.add_argument("--dry-run", action="store_true",
                        help="essai à blanc, rien n'est écrit / nothing is written")
    parser.add_argument("--new", action="store_true",
                        help="créer le registre --db et y importer, tout ou rien / make the "
                        "--db register and import into it, all or nothing")
    parser.add_argument("--map", action="append", metavar="HEADER=FIELD",
                        help="colonne → champ / column → field; champs / fields: "
                        + ", ".join(sorted(FIELDS)))
    parser.add_argument("--today", type=date_argument, default=None, metavar="DATE")
    parser.set_defaults(handler=import_workbook)

    parser = commands.add_parser("stats", help="les chiffres d'une année / yearly figures")
    add_common(parser)
    parser.add_argument("--year", type=year_argument, required=True, metavar="YYYY")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(handler=stats)
