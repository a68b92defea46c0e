"""The Le Cap screen: the assessments on the left; on the right the one selected, in three
pages (its answers, its picture, its progress plan); a new assessment, its report as PDF or
Excel, and the grid as a sheet both ways."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.services.cap.assessments import AssessmentInput, CapAssessmentService
from cedre_desk.services.cap.grids import CapGridService
from cedre_desk.services.cap.pictures import CapPictureService
from cedre_desk.services.cap.plan import CapPlanService
from cedre_desk.services.cap.reports import CapReportService
from cedre_desk.services.history import HistoryService
from cedre_desk.storage.database import Database
from cedre_desk.ui.cap.editor import AssessmentPage
from cedre_desk.ui.cap.grid_editor import GridEditor
from cedre_desk.ui.cap.models import AssessmentListModel
from cedre_desk.ui.cap.picture_page import PicturePage
from cedre_desk.ui.cap.plan_page import PlanPage
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.discard import keep_editing
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_editing
from cedre_desk.ui.history.change_history import ChangeHistory

ANSWERS, PICTURE, PLAN, HISTORY = range(4)


class CapView(QWidget):
    changed = Signal()
    message = Signal(str)

    def __init__(self, db: Database, lang: str, today: Callable[[], date],
                 parent: QWidget | None = None, *,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        self.db, self.lang, self.today = db, lang, today
        self.assessments = CapAssessmentService(db)
        self.list_model = AssessmentListModel(lang, self)
        self.list = QTableView(self)
        self.list.setModel(self.list_model)
        self.list.verticalHeader().hide()
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        ColumnLayout(self.list, "cap-assessments", preferences).restore()
        self.list.setWordWrap(False)
        self.list.setMinimumWidth(330)
        self.list.selectionModel().currentRowChanged.connect(self._selected)

        self.editor = AssessmentPage(self.assessments, lang, self, preferences=preferences)
        self.picture = PicturePage(lang, self, preferences=preferences)
        self.plan = PlanPage(CapPlanService(db), lang, today, self, preferences=preferences)
        self.pages = QTabWidget(self)
        self.pages.addTab(self.editor, self.tr("Answers"))
        self.pages.addTab(self.picture, self.tr("Picture"))
        self.pages.addTab(self.plan, self.tr("Progress plan"))
        # who changed what of the assessment, its answers and its plan: read-only
        self.history = ChangeHistory(lang, self, layout_key="cap-changes", show_record=True,
                                     preferences=preferences)
        self.history.loaded.connect(self._history_loaded)
        self.pages.addTab(self.history, self.tr("Change history"))
        self.editor.saved.connect(self._saved)
        self.plan.changed.connect(self.changed)
        self.plan.changed.connect(lambda: self.read_history(self.current_id()))

        self.new_button = QPushButton(self.tr("New assessment…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.pdf_button = QPushButton(self.tr("Report (PDF)…"), self)
        self.excel_button = QPushButton(self.tr("Report (Excel)…"), self)
        self.grid_export = QPushButton(self.tr("Export the grid…"), self)
        self.grid_import = QPushButton(self.tr("Load a grid…"), self)
        self.grid_edit = QPushButton(self.tr("Edit the grid…"), self)
        mark_editing(self.new_button, self.delete_button, self.grid_import, self.grid_edit)
        self.grid_edit.clicked.connect(self.edit_grid)
        self.new_button.clicked.connect(self.new_assessment)
        self.delete_button.clicked.connect(self.delete_assessment)
        self.pdf_button.clicked.connect(lambda: self.write_report(".pdf"))
        self.excel_button.clicked.connect(lambda: self.write_report(".xlsx"))
        self.grid_export.clicked.connect(self.export_grid)
        self.grid_import.clicked.connect(self.import_grid)
        bar = QHBoxLayout()
        for button in (self.new_button, self.delete_button, self.pdf_button,
                       self.excel_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.grid_label = QLabel(self)
        bar.addWidget(self.grid_label)
        bar.addWidget(self.grid_edit)
        bar.addWidget(self.grid_export)
        bar.addWidget(self.grid_import)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 980])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    # Reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the assessments again, keeping the one selected."""
        current = self.current_id()
        self.list_model.set_rows(self.assessments.lines())
        _, grid = CapGridService(self.db).current()
        self.grid_label.setText(self.tr("Grid: {label}").format(label=grid.label))
        rows = self.list_model.rows
        number = next((n for n, line in enumerate(rows) if line.id == current), 0)
        if rows:
            self.list.selectRow(number)
        else:
            self._show(None)
        self._enable()

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return self.list_model.rows[index.row()].id if index.isValid() else None

    def select(self, assessment_id: int) -> None:
        for number, line in enumerate(self.list_model.rows):
            if line.id == assessment_id:
                self.list.selectRow(number)

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.list_model.rows[current.row()].id if current.isValid() else None)

    def _show(self, assessment_id: int | None) -> None:
        if assessment_id is None:
            self.editor.load(None)
            self.picture.load(None)
            self.plan.load(None)
        else:
            self.editor.load(self.assessments.get(assessment_id))
            self.picture.load(CapPictureService(self.db).picture(assessment_id))
            self.plan.load(assessment_id)
        self.read_history(assessment_id)
        self._enable()

    def read_history(self, assessment_id: int | None) -> None:
        """The assessment's change history, with its answers' and plan's, off the GUI thread."""
        self.pages.setTabEnabled(HISTORY, assessment_id is not None)
        if assessment_id is None:
            self.history.clear()
            self.pages.setTabText(HISTORY, self.tr("Change history"))
            return
        service = HistoryService(self.db)
        self.history.read(lambda: service.record_history("cap_assessment", assessment_id,
                                                         private_connection=True))

    def _history_loaded(self, count: int) -> None:
        self.pages.setTabText(HISTORY, self.tr("Change history ({count})").format(count=count))

    def _enable(self) -> None:
        chosen = self.current_id() is not None
        for button in (self.delete_button, self.pdf_button, self.excel_button):
            button.setEnabled(chosen)

    def _saved(self, assessment_id: int) -> None:
        self.list_model.set_rows(self.assessments.lines())
        self.select(assessment_id)
        self.read_history(assessment_id)
        self.changed.emit()

    # Actions -------------------------------------------------------------------------------

    def new_assessment(self) -> None:
        dialog = NewAssessmentDialog(self.db, self.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create(dialog.input())

    def create(self, data: AssessmentInput) -> int | None:
        try:
            assessment_id = self.assessments.create(data, today=self.today())
        except UserError as error:
            QMessageBox.warning(self, self.tr("Le Cap"), error.message(self.lang))
            return None
        self.refresh()
        self.select(assessment_id)
        self.pages.setCurrentIndex(ANSWERS)
        self.changed.emit()
        return assessment_id

    def delete_assessment(self) -> None:
        assessment_id = self.current_id()
        if assessment_id is None or not self.confirm(self.tr(
                "Delete this assessment, its answers and its plan?")):
            return
        self.assessments.delete(assessment_id)
        self.refresh()
        self.changed.emit()

    def write_report(self, suffix: str) -> Path | None:
        assessment_id = self.current_id()
        if assessment_id is None:
            return None
        target = self.ask_path(self.tr("Le Cap report"), f"le-cap-{assessment_id}{suffix}",
                               suffix, save=True)
        if target is None:
            return None
        try:
            CapReportService(self.db).write(assessment_id, target, today=self.today(),
                                            lang=self.lang)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Le Cap"), error.message(self.lang))
            return None
        self.message.emit(self.tr("Report written: {path}").format(path=target))
        return target

    def export_grid(self) -> None:
        target = self.ask_path(self.tr("Export the grid"), "grille-le-cap.xlsx", ".xlsx",
                               save=True)
        if target is not None:
            CapGridService(self.db).export_sheet(target)
            self.message.emit(self.tr("Grid written: {path}").format(path=target))

    def edit_grid(self) -> GridEditor:
        """The current grid in an editor; saved, it becomes the grid new assessments use."""
        grids = CapGridService(self.db)
        _, grid = grids.current()
        editor = GridEditor(grid, self.lang, self.today(),
                            lambda edited: grids.save_edited(edited, today=self.today()), self)
        editor.accepted.connect(lambda: self._grid_saved(editor))
        editor.open()
        return editor

    def _grid_saved(self, editor: GridEditor) -> None:
        self.refresh()
        self.message.emit(self.tr("Grid saved: {label}").format(label=editor.label.text()))

    def import_grid(self) -> None:
        source = self.ask_path(self.tr("Load a grid"), "", ".xlsx", save=False)
        if source is None:
            return
        try:
            sheet = CapGridService(self.db).import_sheet(source, today=self.today())
        except UserError as error:
            QMessageBox.warning(self, self.tr("Le Cap"), error.message(self.lang))
            return
        if sheet.grid is None:
            lines = [f"{p.row_number} : {p.en if self.lang == 'en' else p.fr}"
                     for p in sheet.problems[:20]]
            QMessageBox.warning(self, self.tr("Le Cap"), "\n".join(
                [self.tr("The grid was not loaded:"), *lines]))
            return
        self.refresh()
        self.message.emit(self.tr("Grid loaded: {label}").format(label=sheet.grid.label))

    # What a test replaces ------------------------------------------------------------------

    def ask_path(self, title: str, name: str, suffix: str, *, save: bool) -> Path | None:
        pattern = f"*{suffix}"
        chosen = (QFileDialog.getSaveFileName(self, title, name, pattern) if save
                  else QFileDialog.getOpenFileName(self, title, name, pattern))[0]
        return Path(chosen) if chosen else None

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Le Cap"), question)
        return answer == QMessageBox.StandardButton.Yes


class NewAssessmentDialog(QDialog):
    """A new assessment: for which company or group, on which day."""

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Le Cap assessment"))
        self.owner = QComboBox(self)
        self.owner.setEditable(True)  # type to find among 500 companies
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for kind, record_id, name in CapAssessmentService(db).subjects():
            shown = name if kind == "company" else self.tr("Group: {name}").format(name=name)
            self.owner.addItem(shown, (kind, record_id))
        self.held_on = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("dd/MM/yyyy")
        form = QFormLayout(self)
        form.addRow(self.tr("Company or group"), self.owner)
        form.addRow(self.tr("Date"), self.held_on)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._shown_form = self._form()

    def _form(self) -> tuple[object, ...]:
        return (self.owner.currentIndex(), self.owner.currentText(), self.held_on.date())

    def reject(self) -> None:
        """Cancel or Escape: what was chosen is not thrown away without asking."""
        if self._form() != self._shown_form and keep_editing(
                self, self.tr("Discard this new assessment?")):
            return
        super().reject()

    def input(self) -> AssessmentInput:
        kind, record_id = self.owner.currentData() or ("company", None)
        picked = self.held_on.date()
        held_on = date(picked.year(), picked.month(), picked.day())
        if kind == "group":
            return AssessmentInput(held_on, group_id=record_id)
        return AssessmentInput(held_on, company_id=record_id)
