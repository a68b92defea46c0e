"""The decision on one file of a session's agenda, and what then falls due for the company.

Recording goes through the committee service, which sets the certificate dates by the cycle
rules; the company's next due events are shown at once, read with the cycle service. A group
file shows them for each member company. A recorded decision's change history is asked for
with "History…" (the view shows it). A decision recorded on the same file by someone else
meanwhile is said with who and when, what it holds beside the form's, and Recharger shows it
(common.stale_edit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.vocabulary import Outcome, Scheme, label
from cedre_desk.errors import ConflictError, UserError, ValidationError
from cedre_desk.services.agenda import AgendaFile, AgendaService
from cedre_desk.services.committee_records import CommitteeRecords
from cedre_desk.services.committees import CommitteeService, DecisionInput, SessionRow
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import GroupService
from cedre_desk.ui.common.discard import keep_editing
from cedre_desk.ui.common.fields import FieldMessage, FieldMessages
from cedre_desk.ui.common.formatting import day, elides
from cedre_desk.ui.common.read_only import mark_editing
from cedre_desk.ui.common.stale_edit import StaleEditPanel, changed_fields

_LATE = "#b3261e"


@dataclass(frozen=True)
class _DecisionFields:
    """What the form shows of a decision: compared when another one was recorded meanwhile."""

    outcome: Outcome | None = None
    scheme: Scheme | None = None
    certificate_number: str | None = None
    conditions: str = ""


class DecisionPanel(QGroupBox):
    recorded = Signal(int)  # the decision's id
    cancelled = Signal(object)  # the decision as it was (services.committee_records)
    history_requested = Signal(int)  # the id of the decision whose history is wanted
    reloaded = Signal()  # Recharger: the file read again, as the register has it now

    def __init__(self, committees: CommitteeService, cycle: CycleService,
                 groups: GroupService, lang: str, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._committees, self._cycle, self._groups = committees, cycle, groups
        self._lang, self._today = lang, today
        self._session: SessionRow | None = None
        self._file: AgendaFile | None = None
        self.messages = FieldMessages(FieldMessage(self), lang)
        self.outcome = QComboBox(self)
        for outcome in Outcome:
            self.outcome.addItem(label(outcome, lang), outcome.value)
        self.scheme = QComboBox(self)
        for scheme in Scheme:
            self.scheme.addItem(label(scheme, lang), scheme.value)
        self.certificate_number = QLineEdit(self)
        self.certificate_number.setPlaceholderText(self.tr("Given automatically when empty"))
        self.conditions = QPlainTextEdit(self)
        self.conditions.setTabChangesFocus(True)
        self.conditions.setFixedHeight(self.conditions.fontMetrics().lineSpacing() * 3 + 12)
        form = QFormLayout()
        self._titles: dict[str, str] = {}  # field -> caption, for a stale save's differences
        for field, caption, widget in (
                ("outcome", self.tr("Decision"), self.outcome),
                ("scheme", self.tr("Scheme"), self.scheme),
                ("certificate_number", self.tr("Certificate number"), self.certificate_number),
                ("conditions", self.tr("Conditions"), self.conditions)):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            message = FieldMessage(box)
            column.addWidget(message)
            self.messages.add(field, message, widget)
            form.addRow(caption, box)
            self._titles[field] = caption
        for field in ("session_id", "audit_id", "company_id"):
            self.messages.add(field, self.messages.general)
        self.record_button = QPushButton(self.tr("Record the decision"), self)
        self.record_button.clicked.connect(self.record)
        self.cancel_button = QPushButton(self.tr("Cancel the decision…"), self)
        self.cancel_button.clicked.connect(self.cancel_decision)
        # a read-only register: the decision shown, not typed into (the buttons held too)
        mark_editing(self.record_button, self.cancel_button, self.outcome, self.scheme,
                     self.certificate_number, self.conditions)
        self.history_button = QPushButton(self.tr("History…"), self)
        self.history_button.setToolTip(self.tr("Who recorded the decision, and when"))
        self.history_button.clicked.connect(self._history_asked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch()
        self.next_events = QLabel(self)
        self.next_events.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.stale = StaleEditPanel(self)
        self.stale.reload_requested.connect(self.reload_from_register)
        layout.addWidget(self.stale)
        layout.addWidget(self.next_events)
        layout.addStretch()
        self.show_file(None, None)

    def show_file(self, session: SessionRow | None, file: AgendaFile | None) -> None:
        """The file chosen in the agenda: its decision if recorded, else a form to record.
        The same file read again as it was (the agenda read after Recharger) keeps the
        notice of what the other person recorded and the input it lists."""
        if not _same_file(file, self._file):
            self.stale.hide()
        self._session, self._file = session, file
        self.messages.clear()
        decided = file is not None and file.decision is not None
        for widget in (self.outcome, self.scheme, self.certificate_number, self.conditions):
            widget.setEnabled(file is not None and not decided)
        self.record_button.setEnabled(file is not None and not decided)
        self.cancel_button.setEnabled(decided)
        self.history_button.setEnabled(decided)
        if file is None:
            self.setTitle(self.tr("Decision"))
            self.next_events.clear()
            self._shown_form = self._form()
            return
        self.setTitle(self.tr("Decision on {file}").format(file=file.owner))
        decision = file.decision
        outcome = decision.outcome if decision else file.suggested_outcome
        scheme = decision.scheme if decision else file.suggested_scheme
        self.outcome.setCurrentIndex(self.outcome.findData(outcome.value))
        self.scheme.setCurrentIndex(self.scheme.findData(scheme.value))
        self.certificate_number.setText(decision.certificate_number or "" if decision else "")
        self.conditions.setPlainText(decision.conditions if decision else "")
        if decided:
            self.show_next_events()
        else:
            self.next_events.clear()
        self._shown_form = self._form()

    def _form(self) -> tuple[object, ...]:
        return (self.outcome.currentIndex(), self.scheme.currentIndex(),
                self.certificate_number.text(), self.conditions.toPlainText())

    def has_changes(self) -> bool:
        """A decision typed and not recorded yet."""
        return self.record_button.isEnabled() and self._form() != self._shown_form

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape puts back the file's suggested decision, asking first when typed."""
        if event.key() != Qt.Key.Key_Escape or not self.has_changes():
            super().keyPressEvent(event)
            return
        if not keep_editing(self, self.tr("Discard the decision typed for this file?")):
            self.show_file(self._session, self._file)

    def record(self) -> bool:
        file = self._file
        if file is None or self._session is None:
            return False
        self.messages.clear()
        data = DecisionInput(
            self._session.id, Outcome(self.outcome.currentData()),
            Scheme(self.scheme.currentData()), company_id=file.company_id,
            group_id=file.group_id, audit_id=file.audit_id,
            certificate_number=self.certificate_number.text().strip() or None,
            conditions=self.conditions.toPlainText())
        try:
            decision_id = self._committees.record_decision(data)
        except ConflictError as error:  # recorded by someone else meanwhile
            self._refused_as_stale(error, data.certificate_number)
            return False
        except ValidationError as error:
            self.messages.show(error)
            return False
        except UserError as error:
            self.messages.general.show_error(error.message(self._lang))
            return False
        self.record_button.setEnabled(False)
        self.show_next_events()
        self.recorded.emit(decision_id)
        return True

    def _recorded_now(self) -> AgendaFile | None:
        """The file as the register has it now (its decision recorded elsewhere)."""
        file, session = self._file, self._session
        if file is None or session is None:
            return None
        return next((now for now in AgendaService(self._committees.db).agenda(session.id)
                     if (now.company_id, now.group_id) == (file.company_id, file.group_id)),
                    None)

    def _refused_as_stale(self, error: ConflictError, number: str | None) -> None:
        now = self._recorded_now()
        if now is None or now.decision is None:
            self.messages.general.show_error(error.message(self._lang))
            return
        theirs = now.decision
        self.stale.show_refusal(error.message(self._lang), changed_fields(
            _DecisionFields(), _DecisionFields(theirs.outcome, theirs.scheme,
                                               theirs.certificate_number, theirs.conditions),
            _DecisionFields(Outcome(self.outcome.currentData()),
                            Scheme(self.scheme.currentData()), number,
                            self.conditions.toPlainText()),
            self._titles, self._shown))

    def reload_from_register(self) -> None:
        """Recharger: the file shows the decision recorded meanwhile; what was typed stays
        listed (the decision can be cancelled, then recorded again)."""
        listed = self.stale.differences()
        now = self._recorded_now()
        if now is None:
            return
        self.show_file(self._session, now)  # with its next due events
        self.stale.show_reloaded(listed)
        self.reloaded.emit()  # the agenda beside says so too

    def _shown(self, _key: str, value: Any) -> str:
        if isinstance(value, Enum):
            return label(value, self._lang)
        return "" if value is None else str(value)

    def _history_asked(self) -> None:
        file = self._file
        if file is not None and file.decision is not None:
            self.history_requested.emit(file.decision.id)

    def cancel_decision(self) -> None:
        file = self._file
        if file is None or file.decision is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Cancel the decision"),
            self.tr("Cancel the decision on {file}? The certificate it gave goes with it.")
            .format(file=file.owner))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:  # taken first, so an undo can put it back as it was
            record = CommitteeRecords(self._committees.db).take_decision(file.decision.id)
            self._committees.delete_decision(record.id, record.version)
        except UserError as error:
            self.messages.general.show_error(error.message(self._lang))
            return
        self.cancelled.emit(record)

    # What falls due -------------------------------------------------------------------------

    def show_next_events(self) -> None:
        """What falls due for the company now; for a group, for its member companies (shown
        once per distinct list: members certified together share their due events)."""
        file = self._file
        if file is None:
            return
        # A decision takes effect on the session day: recorded ahead of it, it is shown as
        # from that day.
        today = self._today()
        held_on = self._session.held_on if self._session else today
        # A group's decision is for its members on the session's day (docs/cycle.md, 8).
        companies = ([file.company_id] if file.company_id is not None
                     else self._groups.members(file.group_id or 0, on=held_on))
        on = max(today, held_on)
        statuses = self._cycle.statuses(on, companies, keep=False)  # a session's day
        # French elides "de" before a vowel: the translation for such names says "d'".
        if on == today:
            title = (self.tr("<b>Next due for {file}</b>", "name starting with a vowel")
                     if elides(file.owner) else self.tr("<b>Next due for {file}</b>"))
        else:
            title = (self.tr("<b>Next due for {file}</b>, as from {date}",
                             "name starting with a vowel") if elides(file.owner)
                     else self.tr("<b>Next due for {file}</b>, as from {date}"))
        title = title.format(file=_escape(file.owner), date=day(on))
        parts = [title]
        distinct: dict[str, int] = {}
        for company_id in companies:
            html = self._events_html(statuses[company_id])
            distinct[html] = distinct.get(html, 0) + 1
        for html, count in distinct.items():
            if file.group_id is not None:
                parts.append(self.tr("Member companies ({count}):").format(count=count))
            parts.append(html)
        if any(event.expected_session for status in statuses.values()
               for event in status.events if not event.done):
            parts.append("<small>" + self.tr(
                "* rests on a committee session not entered yet, expected in June or "
                "November.") + "</small>")
        self.next_events.setText("<br>".join(parts))

    def _events_html(self, status: CycleStatus) -> str:
        lines = [self.tr("State: {state}").format(state=label(status.state, self._lang))]
        pending = [event for event in status.events if not event.done]
        if not pending:
            lines.append(self.tr("nothing falls due"))
        for event in pending:
            text = f"{label(event.kind, self._lang)} — {day(event.due)}"
            if event.expected_session:
                text += " *"
            if event.late:
                late = self.tr("late")
                text = f'<span style="color:{_LATE}">{text} ({late})</span>'
            lines.append(text)
        return "<br>".join(lines)


def _same_file(file: AgendaFile | None, shown: AgendaFile | None) -> bool:
    return (file is not None and shown is not None and file.decision == shown.decision
            and (file.audit_id, file.company_id, file.group_id) == (
                shown.audit_id, shown.company_id, shown.group_id))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
