"""How a sheet of workbook_sheets.py looks and prints: its header, its column widths, its page.

A register is filtered on screen and printed on paper, so each sheet gets:
- a header row that reads as one (bold white on dark blue, wrapped, centred), which shows the
  same in LibreOffice, whose import ignores an Excel table's style;
- columns as wide as their content (the first rows looked at), a long header wrapping over
  two or three lines rather than widening its column, room kept for the filter button;
  a data row stays one line (a wrapped row would need its height computed by the reader,
  slow at 600,000 findings);
- an A4 landscape page fitted to the width (every column on each page, as many pages down as
  the rows need), the header row repeated at the top of each page, and a footer with the
  sheet's name and the page number: without it LibreOffice printed the 530 companies on 3,692
  pages, two columns a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from cedre_desk.exports.workbook_model import Sheet

SAMPLE_ROWS = 300  # rows looked at to size the columns
MAX_WIDTH = 40  # a longer text runs over empty neighbours or is cut: rows never wrap
FILTER_BUTTON = 3  # characters the filter button takes at the right of a header
_LINE_HEIGHT = 13.5  # points: one line of the header's 10-point bold font, with its leading
_HEADER_LINES = 3  # a header wraps on at most as many lines

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEADER_BORDER = Border(bottom=Side(style="medium", color="000000"))


def widths(sheet: Sheet, head: Sequence[Sequence[Any]]) -> list[float]:
    """Each column's width in characters: its header on at most three lines beside the
    filter button, and nine in ten of the texts of `head` (the sheet's first rows) whole, up
    to MAX_WIDTH. Not the longest: one long name would widen a column for every row, and
    shrink the printed page (fitted to the width) for all of them."""
    found = []
    for index, column in enumerate(sheet.columns):
        longest = max(len(word) for word in column.header.split() or [""])
        while _wrapped_lines(column.header, longest) > _HEADER_LINES:
            longest += 1
        longest += FILTER_BUTTON
        if column.kind == "text":
            lengths = sorted(len(row[index]) for row in head
                             if isinstance(row[index], str) and row[index])
            if lengths:
                longest = max(longest, lengths[len(lengths) * 9 // 10] + 2)
        found.append(float(min(max(column.width, longest), MAX_WIDTH)))
    return found


def header_height(sheet: Sheet, column_widths: Sequence[float]) -> float:
    """The header row's height in points: enough lines for the longest wrapped header."""
    lines = max((_wrapped_lines(column.header, width - FILTER_BUTTON)
                 for column, width in zip(sheet.columns, column_widths, strict=True)),
                default=1)
    return _LINE_HEIGHT * lines + 4


def _wrapped_lines(text: str, width: float) -> int:
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def header_cells(worksheet: Any, sheet: Sheet) -> list[WriteOnlyCell]:
    cells = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGNMENT
        cell.border = _HEADER_BORDER
        cells.append(cell)
    return cells


def lay_out(worksheet: Any, sheet: Sheet, head: Sequence[Sequence[Any]]) -> None:
    """Widths, frozen header and page set-up of `worksheet`: in write-only mode they are
    written before the rows, so this runs before the first `append`."""
    worksheet.freeze_panes = "A2"
    column_widths = widths(sheet, head)
    for index, width in enumerate(column_widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.row_dimensions[1].height = header_height(sheet, column_widths)
    setup = worksheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = 9  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.print_title_rows = "1:1"
    worksheet.print_options.gridLines = True
    margins = worksheet.page_margins
    margins.left = margins.right = 0.4
    margins.top, margins.bottom, margins.header, margins.footer = 0.5, 0.6, 0.2, 0.25
    worksheet.oddFooter.center.text = "&A — &P"  # LibreOffice counts &N over every sheet
