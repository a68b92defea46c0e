"""The change history of a record, read-only, as every view shows it: when (local time), who,
what was done, to which field, from what to what.

One widget for all records (a company's file, an audit, a committee session, a decision), so
a field reads with the same label and a value the same way everywhere: dates the French way,
vocabulary words in the interface language, yes/no, and the records a value points to by
their name. The program never changes the history: there is nothing here to edit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.errors import UserError
from cedre_desk.services.cap.assessments import REVIEWER_WORDS, STATUS_WORDS
from cedre_desk.services.cap.plan import ACTION_WORDS
from cedre_desk.services.history import OWNER_KEYS, ChangeRow, RecordHistory, deleted_values
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.background_read import BackgroundRead
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.table_model import Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable

# How stored values read (storage.history writes them as text).
_DATES = frozenset({"member_since", "planned_on", "start_on", "end_on", "action_due",
                    "action_closed_on", "held_on", "valid_from", "valid_until", "since",
                    "started_on", "adopted_on", "due_on"})
_YES_NO = frozenset({"active", "lead", "official_text"})
_ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("audit", "kind"): AuditKind, ("audit", "status"): AuditStatus,
    ("finding", "level"): FindingLevel, ("decision", "outcome"): Outcome,
    ("decision", "scheme"): Scheme, ("committee_session", "status"): SessionStatus,
}
# Le Cap's words (French, English), by table and field
_CAP_WORDS: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    ("cap_assessment", "reviewer_kind"): REVIEWER_WORDS,
    ("cap_assessment", "status"): STATUS_WORDS, ("cap_action", "status"): ACTION_WORDS,
}
_NOT_SHOWN_OF_A_DELETED_ROW = frozenset({"id", "version"})
_FINDING_TEXT_SHOWN = 30  # characters of a finding's text that name it in its audit's history


class ChangeHistory(QWidget):
    """The table of a record's changes, newest first; `show_history` with rows already read,
    or `read` to read them off the GUI thread."""

    loaded = Signal(int)  # the number of changes on screen, once a read has arrived

    def __init__(self, lang: str, parent: QWidget | None = None, *,
                 layout_key: str = "change-history", preferences: Preferences | None = None,
                 show_record: bool = False) -> None:
        super().__init__(parent)
        self._lang = lang
        self._names: dict[tuple[str, str], str] = {}
        self._finding_texts: dict[str, str] = {}
        self._owners: dict[str, str] = {}  # a decision's id -> the file it was taken on
        # a Le Cap answer's or plan action's (table, id) -> its indicator or text
        self._cap_parts: dict[tuple[str, str], str] = {}
        # asked for every cell painted: translated once
        self._labels = self._field_labels()
        self._record_names = {
            "audit": self.tr("Audit"), "audit_auditor": self.tr("Auditors"),
            "committee_session": self.tr("Session"), "company": self.tr("Company"),
            "company_legal_type": self.tr("Company"),
            "cap_assessment": self.tr("Assessment")}
        self.model = RowTableModel(self._columns(show_record), self)
        self.table = DataTable(self.model, layout_key, preferences, self,
                               sort_order=Qt.SortOrder.DescendingOrder)
        self.model.setParent(self.table)  # deleted after the table's selection model
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        self._reader = BackgroundRead(self)
        self._reader.succeeded.connect(self._read_done)
        self._reader.failed.connect(self._read_failed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    # Loading --------------------------------------------------------------------------------

    def read(self, read: Callable[[], RecordHistory]) -> None:
        """Read the history off the GUI thread (`read` opens its own connection)."""
        self.note.setText(self.tr("Reading the change history…"))
        self.note.show()
        self._reader.start(read)

    def is_loading(self) -> bool:
        return self._reader.is_running()

    def show_history(self, rows: list[ChangeRow],
                     names: dict[tuple[str, str], str] | None = None,
                     subjects: dict[tuple[str, str], str] | None = None) -> None:
        """Show `rows`; `names` and `subjects` as RecordHistory has them."""
        self._names = dict(names or {})
        # What names a finding or a decision: as it is now, else as its history last had it.
        self._finding_texts = _finding_texts(rows)
        self._owners = self._decision_owners(rows)
        self._cap_parts = _cap_parts(rows)
        for (table, record), text in (subjects or {}).items():
            if table in ("cap_answer", "cap_action"):
                self._cap_parts[(table, record)] = " ".join(text.split())
            elif table == "finding":
                self._finding_texts[record] = " ".join(text.split())
            elif table == "decision":
                self._owners[record] = text
        self.model.set_rows(rows)
        self.note.setVisible(not rows)
        if not rows:
            self.note.setText(self.tr("No change recorded."))

    def clear(self) -> None:
        self.show_history([])

    def _read_done(self, history: RecordHistory) -> None:
        self.show_history(history.rows, history.names, history.subjects)
        self.loaded.emit(len(history.rows))

    def _read_failed(self, error: UserError) -> None:
        self.model.set_rows([])
        self.note.setText(error.message(self._lang))
        self.note.show()
        self.loaded.emit(0)

    # Columns --------------------------------------------------------------------------------

    def _columns(self, show_record: bool) -> list[Column]:
        actions = {"insert": self.tr("created"), "update": self.tr("changed"),
                   "delete": self.tr("deleted"), "import": self.tr("imported")}
        columns = [
            Column(self.tr("When"), _when, lambda c: c.id),
            Column(self.tr("Who"), lambda c: c.user),
            Column(self.tr("Change"), lambda c: actions.get(c.action, c.action)),
            Column(self.tr("Field"), lambda c: self.field_label(c.table_name, c.field)),
            Column(self.tr("Before"), lambda c: self._before(c), tooltip=self._before),
            Column(self.tr("After"), lambda c: self.value(c.table_name, c.field, c.after),
                   tooltip=lambda c: self.value(c.table_name, c.field, c.after)),
        ]
        if show_record:
            columns.insert(3, Column(self.tr("Record"), self.record_label))
        return columns

    def _before(self, change: ChangeRow) -> str:
        if change.action != "delete" or change.field:
            return self.value(change.table_name, change.field, change.before)
        values = deleted_values(change.before or "")  # a deleted record: what it held
        hidden = _NOT_SHOWN_OF_A_DELETED_ROW | {OWNER_KEYS.get(change.table_name, "")}
        pair = self.tr("{field}: {value}")
        return " · ".join(
            pair.format(field=self.field_label(change.table_name, field),
                        value=self.value(change.table_name, field, value))
            for field, value in values.items() if field not in hidden and value not in (None, ""))

    def field_label(self, table: str, field: str) -> str:
        if not field:
            return ""
        return self._labels.get((table, field)) or self._labels.get(field, field)

    def _field_labels(self) -> dict[str | tuple[str, str], str]:
        return {
            # where a table's column reads better by a name of its own
            ("committee_session", "held_on"): self.tr("Date"),
            ("finding", "text"): self.tr("Finding"),
            ("finding", "action_due"): self.tr("Deadline"),
            ("decision", "outcome"): self.tr("Decision"),
            "id": self.tr("Number"),
            # a company
            "name": self.tr("Name"), "siret": self.tr("SIRET"), "region": self.tr("Region"),
            "department": self.tr("Department"), "town": self.tr("Town"),
            "contact_name": self.tr("Contact"), "email": self.tr("E-mail"),
            "phone": self.tr("Phone"), "member_since": self.tr("Member since"),
            "active": self.tr("Active member"), "notes": self.tr("Notes"),
            "legal_type": self.tr("Legal types"),
            # an audit
            "company_id": self.tr("Company"), "group_id": self.tr("Group"),
            "kind": self.tr("Kind"), "status": self.tr("Status"),
            "version_id": self.tr("Referential version"),
            "iso_version_id": self.tr("ISO 9001 version"),
            "planned_on": self.tr("Planned on"), "start_on": self.tr("From"),
            "end_on": self.tr("To"), "duration_days": self.tr("Duration (days)"),
            "conclusion": self.tr("Conclusion"), "recommendation": self.tr("Recommendation"),
            "auditor_id": self.tr("Auditor"), "lead": self.tr("Lead auditor"),
            # a finding
            "requirement_id": self.tr("Requirement"), "level": self.tr("Level"),
            "action": self.tr("Corrective action"),
            "action_closed_on": self.tr("Action closed on"), "position": self.tr("Position"),
            # a committee session and its decisions
            "place": self.tr("Place"), "members": self.tr("Members"),
            "session_id": self.tr("Session"), "audit_id": self.tr("Audit"),
            "scheme": self.tr("Scheme"), "certificate_number": self.tr("Certificate number"),
            "valid_from": self.tr("Valid from"), "valid_until": self.tr("Valid until"),
            "conditions": self.tr("Conditions"),
            # a Le Cap assessment, its answers and its plan
            ("cap_assessment", "held_on"): self.tr("Date"),
            ("cap_action", "text"): self.tr("Action"),
            "participants": self.tr("Participants"), "reviewer_name": self.tr("Reviewer"),
            "reviewer_kind": self.tr("Reviewed by"), "reviewer_role": self.tr("Reviewer's role"),
            "grid_id": self.tr("Grid"), "indicator": self.tr("Indicator"),
            "comment": self.tr("Comment"), "evidence": self.tr("Evidence"),
            "owner": self.tr("Owner"), "due_on": self.tr("Deadline"),
        }

    def value(self, table: str, field: str, value: str | None) -> str:
        """A stored value as the window shows it."""
        if value is None or value == "":
            return ""
        name = self._names.get((field, value))
        if name is not None:
            return name
        words = _CAP_WORDS.get((table, field), {}).get(value)
        if words is not None:
            return words[1] if self._lang == "en" else words[0]
        enum = _ENUMS.get((table, field))
        if enum is not None and value in enum._value2member_map_:
            return fmt.vocabulary(enum(value), self._lang)
        if field == "legal_type":
            return fmt.legal_type(value)
        if field in _YES_NO:
            return self.tr("yes") if value in ("1", "True", "true") else self.tr("no")
        if field in _DATES:
            try:
                return fmt.day(date.fromisoformat(value[:10]))
            except ValueError:
                return value
        if field == "duration_days":
            try:
                return QLocale().toString(float(value), "g", 6)
            except ValueError:
                return value
        return " / ".join(line for line in value.splitlines() if line.strip()) or value

    def record_label(self, change: ChangeRow) -> str:
        """Which record of the history a row is about (an audit's own, a finding...)."""
        table = change.table_name
        if table == "finding":
            text = self._finding_texts.get(change.record_id, "")
            if len(text) > _FINDING_TEXT_SHOWN:
                text = text[:_FINDING_TEXT_SHOWN].rstrip() + "…"
            return self.tr("Finding “{text}”").format(text=text) if text else \
                self.tr("Finding {number}").format(number=change.record_id)
        if table in ("cap_answer", "cap_action"):
            part = self._cap_parts.get((table, change.record_id), "")
            if table == "cap_answer":
                return self.tr("Answer {indicator}").format(indicator=part) if part else \
                    self.tr("Answer")
            if len(part) > _FINDING_TEXT_SHOWN:
                part = part[:_FINDING_TEXT_SHOWN].rstrip() + "…"
            return self.tr("Action “{text}”").format(text=part) if part else self.tr("Action")
        if table == "decision":
            owner = self._owners.get(change.record_id)
            return self.tr("Decision on {file}").format(file=owner) if owner else \
                self.tr("Decision")
        return self._record_names.get(table, table)

    def _decision_owners(self, rows: list[ChangeRow]) -> dict[str, str]:
        owners: dict[str, str] = {}
        for row in rows:
            if row.table_name != "decision":
                continue
            values = deleted_values(row.before or "") if row.action == "delete" else {
                row.field: row.after}
            for field in ("company_id", "group_id"):
                if values.get(field):
                    owners[row.record_id] = self.value("decision", field, values[field])
        return owners


def _finding_texts(rows: list[ChangeRow]) -> dict[str, str]:
    """Each finding's latest text, which names it in its audit's history."""
    texts: dict[str, str] = {}
    for row in rows:
        if row.table_name != "finding":
            continue
        if row.action == "delete":
            text = deleted_values(row.before or "").get("text")
        elif row.field == "text":
            text = row.after
        else:
            continue
        if text:
            texts[row.record_id] = " ".join(text.split())
    return texts


def _cap_parts(rows: list[ChangeRow]) -> dict[tuple[str, str], str]:
    """What names each Le Cap answer (its indicator) and plan action (its latest text)."""
    names: dict[tuple[str, str], str] = {}
    for row in rows:
        field = {"cap_answer": "indicator", "cap_action": "text"}.get(row.table_name)
        if field is None:
            continue
        if row.action == "delete":
            value = deleted_values(row.before or "").get(field)
        elif row.field == field:
            value = row.after
        else:
            continue
        if value:
            names[(row.table_name, row.record_id)] = " ".join(value.split())
    return names


def _when(change: ChangeRow) -> str:
    local = change.local_at  # stored in UTC, shown in the computer's local time
    return f"{fmt.day(local.date())} {local:%H:%M}"


class ChangeHistoryDialog(QDialog):
    """A record's change history in a window of its own, read when it opens."""

    def __init__(self, title: str, read: Callable[[], RecordHistory], lang: str,
                 parent: QWidget | None = None, *, show_record: bool = False,
                 preferences: Preferences | None = None, layout_key: str = "change-history",
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        heading = fmt.heading(self)
        heading.setText(title)
        heading.setWordWrap(True)
        self.history = ChangeHistory(lang, self, layout_key=layout_key,
                                     preferences=preferences, show_record=show_record)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.resize(1000, 460)
        self.history.read(read)
