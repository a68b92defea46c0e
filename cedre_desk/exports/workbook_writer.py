"""Write sheets of plain rows as an Excel workbook: one Excel table per sheet, safely.

Each sheet becomes an Excel table (banded rows, a filter button on every header) with its
header row frozen, readable column widths and dates in the French form (22/11/2026). The
workbook is written in openpyxl's write-only mode (rows streamed to disk, a fraction of the
memory and time of the normal mode at 600,000 findings), into a temporary file renamed into
place (see files.py).

What a cell must never do:
- run as a formula: openpyxl turns any text beginning with "=" into a live formula, and Excel
  evaluates text beginning with "+", "-" or "@" when the cell is edited. Such text is written
  as a text cell with Excel's "quote prefix" (what typing an apostrophe first does), so it
  shows as typed and stays text when edited. Error words ("#N/A") stay text the same way.
- break the file: control characters are not allowed in the XML of a sheet. They are written
  as Excel's own escapes ("_x0001_", as Excel itself does), which Excel and LibreOffice turn
  back into the character, so nothing is lost; a literal "_x0041_" in a text is protected the
  same way ("_x005F_x0041_") so it is not read back as "A".
- lose text silently: a cell holds at most 32,767 characters. A longer text is cut with a
  marker saying how long it was, and every cut is listed in the report the writer returns.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from cedre_desk.exports.files import Progress, atomic_target, no_progress

EXCEL_CELL_MAX = 32_767
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
TABLE_STYLE = "TableStyleMedium2"
# Text Excel would evaluate when the cell is edited (or openpyxl write as a formula).
FORMULA_START = frozenset("=+-@\t\r")
# XML 1.0 forbids these; CR is escaped too, since an XML reader turns a raw CR into LF.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]"
                           r"|_x[0-9A-Fa-f]{4}_")
_SAMPLE_ROWS = 300  # rows looked at to size the columns
_MAX_WIDTH = 60
_PROGRESS_EVERY = 5_000


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, date, datetime, int, number
    width: float = 12


@dataclass(frozen=True)
class Sheet:
    title: str  # at most 31 characters, none of []:*?/\
    table: str  # the Excel table's name: letters, digits and underscores, unique
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]  # one value per column; None for an empty cell


@dataclass(frozen=True)
class CutText:
    """A text longer than a cell can hold, cut: where it was and how long it was."""

    sheet: str
    row: int  # the row number in the sheet (the header is row 1)
    column: str
    length: int


@dataclass(frozen=True)
class WorkbookReport:
    path: Path
    rows: dict[str, int]  # data rows per sheet title
    cut: tuple[CutText, ...] = ()
    escaped: int = 0  # cells whose control characters were written as Excel escapes


@dataclass
class _Tally:
    cut: list[CutText] = field(default_factory=list)
    escaped: int = 0


def cut_marker(length: int) -> str:
    return f" […] [texte tronqué / text cut: {length} caractères / characters]"


def write_workbook(target: Path, sheets: Sequence[Sheet], *, title: str = "",
                   progress: Progress = no_progress) -> WorkbookReport:
    """Write `sheets` to `target` (.xlsx); raises Cancelled if `progress` does."""
    total = sum(len(sheet.rows) for sheet in sheets)
    tally = _Tally()
    counts: dict[str, int] = {}
    with atomic_target(Path(target)) as temporary:
        workbook = Workbook(write_only=True)
        workbook.properties.creator = "cedre-desk"
        workbook.properties.title = title or None
        try:
            done = 0
            for sheet in sheets:
                done = _write_sheet(workbook, sheet, tally, progress, done, total)
                counts[sheet.title] = len(sheet.rows)
            progress(total, total)
        except BaseException:
            _abandon(workbook)
            raise
        workbook.save(temporary)
    return WorkbookReport(Path(target), counts, tuple(tally.cut), tally.escaped)


def _write_sheet(workbook: Workbook, sheet: Sheet, tally: _Tally, progress: Progress,
                 done: int, total: int) -> int:
    worksheet = workbook.create_sheet(sheet.title)
    # Views and column widths go before the rows in the file: set them before appending.
    worksheet.freeze_panes = "A2"
    # The sheet's size, written at its top as Excel does: without it, a reader (openpyxl's
    # read-only mode among them) goes through the whole sheet once just to find its size.
    size = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"
    worksheet.calculate_dimension = lambda: size
    for index, width in enumerate(_widths(sheet), start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.append([column.header for column in sheet.columns])
    convert = [_CONVERTERS[column.kind] for column in sheet.columns]
    headers = [column.header for column in sheet.columns]
    for number, row in enumerate(sheet.rows, start=2):
        cells: list[Any] = []
        for position, value in enumerate(row):
            if value is None:
                cells.append(None)
            elif type(value) is str:
                cells.append(_text(worksheet, value, tally, sheet.title, number,
                                   headers[position]))
            else:
                cells.append(convert[position](worksheet, value))
        worksheet.append(cells)
        done += 1
        if done % _PROGRESS_EVERY == 0:
            progress(done, total)
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


def _widths(sheet: Sheet) -> list[float]:
    widths = []
    for index, column in enumerate(sheet.columns):
        longest = len(column.header) + 3  # room for the filter button
        if column.kind == "text":
            for row in sheet.rows[:_SAMPLE_ROWS]:
                value = row[index]
                if isinstance(value, str):
                    longest = max(longest, min(len(value), _MAX_WIDTH) + 2)
        widths.append(float(min(max(column.width, longest), _MAX_WIDTH)))
    return widths


def _text(worksheet: Any, value: str, tally: _Tally, sheet: str, row: int,
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


def _date_cell(worksheet: Any, value: Any) -> Any:
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return value
    cell = WriteOnlyCell(worksheet, value)
    cell.number_format = DATE_FORMAT
    return cell


def _datetime_cell(worksheet: Any, value: Any) -> Any:
    if not isinstance(value, datetime):
        return _date_cell(worksheet, value)
    cell = WriteOnlyCell(worksheet, value.replace(microsecond=0))
    cell.number_format = DATETIME_FORMAT
    return cell


def _as_is(_worksheet: Any, value: Any) -> Any:
    return value


_CONVERTERS = {
    "text": _as_is,
    "int": _as_is,
    "number": _as_is,
    "date": _date_cell,
    "datetime": _datetime_cell,
}
