"""Read a workbook to import: our own Excel register, or a register kept by hand.

Every sheet is looked at, hidden ones too (a hidden sheet may hold the decisions): its
header row among the first 20 rows, each column's field (the user may change any with
`overrides`), then what the sheet holds from those columns
(workbook_fields.sheet_kind: a sheet with a company column and a decision column holds
decisions, whatever its name), then each row below the header becomes records
(workbook_rows) or, when a value cannot be read, a `Problem` naming the row and the reason in
French and English. A row with a problem gives no record at all: the import is all or
nothing, so the services refuse to write while any problem is left. A sheet whose decisions
cannot be placed (no company column, or decisions in a column that is not read) is a problem
too: decisions are never left out.

A memberships sheet (our export's "Appartenances", or one kept by hand: Groupe, Structure,
Entrée, Sortie, named "GES", "Groupes" or nothing telling) gives each company's period in a
group. Read as a flat or groups sheet, its "Entrée" would be an entry into the process and its
companies taken for groups: such a sheet whose columns read as a memberships sheet's is one.

What became of every sheet, column and row is kept (workbook_account) for the summary.

A flat sheet (a name that says nothing, or "Audits"/"Décisions" sheets kept by hand) carries
on each row a company and, beside it, at most one audit, one committee decision and one
engagement. Only the companies sheet makes new companies, or a flat sheet when the workbook
has no companies sheet; the other sheets must name companies that are in the workbook or the
register.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from cedre_desk.audits.date_limits import DATE_LIMITS, DateLimits
from cedre_desk.imports import workbook_values as values
from cedre_desk.imports.workbook_account import (
    SheetAccount,
    column_letter,
)
from cedre_desk.imports.workbook_columns import MAX_COLUMNS, SNIFF_ROWS
from cedre_desk.imports.workbook_fields import (
    COMPANY_COLUMNS,
    FIELDS,
    IGNORE,
    ColumnMapping,
    SheetMapping,
    find_header,
    holds_memberships,
    kind_named,
    normalise,
    read_fields,
    sheet_kind,
    worded_decision,
)
from cedre_desk.imports.workbook_guess import (
    holds_decisions,
    is_value_list,
)
from cedre_desk.imports.workbook_records import ParsedWorkbook, Problem
from cedre_desk.imports.workbook_rows import SheetReading
from cedre_desk.imports.workbook_sheet import read_sheet
from cedre_desk.imports.workbook_source import SheetSource, open_workbook

_COMPANY_ONLY = read_fields("companies", True) | COMPANY_COLUMNS


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """ "Header=field" pairs (as typed after --map) -> {normalised header: field}.

    "Sheet!Header=field" limits the change to one sheet; "Header=" or "Header=ignore" leaves
    the column out. Raises ValueError naming a pair that is not understood."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        field = field.strip() or IGNORE
        if not sep or not header.strip() or field not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            raise ValueError(f"--map {pair!r}: expected \"Header=field\", field among: {known}")
        sheet, bang, name = header.rpartition("!")
        key = f"{normalise(sheet)}!{normalise(name)}" if bang else normalise(header)
        overrides[key] = field
    return overrides


def read_workbook(path: Path, *, overrides: Mapping[str, str] | None = None, today: date,
                  progress: Callable[[int], None] | None = None,
                  limits: DateLimits = DATE_LIMITS) -> ParsedWorkbook:
    """The records and the problems of the workbook at `path` (see the module's docstring).

    `today` decides whether an audit dated without a status took place (done) or not yet;
    `limits` which dates are refused as typing slips. Every sheet is classified from its
    first rows, then each is read in turn, its rows streamed (workbook_sheet)."""
    with open_workbook(Path(path), progress) as book:
        parsed = ParsedWorkbook(our_export=book.our_export)
        given = dict(overrides or {})
        # A bare number in a column looked at for what it holds is a date within the
        # certification dates (DateLimits); a field read later has its own.
        within = limits.dates(today)
        classified = [_classify(sheet, given, book.our_export, within) for sheet in book.sheets]
        with_companies = any(c is not None and c.kind == "companies" for _s, c in classified)
        for sheet, mapping in classified:
            if mapping is None or (sheet.hidden and _names_only(sheet, mapping, within)):
                _left_out(sheet, parsed, book.our_export, within)
            else:
                makes = mapping.kind == "companies" or (mapping.kind == "flat"
                                                        and not with_companies)
                read_sheet(sheet, mapping, SheetReading(mapping.kind, makes, today, limits),
                           book.epoch, parsed)
            sheet.release()
    if not any((parsed.companies, parsed.audits, parsed.decisions, parsed.findings,
                parsed.sessions, parsed.groups, parsed.memberships, parsed.auditors,
                parsed.engagements, parsed.coaching)) and not parsed.problems:
        parsed.problems.append(Problem(
            Path(path).name, 0,
            "aucune feuille reconnue : aucune ligne d'en-tête avec au moins deux colonnes "
            "connues (Nom, SIRET, Ville, Date d'audit, Décision...) dans les 20 premières "
            "lignes. Indiquez les colonnes avec la correspondance (--map).",
            "no sheet recognised: no header row with at least two known columns (Name, SIRET, "
            "Town, Audit date, Decision...) in the first 20 rows. Give the columns with the "
            "mapping (--map)."))
    return parsed


def _classify(sheet: SheetSource, overrides: dict[str, str], our_export: bool,
              within: tuple[date, date]) -> tuple[SheetSource, Any]:
    """The sheet and its mapping (header, columns, kind from the columns); None when the
    sheet is computed (in the program's own export only) or has no header row."""
    named = kind_named(sheet.title)
    if named == "skip":
        if our_export:
            return sheet, None
        named = None  # a hand-kept "Historique" may hold decisions: its columns say what
    prefix = normalise(sheet.title) + "!"
    sheet_overrides = {**overrides, **{k[len(prefix):]: v for k, v in overrides.items()
                                       if k.startswith(prefix)}}
    first = named or "flat"
    header_row, columns = find_header(sheet.head, first, sheet_overrides)
    if header_row == 0:
        return sheet, None
    columns = _worded_decisions(sheet.head[header_row:], columns)
    kind, because = sheet_kind(_fields(columns), named)
    if kind != first:  # read the headers again as that kind's sheet says them
        header_row, columns = find_header(sheet.head, kind, sheet_overrides)
        columns = _worded_decisions(sheet.head[header_row:], columns)
    if kind in ("flat", "groups") and named in (None, "groups"):
        # Groupe, Structure, Entrée, Sortie: read as a flat or groups sheet, "Entrée" would be
        # an entry into the process and the companies taken for groups.
        as_members = find_header(sheet.head, "memberships", sheet_overrides)
        if as_members[0] and holds_memberships(_fields(as_members[1])):
            kind, because = "memberships", "groups,group_joined_on"
            header_row, columns = as_members
    fields = _fields(columns)
    if "decision" in fields and not fields & (COMPANY_COLUMNS | {"group"}) \
            and is_value_list(sheet.head[header_row - 1:], within):
        return sheet, None  # the drop-down lists of the workbook, not decisions
    if kind in ("flat", "decisions") and "decision" in fields \
            and "committee_date" not in fields:
        # A bare "Date" beside a decision is the committee's date, but on an audits sheet
        # the audit's: its decisions are then placed on the next session (the services).
        columns = [replace(c, field="committee_date")
                   if normalise(c.header) == "date" and not c.overridden else c
                   for c in columns]
    return sheet, SheetMapping(sheet.title, kind, header_row, tuple(columns),
                               tuple(because.split(",")) if because else ())


def _worded_decisions(body: Sequence[Sequence[Any]], columns: list[ColumnMapping]
                      ) -> list[ColumnMapping]:
    """A column taken for decisions from its header's words alone ("Avis CEDRE") whose
    values are not decisions ("favorable, sous réserve") is not read as decisions: it is left
    out as not recognised, with the --map that would place it."""
    return [replace(c, field=None)
            if c.field == "decision" and not c.overridden and worded_decision(c.header)
            and _filled(body, c.index)
            and not holds_decisions(row[c.index] if c.index < len(row) else None
                                    for row in body[:SNIFF_ROWS]) else c
            for c in columns]


def _filled(body: Sequence[Sequence[Any]], index: int) -> bool:
    return any(index < len(row) and values.as_text(row[index]) for row in body[:SNIFF_ROWS])


def _names_only(sheet: SheetSource, mapping: SheetMapping, within: tuple[date, date]) -> bool:
    """A hidden sheet read as flat that only lists names (no date, no value twice, nothing
    but company columns): the drop-down list a workbook hides, not records to import."""
    return mapping.kind == "flat" and _fields(mapping.columns) <= _COMPANY_ONLY \
        and is_value_list(sheet.head[mapping.header_row - 1:], within)


def _fields(columns: Sequence[ColumnMapping]) -> set[str]:
    return {c.field for c in columns if c.field and c.field != IGNORE}


def _left_out(sheet: SheetSource, parsed: ParsedWorkbook, our_export: bool,
              within: tuple[date, date]) -> None:
    notes = len(parsed.notes)
    _why_left_out(sheet, parsed, our_export, within)
    if sheet.hidden:  # say it: a hidden sheet is easily forgotten by whoever sends the file
        parsed.notes[notes:] = [replace(n, fr=f"feuille masquée, {n.fr}",
                                        en=f"hidden sheet, {n.en}") for n in parsed.notes[notes:]]
        parsed.sheets[-1].hidden = True


def _why_left_out(sheet: SheetSource, parsed: ParsedWorkbook, our_export: bool,
                  within: tuple[date, date]) -> None:
    if our_export and kind_named(sheet.title) == "skip":
        why = ("feuille calculée (échéances, historique)", "computed sheet (due events, "
               "history)")
        parsed.notes.append(Problem(sheet.title, 0, f"{why[0]}, laissée de côté.",
                                    f"{why[1]}, left out."))
    elif is_value_list(sheet.head, within):
        why = ("listes de valeurs, sans structure ni date", "lists of values, with no company "
               "and no date")
        parsed.notes.append(Problem(sheet.title, 0, f"{why[0]}, laissées de côté.",
                                    f"{why[1]}, left out."))
    elif any(any(v is not None for v in row) for row in sheet.rows()):
        why = ("aucune ligne d'en-tête reconnue", "no header row recognised")
        parsed.notes.append(Problem(sheet.title, 0, "aucune ligne d'en-tête reconnue, "
                                    "feuille laissée de côté.", "no header row recognised, "
                                    "sheet left out."))
        rows = sheet.head[:SNIFF_ROWS]
        width = min(max((len(row) for row in rows), default=0), MAX_COLUMNS)
        for index in range(width):
            if holds_decisions(row[index] if index < len(row) else None for row in rows):
                parsed.problems.append(Problem(
                    sheet.title, 0, f"la colonne {column_letter(index)} contient des décisions"
                    " (Accordée, Renouvelée...) mais la feuille n'a pas d'en-tête reconnu : "
                    "donnez-lui une ligne d'en-tête (Structure, Date du comité, Décision).",
                    f"column {column_letter(index)} holds decisions (Granted, Renewed...) "
                    "but the sheet has no header recognised: give it a header row "
                    "(Company, Committee date, Decision)."))
                break
    else:
        why = ("feuille vide", "empty sheet")
        if sheet.hidden:
            parsed.notes.append(Problem(sheet.title, 0, "vide, laissée de côté.",
                                        "empty, left out."))
    parsed.sheets.append(SheetAccount(sheet.title, "", left_out=why))
