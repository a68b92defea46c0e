"""Fichier > Restaurer une sauvegarde: the register's copies by date, newest first; a copy
is put back after a confirmation saying that the current register is kept first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.services.maintenance import BackupRow
from cedre_desk.storage.restore import RestoreResult
from cedre_desk.ui.safety.texts import newer_sentence, pick, size, when

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class BackupsModel(QAbstractTableModel):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[BackupRow] = []
        self._headers = (pick(lang, "Date", "Date"), pick(lang, "Type", "Kind"),
                         pick(lang, "Taille", "Size"))

    def set_rows(self, rows: Sequence[BackupRow]) -> None:
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
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return (when(row.taken_at, self._lang), row.reason_label(self._lang),
                    size(row.size, self._lang))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(row.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RestoreDialog(QDialog):
    """Lists `backups()`; « Restaurer » calls `restore(path)` after a confirmation that says
    which records newer than the copy it sets aside (`newer(path)`, see
    maintenance.newer_records)."""

    def __init__(self, backups: Callable[[], list[BackupRow]],
                 restore: Callable[[Path], RestoreResult], lang: str,
                 parent: QWidget | None = None,
                 newer: Callable[[Path], tuple[tuple[str, int], ...] | None] | None = None,
                 ) -> None:
        super().__init__(parent)
        self._backups, self._restore, self._lang = backups, restore, lang
        self._newer = newer
        self.result_of_restore: RestoreResult | None = None
        self.setWindowTitle(pick(lang, "Restaurer une sauvegarde", "Restore a backup"))
        self.model = BackupsModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty = QLabel(pick(lang, "Aucune sauvegarde de ce registre pour l'instant.",
                                 "No backup of this register yet."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(pick(lang, "Restaurer…", "Restore…"), self)
        self.other_button = QPushButton(pick(lang, "Autre fichier…", "Other file…"), self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button.clicked.connect(self.restore_other)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(pick(
            lang, "Les sauvegardes du registre, de la plus récente à la plus ancienne :",
            "The register's backups, newest first:"), self))
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.resize(560, 380)
        self.reload()

    def reload(self) -> None:
        rows = self._backups()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
            self.table.resizeColumnToContents(0)
        self._selection_changed()

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def restore_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._confirm_and_restore(row.path, pick(self._lang, "la sauvegarde du ",
                                                     "the backup of ") +
                                      when(row.taken_at, self._lang))

    def restore_other(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, pick(self._lang, "Restaurer un fichier", "Restore a file"), "",
            pick(self._lang, "Registres cedre-desk (*.sqlite *.cedre);;Tous les fichiers (*)",
                 "cedre-desk registers (*.sqlite *.cedre);;All files (*)"))
        if chosen:
            self._confirm_and_restore(Path(chosen), Path(chosen).name)

    def _confirm_and_restore(self, path: Path, what: str) -> None:
        lang = self._lang
        kept_where = pick(lang, "la sauvegarde « avant restauration »",
                          "the “before a restore” backup")
        newer = ("\n\n" + newer_sentence(self._newer(path), kept_where, lang)
                 if self._newer is not None else "")
        answer = QMessageBox.question(
            self, self.windowTitle(),
            pick(lang,
                 f"Remettre en place {what} ?\n\nLe registre actuel est d'abord gardé dans les "
                 "sauvegardes (« avant restauration ») : vous pourrez revenir en arrière.",
                 f"Put back {what}?\n\nThe current register is first kept among the backups "
                 "(“before a restore”): you can go back.") + newer,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)  # the default never sets records aside
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.result_of_restore = self._restore(path)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message(lang))
            self.reload()
            return
        kept = self.result_of_restore.kept
        QMessageBox.information(self, self.windowTitle(), pick(
            lang, f"Sauvegarde restaurée. Le registre remplacé est gardé : {kept}",
            f"Backup restored. The replaced register is kept: {kept}") if kept else pick(
            lang, "Sauvegarde restaurée.", "Backup restored."))
        self.accept()
