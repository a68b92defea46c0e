"""The openpyxl side of workbook_writer.py: sheets streamed row by row into a workbook.

Imported by `write_workbook` when it runs, so openpyxl is loaded by the first export and not
when the window starts. What a cell must never do, and why, is told in workbook_writer.py.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell, WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.table import Table, TableStyleInfo

from cedre_desk.exports.files import Progress
from cedre_desk.exports.workbook_model import (
    EXCEL_CELL_MAX,
    FORMULA_START,
    CutText,
    Sheet,
    cut_marker,
)
from cedre_desk.exports.workbook_page import SAMPLE_ROWS, header_cells, lay_out

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
TABLE_STYLE = "TableStyleMedium2"
# XML 1.0 forbids these; CR is escaped too, since an XML reader turns a raw CR into LF.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]"
                           r"|_x[0-9A-Fa-f]{4}_")
# A text whose first character is one of these goes through `_text`: formula-like or, for
# "#", maybe an error word ("#N/A").
_FIRST_TO_CHECK = FORMULA_START | {"#"}
_PROGRESS_EVERY = 5_000


@dataclass
class Tally:
    """What the cells' writing changed: the texts cut, the cells escaped."""

    cut: list[CutText] = field(default_factory=list)
    escaped: int = 0


def save_workbook(temporary: Path, sheets: Sequence[Sheet], *, title: str,
                  progress: Progress) -> Tally:
    """Write `sheets` as a workbook at `temporary`; raises Cancelled if `progress` does."""
    total = sum(len(sheet.rows) for sheet in sheets)
    tally = Tally()
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "cedre-desk"
    workbook.properties.title = title or None
    try:
        done = 0
        for sheet in sheets:
            done = _write_sheet(workbook, sheet, tally, progress, done, total)
        progress(total, total)
    except BaseException:
        _abandon(workbook)
        raise
    workbook.save(temporary)
    return tally


def _write_sheet(workbook: Workbook, sheet: Sheet, tally: Tally, progress: Progress,
                 done: int, total: int) -> int:
    worksheet = workbook.create_sheet(sheet.title)
    rows = iter(sheet.rows)  # a list, or rows streamed from the register as they are read
    head = list(islice(rows, SAMPLE_ROWS))
    lay_out(worksheet, sheet, head)  # before the rows: write-only writes them first
    # The sheet's size, written at its top as Excel does: without it, a reader (openpyxl's
    # read-only mode among them) goes through the whole sheet once just to find its size.
    size = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"
    worksheet.calculate_dimension = lambda: size
    worksheet.append(header_cells(worksheet, sheet))
    headers = [column.header for column in sheet.columns]
    dated = _date_columns(worksheet, sheet)
    needs_escape = _NEEDS_ESCAPE.search
    number = 1
    for number, row in enumerate(chain(head, rows), start=2):
        # The common case costs no call: a value that is not text is kept; so is a text that
        # is not empty, fits a cell, starts with nothing to check, and is printable with no
        # "_x" in it (every character `_NEEDS_ESCAPE` looks for is unprintable: a C scan,
        # several times quicker than the expression, which runs only when that fails, on
        # texts with a line break for instance). Anything else goes through `_text`.
        cells = [value if value.__class__ is not str
                 or (value and value[0] not in _FIRST_TO_CHECK
                     and len(value) <= EXCEL_CELL_MAX
                     and ((value.isprintable() and "_x" not in value)
                          or needs_escape(value) is None))
                 else _text(worksheet, value, tally, sheet.title, number, header)
                 for value, header in zip(row, headers, strict=True)]
        for position, make in dated:
            value = cells[position]
            if isinstance(value, date):
                cells[position] = make(value)
        worksheet.append(cells)
        done += 1
        if done % _PROGRESS_EVERY == 0:
            progress(done, total)
    if number - 1 != len(sheet.rows):  # the size and the table above would be wrong
        raise RuntimeError(f"{sheet.title}: {number - 1} rows written, {len(sheet.rows)} "
                           "announced")
    _add_table(worksheet, sheet)
    return done


def _abandon(workbook: Workbook) -> None:
    """Close the sheets' row writers and their temporary files: an export stopped half-way
    must not leave them open, to fail later when they are collected."""
    for worksheet in workbook.worksheets:
        for generator in (getattr(worksheet, "_rows", None),
                          getattr(getattr(worksheet, "_writer", None), "xf", None)):
            if generator is not None:
                with contextlib.suppress(Exception):  # it may find its file already shut
                    generator.close()
        writer = getattr(worksheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.cleanup()  # its temporary file


def _add_table(worksheet: Any, sheet: Sheet) -> None:
    last_column = get_column_letter(len(sheet.columns))
    # A table needs a data row: an empty sheet gets one blank row, as Excel itself does.
    last_row = max(len(sheet.rows), 1) + 1
    table = Table(displayName=sheet.table, ref=f"A1:{last_column}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    table._initialise_columns()
    for table_column, column in zip(table.tableColumns, sheet.columns, strict=True):
        table_column.name = column.header
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns named: they are, above.
        warnings.simplefilter("ignore", UserWarning)
        worksheet.add_table(table)


def _text(worksheet: Any, value: str, tally: Tally, sheet: str, row: int,
          column: str) -> Any:
    if not value:
        return None
    if (len(value) <= EXCEL_CELL_MAX and value[0] not in FORMULA_START
            and value not in ERROR_CODES and _NEEDS_ESCAPE.search(value) is None):
        return value  # the common case: plain text, written as it is
    risky = value[0] in FORMULA_START or value in ERROR_CODES
    if len(value) > EXCEL_CELL_MAX:
        marker = cut_marker(len(value))
        tally.cut.append(CutText(sheet, row, column, len(value)))
        value = value[:EXCEL_CELL_MAX - len(marker)] + marker
    escaped = _NEEDS_ESCAPE.sub(_escape, value)
    if escaped != value:
        tally.escaped += 1
        value = escaped
    if risky:
        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"  # openpyxl made it a formula ("=") or an error ("#N/A")
        cell.quotePrefix = True
        return cell
    return value


def _escape(match: re.Match[str]) -> str:
    found = match.group(0)
    if found.startswith("_x"):
        return "_x005F" + found  # a literal "_x0041_" must not read back as "A"
    if "\ud800" <= found <= "\udfff":
        return "\ufffd"  # half of a broken character pair: not a character, cannot be kept
    return f"_x{ord(found):04X}_"


def _date_columns(worksheet: Any, sheet: Sheet) -> list[tuple[int, Callable[[date], Any]]]:
    """(position, maker of its cell) of each date or date-and-time column of `sheet`."""
    found: list[tuple[int, Callable[[date], Any]]] = []
    for position, column in enumerate(sheet.columns):
        if column.kind == "date":
            found.append((position, _date_maker(worksheet)))
        elif column.kind == "datetime":
            found.append((position, _datetime_maker(worksheet)))
    return found


# A date cell is written as its Excel serial number (days since the workbook's epoch) with a
# date format: exactly what openpyxl writes for a date value (`<c s=".." t="n"><v>46348</v>`;
# save_workbook's workbook does not ask for ISO dates), without what a date value costs per
# cell: its format looked up and parsed (≈3 µs) and the French format set over openpyxl's own.
# The format's style is made once per column and copied into each cell; a day's serial
# number is computed once.


def _styled(worksheet: Any, number_format: str) -> Any:
    model = WriteOnlyCell(worksheet)
    model.number_format = number_format
    return model._style  # Cell takes it as `style_array` and copies it


def _date_maker(worksheet: Any) -> Callable[[date], Any]:
    style = _styled(worksheet, DATE_FORMAT)
    epoch = worksheet.parent.epoch
    serials: dict[date, int] = {}

    def make(value: date) -> Any:
        if isinstance(value, datetime):
            value = value.date()
        serial = serials.get(value)
        if serial is None:
            serial = serials[value] = to_excel(value, epoch)
        return Cell(worksheet, 1, 1, serial, style)

    return make


def _datetime_maker(worksheet: Any) -> Callable[[date], Any]:
    style = _styled(worksheet, DATETIME_FORMAT)
    epoch = worksheet.parent.epoch
    as_date = _date_maker(worksheet)

    def make(value: date) -> Any:
        if not isinstance(value, datetime):
            return as_date(value)
        return Cell(worksheet, 1, 1, to_excel(value.replace(microsecond=0), epoch), style)

    return make
