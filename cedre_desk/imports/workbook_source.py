"""Open a workbook to import: every visible sheet's cell values, merged cells filled.

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cedre_desk.errors import UserError

# The same refusals as for the federation's requirement sheets (.xls, .xlsb, .ods, locked...).
from cedre_desk.imports.requirement_sheet import _refuse_non_xlsx

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")
_CHUNK = 1 << 20


@dataclass
class RawSheet:
    title: str
    rows: list[tuple[Any, ...]]
    merged: int  # merged ranges filled


@dataclass
class RawWorkbook:
    sheets: list[RawSheet]
    hidden: list[str]  # sheets left out because they are hidden
    epoch: date
    our_export: bool  # written by cedre-desk


def read_raw_workbook(path: Path, progress: Callable[[int], None] | None = None
                      ) -> RawWorkbook:
    """All visible sheets of the .xlsx at `path`; `progress(rows read)` now and then."""
    # openpyxl is loaded by the first import, not at the window's start.
    import defusedxml  # noqa: F401 - must be installed: openpyxl then parses through it
    from openpyxl import load_workbook

    path = Path(path)
    _refuse_non_xlsx(path)
    try:
        # Our own handle, so that it is closed even when openpyxl fails half-way through.
        with path.open("rb") as handle:
            with warnings.catch_warnings():
                # openpyxl warns about what it drops (validation, slicers): not about values.
                warnings.simplefilter("ignore", UserWarning)
                workbook = load_workbook(handle, read_only=True, data_only=True)
            try:
                return _read(workbook, progress)
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


def _read(workbook: Any, progress: Callable[[int], None] | None) -> RawWorkbook:
    sheets, hidden = [], []
    read = 0
    for worksheet in workbook.worksheets:
        if getattr(worksheet, "sheet_state", "visible") != "visible":
            hidden.append(worksheet.title)
            continue
        if not hasattr(worksheet, "iter_rows"):
            continue  # a chart sheet
        worksheet.reset_dimensions()  # some writers record wrong dimensions
        rows: list[tuple[Any, ...]] = []
        for row in worksheet.iter_rows(values_only=True):
            rows.append(row)
            read += 1
            if progress is not None and read % 10_000 == 0:
                progress(read)
        merged = _fill_merged(workbook, worksheet, rows)
        sheets.append(RawSheet(worksheet.title, rows, merged))
    creator = (workbook.properties.creator or "") if workbook.properties else ""
    return RawWorkbook(sheets, hidden, workbook.epoch.date(), creator == "cedre-desk")


def _fill_merged(workbook: Any, worksheet: Any, rows: list[tuple[Any, ...]]) -> int:
    from openpyxl.utils.cell import range_boundaries

    path = getattr(worksheet, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if path is None or archive is None:
        return 0
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
    for ref in dict.fromkeys(ranges):
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row is None or min_col is None or max_row is None or max_col is None:
            continue
        if min_row > len(rows):
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for number in range(min_row, min(max_row, len(rows)) + 1):
            row = list(rows[number - 1])
            if len(row) < max_col:
                row += [None] * (max_col - len(row))
            for column in range(min_col, max_col + 1):
                if row[column - 1] is None:
                    row[column - 1] = value
            rows[number - 1] = tuple(row)
    return len(set(ranges))
