"""The findings part of the audit editor: the list of an audit's findings, the form to enter
one against the audited version's requirement tree, and the counts per level.

Findings are drafts until the editor saves: the panel keeps what was added, changed or
removed, and the editor writes it through the audit service. The counts follow the typing:
the finding in the form counts with the level chosen in the form, before it is even added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import FindingLevel, label
from cedre_desk.errors import UserError
from cedre_desk.services.audits import FindingInput, FindingRow
from cedre_desk.services.requirements import TreeRow
from cedre_desk.ui.common.date_field import DateField, first_refused
from cedre_desk.ui.common.fields import FieldMessage, FieldMessages
from cedre_desk.ui.common.formatting import day
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.table_model import Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable

LEVELS = list(FindingLevel)


@dataclass(frozen=True)
class FindingDraft:
    level: FindingLevel
    text: str
    requirement_id: int | None
    requirement: str  # "2.1 Gouvernance", as listed
    action: str = ""
    action_due: date | None = None
    action_closed_on: date | None = None
    id: int | None = None  # None until saved
    version: int = 0
    changed: bool = True  # to be written at the next save

    def to_input(self) -> FindingInput:
        return FindingInput(self.level, self.text, self.requirement_id, self.action,
                            self.action_due, self.action_closed_on)


def draft_of(row: FindingRow) -> FindingDraft:
    requirement = f"{row.requirement_code} {row.requirement_title}".strip()
    return FindingDraft(row.level, row.text, row.requirement_id, requirement, row.action,
                        row.action_due, row.action_closed_on, row.id, row.version, False)


class FindingsPanel(QWidget):
    counts_changed = Signal()

    def __init__(self, tree: Callable[[int], list[TreeRow]], lang: str, today: date,
                 parent: QWidget | None = None, *,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        self._tree, self._lang = tree, lang
        self._drafts: list[FindingDraft] = []
        self._deleted: list[int] = []
        self._editing: int | None = None  # the draft shown in the form, None for a new one
        self._children: dict[int, list[TreeRow]] = {}
        self._chapter_of: dict[int, int] = {}
        self._labels: dict[int, str] = {}

        self.table = DataTable(self._new_model(), "findings", preferences, self,
                               sort_column=None)
        self.model: RowTableModel = self.table.table_model()
        self.model.setParent(self.table)  # deleted after the table's selection model
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)

        self.chapter = QComboBox(self)
        self.chapter.currentIndexChanged.connect(self._fill_requirements)
        self.requirement = QComboBox(self)
        self.level = QComboBox(self)
        for level in LEVELS:
            self.level.addItem(f"{level.value} — {label(level, lang)}", level.value)
        self.level.currentIndexChanged.connect(self.counts_changed)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("What the auditor found"))
        self.text.textChanged.connect(self.counts_changed)
        self.action = QPlainTextEdit(self)
        self.action.setPlaceholderText(self.tr("The corrective action, for a nonconformity"))
        for edit in (self.text, self.action):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        self.deadline = DateField(today, self, lang=lang, record_field="action_due")
        self.closed_on = DateField(today, self, lang=lang, record_field="action_closed_on")

        self.messages = FieldMessages(FieldMessage(self), lang)
        form = QFormLayout()
        for field, caption, widget in (
            ("chapter", self.tr("Chapter"), self.chapter),
            ("requirement_id", self.tr("Requirement"), self.requirement),
            ("level", self.tr("Level"), self.level),
            ("text", self.tr("Finding"), self.text),
            ("action", self.tr("Corrective action"), self.action),
            ("action_due", self.tr("Deadline"), self.deadline),
            ("action_closed_on", self.tr("Closed on"), self.closed_on),
        ):
            form.addRow(caption, self._with_message(field, widget))

        self.new_button = QPushButton(self.tr("New finding"), self)
        self.new_button.clicked.connect(self.start_new)
        self.apply_button = QPushButton(self.tr("Add the finding"), self)
        self.apply_button.clicked.connect(self.commit_form)
        self.remove_button = QPushButton(self.tr("Remove the finding"), self)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.apply_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()

        self.count_labels = {level: QLabel(self) for level in LEVELS}
        counts = QHBoxLayout()
        counts.addWidget(QLabel(self.tr("Counts:"), self))
        for level, count in self.count_labels.items():
            count.setToolTip(label(level, lang))
            counts.addWidget(count)
        counts.addStretch()
        self.counts_changed.connect(self._show_counts)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(counts)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.start_new()

    def _with_message(self, field: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = FieldMessage(box)
        column.addWidget(message)
        self.messages.add(field, message, widget)
        return box

    def _new_model(self) -> RowTableModel:
        return RowTableModel([
            Column(self.tr("Level"), lambda d: d.level.value,
                   key=lambda d: LEVELS.index(d.level),
                   tooltip=lambda d: label(d.level, self._lang)),
            Column(self.tr("Requirement"), lambda d: d.requirement,
                   tooltip=lambda d: d.requirement),
            Column(self.tr("Finding"), lambda d: d.text.replace("\n", " "),
                   tooltip=lambda d: d.text),
            Column(self.tr("Corrective action"), lambda d: d.action.replace("\n", " "),
                   tooltip=lambda d: d.action),
            Column(self.tr("Deadline"), lambda d: day(d.action_due)),
            Column(self.tr("Closed on"), lambda d: day(d.action_closed_on)),
        ], self)

    # The requirement tree -------------------------------------------------------------------

    def set_versions(self, versions: list[tuple[int, str]]) -> None:
        """The (id, name) of the versions whose requirements findings may be entered on:
        the audited CEDRE version, and the ISO 9001 version for the combined scheme."""
        self._children.clear()
        self._chapter_of.clear()
        self._labels.clear()
        self.chapter.blockSignals(True)
        self.chapter.clear()
        self.chapter.addItem(self.tr("(no requirement)"), None)
        for version_id, name in versions:
            prefix = f"{name} · " if len(versions) > 1 else ""
            for node in self._tree(version_id):
                text = f"{node.code} {self._title(node)}".strip()
                self._labels[node.id] = text
                if node.parent_id is None:
                    self._children[node.id] = []
                    self.chapter.addItem(prefix + text, node.id)
                else:
                    self._children.setdefault(node.parent_id, []).append(node)
                    self._chapter_of[node.id] = node.parent_id
        self.chapter.blockSignals(False)
        self._fill_requirements()

    def _title(self, node: TreeRow) -> str:
        return node.title_en if self._lang == "en" and node.title_en else node.title

    def _fill_requirements(self) -> None:
        chapter_id = self.chapter.currentData()
        self.requirement.clear()
        self.requirement.setEnabled(chapter_id is not None)
        if chapter_id is None:
            return
        self.requirement.addItem(self.tr("(the whole chapter)"), chapter_id)
        for node in self._children.get(chapter_id, []):
            self.requirement.addItem(self._labels[node.id], node.id)

    def choose_requirement(self, requirement_id: int | None) -> None:
        chapter_id = self._chapter_of.get(requirement_id or 0, requirement_id)
        self.chapter.setCurrentIndex(max(0, self.chapter.findData(chapter_id)))
        if requirement_id is not None:
            self.requirement.setCurrentIndex(max(0, self.requirement.findData(requirement_id)))

    # Drafts ---------------------------------------------------------------------------------

    def set_findings(self, rows: list[FindingRow]) -> None:
        self._drafts = [draft_of(row) for row in rows]
        self._deleted = []
        self._show_drafts()
        self.start_new()

    def drafts(self) -> list[FindingDraft]:
        return list(self._drafts)

    def deleted_ids(self) -> list[int]:
        return list(self._deleted)

    def forget_deleted(self) -> None:
        self._deleted = []

    def mark_saved(self, number: int, finding_id: int, version: int) -> None:
        self._drafts[number] = replace(self._drafts[number], id=finding_id, version=version,
                                       changed=False)

    def has_changes(self) -> bool:
        return bool(self._deleted) or any(d.changed for d in self._drafts) or (
            self._form_draft() is not None and self._form_differs())

    def _show_drafts(self, select: int | None = None) -> None:
        self.model.set_rows(self._drafts)
        self.table.select_row(select)
        self.counts_changed.emit()

    def _form_draft(self) -> FindingDraft | None:
        """The finding as the form stands, or None while its text is empty."""
        text = self.text.toPlainText().strip()
        if not text:
            return None
        requirement_id = self.requirement.currentData() if self.requirement.isEnabled() else None
        return FindingDraft(
            FindingLevel(self.level.currentData()), text, requirement_id,
            self._labels.get(requirement_id or 0, ""), self.action.toPlainText().strip(),
            self.deadline.value(), self.closed_on.value())

    def _form_differs(self) -> bool:
        draft = self._form_draft()
        if self._editing is None:
            return draft is not None
        before = self._drafts[self._editing]
        return draft is None or replace(draft, id=before.id, version=before.version,
                                        changed=before.changed) != before

    def commit_form(self) -> bool:
        """Add the form's finding, or apply it to the one being edited. False (and a message
        under the text) when there is no text to add."""
        self.messages.clear()
        if first_refused([self.deadline, self.closed_on]) is not None:
            return False  # the reason is under the date; the form stays as typed
        draft = self._form_draft()
        if draft is None:
            if self._editing is None and not self._form_touched():
                return True  # an empty form: nothing to add
            self.messages.message_for("text").show_error(
                self.tr("Write the finding before adding it."))
            return False
        if self._editing is None:
            self._drafts.append(draft)
            self._show_drafts()
            self.start_new()
            return True
        if self._form_differs():
            before = self._drafts[self._editing]
            self._drafts[self._editing] = replace(draft, id=before.id, version=before.version)
        number = self._editing
        self._show_drafts(select=number)
        return True

    def _form_touched(self) -> bool:
        return bool(self.action.toPlainText().strip()) or bool(self.deadline.text().strip())

    def remove_current(self) -> None:
        if self._editing is None:
            self.start_new()
            return
        removed = self._drafts.pop(self._editing)
        if removed.id is not None:
            self._deleted.append(removed.id)
        self._editing = None
        self._show_drafts()
        self.start_new()

    def start_new(self) -> None:
        self.table.clearSelection()
        self._editing = None
        self._load_form(None)
        self.apply_button.setText(self.tr("Add the finding"))
        self.remove_button.setEnabled(False)

    def edit(self, number: int) -> None:
        self.table.select_row(number)

    def _row_chosen(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return
        row = selected[0].row()
        if row != self._editing and self._form_draft() is not None and self._form_differs():
            # Another finding is picked while the form holds unapplied typing: keep it.
            self.commit_form()
            self.table.select_row(row)
            return
        self._editing = row  # no sorting here: the row number is the draft's place
        self._load_form(self._drafts[row])
        self.apply_button.setText(self.tr("Apply to the finding"))
        self.remove_button.setEnabled(True)

    def _load_form(self, draft: FindingDraft | None) -> None:
        self.messages.clear()
        self.choose_requirement(draft.requirement_id if draft else None)
        level = draft.level if draft else FindingLevel.IMPROVEMENT
        self.level.setCurrentIndex(self.level.findData(level.value))
        self.text.setPlainText(draft.text if draft else "")
        self.action.setPlainText(draft.action if draft else "")
        self.deadline.set_value(draft.action_due if draft else None)
        self.closed_on.set_value(draft.action_closed_on if draft else None)
        self.counts_changed.emit()

    def show_error(self, number: int, error: UserError) -> None:
        """A refusal of the service on one finding: that finding in the form, the message
        next to its field."""
        self.edit(number)
        self.messages.show(error)

    # Counts ---------------------------------------------------------------------------------

    def counts(self) -> dict[FindingLevel, int]:
        drafts = list(self._drafts)
        typed = self._form_draft()
        if self._editing is not None:
            if typed is not None:
                drafts[self._editing] = typed
        elif typed is not None:
            drafts.append(typed)
        tally = Counter(d.level for d in drafts)
        return {level: tally.get(level, 0) for level in LEVELS}

    def _show_counts(self) -> None:
        for level, number in self.counts().items():
            self.count_labels[level].setText(f"{level.value} {number}")
