"""The read-only data table used by every view: whole rows selected, sorting done by the
model (see table_model), Enter or a double-click opens the row; its columns sized to their
content and remembered between runs under a key of its own (see column_layout). Over a paged
model the view fetches rows as it scrolls; End (Ctrl+End) goes to the very last row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.table_model import ROW_ROLE, RowTableModel


class DataTable(QTableView):
    row_activated = Signal(object)  # the row (a tuple or dataclass) under Enter/double-click

    def __init__(self, model: RowTableModel, layout_key: str | None = None,
                 preferences: Preferences | None = None, parent: QWidget | None = None,
                 sort_column: int | None = 0,
                 sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures its 20,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        self.columns = ColumnLayout(self, layout_key, preferences)
        restored = self.columns.restore()
        if sort_column is not None:
            self.setSortingEnabled(True)
            if not restored:
                self.sortByColumn(sort_column, sort_order)
            else:
                self.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.activated.connect(self._activated)

    def table_model(self) -> RowTableModel:
        model = self.model()
        assert isinstance(model, RowTableModel)
        return model

    def current_row(self) -> Any:
        """The selected row (tuple or dataclass), or None."""
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row(),
                                                                          QModelIndex()):
            return None
        return index.data(ROW_ROLE)

    def select_row(self, number: int | None) -> None:
        if number is None:
            self.clearSelection()
            return
        model = self.model()
        if isinstance(model, RowTableModel):
            model.reveal(number)  # a paged model: the view is given the rows down to it
        self.selectRow(number)
        self.scrollTo(self.model().index(number, 0))

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        model = self.model()
        if (cursorAction == QAbstractItemView.CursorAction.MoveEnd
                and isinstance(model, RowTableModel)):
            model.fetch_all()  # End means the last row, not the last one fetched
        return super().moveCursor(cursorAction, modifiers)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_activated.emit(index.data(ROW_ROLE))
