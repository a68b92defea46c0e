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

from cedre_desk.errors import shown
from cedre_desk.imports import workbook_values as values
from cedre_desk.imports.workbook_account import (
    COMPUTED,
    FROM_COMPANIES_SHEET,
    LEFT_OUT_BY_MAP,
    NO_AUDIT_HERE,
    NOT_READ_HERE,
    NOT_RECOGNISED,
    ColumnAccount,
    SheetAccount,
    column_letter,
)
from cedre_desk.imports.workbook_fields import (
    AUDIT_COLUMNS,
    COMPANY_COLUMNS,
    DATE_FIELDS,
    FIELDS,
    FLAT_FAMILY,
    IGNORE,
    ColumnMapping,
    SheetMapping,
    find_header,
    kind_named,
    normalise,
    read_fields,
    sheet_kind,
    suggest_field,
    worded_decision,
)
from cedre_desk.imports.workbook_guess import (
    field_from_values,
    holds_decisions,
    is_value_list,
)
from cedre_desk.imports.workbook_records import ParsedWorkbook, Problem, Source
from cedre_desk.imports.workbook_rows import BUILDERS, LIST_OF, ImportLimits, Row, SheetReading
from cedre_desk.imports.workbook_source import RawSheet, read_raw_workbook

_COMPANY_FIELDS = read_fields("companies", True) - {"name", "siret", "town", "number"}
_COMPANY_ONLY = read_fields("companies", True) | COMPANY_COLUMNS
_AUDIT_DETAILS = frozenset({"auditors", "version", "iso_version", "duration", "conclusion",
                            "recommendation", "number"})
# How far a column is looked at for decisions written under a header not recognised, and
# how many columns a sheet is looked at for values without a header: enough for any register
# kept by hand, bounded for a hostile file.
_SNIFF_ROWS = 2000
_MAX_COLUMNS = 1000


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
                  limits: ImportLimits | None = None) -> ParsedWorkbook:
    """The records and the problems of the workbook at `path` (see the module's docstring).

    `today` decides whether an audit dated without a status took place (done) or not yet;
    `limits` which dates are refused as typing slips."""
    limits = limits or ImportLimits()
    raw = read_raw_workbook(Path(path), progress)
    parsed = ParsedWorkbook(our_export=raw.our_export)
    given = dict(overrides or {})
    classified = [_classify(sheet, given, raw.our_export) for sheet in raw.sheets]
    with_companies = any(c is not None and c.kind == "companies" for _s, c in classified)
    for sheet, mapping in classified:
        if mapping is None or (sheet.hidden and _names_only(sheet, mapping)):
            _left_out(sheet, parsed, raw.our_export)
            continue
        makes = mapping.kind == "companies" or (mapping.kind == "flat" and not with_companies)
        _read_sheet(sheet, mapping, SheetReading(mapping.kind, makes, today, limits), raw.epoch,
                    parsed)
    if not any((parsed.companies, parsed.audits, parsed.decisions, parsed.findings,
                parsed.sessions, parsed.groups, parsed.auditors, parsed.engagements,
                parsed.coaching)) and not parsed.problems:
        parsed.problems.append(Problem(
            Path(path).name, 0,
            "aucune feuille reconnue : aucune ligne d'en-tête avec au moins deux colonnes "
            "connues (Nom, SIRET, Ville, Date d'audit, Décision...) dans les 20 premières "
            "lignes. Indiquez les colonnes avec la correspondance (--map).",
            "no sheet recognised: no header row with at least two known columns (Name, SIRET, "
            "Town, Audit date, Decision...) in the first 20 rows. Give the columns with the "
            "mapping (--map)."))
    return parsed


def _classify(sheet: RawSheet, overrides: dict[str, str], our_export: bool
              ) -> tuple[RawSheet, Any]:
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
    header_row, columns = find_header(sheet.rows, first, sheet_overrides)
    if header_row == 0:
        return sheet, None
    columns = _worded_decisions(sheet.rows[header_row:], columns)
    kind, because = sheet_kind(_fields(columns), named)
    if kind != first:  # read the headers again as that kind's sheet says them
        header_row, columns = find_header(sheet.rows, kind, sheet_overrides)
        columns = _worded_decisions(sheet.rows[header_row:], columns)
    fields = _fields(columns)
    if "decision" in fields and not fields & (COMPANY_COLUMNS | {"group"}) \
            and is_value_list(sheet.rows[header_row - 1:]):
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
                                    for row in body[:_SNIFF_ROWS]) else c
            for c in columns]


def _filled(body: Sequence[Sequence[Any]], index: int) -> bool:
    return any(index < len(row) and values.as_text(row[index]) for row in body[:_SNIFF_ROWS])


def _names_only(sheet: RawSheet, mapping: SheetMapping) -> bool:
    """A hidden sheet read as flat that only lists names (no date, no value twice, nothing
    but company columns): the drop-down list a workbook hides, not records to import."""
    return mapping.kind == "flat" and _fields(mapping.columns) <= _COMPANY_ONLY \
        and is_value_list(sheet.rows[mapping.header_row - 1:])


def _fields(columns: Sequence[ColumnMapping]) -> set[str]:
    return {c.field for c in columns if c.field and c.field != IGNORE}


def _left_out(sheet: RawSheet, parsed: ParsedWorkbook, our_export: bool) -> None:
    notes = len(parsed.notes)
    _why_left_out(sheet, parsed, our_export)
    if sheet.hidden:  # say it: a hidden sheet is easily forgotten by whoever sends the file
        parsed.notes[notes:] = [replace(n, fr=f"feuille masquée, {n.fr}",
                                        en=f"hidden sheet, {n.en}") for n in parsed.notes[notes:]]
        parsed.sheets[-1].hidden = True


def _why_left_out(sheet: RawSheet, parsed: ParsedWorkbook, our_export: bool) -> None:
    if our_export and kind_named(sheet.title) == "skip":
        why = ("feuille calculée (échéances, historique)", "computed sheet (due events, "
               "history)")
        parsed.notes.append(Problem(sheet.title, 0, f"{why[0]}, laissée de côté.",
                                    f"{why[1]}, left out."))
    elif is_value_list(sheet.rows):
        why = ("listes de valeurs, sans structure ni date", "lists of values, with no company "
               "and no date")
        parsed.notes.append(Problem(sheet.title, 0, f"{why[0]}, laissées de côté.",
                                    f"{why[1]}, left out."))
    elif any(any(v is not None for v in row) for row in sheet.rows):
        why = ("aucune ligne d'en-tête reconnue", "no header row recognised")
        parsed.notes.append(Problem(sheet.title, 0, "aucune ligne d'en-tête reconnue, "
                                    "feuille laissée de côté.", "no header row recognised, "
                                    "sheet left out."))
        rows = sheet.rows[:_SNIFF_ROWS]
        width = min(max((len(row) for row in rows), default=0), _MAX_COLUMNS)
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


def _read_sheet(sheet: RawSheet, mapping: SheetMapping, reading: SheetReading, epoch: date,
                parsed: ParsedWorkbook) -> None:
    parsed.mappings.append(mapping)
    header_row = mapping.header_row
    body = sheet.rows[header_row:]
    account = SheetAccount(sheet.title, mapping.kind, mapping.because, reading.makes_companies,
                           header_row, first_row=header_row + 1, last_row=len(sheet.rows),
                           hidden=sheet.hidden)
    account.rows_above = [n + 1 for n, row in enumerate(sheet.rows[:header_row - 1])
                          if any(values.as_text(v) for v in row)]
    account.columns = _columns(mapping, body, reading)
    parsed.sheets.append(account)
    if _refuse_unplaced_decisions(account, parsed):  # each row would say the same again
        account.refused_rows = {header_row + 1 + n for n, cells in enumerate(body)
                                if any(values.as_text(v) for v in cells)}
        return
    fields = mapping.index_of()
    orders = {f: values.column_date_order(row[i] for row in body if i < len(row))
              for f, i in fields.items() if f in DATE_FIELDS}
    build = BUILDERS.get(mapping.kind, BUILDERS["flat"])
    dates = reading.limits.dates(reading.today)
    for offset, cells in enumerate(body):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            account.empty_rows += 1
            continue
        row = Row(cells, fields, orders, epoch, Source(sheet.title, header_row + 1 + offset),
                  dates)
        records = build(row, reading)
        if row.problems:
            parsed.problems += [Problem(sheet.title, row.source.row, fr, en)
                                for fr, en in row.problems]
            account.refused_rows.add(row.source.row)
            continue
        account.read_rows += 1
        parsed.warnings += [Problem(sheet.title, row.source.row, fr, en)
                            for fr, en in row.warnings]
        for record in records:
            name = LIST_OF[type(record).__name__]
            getattr(parsed, name).append(record)
            account.records[name] += 1


def _columns(mapping: SheetMapping, body: Sequence[Sequence[Any]], reading: SheetReading
             ) -> list[ColumnAccount]:
    """Each column with a header, and each column with values but no header: read as what,
    or left out and why."""
    readable = read_fields(reading.kind, reading.makes_companies)
    # On a flat row an audit is made from its date or kind: without them its details go nowhere.
    audits = any(c.field in AUDIT_COLUMNS for c in mapping.columns)
    accounts: list[ColumnAccount] = []
    first_of: dict[str, ColumnMapping] = {}
    for column in mapping.columns:
        letter, field = column_letter(column.index), column.field
        if field is None:
            cells = (row[column.index] if column.index < len(row) else None
                     for row in body[:_SNIFF_ROWS])
            # Decisions first, whatever the sheet reads: a decision column under a header
            # the program does not know must never go unread in silence.
            # A header's words alone never say decisions ("Motif de la décision"): its
            # values do, and they were looked at first.
            guess = _decisions_in(body, column.index) \
                or field_from_values(cells, column.header, readable) \
                or suggest_field(column.header, reading.kind, reading.makes_companies)
            guess = None if guess == "decision" and not _decisions_in(body, column.index) \
                else guess
            accounts.append(ColumnAccount(letter, column.header, None, NOT_RECOGNISED, guess))
        elif field == IGNORE:
            why = LEFT_OUT_BY_MAP if column.overridden else COMPUTED
            accounts.append(ColumnAccount(letter, column.header, None, why))
        elif field not in readable:
            why = FROM_COMPANIES_SHEET if reading.kind in FLAT_FAMILY and \
                field in _COMPANY_FIELDS else NOT_READ_HERE
            accounts.append(ColumnAccount(letter, column.header, None, why,
                                          _decisions_in(body, column.index)))
        elif field in _AUDIT_DETAILS and reading.kind in FLAT_FAMILY and not audits:
            accounts.append(ColumnAccount(letter, column.header, None, NO_AUDIT_HERE))
        elif field in first_of:
            first = first_of[field]
            accounts.append(ColumnAccount(letter, column.header, None, (
                f"même champ que la colonne {column_letter(first.index)} « {shown(first.header)} »,"
                " seule la première est lue",
                f"same field as column {column_letter(first.index)} “{shown(first.header)}”, only "
                "the first is read"), _decisions_in(body, column.index)))
        else:
            first_of[field] = column
            accounts.append(ColumnAccount(letter, column.header, field))
    named = {c.index for c in mapping.columns}
    width = max((len(row) for row in body), default=0)
    unnamed = [i for i in range(min(width, _MAX_COLUMNS)) if i not in named]
    filled: set[int] = set()
    for row in body if unnamed else ():  # one pass, over the columns without a header only
        filled.update(i for i in unnamed if i < len(row) and values.as_text(row[i]))
    accounts += [ColumnAccount(column_letter(i), "", None, (
        "colonne sans en-tête : donnez-lui un en-tête pour la lire",
        "column without a header: give it a header to read it"), _decisions_in(body, i))
        for i in sorted(filled)]
    accounts.sort(key=lambda c: (len(c.letter), c.letter))
    return accounts


def _decisions_in(body: Sequence[Sequence[Any]], index: int) -> str | None:
    """"decision" when the column left out at `index` holds committee decisions: a second
    decision column must not be dropped in silence."""
    cells = (row[index] if index < len(row) else None for row in body[:_SNIFF_ROWS])
    return "decision" if holds_decisions(cells) else None


def _refuse_unplaced_decisions(account: SheetAccount, parsed: ParsedWorkbook) -> bool:
    """Decisions no record can hold refuse the whole workbook: never half-imported. True
    when the sheet's rows cannot be read at all (no company column)."""
    read = {c.field for c in account.columns if c.field}
    unplaced = False
    if "decision" in read and not read & (COMPANY_COLUMNS | {"group"}):
        fr, en = FIELDS["name"]
        parsed.problems.append(Problem(
            account.sheet, 0, "cette feuille contient des décisions mais aucune colonne ne dit "
            f"de quelle structure : indiquez-la (--map \"En-tête=name\", {fr}).",
            "this sheet holds decisions but no column says which company: give it "
            f"(--map \"Header=name\", {en})."))
        unplaced = True
    for column in account.ignored:
        if column.suggestion == "decision":
            fr, en = column.why
            parsed.problems.append(Problem(
                account.sheet, 0, f"la colonne {column.letter} « {shown(column.header)} » contient "
                f"des décisions mais n'est pas lue ({fr or 'en-tête inconnu'}) : "
                f"{_decision_remedy(column, 'decision' in read, french=True)}.",
                f"column {column.letter} “{shown(column.header)}” holds decisions but is not read "
                f"({en or 'unknown header'}): "
                f"{_decision_remedy(column, 'decision' in read, french=False)}."))
    return unplaced


def _decision_remedy(column: ColumnAccount, another_read: bool, *, french: bool) -> str:
    """What to do with a decision column left out: map it, or, when another decision column
    is already read, keep one decision per row (a sheet or a row per decision)."""
    if not another_read:
        return column.map_option()
    if french:
        return ("une autre colonne de décisions est déjà lue : une seule décision par ligne, "
                "mettez l'autre sur sa propre ligne ou feuille, ou écartez-la (--map "
                f"\"{column.header}=ignore\")")
    return ("another decision column is already read: one decision per row, put the other "
            f"on its own row or sheet, or leave it out (--map \"{column.header}=ignore\")")
