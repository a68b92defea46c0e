"""A committee session's agenda: which files it has to decide, and those it decided."""

from __future__ import annotations

from datetime import date

import pytest

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.errors import NotFound
from cedre_desk.services.agenda import AgendaFile, AgendaService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.demo.generate import generate_demo
from cedre_desk.services.groups import GroupService

from .conftest import d


def audit(world, kind=AuditKind.CERTIFICATION, on="2013-04-02",
          status=AuditStatus.REPORT_SENT, company_id=None, **changes) -> int:
    values = dict(kind=kind, version_id=world.v2, start_on=d(on), status=status,
                  company_id=company_id or world.company_id)
    values.update(changes)
    if values.get("group_id"):
        values["company_id"] = None
    return AuditService(world.db).create(AuditInput(**values))


@pytest.fixture
def june(world) -> int:
    return CommitteeService(world.db).create_session(d("2013-06-13"), "Paris")


def test_a_reported_certification_audit_is_a_ready_file(world, june):
    audit_id = audit(world)
    [file] = AgendaService(world.db).agenda(june)
    assert (file.audit_id, file.company_id, file.owner) == (audit_id, world.company_id, "GDID")
    assert (file.audit_kind, file.done_on, file.version) == (
        AuditKind.CERTIFICATION, d("2013-04-02"), "CEDRE V2")
    assert file.ready and not file.carried_over and file.decision is None
    assert (file.suggested_outcome, file.suggested_scheme) == (Outcome.GRANTED, Scheme.CEDRE)


def test_an_audit_whose_report_is_not_sent_is_listed_not_ready(world, june):
    audit(world, status=AuditStatus.DONE)
    [file] = AgendaService(world.db).agenda(june)
    assert not file.ready


@pytest.mark.parametrize("change", [
    dict(status=AuditStatus.PLANNED, start_on=None, planned_on=d("2013-04-02")),
    dict(on="2013-06-14"),  # after the session: it cannot decide it
    dict(kind=AuditKind.INTERNAL),
    dict(kind=AuditKind.MOCK),
    dict(kind=AuditKind.FOLLOW_UP),  # a follow-up without a major nonconformity
])
def test_what_is_not_a_file_for_the_committee(world, june, change):
    audit(world, **change)
    assert AgendaService(world.db).agenda(june) == []


@pytest.mark.parametrize("kind", [AuditKind.FOLLOW_UP, AuditKind.SPECIAL])
def test_a_major_nonconformity_brings_a_follow_up_to_the_committee(world, june, kind):
    audit_id = audit(world, kind=kind)
    audits = AuditService(world.db)
    audits.add_finding(audit_id, FindingInput(FindingLevel.MINOR_NC, "Revue absente"))
    assert AgendaService(world.db).agenda(june) == []
    audits.add_finding(audit_id, FindingInput(FindingLevel.MAJOR_NC, "Pas de système qualité"))
    [file] = AgendaService(world.db).agenda(june)
    assert (file.minor_nc, file.major_nc) == (1, 1)
    assert file.suggested_outcome is Outcome.MAINTAINED


def test_a_recorded_decision_stays_on_its_session_and_leaves_the_next(world, june):
    audit_id = audit(world, iso_version_id=world.iso)
    committees = CommitteeService(world.db)
    november = committees.create_session(d("2013-11-21"))
    decision_id = committees.record_decision(DecisionInput(
        june, Outcome.GRANTED, Scheme.CEDRE_ISO_9001, company_id=world.company_id,
        audit_id=audit_id))
    agenda = AgendaService(world.db)
    [file] = agenda.agenda(june)
    assert file.decision is not None
    assert (file.decision.id, file.decision.outcome) == (decision_id, Outcome.GRANTED)
    assert file.decision.valid_until == d("2016-06-12")
    assert file.version == "CEDRE V2 + ISO 9001 2015"
    assert agenda.agenda(november) == []
    assert agenda.files_ready(d("2013-11-21")) == []


def test_a_file_not_decided_in_time_is_carried_over(world, june):
    audit(world, on="2013-03-01")
    november = CommitteeService(world.db).create_session(d("2013-11-21"))
    [file] = AgendaService(world.db).agenda(november)
    assert file.carried_over
    [file] = AgendaService(world.db).agenda(june)
    assert not file.carried_over


def test_a_past_session_shows_what_was_pending_then(world, june):
    audit_id = audit(world)
    committees = CommitteeService(world.db)
    november = committees.create_session(d("2013-11-21"), status=SessionStatus.HELD)
    committees.record_decision(DecisionInput(november, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=audit_id))
    [pending_in_june] = AgendaService(world.db).agenda(june)
    assert pending_in_june.decision is None
    [decided_in_november] = AgendaService(world.db).agenda(november)
    assert decided_in_november.decision is not None


def test_a_decision_on_the_company_after_the_audit_settles_it(world, june):
    audit_id = audit(world, kind=AuditKind.SPECIAL, on="2013-03-01")
    AuditService(world.db).add_finding(audit_id, FindingInput(FindingLevel.MAJOR_NC, "Écart"))
    assert len(AgendaService(world.db).files_ready(d("2013-11-21"))) == 1
    committees = CommitteeService(world.db)
    committees.record_decision(DecisionInput(june, Outcome.WITHDRAWN, Scheme.CEDRE,
                                             company_id=world.company_id))  # no audit named
    november = committees.create_session(d("2013-11-21"))
    assert AgendaService(world.db).agenda(november) == []
    [file] = AgendaService(world.db).agenda(june)
    assert file.audit_id is None and file.decision.outcome is Outcome.WITHDRAWN


def test_a_group_file_and_the_order_by_name(world, june):
    other = CompanyService(world.db).create(CompanyInput(name="Agire 76", town="Bolbec"))
    group_id = GroupService(world.db).create("Villette emploi", [world.company_id])
    audit(world, group_id=group_id)
    audit(world, company_id=other, kind=AuditKind.RENEWAL)
    files = AgendaService(world.db).files_ready(d("2013-06-13"))
    assert [(f.owner, f.group_id is not None) for f in files] == [
        ("Agire 76", False), ("Villette emploi", True)]
    assert files[0].suggested_outcome is Outcome.RENEWED


def test_a_session_for_its_form_and_an_unknown_one(world, june):
    record = AgendaService(world.db).session(june)
    assert (record.held_on, record.place, record.status, record.version) == (
        d("2013-06-13"), "Paris", SessionStatus.PLANNED, 1)
    with pytest.raises(NotFound):
        AgendaService(world.db).agenda(june + 100)


def _reference_pending(db, held_on) -> list[int]:
    """The audits waiting for a session on `held_on`, by the rule of the module's notes in
    plain Python over every audit, decision and finding."""
    import sqlalchemy as sa

    from cedre_desk.storage.models import Audit, CommitteeSession, Decision, Finding

    with db.engine.connect() as conn:
        audits = conn.execute(sa.select(Audit.id, Audit.company_id, Audit.group_id,
                                        Audit.kind, Audit.status, Audit.start_on,
                                        Audit.end_on)).all()
        decisions = conn.execute(sa.select(Decision.audit_id, Decision.company_id,
                                           Decision.group_id, CommitteeSession.held_on)
                                 .join(CommitteeSession)).all()
        major = set(conn.scalars(sa.select(Finding.audit_id).where(
            Finding.level == FindingLevel.MAJOR_NC)))
    pending = []
    for a in audits:
        done = a.end_on or a.start_on
        if a.status == AuditStatus.PLANNED or done is None or done > held_on:
            continue
        if a.kind not in (AuditKind.CERTIFICATION, AuditKind.RENEWAL) and not (
                a.kind in (AuditKind.FOLLOW_UP, AuditKind.SPECIAL) and a.id in major):
            continue
        if any(held <= held_on and (audit_id == a.id or (done <= held and (
                (company_id is not None and company_id == a.company_id)
                or (group_id is not None and group_id == a.group_id))))
               for audit_id, company_id, group_id, held in decisions):
            continue
        pending.append(a.id)
    return sorted(pending)


def test_the_files_waiting_match_the_rule_on_a_demo_register(db):
    import sqlalchemy as sa

    from cedre_desk.services.demo import generate_demo
    from cedre_desk.storage.models import CommitteeSession

    generate_demo(db, companies=60, seed=3, today=d("2026-03-01"))
    with db.engine.connect() as conn:
        days = list(conn.scalars(sa.select(CommitteeSession.held_on)))
    service = AgendaService(db)
    waiting = 0
    for held_on in [*days, d("2026-03-01")]:
        found = sorted(f.audit_id for f in service.files_ready(held_on))
        assert found == _reference_pending(db, held_on), held_on
        waiting += len(found)
    assert waiting > 10  # (20 with this seed)


def test_the_agenda_s_indexes_change_no_agenda(db):
    """Migration 0005's indexes only serve the read: on a generated register every session's
    agenda, and the files waiting for the next expected one, are the same without them."""
    today = date(2026, 11, 22)
    generate_demo(db, companies=60, seed=5, today=today)
    service = AgendaService(db)
    sessions = [s.id for s in CommitteeService(db).sessions()]

    def every_agenda() -> list[list[AgendaFile]]:
        return [service.agenda(s) for s in sessions] + [service.files_ready(d("2027-06-10"))]

    with_indexes = every_agenda()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_finding_level_audit_id")
        conn.exec_driver_sql("DROP INDEX ix_decision_audit_id_session_id")
    assert every_agenda() == with_indexes
    files = [f for agenda in with_indexes for f in agenda]
    assert any(f.major_nc and f.audit_kind == AuditKind.FOLLOW_UP for f in files), (
        "the register holds a follow-up decided on its major nonconformity")
