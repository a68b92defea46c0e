"""The whole path through the window: create a company (Structures' dialog), record its
certification audit with findings (the audit editor, from the company's file), decide it in a
committee, and see its first follow-up due on the dashboard, whose line opens the file."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.ui.audits.editor import AUDITOR_ROLE, AuditEditor
from cedre_desk.ui.companies import list_view as companies_view
from cedre_desk.ui.companies.dialog import CompanyDialog
from cedre_desk.ui.main_window import COMPANIES, DASHBOARD, MainWindow

from .helpers import wait_for_reads

TODAY = date(2014, 4, 1)


def type_a_new_company(dialog: CompanyDialog) -> int:
    dialog.name.setText("APTIMA")
    dialog.type_boxes[LegalType.AI].setChecked(False)
    dialog.type_boxes[LegalType.EI].setChecked(True)
    dialog.town.setText("Mantes la Jolie")
    dialog.department.setText("78")
    dialog.region.setCurrentText("Île-de-France")
    dialog.accept()
    return dialog.result()


def record_in_the_audit_editor(auditor_id: int):
    """What the user does in the audit editor: a certification audit, reported, two findings
    entered against the referential's first chapter."""
    def run(dialog: AuditEditor) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(AuditKind.CERTIFICATION.value))
        dialog.status.setCurrentIndex(dialog.status.findData(AuditStatus.REPORT_SENT.value))
        dialog.start_on.set_value(date(2013, 4, 2))
        dialog.end_on.set_value(date(2013, 4, 3))
        for row in range(dialog.auditor_model.rowCount()):
            item = dialog.auditor_model.item(row)
            if item.data(AUDITOR_ROLE) == auditor_id:
                item.setCheckState(Qt.CheckState.Checked)
        panel = dialog.findings
        panel.chapter.setCurrentIndex(1)
        panel.level.setCurrentIndex(panel.level.findData(FindingLevel.MINOR_NC.value))
        panel.text.setPlainText("Revue de direction absente")
        panel.action.setPlainText("Tenir la revue")
        panel.deadline.set_value(date(2013, 9, 30))
        assert panel.commit_form()
        panel.level.setCurrentIndex(panel.level.findData(FindingLevel.STRENGTH.value))
        panel.text.setPlainText("Projet social clair")
        assert panel.counts()[FindingLevel.MINOR_NC] == 1  # counted as typed
        dialog.save_and_close()
        return dialog.result()
    return run


def test_from_a_new_company_to_its_first_follow_up_on_the_dashboard(qtbot, db, monkeypatch):
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    assert window.dashboard.soon_model.rowCount() == 0

    # 1. The company, typed in the Structures view's dialog.
    window.show_view(COMPANIES)
    monkeypatch.setattr(companies_view.CompanyDialog, "exec", type_a_new_company)
    window.menus.new_company.trigger()
    wait_for_reads(qtbot, window.runner)
    [row] = window.companies_view.model.visible_rows()
    assert (row.name, row.town, row.legal_types) == ("APTIMA", "Mantes la Jolie", ("EI",))

    # 2. Its certification audit with findings, typed in the audit editor opened from the
    # company's file.
    window.open_company(row.id)
    wait_for_reads(qtbot, window.runner)
    auditor = AuditorService(db).create("Claire Auditrice")
    monkeypatch.setattr(AuditEditor, "exec", record_in_the_audit_editor(auditor))
    window.company_files()[0].audit_button.click()
    wait_for_reads(qtbot, window.runner)
    [audit_line] = window.company_files()[0].file.audits
    assert (audit_line.kind, audit_line.findings, audit_line.minor_nc) == (
        AuditKind.CERTIFICATION, 2, 1)
    audit = audit_line.id
    assert [f.level for f in AuditService(db).findings(audit)] == [FindingLevel.MINOR_NC,
                                                                   FindingLevel.STRENGTH]

    # 3. The committee grants the certificate.
    committees = CommitteeService(db)
    session = committees.create_session(date(2013, 6, 13), "Paris", status=SessionStatus.HELD)
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=row.id, audit_id=audit))
    window.data_changed()

    # 4. The dashboard shows the first follow-up due within 90 days, and it opens the file.
    window.show_view(DASHBOARD)
    wait_for_reads(qtbot, window.runner)
    soon = window.dashboard.soon_model
    assert [soon.index(0, c).data() for c in range(4)] == [
        "13/06/2014", "in 73 days", "APTIMA", "Follow-up audit 1"]
    window.dashboard.soon_table.activated.emit(soon.index(0, 0))
    wait_for_reads(qtbot, window.runner)
    [file_view] = window.company_files()
    assert window.tabs.currentWidget() is file_view
    assert file_view.standing.text().startswith(
        "Certified: CEDRE certificate valid from 13/06/2013 to 12/06/2016")
    assert file_view.actions_model.rowCount() == 1  # the minor nonconformity's action
    window.close_register()
