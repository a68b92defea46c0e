"""Change history in the window, one widget for every record: a change made through the
services is seen (field, before, after) in the audit editor, in a committee session's and a
decision's history, and in a company's file; values read as everywhere else in the window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.history import ChangeRow
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui.audits.editor import AuditEditor
from cedre_desk.ui.committees.view import CommitteesView
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.companies.file_view import CompanyFileView
from cedre_desk.ui.history.change_history import ChangeHistory, ChangeHistoryDialog

from .helpers import wait_for_reads

TODAY = date(2016, 5, 2)
CHANGE, RECORD, FIELD, BEFORE, AFTER = 2, 3, 4, 5, 6  # columns with the record shown


@pytest.fixture
def world(db):
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    companies = CompanyService(db)
    ids = {"version": version.id,
           "aptima": companies.create(CompanyInput(name="APTIMA", town="Mantes la Jolie")),
           "ems": companies.create(CompanyInput(name="EMS", town="Montauban")),
           "claire": AuditorService(db).create("Claire Auditrice")}
    ids["audit"] = AuditService(db).create(AuditInput(
        AuditKind.CERTIFICATION, version.id, company_id=ids["aptima"],
        planned_on=date(2016, 3, 1), auditor_ids=(ids["claire"],)))
    return db, ids


def rows_of(model, *columns: int) -> list[tuple[str, ...]]:
    return [tuple(model.index(row, c).data() for c in columns)
            for row in range(model.rowCount())]


def wait_read(qtbot, history: ChangeHistory) -> None:
    qtbot.waitUntil(lambda: not history.is_loading(), timeout=10_000)


# The audit editor ---------------------------------------------------------------------------

def test_the_audit_editor_shows_the_audit_s_changes_with_its_findings(qtbot, world):
    db, ids = world
    audits = AuditService(db)
    version, data = audits.get(ids["audit"])
    audits.update(ids["audit"], replace(data, status=AuditStatus.DONE,
                                        start_on=date(2016, 3, 2)), version)
    kept = audits.add_finding(ids["audit"], FindingInput(FindingLevel.MINOR_NC,
                                                         "Revue de direction absente"))
    gone = audits.add_finding(ids["audit"], FindingInput(FindingLevel.STRENGTH, "Accueil"))
    audits.delete_finding(gone)

    editor = AuditEditor(db, "en", lambda: TODAY, audit_id=ids["audit"])
    qtbot.addWidget(editor)
    wait_read(qtbot, editor.history)

    model = editor.history.model
    shown = rows_of(model, CHANGE, RECORD, FIELD, BEFORE, AFTER)
    assert ("changed", "Audit", "Status", "Planned", "Done") in shown
    assert ("changed", "Audit", "From", "", "02/03/2016") in shown
    assert ("created", "Audit", "Referential version", "", "CEDRE V3") in shown
    assert ("created", "Auditors", "Auditor", "", "Claire Auditrice") in shown
    assert ("created", "Finding “Revue de direction absente”", "Level", "",
            "Minor nonconformity") in shown
    deleted = [row for row in shown if row[0] == "deleted"]
    assert [(r[1], r[2], r[4]) for r in deleted] == [("Finding “Accueil”", "", "")]
    assert "Level: Strength" in deleted[0][3] and "Finding: Accueil" in deleted[0][3]
    assert str(kept) not in " ".join(r[1] for r in shown)  # findings named by their text
    assert model.index(0, CHANGE).data() == "deleted"  # newest first
    tab = editor.pages.indexOf(editor.history)
    assert editor.pages.tabText(tab) == f"Change history ({model.rowCount()})"


def test_a_save_in_the_editor_comes_into_its_history(qtbot, world):
    db, ids = world
    editor = AuditEditor(db, "en", lambda: TODAY, audit_id=ids["audit"])
    qtbot.addWidget(editor)
    wait_read(qtbot, editor.history)
    editor.conclusion.setPlainText("Démarche solide\nà poursuivre")
    assert editor.save()
    wait_read(qtbot, editor.history)
    assert ("changed", "Conclusion", "", "Démarche solide / à poursuivre") in rows_of(
        editor.history.model, CHANGE, FIELD, BEFORE, AFTER)


def test_a_new_audit_has_no_history_until_it_is_saved(qtbot, world):
    db, ids = world
    editor = AuditEditor(db, "en", lambda: TODAY, company_id=ids["ems"])
    qtbot.addWidget(editor)
    tab = editor.pages.indexOf(editor.history)
    assert not editor.pages.isTabEnabled(tab)
    assert not editor.history.is_loading()
    assert editor.save()
    assert editor.pages.isTabEnabled(tab)
    wait_read(qtbot, editor.history)
    assert ("Audit", "Company", "EMS") in rows_of(editor.history.model, RECORD, FIELD, AFTER)


# Committee sessions and decisions -----------------------------------------------------------

@pytest.fixture
def committee(world):
    db, ids = world
    audits, committees = AuditService(db), CommitteeService(db)
    version, data = audits.get(ids["audit"])
    audits.update(ids["audit"], replace(data, status=AuditStatus.REPORT_SENT,
                                        start_on=date(2016, 3, 2)), version)
    ids["june"] = committees.create_session(date(2016, 6, 9), "Paris")
    committees.update_session(ids["june"], date(2016, 6, 9), "Lyon", "Mme Durand",
                              SessionStatus.PLANNED, 1)
    ids["decision"] = committees.record_decision(DecisionInput(
        ids["june"], Outcome.GRANTED, Scheme.CEDRE, company_id=ids["aptima"],
        audit_id=ids["audit"]))
    return db, ids, CommitteesView(db, "en", lambda: TODAY)


def shown_view(qtbot, view: CommitteesView) -> CommitteesView:
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        view.refresh()
    return view


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the dialog really opens
def test_a_session_s_history_shows_its_changes_and_its_decisions(qtbot, committee):
    _db, ids, view = committee
    shown_view(qtbot, view)
    assert view.current_session().id == ids["june"]
    assert view.history_button.isEnabled()
    view.history_button.click()
    dialog = view.history_dialog
    assert isinstance(dialog, ChangeHistoryDialog)
    assert dialog.windowTitle() == "Change history of the session of Thursday 09/06/2016"
    wait_read(qtbot, dialog.history)
    shown = rows_of(dialog.history.model, CHANGE, RECORD, FIELD, BEFORE, AFTER)
    assert ("changed", "Session", "Place", "Paris", "Lyon") in shown
    assert ("changed", "Session", "Members", "", "Mme Durand") in shown
    assert ("created", "Session", "Date", "", "09/06/2016") in shown
    assert ("created", "Decision on APTIMA", "Decision", "", "Granted") in shown
    assert ("created", "Decision on APTIMA", "Audit", "", "02/03/2016") in shown
    dialog.close()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the dialog really opens
def test_a_decision_s_history_and_its_cancellation(qtbot, committee, monkeypatch):
    db, ids, view = committee
    shown_view(qtbot, view)
    view.agenda.select_row(view.agenda_model.row_of(lambda f: f.company_id == ids["aptima"]))
    panel = view.decision
    assert panel.history_button.isEnabled()
    panel.history_button.click()
    dialog = view.history_dialog
    assert dialog.windowTitle() == "Change history of the decision on APTIMA"
    wait_read(qtbot, dialog.history)
    model = dialog.history.model
    assert model.columnCount() == 6  # one record: no column to say which
    shown = rows_of(model, 2, 3, 4, 5)
    assert ("created", "Decision", "", "Granted") in shown
    assert ("created", "Session", "", "09/06/2016") in shown
    assert ("created", "Valid until", "", "08/06/2019") in shown
    dialog.close()

    CommitteeService(db).delete_decision(ids["decision"])  # cancelled elsewhere
    view.history_button.click()
    session_dialog = view.history_dialog
    wait_read(qtbot, session_dialog.history)
    deleted = [row for row in rows_of(session_dialog.history.model, CHANGE, RECORD, BEFORE)
               if row[0] == "deleted"]
    assert len(deleted) == 1 and deleted[0][1] == "Decision on APTIMA"
    assert "Decision: Granted" in deleted[0][2]
    session_dialog.close()
    assert view.history_dialog is None  # closed: nothing kept of it


def test_no_history_button_without_a_decision(qtbot, world):
    db, _ids = world
    CommitteeService(db).create_session(date(2016, 6, 9))
    view = shown_view(qtbot, CommitteesView(db, "en", lambda: TODAY))
    assert view.history_button.isEnabled()
    assert not view.decision.history_button.isEnabled()


# The company file, through the same widget --------------------------------------------------

def test_the_company_file_shows_its_history_with_the_shared_widget(qtbot, world):
    db, ids = world
    companies = CompanyService(db)
    record = companies.get(ids["ems"])
    companies.update(ids["ems"], replace(record.data, member_since=date(2015, 1, 5),
                                         active=False), record.version)
    runner = BackgroundRunner(reader_for(db))
    try:
        view = CompanyFileView(ids["ems"], runner, "en", lambda: TODAY)
        qtbot.addWidget(view)
        view.refresh()
        wait_for_reads(qtbot, runner)
        assert isinstance(view.changes, ChangeHistory)
        shown = rows_of(view.changes_model, 2, 3, 4, 5)
        assert ("changed", "Member since", "", "05/01/2015") in shown
        assert ("changed", "Active member", "yes", "no") in shown
    finally:
        runner.shutdown()


# The widget's own reading of values -----------------------------------------------------------

def change(table: str, field: str, before: str | None, after: str | None,
           action: str = "update", record: str = "1", number: int = 1) -> ChangeRow:
    return ChangeRow(number, datetime(2016, 5, 2, 8, 30), "Anne", action, table, record, field,
                     before, after)


def test_values_read_as_in_the_rest_of_the_window(qtbot, qtmodeltester):
    history = ChangeHistory("en", show_record=True)
    qtbot.addWidget(history)
    rows = [
        change("audit", "kind", "certification", "follow_up", number=1),
        change("committee_session", "status", "planned", "held", number=2),
        change("audit", "duration_days", "1.0", "1.5", number=3),
        change("company_legal_type", "legal_type", None, "other", "insert", "1/other", 4),
        change("audit", "version_id", "3", "4", number=5),
        change("audit", "unknown_field", "x", "y", number=6),
        change("audit_auditor", "lead", None, "1", "insert", "1/2", 7),
    ]
    history.show_history(rows, {("version_id", "3"): "CEDRE V2",
                                ("version_id", "4"): "CEDRE V3"})
    qtmodeltester.check(history.model)
    shown = sorted(rows_of(history.model, RECORD, FIELD, BEFORE, AFTER))
    assert shown == sorted([
        ("Audit", "Kind", "Certification audit", "Follow-up audit"),
        ("Session", "Status", "Planned", "Held"),
        ("Audit", "Duration (days)", "1", "1.5"),
        ("Company", "Legal types", "", "Other"),
        ("Audit", "Referential version", "CEDRE V2", "CEDRE V3"),
        ("Audit", "unknown_field", "x", "y"),
        ("Auditors", "Lead auditor", "", "yes"),
    ])
    assert history.note.isHidden()
    history.show_history([])
    assert not history.note.isHidden() and history.note.text() == "No change recorded."


def test_times_are_shown_in_local_time(qtbot):
    history = ChangeHistory("en")
    qtbot.addWidget(history)
    row = change("audit", "kind", "mock", "internal")
    history.show_history([row])
    local = row.local_at
    assert history.model.index(0, 0).data() == f"{local:%d/%m/%Y %H:%M}"
