"""The dashboard: late first, then due soon, the next session with its files, counts."""

from __future__ import annotations

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.dashboard import DashboardService, NextSession
from cedre_desk.services.groups import GroupService

from .conftest import d


def audit(world, kind=AuditKind.CERTIFICATION, on="2013-04-02", status=AuditStatus.DONE,
          company_id=None, group_id=None):
    if group_id is None:
        company_id = company_id or world.company_id
    return AuditService(world.db).create(AuditInput(
        kind, world.v2, company_id=company_id, group_id=group_id, start_on=d(on),
        status=status))


def grant(world, audit_id, session_on="2013-06-13", company_id=None):
    committees = CommitteeService(world.db)
    session = committees.create_session(d(session_on), status=SessionStatus.HELD)
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=company_id or world.company_id,
                                             audit_id=audit_id))


def test_late_events_come_apart_from_those_due_soon(world):
    grant(world, audit(world))
    other = CompanyService(world.db).create(CompanyInput(name="EMS", town="Montauban"))
    grant(world, audit(world, on="2013-10-01", company_id=other), "2013-11-21", other)

    board = DashboardService(world.db).summary(d("2014-07-01"), within_days=200)

    assert [(r.company, r.event, r.due) for r in board.late] == [
        ("GDID", EventKind.FOLLOW_UP_1, d("2014-06-13"))]
    assert all(r.late for r in board.late)
    assert [(r.company, r.event) for r in board.soon] == [("EMS", EventKind.FOLLOW_UP_1)]
    assert not board.soon[0].late
    assert board.counts[CompanyState.FOLLOW_UP_LATE] == 1
    assert board.counts[CompanyState.CERTIFIED] == 1
    assert sum(board.counts.values()) == 2


def test_the_horizon_defaults_to_the_due_soon_setting(world):
    grant(world, audit(world))
    board = DashboardService(world.db).summary(d("2014-01-01"))
    assert board.within_days == 90
    assert board.soon == []  # the first follow-up (13/06/2014) is further than 90 days
    assert DashboardService(world.db).summary(d("2014-04-01")).soon[0].due == d("2014-06-13")


def test_the_files_for_the_next_session_are_its_agenda(world):
    grant(world, audit(world))  # decided at the 13/06/2013 session: not on the agenda
    follow_up = audit(world, AuditKind.FOLLOW_UP, "2014-05-20", AuditStatus.REPORT_SENT)
    AuditService(world.db).add_finding(follow_up, FindingInput(
        FindingLevel.MAJOR_NC, "Pas de revue de direction", world.requirement(world.v2)))
    audit(world, AuditKind.INTERNAL, "2014-05-21")  # never goes to a committee
    audit(world, AuditKind.FOLLOW_UP, "2014-09-01", AuditStatus.PLANNED)  # not done
    member = CompanyService(world.db).create(CompanyInput(name="VILLETTE EMPLOI"))
    group = GroupService(world.db).create("APSV-VILLETTE", [member])
    group_audit = audit(world, on="2014-05-02", group_id=group)
    next_session = CommitteeService(world.db).create_session(d("2014-06-12"), "Paris")

    board = DashboardService(world.db).summary(d("2014-06-01"))

    assert board.last_session == d("2013-06-13")
    assert board.next_session == NextSession(d("2014-06-12"), False, next_session, "Paris")
    ready = {f.file.audit_id: f for f in board.ready}
    assert set(ready) == {group_audit, follow_up}
    assert (ready[follow_up].file.major_nc, ready[follow_up].file.ready) == (1, True)
    assert ready[follow_up].company_id == world.company_id
    # A group's line opens its first member's file.
    assert (ready[group_audit].file.owner, ready[group_audit].company_id) == ("APSV-VILLETTE",
                                                                              member)
    assert not ready[group_audit].file.ready  # done, report not sent yet


def test_with_no_session_entered_the_expected_one_is_shown(world):
    board = DashboardService(world.db).summary(d("2026-07-01"))
    assert (board.next_session.on, board.next_session.expected) == (d("2026-11-19"), True)
    assert board.last_session is None
    assert board.late == board.soon == board.ready == []
    assert board.counts[CompanyState.NOT_ENGAGED] == 1


def test_statuses_computed_by_the_caller_are_used(world):
    from cedre_desk.services.due import CycleService

    grant(world, audit(world))
    before_due = CycleService(world.db).statuses(d("2014-01-01"))
    board = DashboardService(world.db).summary(d("2014-07-01"), statuses=before_due)
    assert board.late == []  # as on 01/01/2014: nothing late yet
    assert board.counts[CompanyState.CERTIFIED] == 1


def test_an_extraordinary_session_entered_in_january_2027_does_not_hide_november_2026(world):
    CommitteeService(world.db).create_session(d("2027-01-26"), "Paris")
    board = DashboardService(world.db).summary(d("2026-07-01"))
    assert (board.next_session.on, board.next_session.expected) == (d("2026-11-19"), True)
    entered = CommitteeService(world.db).create_session(d("2026-11-26"), "Lyon")
    board = DashboardService(world.db).summary(d("2026-07-01"))
    assert board.next_session == NextSession(d("2026-11-26"), False, entered, "Lyon")


def test_on_a_generated_register_the_lines_are_the_due_list_s_computed_or_read_back(db):
    """The lines and counts of a register of many companies, whether the statuses are
    computed (the first call stores them) or read back (companies alike then share one status
    object, which the dashboard's lines take as it finds them): those of the due list."""
    from collections import Counter
    from datetime import date

    from cedre_desk.services.demo.generate import generate_demo
    from cedre_desk.services.due import CycleService
    from cedre_desk.services.status_store import StatusStore

    today = date(2026, 11, 22)
    generate_demo(db, companies=80, seed=7, today=today)
    due = CycleService(db).due(today, 90)
    assert any(row.late for row in due) and any(not row.late for row in due)
    computed = DashboardService(db).summary(today, 90)
    with db.engine.connect() as conn:
        assert len(StatusStore(db).read(conn, today)) == 80
    read_back = CycleService(db).statuses(today)
    assert len({id(status) for status in read_back.values()}) < 80
    for board in (computed, DashboardService(db).summary(today, 90, statuses=read_back)):
        assert board.late == [row for row in due if row.late]
        assert board.soon == [row for row in due if not row.late]
        assert board.counts == {state: Counter(s.state for s in read_back.values())[state]
                                for state in CompanyState}
