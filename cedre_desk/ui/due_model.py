"""The due list as a Qt table model (Vorta's recipe: column constants, a sort role giving raw
values, an object role giving the row)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.vocabulary import label
from cedre_desk.services.due import DueRow

DUE, COMPANY, SIRET, EVENT, STATE = range(5)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

_LATE = QBrush(QColor("#b3261e"))
_SOON = QBrush(QColor("#8a5a00"))


class DueModel(QAbstractTableModel):
    def __init__(self, lang: str = "fr", parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DueRow] = []
        self._lang = lang
        fr = ("Échéance", "Structure", "SIRET", "Événement", "État")
        en = ("Due", "Company", "SIRET", "Event", "State")
        self._headers = en if lang == "en" else fr

    def set_rows(self, rows: Sequence[DueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return (row.due.toordinal(), row.company.casefold(), row.siret or "",
                    row.event.value, row.state.value)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            event = label(row.event, self._lang) + (" *" if row.expected_session else "")
            return (format_fr(row.due), row.company, row.siret or "", event,
                    label(row.state, self._lang))[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return _LATE if row.late else _SOON if column == DUE else None
        return None
