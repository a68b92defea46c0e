"""Write sheets of plain rows as an Excel workbook: one Excel table per sheet, safely.

Each sheet becomes an Excel table (banded rows, a filter button on every header) with a
styled header row, frozen, column widths fitted to the content, dates as dates shown in the
French form (22/11/2026), and an A4 landscape page fitted to the width with the header on
every page (workbook_page.py). A sheet's rows may be streamed (`StreamedRows`). The
workbook is written in openpyxl's write-only mode (rows streamed to disk, a fraction of the
memory and time of the normal mode at 600,000 findings), into a temporary file renamed into
place (see files.py). openpyxl itself (≈0.1 s and ≈10 MB to import) is loaded by the first
export, in workbook_sheets.py, not when the window starts. The sheets, columns and the report
a write returns are in workbook_model.py, which the writer and its callers import.

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

from collections.abc import Sequence
from pathlib import Path

from cedre_desk.exports.files import Progress, atomic_target, no_progress
from cedre_desk.exports.workbook_model import Sheet, WorkbookReport


def write_workbook(target: Path, sheets: Sequence[Sheet], *, title: str = "",
                   progress: Progress = no_progress) -> WorkbookReport:
    """Write `sheets` to `target` (.xlsx); raises Cancelled if `progress` does."""
    from cedre_desk.exports.workbook_sheets import save_workbook  # loads openpyxl

    with atomic_target(Path(target)) as temporary:
        tally = save_workbook(temporary, sheets, title=title, progress=progress)
    counts = {sheet.title: len(sheet.rows) for sheet in sheets}
    return WorkbookReport(Path(target), counts, tuple(tally.cut), tally.escaped)
