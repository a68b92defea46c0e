"""Import an Excel workbook: a preview first (a dry run), then the import, all or nothing.

The preview lists, for each sheet read, what every column was taken to mean: the user can
change any column's field (or leave a column out), and the preview runs again. Its summary
tab accounts for every sheet, column and row, as the command line's summary does. Rows that
cannot be imported are listed with the reason; the Import button stays off while there is
one. Reading and importing run off the GUI thread, so a large workbook never freezes the
window: the preview with a read-only database of its own, the import with a writing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.imports.workbook_fields import FIELDS, IGNORE, SheetMapping, normalise
from cedre_desk.imports.workbook_records import Problem
from cedre_desk.services.importing.summary import counts_text, import_summary
from cedre_desk.services.importing.workbook_import import ImportResult, ImportService
from cedre_desk.storage.database import Database
from cedre_desk.storage.engine import make_engine
from cedre_desk.ui.common.background import reader_for
from cedre_desk.ui.exchange.exports import BackgroundJob

translate = QCoreApplication.translate  # lupdate reads each call's literal context
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1


def field_name(field: str | None, lang: str) -> str:
    if field is None:
        return translate("ImportDialog", "(not recognised)")
    fr, en = FIELDS.get(field, (field, field))
    return en if lang == "en" else fr


class MappingModel(QAbstractTableModel):
    """Sheet, column header, field: one row per column of every sheet read; the field is
    editable."""

    changed = Signal(str, str, str)  # sheet, header, field

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[tuple[str, str, str | None]] = []
        self._headers = (translate("ImportDialog", "Sheet"), translate("ImportDialog", "Column"),
                         translate("ImportDialog", "Read as"))

    def set_mappings(self, mappings: Sequence[SheetMapping]) -> None:
        self.beginResetModel()
        self._rows = [(m.sheet, c.header, c.field) for m in mappings for c in m.columns]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 2 else flags

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        sheet, header, field = self._rows[index.row()]
        if role == FIELD_ROLE:
            return field
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (sheet, header, field_name(field, self._lang))[index.column()]
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 2 or value not in FIELDS:
            return False
        sheet, header, field = self._rows[index.row()]
        if value == field:
            return False
        self._rows[index.row()] = (sheet, header, value)
        self.dataChanged.emit(index, index)
        self.changed.emit(sheet, header, value)
        return True


class FieldDelegate(QStyledItemDelegate):
    """A list of the fields to choose a column's meaning from."""

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        box = QComboBox(parent)
        for field in sorted(FIELDS, key=lambda f: (f != IGNORE, field_name(f, self._lang))):
            box.addItem(field_name(field, self._lang), field)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
                      ) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(FIELD_ROLE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class ProblemModel(QAbstractTableModel):
    """The rejected rows: sheet, row, reason (in the interface language)."""

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[Problem] = []
        self._headers = (translate("ImportDialog", "Sheet"), translate("ImportDialog", "Row"),
                         translate("ImportDialog", "Reason"))

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        self._rows = list(problems)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        problem = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            reason = problem.en if self._lang == "en" else problem.fr
            return (problem.sheet, problem.row or "", reason)[index.column()]
        return None


def _writer_for(db: Database) -> Database:
    """A writing database of the worker thread's own on the register of `db`."""
    if db.path is None:
        return db
    return Database(make_engine(db.path), db.path, user=db.user)


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportResult, once written

    def __init__(self, db: Database, lang: str, today: date, path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._lang, self._today = db, lang, today
        self._path: Path | None = None
        self._overrides: dict[str, str] = {}
        self.result: ImportResult | None = None
        self.job: BackgroundJob | None = None
        self.setWindowTitle(translate("ImportDialog", "Import an Excel workbook"))
        self.file = QLineEdit(self)
        self.file.setReadOnly(True)
        choose = QPushButton(translate("ImportDialog", "Choose…"), self)
        choose.clicked.connect(self.choose_file)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.mapping = MappingModel(lang, self)
        self.mapping.changed.connect(self._remap)
        self.problems = ProblemModel(lang, self)
        self.tabs = QTabWidget(self)
        self.mapping_view = self._table(self.mapping)
        self.mapping_view.setItemDelegateForColumn(2, FieldDelegate(lang, self))
        self.problem_view = self._table(self.problems)
        self.tabs.addTab(self.mapping_view, translate("ImportDialog", "Columns"))
        self.tabs.addTab(self.problem_view, translate("ImportDialog", "Rejected rows"))
        # What became of every sheet, column and row: the command line's summary.
        self.accounting = QPlainTextEdit(self)
        self.accounting.setReadOnly(True)
        self.accounting.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs.addTab(self.accounting, translate("ImportDialog", "Summary"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(translate("ImportDialog", "Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("ImportDialog", "Workbook:"), self))
        row.addWidget(self.file, 1)
        row.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 560)
        if path is not None:
            self.set_path(path)

    def _table(self, model: QAbstractTableModel) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # -- the workbook -----------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("ImportDialog", "Import"), "",
                                              translate("ImportDialog", "Excel (*.xlsx)"))
        if name:
            self.set_path(Path(name))

    def set_path(self, path: Path) -> None:
        self._path = Path(path)
        self._overrides.clear()
        self.file.setText(str(path))
        self.preview()

    def _remap(self, sheet: str, header: str, field: str) -> None:
        self._overrides[f"{normalise(sheet)}!{normalise(header)}"] = field
        self.preview()

    # -- preview and import -----------------------------------------------------------------

    def preview(self) -> None:
        """A dry run off the GUI thread; its result fills the tables."""
        if self._path is None:
            return
        path, overrides, today = self._path, dict(self._overrides), self._today
        open_reader = reader_for(self._db)

        def work(_progress: Any) -> ImportResult:
            reader = open_reader()
            try:
                return ImportService(reader).run(path, today=today, overrides=overrides,
                                                 dry_run=True)
            finally:
                if reader is not self._db:
                    reader.close()

        self._start(work, translate("ImportDialog", "Reading the workbook…"), self._previewed)

    def run_import(self) -> None:
        if self._path is None or self.result is None or not self.result.ok:
            return
        path, overrides, today, db = self._path, dict(self._overrides), self._today, self._db

        def work(_progress: Any) -> ImportResult:
            writer = _writer_for(db)
            try:
                return ImportService(writer).run(path, today=today, overrides=overrides)
            finally:
                if writer is not db:
                    writer.close()

        self._start(work, translate("ImportDialog", "Importing…"), self._imported)

    def _start(self, work: Any, label: str, done: Any) -> None:
        self.import_button.setEnabled(False)
        self.summary.setText(label)
        self.busy.show()
        job = BackgroundJob(work)
        job.succeeded.connect(done)
        job.failed.connect(self._failed)
        self.job = job
        job.start_kept()

    def _show(self, result: ImportResult) -> None:
        self.busy.hide()
        self.result = result
        self.mapping.set_mappings(result.mappings)
        self.problems.set_problems(list(result.problems) + list(result.notes))
        self.tabs.setTabText(1, translate("ImportDialog", "Rejected rows ({count})")
                             .format(count=len(result.problems)))
        self.accounting.setPlainText(import_summary(result, self._lang))

    def _previewed(self, result: ImportResult) -> None:
        self._show(result)
        if result.ok:
            self.summary.setText(translate("ImportDialog", "Ready to import: {counts}.")
                                 .format(counts=self.counts(result)))
            self.import_button.setEnabled(True)
        else:
            self.summary.setText(translate(
                "ImportDialog", "{count} row(s) cannot be imported: correct the workbook or "
                "the columns, then preview again. Nothing will be written until every row "
                "can be.").format(count=len(result.problems)))
            self.tabs.setCurrentIndex(1)

    def _imported(self, result: ImportResult) -> None:
        if not result.written:  # the register changed since the preview
            self._previewed(result)
            return
        self._show(result)
        text = translate("ImportDialog", "Imported: {counts}.").format(counts=self.counts(result))
        self.summary.setText(text)
        QMessageBox.information(self, "cedre-desk", text)
        self.imported.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.busy.hide()
        if not isinstance(exc, UserError):
            raise exc
        self.summary.setText(exc.message(self._lang))
        QMessageBox.warning(self, "cedre-desk", exc.message(self._lang))

    def counts(self, result: ImportResult) -> str:
        """The records per kind as the command line's summary says them (one list of kinds:
        records already known and group memberships too), in the window's language."""
        parts = counts_text({**result.counts, **result.membership_counts}, self._lang)
        return ", ".join(parts) or translate("ImportDialog", "nothing")
