"""One recognised sheet of a workbook read into records, its rows streamed: each row is parsed
as it is read and dropped, so that a 600,000-row register is never held as cells.

What the whole sheet decides is gathered on the way: its last row, the columns without a
header that hold something, and each date column's day/month order (workbook_values.
DateOrder: one date written month first makes the column's other day/month dates
ambiguous). Rows are parsed taking the order as clear; in the rare sheet where a column
turns out unclear after text dates were read in it, the sheet is read again with the order
known, so the records are those of a sheet read whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cedre_desk.imports import workbook_dates
from cedre_desk.imports import workbook_values as values
from cedre_desk.imports.workbook_account import ColumnAccount, SheetAccount, column_letter
from cedre_desk.imports.workbook_columns import (
    MAX_COLUMNS,
    column_accounts,
    decisions_in,
    refuse_unplaced_decisions,
)
from cedre_desk.imports.workbook_fields import DATE_FIELDS, SheetMapping, normalise
from cedre_desk.imports.workbook_records import ParsedWorkbook, Problem, Source
from cedre_desk.imports.workbook_rows import BUILDERS, LIST_OF, Row, SheetReading, date_ranges
from cedre_desk.imports.workbook_source import SheetSource


@dataclass
class _Scan:
    """What the body's rows say of the whole sheet, gathered as they go by."""

    named: frozenset[int]  # the columns with a header
    dates: dict[str, int]  # date field -> its column
    rows: int = 0  # rows below the header
    filled: set[int] = field(default_factory=set)  # columns without a header holding values
    month_first: dict[str, str] = field(default_factory=dict)  # field -> its first example
    texts: set[str] = field(default_factory=set)  # date fields with a text in a cell
    _unnamed: dict[int, list[int]] = field(default_factory=dict)  # row width -> columns

    def see(self, cells: Sequence[Any]) -> None:
        self.rows += 1
        width = len(cells)
        unnamed = self._unnamed.get(width)
        if unnamed is None:
            unnamed = self._unnamed[width] = [i for i in range(min(width, MAX_COLUMNS))
                                              if i not in self.named]
        for index in unnamed:
            if index not in self.filled and values.as_text(cells[index]):
                self.filled.add(index)
        for name, index in self.dates.items():
            if index < width and isinstance(cells[index], str):
                self.texts.add(name)
                if name not in self.month_first:
                    order = workbook_dates.column_date_order((cells[index],))
                    if order.unclear:
                        self.month_first[name] = order.month_first_seen

    def orders(self) -> dict[str, workbook_dates.DateOrder]:
        return {name: workbook_dates.DateOrder(seen) for name, seen in self.month_first.items()}

    def misread(self) -> bool:
        """Rows were parsed with a column's order taken as clear, and it is not."""
        return bool(self.texts & set(self.month_first))


def read_sheet(sheet: SheetSource, mapping: SheetMapping, reading: SheetReading, epoch: date,
               parsed: ParsedWorkbook) -> None:
    """The sheet's records, problems, warnings and account added to `parsed`."""
    parsed.mappings.append(mapping)
    header_row = mapping.header_row
    head_body = sheet.head[header_row:]
    account = SheetAccount(sheet.title, mapping.kind, mapping.because, reading.makes_companies,
                           header_row, first_row=header_row + 1, hidden=sheet.hidden)
    account.rows_above = [n + 1 for n, row in enumerate(sheet.head[:header_row - 1])
                          if any(values.as_text(v) for v in row)]
    # From the first rows below the header: those the guesses look at (workbook_columns).
    account.columns = column_accounts(mapping, head_body, reading)
    parsed.sheets.append(account)
    fields = mapping.index_of()
    scan = _Scan(frozenset(c.index for c in mapping.columns),
                 {f: i for f, i in fields.items() if f in DATE_FIELDS})
    if refuse_unplaced_decisions(account, parsed):  # each row would say the same again
        account.refused_rows = {header_row + 1 + n for n, cells in enumerate(_body(sheet, scan,
                                                                                    header_row))
                                if any(values.as_text(v) for v in cells)}
    else:
        marks = _marks(parsed)
        _read_rows(_body(sheet, scan, header_row), fields, {}, reading, epoch, account, parsed)
        if scan.misread():
            _undo(parsed, marks, account)
            _read_rows(_body(sheet, None, header_row), fields, scan.orders(), reading, epoch,
                       account, parsed)
    account.last_row = header_row + scan.rows
    _unnamed_below_the_head(account, scan, head_body)


def _body(sheet: SheetSource, scan: _Scan | None, header_row: int
          ) -> Iterator[Sequence[Any]]:
    rows = sheet.rows()
    for _above in zip(range(header_row), rows, strict=False):
        pass
    for cells in rows:
        if scan is not None:
            scan.see(cells)
        yield cells


def _read_rows(body: Iterator[Sequence[Any]], fields: dict[str, int],
               orders: dict[str, workbook_dates.DateOrder], reading: SheetReading, epoch: date,
               account: SheetAccount, parsed: ParsedWorkbook) -> None:
    build = BUILDERS.get(reading.kind, BUILDERS["flat"])
    dates = date_ranges(reading.limits, reading.today)
    title, first = account.sheet, account.first_row
    shared: dict[Any, Any] = {}
    for offset, cells in enumerate(body):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            account.empty_rows += 1
            continue
        if is_total_line(cells):
            account.total_rows.append(first + offset)
            continue
        row = Row(cells, fields, orders, epoch, Source(title, first + offset), dates, shared)
        records = build(row, reading)
        if row.problems:
            parsed.problems += [Problem(title, row.source.row, fr, en)
                                for fr, en in row.problems]
            account.refused_rows.add(row.source.row)
            continue
        account.read_rows += 1
        if row.warnings:
            parsed.warnings += [Problem(title, row.source.row, fr, en)
                                for fr, en in row.warnings]
        for record in records:
            name = LIST_OF[type(record).__name__]
            getattr(parsed, name).append(record)
            account.records[name] += 1


_LISTS = ("problems", "warnings", *LIST_OF.values())


def _marks(parsed: ParsedWorkbook) -> dict[str, int]:
    return {name: len(getattr(parsed, name)) for name in _LISTS}


def _undo(parsed: ParsedWorkbook, marks: dict[str, int], account: SheetAccount) -> None:
    """Forget what the sheet's rows gave, to read them again."""
    for name, length in marks.items():
        del getattr(parsed, name)[length:]
    account.empty_rows = account.read_rows = 0
    account.total_rows = []
    account.refused_rows = set()
    account.records.clear()


# What a hand-kept list's totals line says in its first filled cell, and nothing more: "Total",
# "TOTAL :", "Totaux", "Sous-total", "Total général", "Grand total", "Subtotal".
_TOTAL_LINE = re.compile(r"(?:sous[- ]?)?(?:total|totaux|totals)(?: generale?s?| generaux)?"
                         r"|grand[- ]total|subtotal")


def is_total_line(cells: Sequence[Any]) -> bool:
    """Whether the row is a list's totals line (read as a row, "Total", 4 made a company named
    "4"); a name that only starts with the word ("Total Services") is not."""
    first = next((v for v in cells if v is not None and not (isinstance(v, str)
                                                               and not v.strip())), None)
    return isinstance(first, str) and _TOTAL_LINE.fullmatch(normalise(first)) is not None


def _unnamed_below_the_head(account: SheetAccount, scan: _Scan,
                            head_body: Sequence[Sequence[Any]]) -> None:
    """The columns without a header first filled below the rows looked at for guesses."""
    known = {c.letter for c in account.columns}
    found = [ColumnAccount(column_letter(i), "", None, (
        "colonne sans en-tête : donnez-lui un en-tête pour la lire",
        "column without a header: give it a header to read it"), decisions_in(head_body, i))
        for i in sorted(scan.filled) if column_letter(i) not in known]
    if found:
        account.columns = sorted(account.columns + found,
                                 key=lambda c: (len(c.letter), c.letter))

