"""Open a workbook to import: every sheet's cell values, merged cells filled.

Hidden sheets are read too (and marked so): a hand-kept workbook may hide the sheet that
holds its decisions, and what a sheet holds is decided from its columns, never from its name
or its visibility.

The file is read in openpyxl's read-only mode (streamed: a 600,000-row register reads without
building a cell object per cell), with defusedxml doing the XML parsing, which refuses the
entity-expansion "bombs" and external entities a hostile file could carry. Read-only mode
does not report merged cells, so they are found in the sheet's XML (a fast byte search: the
`<mergeCell ref="A2:A5"/>` elements) and each merged range gets its top-left value in every
cell, which is what a person sees: a company name merged over the five rows of its audits.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cedre_desk.errors import UserError

# The same refusals as for the federation's requirement sheets and Le Cap grids.
from cedre_desk.imports.file_kind import refuse_non_xlsx
from cedre_desk.imports.workbook_limits import (
    MAX_COLUMNS,
    CellBudget,
    cell_limit,
    check_parts,
)

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")
_CHUNK = 1 << 20


@dataclass
class RawSheet:
    title: str
    rows: list[tuple[Any, ...]]
    merged: int  # merged ranges filled
    hidden: bool = False  # hidden (or "very hidden") in Excel


@dataclass
class RawWorkbook:
    sheets: list[RawSheet]  # in the workbook's order, hidden ones included
    epoch: date
    our_export: bool  # written by cedre-desk


def read_raw_workbook(path: Path, progress: Callable[[int], None] | None = None
                      ) -> RawWorkbook:
    """All sheets of the .xlsx at `path`, hidden ones marked; `progress(rows read)` now and then.

    Its cost is bounded by its real cells (workbook_limits): a file that would unfold beyond
    what a register holds is refused with a message saying what was too large."""
    # openpyxl is loaded by the first import, not at the window's start.
    import defusedxml  # noqa: F401 - must be installed: openpyxl then parses through it
    from openpyxl import load_workbook

    path = Path(path)
    refuse_non_xlsx(path)
    try:
        # Our own handle, so that it is closed even when openpyxl fails half-way through.
        with path.open("rb") as handle:
            with zipfile.ZipFile(handle) as archive:
                check_parts(archive, path.name)  # before openpyxl reads the shared strings
            handle.seek(0)
            with warnings.catch_warnings():
                # openpyxl warns about what it drops (validation, slicers): not about values.
                warnings.simplefilter("ignore", UserWarning)
                workbook = load_workbook(handle, read_only=True, data_only=True)
            try:
                budget = CellBudget(path.name, cell_limit(path.stat().st_size))
                return _read(workbook, budget, progress)
            finally:
                workbook.close()
    except UserError:
        raise
    except Exception as exc:  # whatever openpyxl or defusedxml raise on a damaged file
        raise UserError(
            f"Le fichier « {path.name} » n'a pas pu être lu comme un classeur Excel (.xlsx) : "
            f"il est peut-être endommagé ({type(exc).__name__}). Ouvrez-le dans Excel et "
            "enregistrez-le de nouveau au format .xlsx.",
            f"The file “{path.name}” could not be read as an Excel workbook (.xlsx): it may "
            f"be damaged ({type(exc).__name__}). Open it in Excel and save it again as .xlsx.",
            field="path",
        ) from exc


def _read(workbook: Any, budget: CellBudget, progress: Callable[[int], None] | None
          ) -> RawWorkbook:
    sheets = []
    read = 0
    for worksheet in workbook.worksheets:
        if not hasattr(worksheet, "iter_rows"):
            continue  # a chart sheet
        budget.sheet = worksheet.title
        rows: list[tuple[Any, ...]] = []
        for row in _rows(workbook, worksheet, budget):
            rows.append(row)
            read += 1
            if progress is not None and read % 10_000 == 0:
                progress(read)
        merged = _fill_merged(workbook, worksheet, rows, budget)
        hidden = getattr(worksheet, "sheet_state", "visible") != "visible"
        sheets.append(RawSheet(worksheet.title, rows, merged, hidden))
    creator = (workbook.properties.creator or "") if workbook.properties else ""
    return RawWorkbook(sheets, workbook.epoch.date(), creator == "cedre-desk")


def _rows(workbook: Any, worksheet: Any, budget: CellBudget) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows as value tuples, each as wide as its last cell: what openpyxl's
    read-only `iter_rows(values_only=True)` gives after `reset_dimensions()` (some writers
    record wrong dimensions), but counted against the budget as it goes, so that a cell at
    column XFD or a row numbered in the billions is refused before it is padded out."""
    from openpyxl.worksheet._reader import WorkSheetParser

    expected = 1
    with workbook._archive.open(worksheet._worksheet_path) as source:
        parser = WorkSheetParser(source, worksheet._shared_strings, data_only=True,
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        for number, cells in parser.parse():
            if number < expected:
                continue  # a row out of order: openpyxl skips it too
            width = max((cell["column"] for cell in cells), default=0)
            budget.row(number, len(cells), width)
            if width > MAX_COLUMNS:
                budget.columns(width)
            for _missing in range(expected, number):
                yield ()
            values = [None] * width
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            expected = number + 1
            yield tuple(values)


def _merge_refs(workbook: Any, worksheet: Any) -> list[str]:
    path = getattr(worksheet, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if path is None or archive is None:
        return []
    ranges = []
    with archive.open(path) as source:
        tail = b""
        while chunk := source.read(_CHUNK):
            block = tail + chunk
            if b"mergeCell" in block:  # a fast byte search first: most sheets merge nothing
                ranges += [m.group(1).decode() for m in _MERGE.finditer(block)]
            # A tag cut in two by the chunking is found whole with the next chunk; one found
            # twice is counted once (ranges are deduplicated below).
            tail = block[-200:]
    return list(dict.fromkeys(ranges))


def _fill_merged(workbook: Any, worksheet: Any, rows: list[tuple[Any, ...]],
                 budget: CellBudget) -> int:
    """Give each merged range's top-left value to its empty cells, within the sheet's rows
    and columns that hold something: a range reaching row 1,048,576 or column XFD costs what
    the sheet really holds, and each filled cell is counted against the budget."""
    from openpyxl.utils.cell import range_boundaries

    refs = _merge_refs(workbook, worksheet)
    width = max((len(row) for row in rows), default=0)
    widened: dict[int, list[Any]] = {}  # rows made lists once, whatever the number of ranges
    for ref in refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row is None or min_col is None or max_row is None or max_col is None:
            continue
        if min_row > len(rows) or min_col > width:
            continue
        top = widened.get(min_row - 1) or rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        if value is None:
            continue
        last_col = min(max_col, width)
        last_row = min(max_row, len(rows))
        budget.pad((last_row - min_row + 1) * (last_col - min_col + 1))
        for index in range(min_row - 1, last_row):
            row = widened.get(index)
            if row is None:
                row = widened[index] = list(rows[index])
            if len(row) < last_col:
                row += [None] * (last_col - len(row))
            for column in range(min_col - 1, last_col):
                if row[column] is None:
                    row[column] = value
    for index, row in widened.items():
        rows[index] = tuple(row)
    return len(refs)
