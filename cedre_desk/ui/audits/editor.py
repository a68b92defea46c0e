"""The audit editor: one audit of a company or a group, its auditors and its findings.

Everything is written through the audit service when the user saves: first the audit, then
the findings removed, changed and added. A refusal is shown next to the field it names and
the input stays as typed; a record changed elsewhere is said so, the input kept too. The
referential version defaults to the one in force on the audit date; picking an auditor who
coached the company shows a warning at once (the service refuses to save it). Beside the
form, a tab shows the audit's change history (its auditors' and findings' too), read off
the GUI thread when the editor opens and again after each save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, label
from cedre_desk.errors import ConflictError, UserError, ValidationError
from cedre_desk.services.audit_list import AuditListService
from cedre_desk.services.audit_records import AuditRecord, AuditRecords
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.history import HistoryService
from cedre_desk.services.referentials import ReferentialService
from cedre_desk.services.requirements import RequirementService
from cedre_desk.storage.database import Database
from cedre_desk.ui.audits.choices import AUDITOR_ROLE, AuditorPicker, OwnerChoice
from cedre_desk.ui.audits.commands import push_editor_session
from cedre_desk.ui.audits.finding_writes import write_findings
from cedre_desk.ui.audits.findings import FindingsPanel
from cedre_desk.ui.audits.referential_versions import ReferentialVersions
from cedre_desk.ui.audits.stale import StaleAudit
from cedre_desk.ui.common.date_field import DateField, first_refused
from cedre_desk.ui.common.discard import keep_editing
from cedre_desk.ui.common.fields import FieldMessage, FieldMessages
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.report_actions import report_texts
from cedre_desk.ui.common.stale_edit import StaleEditPanel
from cedre_desk.ui.common.undo import UndoHooks
from cedre_desk.ui.history.change_history import ChangeHistory

__all__ = ["AUDITOR_ROLE", "AuditEditor", "AuditEditorServices"]


@dataclass(frozen=True)
class AuditEditorServices:
    audits: AuditService
    auditors: AuditorService
    referentials: ReferentialService
    requirements: RequirementService
    audit_list: AuditListService  # who an audit can be about
    history: HistoryService

    @classmethod
    def over(cls, db: Database) -> AuditEditorServices:
        return cls(AuditService(db), AuditorService(db), ReferentialService(db),
                   RequirementService(db), AuditListService(db), HistoryService(db))


class AuditEditor(QDialog):
    # The audit's id, once everything is written, or once Recharger read it again from the
    # register (saved or cancelled after, the lists behind read again: common.stale_edit).
    saved = Signal(int)
    report_requested = Signal(int, str)  # its report: (audit_id, report_actions.HOW)

    def __init__(self, services: AuditEditorServices | Database, lang: str,
                 today: Callable[[], date], *, audit_id: int | None = None,
                 company_id: int | None = None, group_id: int | None = None,
                 parent: QWidget | None = None, undo: UndoHooks | None = None,
                 preferences: Preferences | None = None) -> None:
        super().__init__(parent)
        if isinstance(services, Database):  # the window hosts it with the register alone
            services = AuditEditorServices.over(services)
        self._services, self._lang, self._today = services, lang, today()
        self._undo, self._records = undo, AuditRecords(services.audits.db)
        self._opened: AuditRecord | None = (  # what undoing this session goes back to
            self._records.take(audit_id) if audit_id is not None and undo else None)
        self.audit_id, self._version = audit_id, 0
        self.setWindowTitle(self.tr("Audit") if audit_id else self.tr("New audit"))
        self.messages = FieldMessages(FieldMessage(self), lang)
        self.messages.general.setObjectName("general")

        self.owner = OwnerChoice(services.audit_list.owners(), self)
        self.owner.currentIndexChanged.connect(self._check_coaching)
        self.kind = self._choice([(k.value, label(k, lang)) for k in AuditKind])
        self.status = self._choice([(s.value, label(s, lang)) for s in AuditStatus])
        self.planned_on = DateField(self._today, self, lang=lang, record_field="planned_on")
        self.start_on = DateField(self._today, self, lang=lang, record_field="start_on")
        self.end_on = DateField(self._today, self, lang=lang, record_field="end_on")
        self.duration = QDoubleSpinBox(self)
        self.duration.setRange(0, 365)
        self.duration.setSingleStep(0.5)
        self.duration.setDecimals(1)
        self.duration.setSuffix(self.tr(" day(s)"))
        self.auditors = AuditorPicker(self)
        self.auditors.picked_changed.connect(self._check_coaching)
        self.auditor_model = self.auditors.items  # the checkable items (tests tick them)
        self.versions = ReferentialVersions(services.referentials, self._audit_day, self,
                                            chosen=audit_id is not None)
        self.version, self.iso_version = self.versions.cedre, self.versions.iso
        for edit in (self.planned_on, self.start_on):
            edit.date_changed.connect(self.versions.follow_audit_date)
        self.conclusion = QPlainTextEdit(self)
        self.recommendation = QPlainTextEdit(self)
        for edit in (self.conclusion, self.recommendation):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)

        form = QFormLayout()
        dates = QHBoxLayout()
        titles: dict[str, str] = {}  # field -> caption, for a stale save's differences
        for caption, field, edit in ((self.tr("planned"), "planned_on", self.planned_on),
                                     (self.tr("from"), "start_on", self.start_on),
                                     (self.tr("to"), "end_on", self.end_on)):
            titles[field] = f"{self.tr('Dates')} ({caption})"
            # Top-aligned: a date's refusal grows under it, the other dates stay in line.
            dates.addWidget(self._with_message(field, edit, caption),
                            alignment=Qt.AlignmentFlag.AlignTop)
        dates.addStretch()
        rows = (
            (self.tr("Company or group"), "company_id", self.owner),
            (self.tr("Kind"), "kind", self.kind),
            (self.tr("Status"), "status", self.status),
            (self.tr("Dates"), None, dates),
            (self.tr("Duration"), "duration_days", self.duration),
            (self.tr("Auditors (lead first)"), "auditor_ids", self.auditors),
            (self.tr("Referential version"), "version_id", self.version),
            (self.tr("ISO 9001 version"), "iso_version_id", self.iso_version),
            (self.tr("Conclusion"), "conclusion", self.conclusion),
            (self.tr("Recommendation"), "recommendation", self.recommendation),
        )
        for caption, field, widget in rows:
            if field is None:
                form.addRow(caption, dates)
            else:
                form.addRow(caption, self._with_message(field, widget))
                titles[field] = caption
        titles["group_id"] = titles["company_id"]
        self.messages.add("group_id", self.messages.message_for("company_id"), self.owner)
        audit_box = QGroupBox(self.tr("Audit"), self)
        audit_column = QVBoxLayout(audit_box)
        audit_column.addLayout(form)
        audit_column.addStretch()  # rows keep their height; the space goes below

        requirements = services.requirements
        self.findings = FindingsPanel(
            lambda version_id: requirements.tree(version_id, count_findings=False), lang,
            self._today, self, preferences=preferences)
        self.versions.trees_changed.connect(self.findings.set_versions)
        findings_box = QGroupBox(self.tr("Findings"), self)
        QVBoxLayout(findings_box).addWidget(self.findings)
        splitter = QSplitter(self)
        splitter.addWidget(audit_box)
        splitter.addWidget(findings_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 680])
        # The change history on a page of its own: the whole width for its seven columns.
        self.history = ChangeHistory(lang, self, layout_key="audit-changes", show_record=True,
                                     preferences=preferences)
        self.history.loaded.connect(self._history_loaded)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.addTab(splitter, self.tr("Audit and findings"))
        self.pages.addTab(self.history, self.tr("Change history"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save_and_close)
        self.buttons.rejected.connect(self.reject)
        # The report is written from the register: asked for here, the audit is saved first.
        self.report_button = self.buttons.addButton(self.tr("Report"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        report_menu = QMenu(self.report_button)
        for how, text in report_texts().items():
            report_menu.addAction(text, lambda how=how: self.ask_report(how))
        self.report_button.setMenu(report_menu)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addWidget(self.pages, 1)
        self.stale = StaleEditPanel(self)  # a save refused as stale: what changed, Recharger
        self.stale.reload_requested.connect(self.reload_from_register)
        self.stale.reloaded.connect(lambda: self.saved.emit(self.audit_id))
        self._stale = StaleAudit(
            self.stale, services.audits,
            lambda: {row.id: row.name for row in services.auditors.rows()},
            {"owner": self.owner, "kind": self.kind, "status": self.status,
             "version_id": self.version, "iso_version_id": self.iso_version}, titles, lang)
        layout.addWidget(self.stale)
        layout.addWidget(self.buttons)
        self.resize(1180, 760)
        self._load(company_id, group_id)

    # Building -------------------------------------------------------------------------------

    def _choice(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        for value, text in items:
            combo.addItem(text, value)
        return combo

    def _with_message(self, field: str, widget: QWidget, caption: str = "") -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if caption:
            row = QHBoxLayout()
            label = QLabel(caption, box)
            if isinstance(widget, DateField):  # level with the date's line, not its message
                label.setFixedHeight(widget.line.sizeHint().height())
            row.addWidget(label, alignment=Qt.AlignmentFlag.AlignTop)
            row.addWidget(widget, 1)
            column.addLayout(row)
        else:
            column.addWidget(widget)
        message = FieldMessage(box)
        column.addWidget(message)
        self.messages.add(field, message, widget)
        return box

    # Loading --------------------------------------------------------------------------------

    def _load(self, company_id: int | None, group_id: int | None) -> None:
        services = self._services
        data: AuditInput | None = None
        if self.audit_id is not None:
            self._version, data = services.audits.get(self.audit_id)
            company_id, group_id = data.company_id, data.group_id
            self._stale.read = data
        self.auditors.fill(services.auditors.rows(), data.auditor_ids if data else ())
        self.owner.choose(company_id, group_id)
        if data is None:
            self.kind.setCurrentIndex(self.kind.findData(AuditKind.CERTIFICATION.value))
            self.planned_on.set_value(self._today)
            self.versions.follow_audit_date()
        else:
            self._fill(data)
        self.versions.offer_trees()
        if self.audit_id is not None:
            self.findings.set_findings(services.audits.findings(self.audit_id))
        self._check_coaching()
        self._saved_input = self.audit_input()
        self.read_history()

    def _fill(self, data: AuditInput) -> None:
        self.kind.setCurrentIndex(self.kind.findData(data.kind.value))
        self.status.setCurrentIndex(self.status.findData(data.status.value))
        self.planned_on.set_value(data.planned_on)
        self.start_on.set_value(data.start_on)
        self.end_on.set_value(data.end_on)
        self.duration.setValue(data.duration_days)
        self.version.setCurrentIndex(self.version.findData(data.version_id))
        self.iso_version.setCurrentIndex(max(0, self.iso_version.findData(
            data.iso_version_id)))
        self.conclusion.setPlainText(data.conclusion)
        self.recommendation.setPlainText(data.recommendation)

    def reload_from_register(self) -> None:
        """Recharger: the audit's fields take the register's values and version; the user's
        input for what the other save changed stays listed; the findings stay as typed."""
        assert self.audit_id is not None
        try:
            self._version, theirs = self._stale.reload(self.audit_id)
        except UserError as gone:  # deleted meanwhile: nothing to reload
            self.messages.general.show_error(gone.message(self._lang))
            return
        self.auditors.fill(self._services.auditors.rows(), theirs.auditor_ids)
        self.owner.choose(theirs.company_id, theirs.group_id)
        self._fill(theirs)
        self.messages.clear()
        self._saved_input = self.audit_input()
        self._stale.reloaded(theirs)

    # Reactions ------------------------------------------------------------------------------

    def _audit_day(self) -> date:
        return self.start_on.value() or self.planned_on.value() or self._today

    def _check_coaching(self) -> None:
        """Warn as soon as an auditor who coached the company (or a group member) is picked."""
        place = self.messages.message_for("auditor_ids")
        company_id, group_id = self.owner.chosen()
        picked = self.auditors.picked()
        coaches = self._services.auditors.coached(
            picked, company_id=company_id, group_id=group_id) if (
            picked and (company_id or group_id)) else []
        if coaches:
            place.show_warning(self.tr(
                "{names} coached this company: an auditor must not audit a company they "
                "coached.").format(names=", ".join(coaches)))
        else:
            place.clear_message()

    # Change history -------------------------------------------------------------------------

    def read_history(self) -> None:
        """The audit's history, read off the GUI thread; nothing yet for a new audit."""
        self.pages.setTabEnabled(self.pages.indexOf(self.history), self.audit_id is not None)
        if self.audit_id is None:
            return
        history, audit_id = self._services.history, self.audit_id
        self.history.read(lambda: history.record_history("audit", audit_id,
                                                         private_connection=True))

    def _history_loaded(self, count: int) -> None:
        self.pages.setTabText(self.pages.indexOf(self.history),
                             self.tr("Change history ({count})").format(count=count))

    # Saving ---------------------------------------------------------------------------------

    def audit_input(self) -> AuditInput:
        company_id, group_id = self.owner.chosen()
        return AuditInput(
            kind=AuditKind(self.kind.currentData()), version_id=self.version.currentData(),
            company_id=company_id, group_id=group_id,
            iso_version_id=self.iso_version.currentData(),
            planned_on=self.planned_on.value(), start_on=self.start_on.value(),
            end_on=self.end_on.value(), status=AuditStatus(self.status.currentData()),
            duration_days=self.duration.value(), auditor_ids=self.auditors.picked(),
            conclusion=self.conclusion.toPlainText(),
            recommendation=self.recommendation.toPlainText())

    def save(self) -> bool:
        """Write the audit, then its findings; False, with the message in place, if refused."""
        self.messages.clear()
        self.stale.hide()
        if first_refused([self.planned_on, self.start_on, self.end_on]) is not None:
            return False  # the reason is under the date; nothing typed is lost
        if not self.findings.commit_form():
            return False
        audits = self._services.audits
        try:
            if self.audit_id is None:
                self.audit_id = audits.create(self.audit_input())
                self._version = audits.get(self.audit_id)[0]
                self.setWindowTitle(self.tr("Audit"))
            else:
                self._version = audits.update(self.audit_id, self.audit_input(), self._version)
        except ValidationError as error:
            self.messages.show(error)
            return False
        except ConflictError as error:  # saved meanwhile by someone else: what changed
            try:
                self._stale.refused(error, self.audit_id, self.audit_input())
            except UserError as gone:
                self.messages.general.show_error(gone.message(self._lang))
            return False
        return self._save_findings()

    def _save_findings(self) -> bool:
        assert self.audit_id is not None
        if not write_findings(self._services.audits, self.audit_id, self.findings,
                              lambda error: self.messages.general.show_error(
                                  error.message(self._lang))):
            return False
        self._saved_input = self.audit_input()
        self.saved.emit(self.audit_id)
        self.read_history()
        return True

    def ask_report(self, how: str) -> None:
        """The report of this audit (saved first when it has changes or is new)."""
        if (self.audit_id is None or self.has_changes()) and not self.save():
            return
        assert self.audit_id is not None
        self.report_requested.emit(self.audit_id, how)

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def done(self, result: int) -> None:
        """Closing (saved, or cancelled after saving for a report): what this session wrote
        becomes one change on the window's undo stack."""
        if self._undo is not None and self.audit_id is not None:
            self._opened = push_editor_session(
                self._undo, self._records, self._opened, self.audit_id,
                self.tr("the audit of “{owner}”").format(owner=self.owner.currentText()))
        super().done(result)

    def has_changes(self) -> bool:
        return self.audit_input() != self._saved_input or self.findings.has_changes()

    def reject(self) -> None:
        """Cancel or Escape: typed input is not thrown away without asking."""
        if self.has_changes() and keep_editing(
                self, self.tr("Discard the changes made to this audit?")):
            return
        super().reject()

