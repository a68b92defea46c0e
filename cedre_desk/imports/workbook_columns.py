"""What became of each column of a recognised sheet (workbook_account.ColumnAccount): read as
a field, or left out with the reason and the `--map` that would place it; and the refusal of
a sheet whose decisions no record can hold.

Guesses look at the first `SNIFF_ROWS` rows below the header: enough for any register kept by
hand, bounded for a hostile file.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    FIELDS,
    FLAT_FAMILY,
    IGNORE,
    ColumnMapping,
    SheetMapping,
    read_fields,
    suggest_field,
)
from cedre_desk.imports.workbook_guess import field_from_values, holds_decisions
from cedre_desk.imports.workbook_records import ParsedWorkbook, Problem
from cedre_desk.imports.workbook_rows import SheetReading

# How far a column is looked at for decisions written under a header not recognised, and
# how many columns a sheet is looked at for values without a header.
SNIFF_ROWS = 2000
MAX_COLUMNS = 1000
_COMPANY_FIELDS = read_fields("companies", True) - {"name", "siret", "town", "number"}
_AUDIT_DETAILS = frozenset({"auditors", "version", "iso_version", "duration", "conclusion",
                            "recommendation", "number"})


def column_accounts(mapping: SheetMapping, body: Sequence[Sequence[Any]], reading: SheetReading
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
                     for row in body[:SNIFF_ROWS])
            # Decisions first, whatever the sheet reads: a decision column under a header
            # the program does not know must never go unread in silence.
            # A header's words alone never say decisions ("Motif de la décision"): its
            # values do, and they were looked at first.
            guess = decisions_in(body, column.index) \
                or field_from_values(cells, column.header, readable,
                                     reading.limits.dates(reading.today)) \
                or suggest_field(column.header, reading.kind, reading.makes_companies)
            guess = None if guess == "decision" and not decisions_in(body, column.index) \
                else guess
            accounts.append(ColumnAccount(letter, column.header, None, NOT_RECOGNISED, guess))
        elif field == IGNORE:
            why = LEFT_OUT_BY_MAP if column.overridden else COMPUTED
            accounts.append(ColumnAccount(letter, column.header, None, why))
        elif field not in readable:
            why = FROM_COMPANIES_SHEET if reading.kind in FLAT_FAMILY and \
                field in _COMPANY_FIELDS else NOT_READ_HERE
            accounts.append(ColumnAccount(letter, column.header, None, why,
                                          decisions_in(body, column.index)))
        elif field in _AUDIT_DETAILS and reading.kind in FLAT_FAMILY and not audits:
            accounts.append(ColumnAccount(letter, column.header, None, NO_AUDIT_HERE))
        elif field in first_of:
            first = first_of[field]
            accounts.append(ColumnAccount(letter, column.header, None, (
                f"même champ que la colonne {column_letter(first.index)} « {shown(first.header)} »,"
                " seule la première est lue",
                f"same field as column {column_letter(first.index)} “{shown(first.header)}”, only "
                "the first is read"), decisions_in(body, column.index)))
        else:
            first_of[field] = column
            accounts.append(ColumnAccount(letter, column.header, field))
    named = {c.index for c in mapping.columns}
    width = max((len(row) for row in body), default=0)
    unnamed = [i for i in range(min(width, MAX_COLUMNS)) if i not in named]
    filled: set[int] = set()
    for row in body if unnamed else ():  # one pass, over the columns without a header only
        filled.update(i for i in unnamed if i < len(row) and values.as_text(row[i]))
    accounts += [ColumnAccount(column_letter(i), "", None, (
        "colonne sans en-tête : donnez-lui un en-tête pour la lire",
        "column without a header: give it a header to read it"), decisions_in(body, i))
        for i in sorted(filled)]
    accounts.sort(key=lambda c: (len(c.letter), c.letter))
    return accounts


def decisions_in(body: Sequence[Sequence[Any]], index: int) -> str | None:
    """"decision" when the column left out at `index` holds committee decisions: a second
    decision column must not be dropped in silence."""
    cells = (row[index] if index < len(row) else None for row in body[:SNIFF_ROWS])
    return "decision" if holds_decisions(cells) else None


def refuse_unplaced_decisions(account: SheetAccount, parsed: ParsedWorkbook) -> bool:
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
