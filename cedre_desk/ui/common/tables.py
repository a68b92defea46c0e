"""The read-only data table used by every view: whole rows selected, sorting done by the
model (see table_model), Enter or a double-click opens the row, and the column layout
(widths, order, sort column) remembered between runs under a key of its own."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.table_model import ROW_ROLE, RowTableModel

SAVE_DELAY_MS = 400  # a drag-resize emits many signals: write the layout once it stops


class DataTable(QTableView):
    row_activated = Signal(object)  # the row (a tuple or dataclass) under Enter/double-click

    def __init__(self, model: RowTableModel, layout_key: str | None = None,
                 preferences: Preferences | None = None, parent: QWidget | None = None,
                 sort_column: int | None = 0,
                 sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._layout_key = layout_key
        self._preferences = preferences
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
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(50)  # fitting columns looks at 50 rows, not all
        restored = self._restored = self._restore_layout()
        if sort_column is not None:
            self.setSortingEnabled(True)
            if not restored:
                self.sortByColumn(sort_column, sort_order)
            else:
                self.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_layout)
        for signal in (header.sectionResized, header.sectionMoved,
                       header.sortIndicatorChanged):
            signal.connect(self._layout_changed)
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
        self.selectRow(number)
        self.scrollTo(self.model().index(number, 0))

    def fit_columns(self, widest: int = 380) -> None:
        """Columns to their contents (on the first rows), unless a saved layout was restored."""
        if self._restored:
            return
        for column in range(self.model().columnCount() - 1):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column), widest))

    def save_layout(self) -> None:
        if self._preferences is not None and self._layout_key is not None:
            self._preferences.set_table_layout(self._layout_key,
                                               self.horizontalHeader().saveState())

    def _restore_layout(self) -> bool:
        if self._preferences is None or self._layout_key is None:
            return False
        state = self._preferences.table_layout(self._layout_key)
        return bool(state) and self.horizontalHeader().restoreState(state)

    def _layout_changed(self, *_: object) -> None:
        if self._layout_key is not None:
            self._save_timer.start()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_activated.emit(index.data(ROW_ROLE))
