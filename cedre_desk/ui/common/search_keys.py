"""Down or Enter in a search field goes on to the list it filters (issue 11): the hands stay
on the keyboard from typing a name to opening the company."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView

_ON_TO_THE_LIST = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchLeadsToList(QObject):
    """Kept alive by the search field it watches."""

    def __init__(self, search: QLineEdit, table: QTableView) -> None:
        super().__init__(search)
        self._table = table
        search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _ON_TO_THE_LIST
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            return self._go_to_list()
        return False

    def _go_to_list(self) -> bool:
        table = self._table
        model = table.model()
        if model is None or model.rowCount() == 0:
            return False  # nothing to reach: the key does what it always did
        selection = table.selectionModel()
        if selection is None or not selection.hasSelection():
            table.selectRow(0)
        table.setFocus(Qt.FocusReason.TabFocusReason)
        return True
