"""The progress plan of an assessment: built from the answers below target (the grid's
suggested text, editable), completed by hand with owners, deadlines and statuses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.services.cap.plan import ACTION_STATUSES, ACTION_WORDS, ActionInput, CapPlanService
from cedre_desk.ui.cap.models import P_STATUS, P_TEXT, ChoiceDelegate, PlanModel, PlanRow
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_form


class PlanPage(QWidget):
    changed = Signal()

    def __init__(self, service: CapPlanService, lang: str, today: Callable[[], date],
                 parent: QWidget | None = None, *,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        self.service, self.lang, self.today = service, lang, today
        self.assessment_id: int | None = None
        self.model = PlanModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ColumnLayout(self.table, "cap-plan", preferences).restore()
        word = 1 if lang == "en" else 0
        self.status_delegate = ChoiceDelegate(
            [(s, ACTION_WORDS[s][word]) for s in ACTION_STATUSES], self.table)
        self.table.setItemDelegateForColumn(P_STATUS, self.status_delegate)
        self.build_button = QPushButton(self.tr("Build from the answers"), self)
        self.add_button = QPushButton(self.tr("Add an action"), self)
        self.delete_button = QPushButton(self.tr("Delete the action"), self)
        self.save_button = QPushButton(self.tr("Save the plan"), self)
        self.note = QLabel(self)
        self.build_button.clicked.connect(self.build)
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        for button in (self.build_button, self.add_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.note)
        buttons.addWidget(self.save_button)
        hint = QLabel(self.tr("Double-click a cell to edit it; dates as 30/06/2027."), self)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        mark_form(self)  # a read-only register: the plan shown, not typed into
        self.setEnabled(False)

    def load(self, assessment_id: int | None) -> None:
        self.assessment_id = assessment_id
        self.setEnabled(assessment_id is not None)
        self.model.load([] if assessment_id is None
                        else self.service.actions(assessment_id, self.today()))

    def build(self) -> None:
        if self.assessment_id is None or not self._saved_first():
            return
        added = self.service.build(self.assessment_id)
        self.load(self.assessment_id)
        self.note.setText(self.tr("{count} action(s) added from the answers below "
                                  "target.").format(count=added))
        self.changed.emit()

    def add(self) -> None:
        number = self.model.add(PlanRow(None, 0, "", self.tr("New action"), "", None, "open",
                                        False))
        self.table.selectRow(number)
        self.table.edit(self.model.index(number, P_TEXT))

    def delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.assessment_id is None:
            return
        row = self.model.rows[rows[0].row()]
        if row.id is not None:
            self.service.delete_action(row.id)
        self.load(self.assessment_id)
        self.changed.emit()

    def save(self) -> bool:
        if self.assessment_id is None:
            return False
        try:
            for number in sorted(self.model.changed):
                row = self.model.rows[number]
                data = ActionInput(row.text, row.owner, row.due_on, row.status, row.indicator)
                if row.id is None:
                    row.id = self.service.add(self.assessment_id, data)
                else:
                    row.version = self.service.update(row.id, data, row.version)
                self.model.changed.discard(number)
        except UserError as error:
            self.note.setText(error.message(self.lang))
            return False
        self.load(self.assessment_id)
        self.note.setText(self.tr("Plan saved."))
        self.changed.emit()
        return True

    def _saved_first(self) -> bool:
        return not self.model.changed or self.save()
