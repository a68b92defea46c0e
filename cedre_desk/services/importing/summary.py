"""The import summary a quality manager reads: what was (or, in a dry run, would be) imported,
then every sheet, column and row accounted for, the warnings, and the refused rows.

The command line prints it; the window's import dialog shows the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cedre_desk.errors import SHOWN_MAX, shown
from cedre_desk.imports.workbook_account import NOT_RECOGNISED, ColumnAccount, SheetAccount
from cedre_desk.imports.workbook_fields import FIELDS
from cedre_desk.imports.workbook_records import Problem
from cedre_desk.services.importing.problem_list import problem_lines, warning_lines
from cedre_desk.services.importing.workbook_import import (
    COUNT_KEYS,
    MEMBERSHIP_KEYS,
    ImportResult,
)

# New records per kind, as the services count them (COUNT_KEYS): French one and many,
# English one and many.
COUNT_LABELS: dict[str, tuple[str, str, str, str]] = {
    "companies": ("structure nouvelle", "structures nouvelles", "new company", "new companies"),
    "companies_matched": (
        "structure déjà dans le registre (reliée, jamais modifiée)",
        "structures déjà dans le registre (reliées, jamais modifiées)",
        "company already in the register (linked to, never changed)",
        "companies already in the register (linked to, never changed)"),
    "groups": ("groupe", "groupes", "group", "groups"),
    "memberships": ("appartenance à un groupe", "appartenances à un groupe",
                    "group membership", "group memberships"),
    "memberships_dated": (
        "appartenance datée (entrée ou sortie du groupe)",
        "appartenances datées (entrée ou sortie du groupe)",
        "dated membership (joined or left the group)",
        "dated memberships (joined or left the group)"),
    "auditors": ("auditeur", "auditeurs", "auditor", "auditors"),
    "coaching": ("accompagnement", "accompagnements", "coaching link", "coaching links"),
    "engagements": ("entrée dans la démarche", "entrées dans la démarche", "engagement",
                    "engagements"),
    "sessions": ("session de comité", "sessions de comité", "committee session",
                 "committee sessions"),
    "audits": ("audit", "audits", "audit", "audits"),
    "findings": ("constat", "constats", "finding", "findings"),
    "decisions": ("décision de comité", "décisions de comité", "committee decision",
                  "committee decisions"),
    "audits_known": ("audit déjà dans le registre (laissé tel quel)",
                     "audits déjà dans le registre (laissés tels quels)",
                     "audit already in the register (left as it is)",
                     "audits already in the register (left as they are)"),
    "findings_known": ("constat d'un audit déjà dans le registre",
                       "constats d'audits déjà dans le registre",
                       "finding of an audit already in the register",
                       "findings of audits already in the register"),
    "decisions_known": ("décision déjà dans le registre (laissée telle quelle)",
                        "décisions déjà dans le registre (laissées telles quelles)",
                        "decision already in the register (left as it is)",
                        "decisions already in the register (left as they are)"),
}
# What a sheet holds.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "companies": ("une liste de structures", "a list of companies"),
    "flat": ("des structures avec leurs audits et décisions",
             "companies with their audits and decisions"),
    "audits": ("des audits", "audits"),
    "decisions": ("des décisions de comité", "committee decisions"),
    "findings": ("des constats d'audit", "audit findings"),
    "sessions": ("des sessions de comité", "committee sessions"),
    "groups": ("des groupes", "groups"),
    "memberships": ("des appartenances aux groupes (avec leurs dates)",
                    "group memberships (with their dates)"),
    "auditors": ("des auditeurs", "auditors"),
    "coaching": ("des accompagnements", "coaching links"),
    "engagements": ("des entrées dans la démarche", "engagements"),
}
# What a sheet's rows gave, by list of records.
RECORD_LABELS: dict[str, tuple[str, str]] = {
    "companies": ("structures", "companies"), "groups": ("groupes", "groups"),
    "memberships": ("appartenances", "memberships"),
    "auditors": ("auditeurs", "auditors"), "coaching": ("accompagnements", "coaching links"),
    "engagements": ("entrées dans la démarche", "engagements"),
    "sessions": ("sessions", "sessions"), "audits": ("audits", "audits"),
    "findings": ("constats", "findings"), "decisions": ("décisions", "decisions"),
}


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def counts_text(counts: dict[str, int], lang: str) -> list[str]:
    """ "18 décisions de comité" lines, in the order of COUNT_KEYS then MEMBERSHIP_KEYS;
    none when nothing."""
    lines = []
    for key in COUNT_KEYS + MEMBERSHIP_KEYS:
        count = counts.get(key, 0)
        if count:
            fr_one, fr_many, en_one, en_many = COUNT_LABELS[key]
            lines.append(f"{count} " + (_t(lang, fr_one, en_one) if count == 1
                                        else _t(lang, fr_many, en_many)))
    return lines


def import_summary(result: ImportResult, lang: str = "fr", *, problems: bool = True,
                   full_list: Path | None = None) -> str:
    """The whole summary, one line per fact, in French or in English; `problems=False`
    leaves out the list of refused rows (the command line prints it on standard error).
    Refused rows and warnings are listed up to problem_list.LISTED, then counted, with
    `full_list` named as the file that holds them all."""
    name = shown(result.path.name)
    lines: list[str] = []
    if not result.ok:
        lines.append(_t(lang, f"Import refusé : « {name} » n'a pas été importé, rien n'a été "
                        f"écrit ({len(result.problems)} problème(s), listés ci-dessous).",
                        f"Import refused: “{name}” was not imported, nothing was written "
                        f"({len(result.problems)} problem(s), see below)."))
    elif result.dry_run:
        lines.append(_t(lang, f"Essai à blanc de « {name} » : rien n'a été écrit. Serait "
                        "importé :", f"Dry run of “{name}”: nothing was written. Would "
                        "import:"))
    else:
        lines.append(_t(lang, f"Le registre a importé « {name} ». Importé :",
                        f"The register imported “{name}”. Imported:"))
    if result.ok:
        lines += [f"  {line}" for line in counts_text(
            {**result.counts, **result.membership_counts}, lang)] or \
            [_t(lang, "  rien", "  nothing")]
    lines.append("")
    for sheet in result.sheets:
        lines += sheet_lines(sheet, result.problems, lang)
    if result.warnings:
        lines.append(_t(lang, "Avertissements (importé tel qu'écrit, à vérifier) :",
                        "Warnings (imported as written, to be checked):"))
        lines += [f"  {line}" for line in warning_lines(result, lang, full_list=full_list)]
    if result.problems and problems:
        lines.append(_t(lang, "Refusé (rien n'est écrit tant qu'il en reste) :",
                        "Refused (nothing is written while any is left):"))
        lines += [f"  {line}" for line in problem_lines(result, lang, full_list=full_list)]
    return "\n".join(lines).rstrip() + "\n"


def sheet_lines(sheet: SheetAccount, problems: Iterable[Problem], lang: str) -> list[str]:
    """What became of one sheet: its kind and why, its rows, each column."""
    title = f"« {shown(sheet.sheet)} »" if lang != "en" else f"“{shown(sheet.sheet)}”"
    if sheet.hidden:
        title += _t(lang, " (masquée)", " (hidden)")
    if not sheet.kind:
        fr, en = sheet.left_out
        return [_t(lang, f"Feuille {title} : laissée de côté ({fr}).",
                   f"Sheet {title}: left out ({en}).")]
    kind = _t(lang, *KIND_LABELS.get(sheet.kind, (sheet.kind, sheet.kind)))
    because = ""
    if sheet.because:
        names = [_t(lang, *FIELDS[f]) for f in sheet.because if f in FIELDS]
        joined = _t(lang, " et ", " and ").join(names)
        because = _t(lang, f", d'après ses colonnes {joined}", f", from its columns {joined}")
    elif sheet.kind != "flat":
        because = _t(lang, ", d'après son nom", ", from its name")
    lines = [_t(lang, f"Feuille {title} : lue comme {kind}{because} (en-tête ligne "
                f"{sheet.header_row}).", f"Sheet {title}: read as {kind}{because} (header on "
                f"row {sheet.header_row}).")]
    if sheet.kind in ("flat", "audits", "decisions"):
        lines.append("  " + (_t(lang, "Les structures nouvelles sont créées d'après cette "
                                "feuille.", "New companies are made from this sheet.")
                             if sheet.makes_companies else
                             _t(lang, "Les structures doivent être dans le classeur ou le "
                                "registre.", "Companies must be in the workbook or the "
                                "register.")))
    if sheet.rows_above:
        above = ", ".join(str(n) for n in sheet.rows_above)
        lines.append(_t(lang, f"  Au-dessus de l'en-tête (titre), laissées de côté : ligne(s) "
                        f"{above}.", f"  Above the header (title), left out: row(s) {above}."))
    later = {p.row for p in problems if p.sheet == sheet.sheet and p.row} - sheet.refused_rows
    refused = len(sheet.refused_rows | later)
    read_rows = sheet.read_rows - len(later)  # read, then refused against the register
    gave = ", ".join(f"{n} {_t(lang, *RECORD_LABELS[k])}" for k, n in sheet.records.items()
                     if n)
    if sheet.last_row >= sheet.first_row:
        lines.append(_t(
            lang, f"  Lignes {sheet.first_row} à {sheet.last_row} : {_n(read_rows, 'lue', lang)}"
            f"{f' ({gave})' if gave else ''}, {_n(refused, 'refusée', lang)}, "
            f"{_n(sheet.empty_rows, 'vide', lang)}.",
            f"  Rows {sheet.first_row} to {sheet.last_row}: {read_rows} read"
            f"{f' ({gave})' if gave else ''}, {refused} refused, {sheet.empty_rows} empty."))
        if sheet.total_rows:
            totals = ", ".join(str(n) for n in sheet.total_rows)
            lines.append(_t(lang, f"  Ligne(s) de total, laissée(s) de côté : {totals}.",
                            f"  Total line(s), left out: {totals}."))
    else:
        lines.append(_t(lang, "  Aucune ligne sous l'en-tête.", "  No row below the header."))
    read = [c for c in sheet.columns if c.read]
    if read:
        lines.append(_t(lang, "  Colonnes lues :", "  Columns read:"))
        lines += [f"    {_column_read(c, lang)}" for c in read]
    for column in sheet.ignored:
        lines.append("  " + _column_left_out(column, lang))
    return lines


def _n(count: int, word: str, lang: str) -> str:
    """ "3 lues", "1 refusée", "0 vide" (French agrees in number from 2)."""
    return f"{count} {word}{'s' if count > 1 and lang != 'en' else ''}"


def _column_read(column: ColumnAccount, lang: str) -> str:
    assert column.field is not None
    field = _t(lang, *FIELDS[column.field])
    return f"{column.letter} « {shown(column.header)} » → {field}" if lang != "en" else \
        f"{column.letter} “{shown(column.header)}” → {field}"


def _column_left_out(column: ColumnAccount, lang: str) -> str:
    header = (f"« {shown(column.header)} »" if lang != "en" else f"“{shown(column.header)}”") \
        if column.header else ""
    fr, en = column.why
    text = _t(lang, f"Colonne laissée de côté : {column.letter} {header} ({fr}).",
              f"Column left out: {column.letter} {header} ({en}).").replace("  ", " ")
    if column.header and column.why == NOT_RECOGNISED:
        if len(column.header) > SHOWN_MAX:  # no one types it in an option: rename it
            text += _t(lang, " Pour la lire : donnez-lui un en-tête plus court.",
                       " To read it: give it a shorter header.")
        elif column.suggestion:
            field = _t(lang, *FIELDS[column.suggestion])
            text += _t(lang, f" Pour la lire comme « {field} » : {column.map_option()}.",
                       f" To read it as “{field}”: {column.map_option()}.")
        else:
            text += _t(lang, f" Pour la lire : {column.map_option()} (champs : "
                       "cedre-desk-cli import --help).",
                       f" To read it: {column.map_option()} (fields: cedre-desk-cli import "
                       "--help).")
    return text
