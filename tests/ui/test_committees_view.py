"""Comités: sessions by date, the agenda of the files ready, a decision and what then falls
due for the company."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui.committees import decision as committee_decision
from cedre_desk.ui.committees import view as committees_view
from cedre_desk.ui.committees.session_dialog import SessionDialog
from cedre_desk.ui.committees.view import CommitteesView

TODAY = date(2013, 5, 2)


@pytest.fixture
def register(db):
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    companies, audits, committees = CompanyService(db), AuditService(db), CommitteeService(db)
    ids = {"gdid": companies.create(CompanyInput(name="GDID", town="Salon de Provence")),
           "ems": companies.create(CompanyInput(name="EMS", town="Montauban"))}
    ids["gdid_audit"] = audits.create(AuditInput(
        AuditKind.CERTIFICATION, version.id, company_id=ids["gdid"], start_on=date(2013, 4, 2),
        end_on=date(2013, 4, 3), status=AuditStatus.REPORT_SENT))
    ids["ems_audit"] = audits.create(AuditInput(
        AuditKind.CERTIFICATION, version.id, company_id=ids["ems"], start_on=date(2013, 4, 20),
        status=AuditStatus.DONE))
    ids["november_2012"] = committees.create_session(date(2012, 11, 22), "Paris",
                                                     status=SessionStatus.HELD)
    ids["june"] = committees.create_session(date(2013, 6, 13), "Paris")
    return db, ids


def shown(qtbot, db, today=TODAY) -> CommitteesView:
    view = CommitteesView(db, "en", lambda: today)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        view.refresh()
    return view


def column(model, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_the_next_session_opens_with_its_files(qtbot, register):
    db, ids = register
    view = shown(qtbot, db)
    assert view.current_session().id == ids["june"]
    # newest first: the sessions to come at the top
    assert column(view.sessions_model, 0) == ["Thursday 13/06/2013", "Thursday 22/11/2012"]
    assert column(view.agenda_model, 0) == ["EMS", "GDID"]
    assert column(view.agenda_model, 3) == ["not sent yet", "sent"]
    assert column(view.agenda_model, 2) == ["20/04/2013", "03/04/2013"]
    assert "1 file(s) ready, 0 decided, 2 in all" in view.title.text()


def test_recording_a_grant_shows_the_first_follow_up_a_year_later(qtbot, register):
    db, _ = register
    view = shown(qtbot, db)
    view.agenda.select_row(1)  # GDID
    panel = view.decision
    assert panel.outcome.currentData() == Outcome.GRANTED.value  # suggested by the audit
    assert panel.scheme.currentData() == Scheme.CEDRE.value
    with qtbot.waitSignal(view.changed):
        assert panel.record()
    events = panel.next_events.text()
    assert "Follow-up audit 1 — 13/06/2014" in events
    assert "Certificate expiry — 12/06/2016" in events
    assert "State: Certified" in events
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        pass
    assert column(view.agenda_model, 7)[1] == "Granted (CEDRE-2013-0001)"
    assert column(view.agenda_model, 8)[1] == "12/06/2016"
    assert view.current_file().decision is not None  # still chosen, events still shown
    assert "Follow-up audit 1 — 13/06/2014" in panel.next_events.text()
    assert column(view.sessions_model, 3) == ["1", "0"]


def test_a_refused_decision_is_shown_in_place(qtbot, register):
    db, ids = register
    view = shown(qtbot, db)
    view.agenda.select_row(1)
    panel = view.decision
    panel.outcome.setCurrentIndex(panel.outcome.findData(Outcome.RENEWED.value))
    assert not panel.record()  # a renewal rests on a renewal audit
    message = panel.messages.general
    assert "a renewal on a renewal audit" in message.text() and not message.isHidden()
    panel.outcome.setCurrentIndex(panel.outcome.findData(Outcome.GRANTED.value))
    CommitteeService(db).record_decision(DecisionInput(
        ids["june"], Outcome.GRANTED, Scheme.CEDRE, company_id=ids["ems"],
        audit_id=ids["ems_audit"], certificate_number="CEDRE-2013-0042"))
    panel.certificate_number.setText("CEDRE-2013-0042")
    assert not panel.record()
    assert "already taken" in panel.messages.message_for("certificate_number").text()
    panel.certificate_number.setText("")
    CommitteeService(db).record_decision(DecisionInput(  # taken elsewhere meanwhile
        ids["june"], Outcome.DEFERRED, Scheme.CEDRE, company_id=ids["gdid"]))
    assert not panel.record()
    assert "already has a decision" in panel.stale.message.text()


def test_a_decision_recorded_meanwhile_is_shown_beside_the_input_and_reloaded(qtbot,
                                                                              register):
    db, ids = register
    view = shown(qtbot, db)
    view.agenda.select_row(1)
    panel = view.decision
    panel.conditions.setPlainText("Revoir le dossier")
    CommitteeService(db).record_decision(DecisionInput(  # someone else, meanwhile
        ids["june"], Outcome.DEFERRED, Scheme.CEDRE, company_id=ids["gdid"],
        conditions="Audit complémentaire"))
    panel.record_button.click()
    assert not panel.stale.isHidden() and "recorded meanwhile" in panel.stale.message.text()
    assert ("Conditions", "Audit complémentaire", "Revoir le dossier") in (
        panel.stale.differences())
    assert panel.record_button.isEnabled()  # nothing written, the input kept
    assert panel.conditions.toPlainText() == "Revoir le dossier"

    panel.stale.reload.click()  # Recharger
    assert panel.conditions.toPlainText() == "Audit complémentaire"
    assert not panel.record_button.isEnabled() and panel.cancel_button.isEnabled()
    assert ("Conditions", "Audit complémentaire", "Revoir le dossier") in (
        panel.stale.differences())


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_after_recharger_the_agenda_shows_the_decision_recorded_meanwhile(qtbot, register):
    """Recharger showed the other person's decision in the panel, while the agenda beside it
    still said the file was undecided (and the session counted no decision)."""
    from PySide6.QtCore import Qt

    db, ids = register
    view = shown(qtbot, db)
    view.show()  # clicked as a person does
    qtbot.waitExposed(view)
    view.agenda.select_row(1)  # GDID, undecided
    panel = view.decision
    panel.conditions.setPlainText("Revoir le dossier")
    CommitteeService(db).record_decision(DecisionInput(  # someone else, meanwhile
        ids["june"], Outcome.DEFERRED, Scheme.CEDRE, company_id=ids["gdid"],
        audit_id=ids["gdid_audit"], conditions="Audit complémentaire"))
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert not panel.stale.isHidden()
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        qtbot.mouseClick(panel.stale.reload, Qt.MouseButton.LeftButton)  # Recharger
    assert column(view.agenda_model, 0)[1] == "GDID"
    assert column(view.agenda_model, 7)[1] == "Deferred"
    assert "0 file(s) ready, 1 decided, 2 in all" in view.title.text()
    assert column(view.sessions_model, 3) == ["1", "0"]
    assert view.current_file().owner == "GDID"  # still chosen, the input still listed
    assert panel.conditions.toPlainText() == "Audit complémentaire"
    assert not panel.stale.isHidden()
    assert ("Conditions", "Audit complémentaire", "Revoir le dossier") in (
        panel.stale.differences())


def test_a_group_file_shows_the_due_events_of_its_members(qtbot, register):
    db, ids = register
    group = GroupService(db).create("Villette", [ids["gdid"], ids["ems"]])
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id, group_id=group,
                                       start_on=date(2013, 4, 10),
                                       status=AuditStatus.CLOSED))
    view = shown(qtbot, db)
    assert "Villette (group)" in column(view.agenda_model, 0)
    view.agenda.select_row(column(view.agenda_model, 0).index("Villette (group)"))
    assert view.decision.record()
    events = view.decision.next_events.text()
    assert "Member companies (2):" in events
    assert "Follow-up audit 1 — 13/06/2014" in events


def test_a_group_decision_shows_the_members_of_the_session_day(qtbot, register):
    """Session of 13/06/2013: EMS, leaving on 20/06/2013, is still a member that day; ISIS,
    joining on 01/07/2013, is not yet (docs/cycle.md, 8)."""
    db, ids = register
    groups = GroupService(db)
    group = groups.create("Villette", [ids["gdid"], ids["ems"]])
    groups.remove_member(group, ids["ems"], date(2013, 6, 20))
    isis = CompanyService(db).create(CompanyInput(name="ISIS", town="Istres"))
    groups.add_member(group, isis, date(2013, 7, 1))
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id, group_id=group,
                                       start_on=date(2013, 4, 10),
                                       status=AuditStatus.CLOSED))
    view = shown(qtbot, db)
    view.agenda.select_row(column(view.agenda_model, 0).index("Villette (group)"))
    assert view.decision.record()
    events = view.decision.next_events.text()
    # GDID and EMS, certified together: one list for both; ISIS has none of it.
    assert "Member companies (2):" in events and "Member companies (1):" not in events
    assert "Follow-up audit 1 — 13/06/2014" in events
    assert "nothing falls due" not in events


def test_cancelling_a_decision_puts_the_file_back(qtbot, register, monkeypatch):
    db, ids = register
    CommitteeService(db).record_decision(DecisionInput(
        ids["june"], Outcome.GRANTED, Scheme.CEDRE, company_id=ids["gdid"],
        audit_id=ids["gdid_audit"]))
    view = shown(qtbot, db)
    view.agenda.select_row(1)
    assert view.decision.cancel_button.isEnabled()
    assert "Follow-up audit 1" in view.decision.next_events.text()
    monkeypatch.setattr(committee_decision.QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        view.decision.cancel_decision()
    assert column(view.agenda_model, 7) == ["", ""]


def test_a_session_is_created_and_a_same_day_one_refused_in_place(qtbot, register,
                                                                  monkeypatch):
    db, ids = register
    dialog = SessionDialog(CommitteeService(db), AgendaService(db), "en", TODAY)
    qtbot.addWidget(dialog)
    dialog.held_on.set_value(date(2013, 6, 13))
    assert not dialog.save()
    assert "already exists on 13/06/2013" in dialog.messages.message_for("held_on").text()
    dialog.held_on.set_value(date(2013, 11, 21))
    dialog.place.setText("Lyon")
    assert dialog.save()
    sessions = {s.held_on: s for s in CommitteeService(db).sessions()}
    assert sessions[date(2013, 11, 21)].place == "Lyon"

    edit = SessionDialog(CommitteeService(db), AgendaService(db), "en", TODAY,
                         session_id=ids["june"])
    qtbot.addWidget(edit)
    assert edit.held_on.value() == date(2013, 6, 13) and edit.place.text() == "Paris"
    edit.members.setPlainText("Mme A, M. B")
    CommitteeService(db).update_session(ids["june"], date(2013, 6, 13), "Paris", "",
                                        SessionStatus.PLANNED, 1)  # changed elsewhere
    assert not edit.save()
    assert "changed elsewhere" in edit.stale.message.text()
    assert edit.members.toPlainText() == "Mme A, M. B"


def test_new_and_deleted_sessions_from_the_view(qtbot, register, monkeypatch):
    db, _ = register
    view = shown(qtbot, db)

    def fill_and_save(dialog: SessionDialog) -> int:
        dialog.held_on.set_value(date(2013, 11, 21))
        dialog.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SessionDialog, "exec", fill_and_save)
    with qtbot.waitSignal(view.changed):
        view.new_session()
    assert column(view.sessions_model, 0)[0] == "Thursday 21/11/2013"
    assert view.current_session().held_on == date(2013, 11, 21)
    monkeypatch.setattr(committees_view.QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(view.changed):
        view.delete_session()
    assert len(column(view.sessions_model, 0)) == 2


def test_a_session_with_decisions_is_kept(qtbot, register, monkeypatch):
    db, ids = register
    CommitteeService(db).record_decision(DecisionInput(
        ids["june"], Outcome.DEFERRED, Scheme.CEDRE, company_id=ids["ems"]))
    view = shown(qtbot, db)
    warned: list[str] = []
    asked: list[object] = []
    monkeypatch.setattr(committees_view.QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(committees_view.QMessageBox, "warning",
                        lambda _parent, _title, text: warned.append(text))
    view.delete_session()
    # Refused before any question: the user is never asked to confirm what cannot happen.
    assert asked == []
    assert warned == ["The session of 13/06/2013 carries decisions: it is kept. Cancel its "
                      "decisions first."]
    assert len(CommitteeService(db).sessions()) == 2


def test_the_view_models_pass_the_model_tester(qtbot, qtmodeltester, register):
    db, ids = register
    CommitteeService(db).record_decision(DecisionInput(
        ids["june"], Outcome.GRANTED, Scheme.CEDRE, company_id=ids["gdid"],
        audit_id=ids["gdid_audit"]))
    view = shown(qtbot, db)
    assert view.agenda_model.rowCount() == 2
    qtmodeltester.check(view.agenda_model)
    qtmodeltester.check(view.sessions_model)


def test_a_follow_up_with_a_major_nonconformity_comes_to_the_committee(qtbot, register):
    db, ids = register
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    follow_up = AuditService(db).create(AuditInput(
        AuditKind.FOLLOW_UP, version.id, company_id=ids["ems"], start_on=date(2013, 4, 25),
        status=AuditStatus.CLOSED))
    AuditService(db).add_finding(follow_up, FindingInput(FindingLevel.MAJOR_NC, "Écart"))
    view = shown(qtbot, db)
    kinds = column(view.agenda_model, 1)
    assert "Follow-up audit" in kinds
    view.agenda.select_row(kinds.index("Follow-up audit"))
    assert view.decision.outcome.currentData() == Outcome.MAINTAINED.value


def test_renewing_a_withdrawn_certificate_is_refused_in_place_and_the_form_kept(qtbot, register):
    db, ids = register
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    audits, committees = AuditService(db), CommitteeService(db)
    isis = CompanyService(db).create(CompanyInput(name="ISIS", town="Istres"))
    granted_on = audits.create(AuditInput(
        AuditKind.CERTIFICATION, version.id, company_id=isis, start_on=date(2012, 10, 2),
        status=AuditStatus.CLOSED))
    committees.record_decision(DecisionInput(ids["november_2012"], Outcome.GRANTED,
                                             Scheme.CEDRE, company_id=isis, audit_id=granted_on))
    january = committees.create_session(date(2013, 1, 24), status=SessionStatus.HELD)
    committees.record_decision(DecisionInput(january, Outcome.WITHDRAWN, Scheme.CEDRE,
                                             company_id=isis))
    audits.create(AuditInput(AuditKind.RENEWAL, version.id, company_id=isis,
                             start_on=date(2013, 4, 10), status=AuditStatus.REPORT_SENT))
    view = shown(qtbot, db)
    view.agenda.select_row(column(view.agenda_model, 0).index("ISIS"))
    panel = view.decision
    assert panel.outcome.currentData() == Outcome.RENEWED.value
    panel.conditions.setPlainText("Dossier complet")
    assert not panel.record()
    message = panel.messages.message_for("outcome")
    assert not message.isHidden()
    assert "The certificate was withdrawn: it cannot be renewed" in message.text()
    assert "certification audit" in message.text()
    # The form is kept as typed, to choose another decision.
    assert panel.outcome.currentData() == Outcome.RENEWED.value
    assert panel.conditions.toPlainText() == "Dossier complet"
    assert panel.record_button.isEnabled()
    assert view.current_file().decision is None
