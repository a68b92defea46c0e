"""Loading a version's requirements from the federation's Excel sheet, in three steps: the
sheet is read and checked without writing anything; its problems are shown row by row (and
then nothing is loaded: the load is all or nothing); otherwise the user confirms what will be
added and updated, and the sheet is loaded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.services.referentials import LoadResult, ReferentialService, VersionInfo
from cedre_desk.ui.common.table_model import Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable


class SheetProblemsDialog(QDialog):
    """The rows of the sheet that cannot be loaded, each with its problem."""

    def __init__(self, file_name: str, problems: tuple[tuple[int, str, str], ...], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Problems in the sheet"))
        english = lang == "en"
        model = RowTableModel([
            Column(self.tr("Row"), lambda p: str(p[0]), key=lambda p: p[0], align_right=True),
            Column(self.tr("Problem"), lambda p: p[2] if english else p[1],
                   tooltip=lambda p: p[2] if english else p[1]),
        ], self)
        self.table = DataTable(model, sort_column=0, parent=self)
        model.setParent(self.table)  # deleted after the table's selection model
        model.set_rows(list(problems))
        intro = QLabel(self.tr(
            "{count} row(s) of {file} cannot be loaded. Nothing was loaded: correct these rows "
            "in the sheet, then load it again.").format(count=len(problems), file=file_name),
            self)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)


class SheetLoader(QObject):
    """The three steps, for one version; `run` returns the load's result, or None."""

    def __init__(self, referentials: ReferentialService, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._referentials, self._lang, self._parent = referentials, lang, parent

    def run(self, version: VersionInfo) -> LoadResult | None:
        parent = self._parent
        name, _ = QFileDialog.getOpenFileName(
            parent, self.tr("Requirement sheet for {version}").format(version=version.name),
            "", self.tr("Excel workbooks (*.xlsx)"))
        if not name:
            return None
        path = Path(name)
        try:
            with _WaitCursor():
                checked = self._referentials.load_sheet(version.id, path, dry_run=True)
        except UserError as error:
            QMessageBox.warning(parent, self.tr("Requirement sheet"), error.message(self._lang))
            return None
        if checked.problems:
            SheetProblemsDialog(path.name, checked.problems, self._lang, parent).exec()
            return None
        if not checked.added and not checked.updated:
            QMessageBox.information(parent, self.tr("Requirement sheet"), self.tr(
                "{file} brings nothing new to {version}.").format(file=path.name,
                                                                   version=version.name))
            return None
        answer = QMessageBox.question(parent, self.tr("Requirement sheet"), self.tr(
            "{file}: {added} requirement(s) will be added to {version} and {updated} updated "
            "(none is removed). Load them?").format(
                file=path.name, version=version.name, added=checked.added,
                updated=checked.updated))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            with _WaitCursor():
                return self._referentials.load_sheet(version.id, path)
        except UserError as error:
            QMessageBox.warning(parent, self.tr("Requirement sheet"), error.message(self._lang))
            return None


class _WaitCursor:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_: object) -> None:
        QGuiApplication.restoreOverrideCursor()
