"""A company's file: identity and groups, where it stands, then tabs for its certification
history (timeline), what falls due, its audits, its open corrective actions and the change
history of its record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.cycle import DueEvent
from cedre_desk.errors import NotFound
from cedre_desk.services.company_file import (
    AUDIT,
    CERTIFICATE,
    DECISION,
    ENGAGEMENT,
    CompanyFile,
    CompanyFileService,
    GroupLine,
    TimelineEntry,
)
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.background import BackgroundRunner
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_editing
from cedre_desk.ui.common.report_actions import add_report_actions
from cedre_desk.ui.common.table_model import LATE, SOON, Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable
from cedre_desk.ui.history.change_history import ChangeHistory


class CompanyFileView(QWidget):
    edit_requested = Signal(int)
    memberships_requested = Signal(int)  # its groups and the days of each membership
    audit_requested = Signal(int)
    new_audit_requested = Signal(int)  # a new audit of this company
    report_requested = Signal(int, str)  # an audit's report: (audit_id, report_actions.HOW)
    title_changed = Signal(str)
    gone = Signal(int)  # the company was deleted: the tab closes

    def __init__(self, company_id: int, runner: BackgroundRunner, lang: str,
                 today: Callable[[], date], preferences: Preferences | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.company_id = company_id
        self._runner, self._lang, self._today = runner, lang, today
        self.file: CompanyFile | None = None
        self.name = fmt.heading(self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.company_id))
        self.groups_button = QPushButton(self.tr("Groups…"), self)
        self.groups_button.clicked.connect(
            lambda: self.memberships_requested.emit(self.company_id))
        self.audit_button = QPushButton(self.tr("New audit…"), self)
        self.audit_button.clicked.connect(
            lambda: self.new_audit_requested.emit(self.company_id))
        mark_editing(self.edit_button, self.audit_button, self.groups_button)
        self.standing = QLabel(self)
        self.standing.setWordWrap(True)
        self.identity = QFormLayout()
        self.identity_values: dict[str, QLabel] = {}
        for key, title in self._identity_titles().items():
            value = self.identity_values[key] = QLabel(self)
            value.setWordWrap(True)
            self.identity.addRow(title, value)
        self.timeline_model = RowTableModel(self._timeline_columns(), self)
        self.events_model = RowTableModel(self._event_columns(), self)
        self.audits_model = RowTableModel(self._audit_columns(), self)
        self.actions_model = RowTableModel(self._action_columns(), self)
        self.cap_model = RowTableModel(self._cap_columns(), self)
        self.tabs = QTabWidget(self)
        self.tables: dict[str, DataTable] = {}
        for key, model, order in (
                ("timeline", self.timeline_model, Qt.SortOrder.AscendingOrder),
                ("events", self.events_model, Qt.SortOrder.AscendingOrder),
                ("audits", self.audits_model, Qt.SortOrder.DescendingOrder),
                ("actions", self.actions_model, Qt.SortOrder.AscendingOrder),
                ("cap", self.cap_model, Qt.SortOrder.AscendingOrder)):
            table = self.tables[key] = DataTable(model, f"company-{key}", preferences, self,
                                                 sort_order=order)
            self.tabs.addTab(table, "")
        # The record's change history: the widget every record's history is shown with (it
        # comes with the file, already read off the GUI thread).
        self.changes = ChangeHistory(lang, self, layout_key="company-changes",
                                     preferences=preferences)
        self.changes_model = self.changes.model
        self.tabs.addTab(self.changes, "")
        self.tables["audits"].row_activated.connect(
            lambda row: self.audit_requested.emit(row.id))
        audits = self.tables["audits"]
        audits.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        audits.customContextMenuRequested.connect(self._audit_menu)
        self.tables["actions"].row_activated.connect(
            lambda row: self.audit_requested.emit(row.audit_id))
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.groups_button)
        top.addWidget(self.audit_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.standing)
        layout.addLayout(self.identity)
        layout.addWidget(self.tabs, 1)
        self._show_counts()

    def current_audit_id(self) -> int | None:
        """The audit selected in the Audits tab while it is shown (File › Export acts on it)."""
        if self.tabs.currentWidget() is not self.tables["audits"]:
            return None
        row = self.tables["audits"].current_row()
        return row.id if row is not None else None

    def _audit_menu(self, position: QPoint) -> None:
        table = self.tables["audits"]
        index = table.indexAt(position)
        if not index.isValid():
            return
        table.setCurrentIndex(index)
        audit_id = table.current_row().id
        menu = QMenu(self)
        menu.addAction(self.tr("Open the audit"), lambda: self.audit_requested.emit(audit_id))
        add_report_actions(menu, audit_id, self.report_requested.emit)
        menu.exec(table.viewport().mapToGlobal(position))

    def refresh(self) -> None:
        today, company_id = self._today(), self.company_id
        self._runner.run(lambda db: CompanyFileService(db).file(company_id, today),
                         self.show_file, failed=self._failed, key=f"company-{company_id}")

    def show_file(self, file: CompanyFile) -> None:
        self.file = file
        data = file.record.data
        self.name.setText(data.name)
        self.title_changed.emit(data.name)
        values = {
            "types": fmt.legal_types(tuple(t.value for t in data.legal_types)),
            "siret": data.siret or "",
            "town": f"{data.town} ({data.department})" if data.department else data.town,
            "region": data.region,
            "contact": " · ".join(v for v in (data.contact_name, data.email, data.phone) if v),
            "member": self._member_text(data.member_since, data.active),
            "groups": ", ".join(map(self._group_text, file.groups)) or self.tr("none"),
            "notes": data.notes,
        }
        for key, value in values.items():
            self.identity_values[key].setText(value)
        self.standing.setText(self._standing_text(file))
        self.timeline_model.set_rows(file.timeline)
        self.events_model.set_rows([e for e in file.status.events])
        self.audits_model.set_rows(file.audits)
        self.actions_model.set_rows(file.open_actions)
        self.cap_model.set_rows(file.cap_actions)
        self.changes.show_history(file.changes)
        self._show_counts()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, NotFound):
            self.gone.emit(self.company_id)
            return
        raise exc

    def _show_counts(self) -> None:
        file = self.file
        titles = (
            (self.tr("Certification history"), len(file.timeline) if file else 0),
            (self.tr("Due events"), len([e for e in file.status.events if not e.done])
             if file else 0),
            (self.tr("Audits"), len(file.audits) if file else 0),
            (self.tr("Open corrective actions"), len(file.open_actions) if file else 0),
            (self.tr("Le Cap plan"), len(file.cap_actions) if file else 0),
            (self.tr("Change history"), len(file.changes) if file else 0),
        )
        for number, (title, count) in enumerate(titles):
            self.tabs.setTabText(number, f"{title} ({count})")

    def _identity_titles(self) -> dict[str, str]:
        return {"types": self.tr("Legal types"), "siret": self.tr("SIRET"),
                "town": self.tr("Town"), "region": self.tr("Region"),
                "contact": self.tr("Contact"), "member": self.tr("Member"),
                "groups": self.tr("Groups"), "notes": self.tr("Notes")}

    def _member_text(self, since: date | None, active: bool) -> str:
        text = self.tr("active member") if active else self.tr("inactive")
        if since is not None:
            text = self.tr("{state} since {day}").format(state=text, day=fmt.day(since))
        return text

    def _group_text(self, group: GroupLine) -> str:
        if group.left_on is not None:
            return self.tr("{group} (left on {day})").format(group=group.name,
                                                             day=fmt.day(group.left_on))
        if group.joined_on is not None:
            return self.tr("{group} (since {day})").format(group=group.name,
                                                           day=fmt.day(group.joined_on))
        return group.name

    def _standing_text(self, file: CompanyFile) -> str:
        status = file.status
        text = fmt.vocabulary(status.state, self._lang)
        certificate = status.certificate
        if certificate is not None and status.left_group_on is not None:
            # What it held through the group ended when it left (docs/cycle.md, 8).
            text = self.tr("{state} on {day}: the group's {scheme} certificate (valid to "
                           "{end}) no longer covers it").format(
                state=text, day=fmt.day(status.left_group_on),
                scheme=fmt.vocabulary(certificate.scheme, self._lang),
                end=fmt.day(certificate.valid_until))
        elif certificate is not None:
            text = self.tr("{state}: {scheme} certificate valid from {start} to {end}").format(
                state=text, scheme=fmt.vocabulary(certificate.scheme, self._lang),
                start=fmt.day(certificate.valid_from), end=fmt.day(certificate.valid_until))
        upcoming = status.next_event()
        if upcoming is not None:
            following = self.tr("late: {event}, due on {day}") if upcoming.late else \
                self.tr("next: {event} on {day}")
            text += " — " + following.format(
                event=fmt.vocabulary(upcoming.kind, self._lang), day=fmt.day(upcoming.due))
        return text

    # Columns ------------------------------------------------------------------------------

    def _timeline_columns(self) -> list[Column]:
        return [
            Column(self.tr("Date"), lambda e: fmt.day(e.on), lambda e: fmt.day_key(e.on)),
            Column(self.tr("Group"), lambda e: e.group),
            Column(self.tr("Event"), self._timeline_text),
        ]

    def _timeline_text(self, entry: TimelineEntry) -> str:
        lang = self._lang
        if entry.kind == ENGAGEMENT:
            return self.tr("Entered the quality process")
        if entry.kind == AUDIT:
            return self.tr("{audit} ({status})").format(
                audit=fmt.vocabulary(entry.audit_kind, lang),
                status=fmt.vocabulary(entry.audit_status, lang).lower())
        if entry.kind == DECISION:
            return self.tr("Committee decision: {outcome} ({scheme})").format(
                outcome=fmt.vocabulary(entry.outcome, lang).lower(),
                scheme=fmt.vocabulary(entry.scheme, lang))
        assert entry.kind == CERTIFICATE
        return self.tr("Certificate {number}: valid from {start} to {end}").format(
            number=entry.certificate_number or "", start=fmt.day(entry.valid_from),
            end=fmt.day(entry.valid_until))

    def _event_columns(self) -> list[Column]:
        lang = self._lang

        def state(event: DueEvent) -> str:
            if event.done:
                return self.tr("done")
            return self.tr("late") if event.late else self.tr("to do")

        def color(event: DueEvent) -> object:
            if event.done:
                return None
            return LATE if event.late else SOON
        return [
            Column(self.tr("Due"), lambda e: fmt.day(e.due), lambda e: e.due.toordinal(),
                   color=color),
            Column(self.tr("Status"), state, color=color),
            Column(self.tr("Event"), lambda e: fmt.vocabulary(e.kind, lang)
                   + (" *" if e.expected_session else "")),
        ]

    def _audit_columns(self) -> list[Column]:
        lang = self._lang
        return [
            Column(self.tr("Date"), lambda a: fmt.day(a.on), lambda a: fmt.day_key(a.on)),
            Column(self.tr("Audit"), lambda a: fmt.vocabulary(a.kind, lang)),
            Column(self.tr("Status"), lambda a: fmt.vocabulary(a.status, lang)),
            Column(self.tr("Version"), lambda a: a.version),
            Column(self.tr("Findings"), lambda a: str(a.findings), lambda a: a.findings,
                   align_right=True),
            Column(self.tr("Minor NC"), lambda a: str(a.minor_nc), lambda a: a.minor_nc,
                   align_right=True),
            Column(self.tr("Major NC"), lambda a: str(a.major_nc), lambda a: a.major_nc,
                   align_right=True),
            Column(self.tr("Group"), lambda a: a.group),
            Column(self.tr("Auditors"), lambda a: a.auditors),
        ]

    def _cap_columns(self) -> list[Column]:
        return [
            Column(self.tr("Deadline"), lambda a: fmt.day(a.data.due_on),
                   lambda a: fmt.day_key(a.data.due_on), color=lambda a: LATE if a.late else None),
            Column(self.tr("Indicator"), lambda a: a.data.indicator),
            Column(self.tr("Action"), lambda a: a.data.text),
            Column(self.tr("Owner"), lambda a: a.data.owner),
        ]

    def _action_columns(self) -> list[Column]:
        lang = self._lang
        return [
            Column(self.tr("Deadline"), lambda a: fmt.day(a.due), lambda a: fmt.day_key(a.due),
                   color=lambda a: LATE if a.late else None),
            Column(self.tr("Level"), lambda a: fmt.vocabulary(a.level, lang)),
            Column(self.tr("Requirement"), lambda a: a.requirement),
            Column(self.tr("Audit of"), lambda a: fmt.day(a.audit_on),
                   lambda a: fmt.day_key(a.audit_on)),
            Column(self.tr("Finding"), lambda a: a.text),
            Column(self.tr("Corrective action"), lambda a: a.action),
        ]
