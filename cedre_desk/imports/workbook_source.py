"""Open a workbook to import: every sheet's cell values, merged cells filled, streamed.

Each sheet gives its first rows (`SheetSource.head`, what classifying it needs) and then all
its rows as often as asked (`SheetSource.rows()`), parsed from the file as they are read: a
register of 800,000 rows is never held as cells (issue 16).

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

import itertools
import re
import warnings
import zipfile
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
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


# A sheet is classified from its first rows (workbook.py): the header among the first 20,
# then up to 2,000 rows below it for the values of a column whose header says too little.
HEAD_ROWS = 2100


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


class SheetSource:
    """One sheet of an open workbook: its first rows at hand (`head`), all its rows streamed
    by `rows()`, so that a sheet of 600,000 rows is never held whole.

    A sheet with merged ranges is the exception: each range is filled within the columns
    the whole sheet uses, which only its last row tells, so such a sheet (a register kept by
    hand, its company merged over its audits' rows) is read whole once, until `release`."""

    def __init__(self, book: OpenWorkbook, worksheet: Any) -> None:
        self.title: str = worksheet.title
        self.hidden = getattr(worksheet, "sheet_state", "visible") != "visible"
        self._book, self._worksheet = book, worksheet
        self._refs = _merge_refs(book.workbook, worksheet)
        self.merged = len(self._refs)
        self._whole: list[tuple[Any, ...]] | None = None
        self._head: list[tuple[Any, ...]] | None = None
        self._rest: Generator[tuple[Any, ...]] | None = None  # the rows after the head
        self._read_before = False

    @property
    def head(self) -> list[tuple[Any, ...]]:
        """The sheet's first HEAD_ROWS rows (merged ranges filled)."""
        if self._head is None:
            if self._refs:
                self._head = self._read_whole()[:HEAD_ROWS]
            else:  # the rows after it are read on from there by the first rows()
                self._book.budget.sheet = self.title
                self._rest = _rows(self._book.workbook, self._worksheet, self._book.budget)
                self._head = list(itertools.islice(self._rest, HEAD_ROWS))
        return self._head

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """Every row of the sheet, from the first; `progress` is told as they are read."""
        source: Iterator[tuple[Any, ...]]
        if self._refs:
            source = iter(self._read_whole())
        elif self._rest is not None:  # the first read: the head, then the sheet read on
            source, self._rest = itertools.chain(self._head or (), self._rest), None
        else:
            # A sheet read again was counted the first time: a budget of its own this time.
            budget = self._book.new_budget(self.title) if self._read_before \
                else self._book.budget
            source = _rows(self._book.workbook, self._worksheet, budget)
        self._read_before = True
        self._book.budget.sheet = self.title  # for its messages: one sheet is read at a time
        for row in source:
            self._book.counted()
            yield row

    def release(self) -> None:
        """Forget the rows kept (the head, a merged sheet's rows): the sheet has been read."""
        if self._rest is not None:
            self._rest.close()
        self._whole = self._head = self._rest = None

    def _read_whole(self) -> list[tuple[Any, ...]]:
        if self._whole is None:
            budget = self._book.budget
            budget.sheet = self.title
            rows = list(_rows(self._book.workbook, self._worksheet, budget))
            _fill_merged(self._refs, rows, budget)
            self._whole = rows
        return self._whole


class OpenWorkbook:
    """A workbook open for reading: its sheets (chart sheets aside), hidden ones included."""

    def __init__(self, workbook: Any, name: str, max_cells: int,
                 progress: Callable[[int], None] | None) -> None:
        self.workbook, self.name, self._max_cells = workbook, name, max_cells
        self.budget = CellBudget(name, max_cells)
        self.epoch: date = workbook.epoch.date()
        creator = (workbook.properties.creator or "") if workbook.properties else ""
        self.our_export = creator == "cedre-desk"
        self._progress, self._read = progress, 0
        self.sheets = [SheetSource(self, ws) for ws in workbook.worksheets
                       if hasattr(ws, "iter_rows")]  # not a chart sheet

    def new_budget(self, sheet: str) -> CellBudget:
        budget = CellBudget(self.name, self._max_cells)
        budget.sheet = sheet
        return budget

    def counted(self) -> None:
        self._read += 1
        if self._progress is not None and self._read % 10_000 == 0:
            self._progress(self._read)


@contextmanager
def open_workbook(path: Path, progress: Callable[[int], None] | None = None
                  ) -> Iterator[OpenWorkbook]:
    """The .xlsx at `path` open for reading, its sheets read on demand within the block;
    `progress(rows read)` now and then.

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
                yield OpenWorkbook(workbook, path.name, cell_limit(path.stat().st_size),
                                   progress)
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


def read_raw_workbook(path: Path, progress: Callable[[int], None] | None = None
                      ) -> RawWorkbook:
    """All sheets of the .xlsx at `path`, every row held, hidden ones marked (open_workbook
    streams them instead)."""
    with open_workbook(path, progress) as book:
        sheets = [RawSheet(sheet.title, list(sheet.rows()), sheet.merged, sheet.hidden)
                  for sheet in book.sheets]
        return RawWorkbook(sheets, book.epoch, book.our_export)


def _rows(workbook: Any, worksheet: Any, budget: CellBudget) -> Generator[tuple[Any, ...]]:
    """The sheet's rows as value tuples, each as wide as its last cell: what openpyxl's
    read-only `iter_rows(values_only=True)` gives after `reset_dimensions()` (some writers
    record wrong dimensions), but counted against the budget as it goes, so that a cell at
    column XFD or a row numbered in the billions is refused before it is padded out."""
    expected = 1
    with workbook._archive.open(worksheet._worksheet_path) as source:
        parser = _parser(source, worksheet._shared_strings, workbook)
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


def _parser(source: Any, shared_strings: Any, workbook: Any) -> Any:
    """openpyxl's sheet parser, with a quicker reading of the inline strings every openpyxl
    writer (our export's among them) writes, and no row attributes kept: openpyxl builds a
    rich-text object per such cell only to join its runs (a quarter of the read of our
    export), and keeps each styled row's attributes until the sheet is read. A text repeated
    down the sheet (a company's name on each of its audits) is one object, not one a cell."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_row(self, row: Any) -> tuple[int, list[dict[str, Any]]]:
            number = row.get("r")
            if number is None or not number.isdigit():
                dimensions = self.row_dimensions
                result: tuple[int, list[dict[str, Any]]] = super().parse_row(row)
                dimensions.clear()
                return result
            self.row_counter = int(number)
            self.col_counter = 0
            return self.row_counter, [self.parse_cell(cell) for cell in row]

        def parse_cell(self, element: Any) -> dict[str, Any]:
            if element.get("t") != "inlineStr":
                cell: dict[str, Any] = super().parse_cell(element)
                return cell
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            child = element.find(INLINE_STRING)
            if child is None:
                return {"row": row, "column": column, "value": None,
                        "data_type": "inlineStr", "style_id": 0}
            text = _inline_text(child)
            # One object per distinct text of the sheet: the records keep these.
            return {"row": row, "column": column, "value": texts.setdefault(text, text),
                    "data_type": "s", "style_id": 0}

    texts: dict[str, str] = {}

    return Parser(source, shared_strings, data_only=True, epoch=workbook.epoch,
                  date_formats=workbook._date_formats,
                  timedelta_formats=workbook._timedelta_formats)


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _inline_text(element: Any) -> str:
    """What openpyxl's `Text.from_tree(element).content` gives: the plain text (its last
    <t>), then the text of each rich-text run (each run's last <t>); phonetic runs left."""
    plain: str | None = None
    runs: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            text = None
            for part in child:
                if _local(part.tag) == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return "".join(([plain] if plain is not None else []) + runs)


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


def _fill_merged(refs: list[str], rows: list[tuple[Any, ...]], budget: CellBudget) -> None:
    """Give each merged range's top-left value to its empty cells, within the sheet's rows
    and columns that hold something: a range reaching row 1,048,576 or column XFD costs what
    the sheet really holds, and each filled cell is counted against the budget."""
    from openpyxl.utils.cell import range_boundaries

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
