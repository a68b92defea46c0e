"""A table model over plain rows (tuples read with Core selects) that sorts and filters itself.

Vorta's recipe: columns as constants, SORT_ROLE gives a column's raw sort key, ROW_ROLE the
row itself. Sorting and filtering are done here on keys computed once per load, never by
QSortFilterProxyModel: its generic sort called back into Python for every comparison (20 s
for 100,000 rows) where one Python sort of precomputed keys takes a tenth of a second.

The model keeps every row (`_rows`), the order of all rows for the current sort (`_order`),
and the visible ones (`_visible`, indices into `_rows` in sort order). A sort reorders with
layoutChanged and carries the selection along (persistent indexes); a filter resets.

Paged (`page_rows`): the view is given the first rows only and asks for more as it scrolls
(Qt's canFetchMore/fetchMore), so thousands of lines cost the window what one screenful does.
Sorting and filtering still work on every row: a sort orders them all, then shows the first
pages of the new order (as many as were shown, and down to the selected row).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

LATE = QBrush(QColor("#b3261e"))  # red: late
SOON = QBrush(QColor("#8a5a00"))  # amber, dark enough to read on white

_Index = QModelIndex | QPersistentModelIndex
_SERVED = frozenset({Qt.ItemDataRole.DisplayRole, SORT_ROLE, ROW_ROLE,
                     Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
                     Qt.ItemDataRole.ToolTipRole})


def fold(text: str) -> str:
    """Lower case without accents: "Île-de-France" and "ile de" meet in a search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Column:
    title: str  # already translated
    text: Callable[[Any], str]
    key: Callable[[Any], Any] | None = None  # sort key; the folded text when not given
    color: Callable[[Any], QBrush | None] | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None, *,
                 page_rows: int | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._page = page_rows  # None: every row at once
        self._shown = 0  # how many of the visible rows the view was given (all, unpaged)
        self._rows: list[Any] = []
        self._keys: dict[int, list[Any]] = {}
        self._order: list[int] = []
        self._visible: list[int] = []
        self._keep: Callable[[int], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # Loading, sorting, filtering ---------------------------------------------------------

    def set_rows(self, rows: Sequence[Any], keys: dict[int, list[Any]] | None = None) -> None:
        """Show `rows`; `keys` may bring some columns' sort keys, computed off the GUI
        thread, so a large load costs the GUI thread next to nothing."""
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = dict(keys or {})
        self._order = self._sorted_order()
        self._visible = self._filtered(self._order)
        self._shown = self._first_page()
        self.endResetModel()

    def rows(self) -> list[Any]:
        """Every row loaded, filtered or not, in load order."""
        return self._rows

    def visible_rows(self) -> list[Any]:
        """Every row the filter keeps, in sort order (fetched by the view or not)."""
        return [self._rows[i] for i in self._visible]

    def visible_count(self) -> int:
        return len(self._visible)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self._order = self._sorted_order()
        self._relayout(self._filtered(self._order))

    def set_filter(self, keep: Callable[[int], bool] | None) -> None:
        """Show only the rows whose index (in `rows()`) `keep` accepts; None shows all."""
        self._keep = keep
        self.beginResetModel()
        self._visible = self._filtered(self._order)
        self._shown = self._first_page()
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[self._visible[row]]

    def reveal(self, number: int) -> None:
        """Give the view every visible row up to `number` (a paged model), so that it can
        select or scroll to it."""
        if self._page is not None and number >= self._shown:
            self._show_up_to(min(number + 1, len(self._visible)))

    def fetch_all(self) -> None:
        self.reveal(len(self._visible) - 1)

    def row_of(self, predicate: Callable[[Any], bool]) -> int | None:
        """The visible row number of the first row `predicate` accepts (paged: perhaps one
        the view was not given yet, see `reveal`)."""
        for number, index in enumerate(self._visible):
            if predicate(self._rows[index]):
                return number
        return None

    def _column_keys(self, column: int) -> list[Any]:
        keys = self._keys.get(column)
        if keys is None:
            spec = self.columns[column]
            key = spec.key or (lambda row, text=spec.text: fold(text(row)))
            keys = self._keys[column] = [key(row) for row in self._rows]
        return keys

    def _sorted_order(self) -> list[int]:
        order = list(range(len(self._rows)))
        if self._sort is not None:
            column, direction = self._sort
            keys = self._column_keys(column)
            order.sort(key=keys.__getitem__,
                       reverse=direction == Qt.SortOrder.DescendingOrder)
        return order

    def _filtered(self, order: list[int]) -> list[int]:
        keep = self._keep
        return order if keep is None else [i for i in order if keep(i)]

    def _first_page(self) -> int:
        count = len(self._visible)
        return count if self._page is None else min(self._page, count)

    def _show_up_to(self, count: int) -> None:
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def _relayout(self, visible: list[int]) -> None:
        """Reorder the rows, carrying persistent indexes (the selection) to their new place;
        paged, the view is first given the rows down to where they land."""
        place = {row: number for number, row in enumerate(visible)}
        if self._page is not None:
            moved = [place.get(self._visible[index.row()], -1)
                     for index in self.persistentIndexList()]
            self._show_up_to(min(max([self._shown - 1, *moved]) + 1, len(visible)))
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        rows_before = [self._visible[index.row()] for index in old]
        self._visible = visible
        new = [
            self.index(place[row], index.column()) if row in place else QModelIndex()
            for row, index in zip(rows_before, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._page is not None and (
            self._shown < len(self._visible))

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            assert self._page is not None
            self._show_up_to(min(self._shown + self._page, len(self._visible)))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section].title
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A repaint asks every visible cell for a dozen roles: the ones not served here are
        # turned away before any other work (it halves the time of a repaint).
        if role not in _SERVED:
            return None
        number = index.row()
        if not 0 <= number < self._shown or not index.isValid():
            return None
        row = self._rows[self._visible[number]]
        spec = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.text(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self._column_keys(index.column())[self._visible[number]]
        if role == Qt.ItemDataRole.ForegroundRole and spec.color is not None:
            return spec.color(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and spec.tooltip is not None:
            return spec.tooltip(row)
        return None
