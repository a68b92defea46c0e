"""What a workbook is made of (sheets of plain rows and their columns) and what writing it
reports (the rows per sheet, the texts cut, the cells escaped). Why a cell is cut or quoted:
workbook_writer.py; the openpyxl side: workbook_sheets.py. Both import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

EXCEL_CELL_MAX = 32_767
# Text Excel would evaluate when the cell is edited (or openpyxl write as a formula).
FORMULA_START = frozenset("=+-@\t\r")


class Rows(Protocol):
    """A sheet's rows: a list, or `StreamedRows` read as they are written."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Sequence[Any]]: ...


@dataclass(frozen=True)
class StreamedRows:
    """Rows produced while the sheet is written, so a sheet of 600,000 findings is never held
    whole in memory. `count` must be what `produce` yields (the writer checks it): both are
    read in one transaction."""

    count: int
    produce: Callable[[], Iterator[Sequence[Any]]]

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return self.produce()


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
    rows: Rows  # one value per column and row; None for an empty cell


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


def cut_marker(length: int) -> str:
    return f" […] [texte tronqué / text cut: {length} caractères / characters]"
