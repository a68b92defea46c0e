"""The assessment editor: who took part and who reviewed it, then an answer per indicator
(level, comment, evidence), with what each level means for the indicator in hand. Saved
half-done as often as wanted; marked completed by hand."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.services.cap.assessments import (
    COMPLETED,
    IN_PROGRESS,
    PEER,
    THIRD_PARTY,
    Answer,
    Assessment,
    AssessmentInput,
    CapAssessmentService,
)
from cedre_desk.ui.cap.models import LEVEL, AnswerRow, AnswersModel, ChoiceDelegate
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_form


class AssessmentPage(QWidget):
    saved = Signal(int)  # the assessment's id

    def __init__(self, service: CapAssessmentService, lang: str,
                 parent: QWidget | None = None, *,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        self.service, self.lang = service, lang
        self.assessment: Assessment | None = None
        self.subject = QLabel(self)
        self.held_on = QDateEdit(self)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("dd/MM/yyyy")
        self.participants = QLineEdit(self)
        self.reviewer_name = QLineEdit(self)
        self.reviewer_kind = QComboBox(self)
        for value, text in (("", self.tr("Not reviewed")), (THIRD_PARTY, self.tr("Third party")),
                            (PEER, self.tr("Peer"))):
            self.reviewer_kind.addItem(text, value)
        self.reviewer_role = QLineEdit(self)
        self.reviewer_role.setPlaceholderText(self.tr("e.g. regional delegation, trainer"))
        self.completed = QCheckBox(self.tr("Assessment completed"), self)
        form = QFormLayout()
        form.addRow(self.tr("Company or group"), self.subject)
        form.addRow(self.tr("Date"), self.held_on)
        form.addRow(self.tr("Participants"), self.participants)
        reviewer = QHBoxLayout()
        reviewer.addWidget(self.reviewer_kind)
        reviewer.addWidget(self.reviewer_name, 2)
        reviewer.addWidget(self.reviewer_role, 2)
        form.addRow(self.tr("Reviewed by"), reviewer)

        self.model = AnswersModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        ColumnLayout(self.table, "cap-answers", preferences).restore()
        self.delegate: ChoiceDelegate | None = None
        self.meaning = QLabel(self)
        self.meaning.setWordWrap(True)
        self.meaning.setMinimumHeight(130)
        self.meaning.setStyleSheet("QLabel { background: palette(alternate-base); "
                                   "padding: 6px; }")
        self.table.selectionModel().currentRowChanged.connect(self._show_meaning)

        self.save_button = QPushButton(self.tr("Save (even half-done)"), self)
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.completed)
        buttons.addStretch(1)
        buttons.addWidget(self.note)
        buttons.addWidget(self.save_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.meaning)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        mark_form(self)  # a read-only register: answers shown, not typed into
        self.setEnabled(False)

    def load(self, assessment: Assessment | None) -> None:
        if self.assessment is None or assessment is None or assessment.id != self.assessment.id:
            self.note.clear()  # "Saved." stays while the same assessment is read again
        self.assessment = assessment
        self.setEnabled(assessment is not None)
        if assessment is None:
            if self.model.grid is not None:
                self.model.load(self.model.grid, [])
            return
        data = assessment.data
        self.subject.setText(assessment.subject)
        self.held_on.setDate(QDate(data.held_on.year, data.held_on.month, data.held_on.day))
        self.participants.setText(data.participants)
        self.reviewer_name.setText(data.reviewer_name)
        self.reviewer_kind.setCurrentIndex(max(0, self.reviewer_kind.findData(
            data.reviewer_kind)))
        self.reviewer_role.setText(data.reviewer_role)
        self.completed.setChecked(assessment.status == COMPLETED)
        grid = assessment.grid
        rows = []
        for indicator in grid.indicators():
            answer = assessment.answers.get(indicator.code)
            rows.append(AnswerRow(indicator, answer.level if answer else None,
                                  answer.comment if answer else "",
                                  answer.evidence if answer else ""))
        self.model.load(grid, rows)
        choices: list[tuple[object, str]] = [(-1, "—")]
        choices += [(step.level, self.model.level_name(step.level)) for step in grid.scale]
        self.delegate = ChoiceDelegate(choices, self.table)
        self.table.setItemDelegateForColumn(LEVEL, self.delegate)
        if rows:
            self.table.selectRow(0)

    def save(self) -> bool:
        assessment = self.assessment
        if assessment is None:
            return False
        picked = self.held_on.date()
        data = AssessmentInput(
            date(picked.year(), picked.month(), picked.day()),
            company_id=assessment.data.company_id, group_id=assessment.data.group_id,
            participants=self.participants.text(), reviewer_name=self.reviewer_name.text(),
            reviewer_kind=str(self.reviewer_kind.currentData() or ""),
            reviewer_role=self.reviewer_role.text(), notes=assessment.data.notes)
        answers = [Answer(r.indicator.code, r.level, r.comment, r.evidence)
                   for r in self.model.rows if r.indicator.code in self.model.changed]
        status = COMPLETED if self.completed.isChecked() else IN_PROGRESS
        try:
            self.service.save(assessment.id, data, answers, status, assessment.version)
        except UserError as error:
            self.note.setText(error.message(self.lang))
            return False
        self.load(self.service.get(assessment.id))
        self.note.setText(self.tr("Saved."))
        self.saved.emit(assessment.id)
        return True

    def _show_meaning(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.model.grid is None:
            self.meaning.clear()
            return
        indicator = self.model.rows[current.row()].indicator
        lines = [f"<b>{indicator.code}</b> {_html(indicator.question)}"]
        lines += [f"{self.model.level_name(n)} : {_html(text)}"
                  for n, text in enumerate(indicator.levels)]
        lines.append(self.tr("Target: {level}. Below it: {action}").format(
            level=self.model.level_name(indicator.target), action=_html(indicator.action)))
        self.meaning.setText("<br/>".join(lines))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

