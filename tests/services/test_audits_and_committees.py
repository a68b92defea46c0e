"""Audits, findings, committee decisions, and what falls due from them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

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
from cedre_desk.errors import ConflictError, NotFound, ValidationError
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.settings import SettingsService
from cedre_desk.storage.models import Audit, Decision, Finding

from .conftest import d


def certification_audit(world, **changes) -> AuditInput:
    values = dict(kind=AuditKind.CERTIFICATION, version_id=world.v2, company_id=world.company_id,
                  start_on=d("2013-04-02"), end_on=d("2013-04-03"), status=AuditStatus.DONE,
                  duration_days=2, auditor_ids=(world.auditor_id,))
    values.update(changes)
    return AuditInput(**values)


def rows(db, model) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_whole_path_to_a_first_follow_up_due(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world))
    audits.add_finding(audit_id, FindingInput(FindingLevel.STRENGTH, "Projet social clair",
                                              world.requirement(world.v2)))
    audits.add_finding(audit_id, FindingInput(FindingLevel.MINOR_NC, "Revue de direction absente",
                                              world.requirement(world.v2),
                                              action="Tenir la revue", action_due=d("2013-09-30")))
    assert audits.level_counts(audit_id)[FindingLevel.MINOR_NC] == 1
    session_id = committees.create_session(d("2013-06-13"), "Paris", status=SessionStatus.HELD)
    decision_id = committees.record_decision(DecisionInput(
        session_id, Outcome.GRANTED, Scheme.CEDRE, company_id=world.company_id,
        audit_id=audit_id))
    with world.db.engine.connect() as conn:
        decision = conn.execute(sa.select(Decision).where(Decision.id == decision_id)).one()
    assert (decision.valid_from, decision.valid_until) == (d("2013-06-13"), d("2016-06-12"))
    assert decision.certificate_number == "CEDRE-2013-0001"

    due = CycleService(world.db).due(d("2014-03-01"), within_days=120)
    assert [(r.event, r.due, r.late) for r in due] == [
        (EventKind.FOLLOW_UP_1, d("2014-06-13"), False)]
    late = CycleService(world.db).due(d("2014-07-01"), within_days=0)
    assert late[0].late and late[0].state is CompanyState.FOLLOW_UP_LATE
    assert CycleService(world.db).status(world.company_id, d("2014-03-01")).state is (
        CompanyState.CERTIFIED)


def test_a_follow_up_done_clears_the_event(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world))
    session_id = committees.create_session(d("2013-06-13"))
    committees.record_decision(DecisionInput(session_id, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=audit_id))
    audits.create(certification_audit(world, kind=AuditKind.FOLLOW_UP, start_on=d("2014-05-20"),
                                      end_on=d("2014-05-20")))
    events = CycleService(world.db).due(d("2014-07-01"))
    assert EventKind.FOLLOW_UP_1 not in {r.event for r in events}
    assert events[0].event is EventKind.FOLLOW_UP_2


def test_a_group_decision_counts_for_each_member(world):
    other = CompanyService(world.db).create(CompanyInput(name="APSV-VILLETTE EMPLOI"))
    group_id = GroupService(world.db).create("Groupe Villette", [world.company_id, other])
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world, company_id=None, group_id=group_id))
    session_id = committees.create_session(d("2013-06-13"))
    committees.record_decision(DecisionInput(session_id, Outcome.GRANTED, Scheme.CEDRE,
                                             group_id=group_id, audit_id=audit_id))
    statuses = CycleService(world.db).statuses(d("2013-07-01"))
    assert statuses[world.company_id].state is CompanyState.CERTIFIED
    assert statuses[other].state is CompanyState.CERTIFIED


def test_an_early_renewal_runs_from_the_old_expiry(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    first = audits.create(certification_audit(world))
    june = committees.create_session(d("2013-06-13"))
    committees.record_decision(DecisionInput(june, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=first))
    renewal = audits.create(certification_audit(
        world, kind=AuditKind.RENEWAL, version_id=world.v3, start_on=d("2015-12-01"),
        end_on=d("2015-12-02")))
    early = committees.create_session(d("2016-01-14"))
    decision_id = committees.record_decision(DecisionInput(
        early, Outcome.RENEWED, Scheme.CEDRE, company_id=world.company_id, audit_id=renewal))
    with world.db.engine.connect() as conn:
        valid = conn.execute(sa.select(Decision.valid_from, Decision.valid_until).where(
            Decision.id == decision_id)).one()
    assert tuple(valid) == (d("2016-06-13"), d("2019-06-12"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (dict(end_on=d("2013-04-01")), "end_on"),
        (dict(company_id=None), "company_id"),
        (dict(status=AuditStatus.DONE, start_on=None, end_on=None), "start_on"),
        (dict(duration_days=-1), "duration_days"),
    ],
)
def test_bad_audits_are_refused(world, change, field):
    with pytest.raises(ValidationError) as caught:
        AuditService(world.db).create(certification_audit(world, **change))
    assert caught.value.field == field
    assert rows(world.db, Audit) == 0


def test_the_iso_version_cannot_stand_as_the_cedre_version(world):
    with pytest.raises(ValidationError) as caught:
        AuditService(world.db).create(certification_audit(world, version_id=world.iso))
    assert caught.value.field == "version_id"


def test_an_auditor_who_coached_the_company_cannot_audit_it(world):
    AuditorService(world.db).add_coaching(world.auditor_id, world.company_id)
    assert AuditorService(world.db).coached([world.auditor_id], company_id=world.company_id) == [
        "Claire Auditrice"]
    with pytest.raises(ValidationError) as caught:
        AuditService(world.db).create(certification_audit(world))
    assert caught.value.field == "auditor_ids"


def test_a_coach_from_an_engagement_is_also_refused(world):
    coach = AuditorService(world.db).create("Paul Coach")
    AuditorService(world.db).engage(world.company_id, d("2012-01-10"), coach_id=coach)
    with pytest.raises(ValidationError):
        AuditService(world.db).create(certification_audit(world, auditor_ids=(coach,)))


def test_a_finding_on_another_versions_requirement_is_refused(world):
    audits = AuditService(world.db)
    audit_id = audits.create(certification_audit(world))
    with pytest.raises(ValidationError) as caught:
        audits.add_finding(audit_id, FindingInput(FindingLevel.MAJOR_NC, "x",
                                                  world.requirement(world.v3)))
    assert caught.value.field == "requirement_id"
    assert rows(world.db, Finding) == 0


def test_the_combined_scheme_accepts_iso_requirements(world):
    audits = AuditService(world.db)
    audit_id = audits.create(certification_audit(world, version_id=world.v3,
                                                 iso_version_id=world.iso))
    audits.add_finding(audit_id, FindingInput(FindingLevel.IMPROVEMENT, "Contexte à formaliser",
                                              world.requirement(world.iso)))
    [finding] = audits.findings(audit_id)
    assert finding.requirement_code


def test_a_decision_before_its_audit_is_refused(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world, start_on=d("2013-07-01"),
                                                 end_on=d("2013-07-02")))
    session_id = committees.create_session(d("2013-06-13"))
    with pytest.raises(ValidationError) as caught:
        committees.record_decision(DecisionInput(session_id, Outcome.GRANTED, Scheme.CEDRE,
                                                 company_id=world.company_id, audit_id=audit_id))
    assert "13/06/2013" in caught.value.fr
    assert rows(world.db, Decision) == 0


def test_one_decision_per_file_and_session(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world))
    session_id = committees.create_session(d("2013-06-13"))
    data = DecisionInput(session_id, Outcome.DEFERRED, Scheme.CEDRE, company_id=world.company_id,
                         audit_id=audit_id)
    committees.record_decision(data)
    with pytest.raises(ConflictError) as caught:  # recorded meanwhile by someone else
        committees.record_decision(data)
    assert "already has a decision" in caught.value.en and "modified by" in caught.value.en
    assert "modifié par" in caught.value.fr
    assert rows(world.db, Decision) == 1


def test_a_renewal_without_a_certificate_is_refused(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world, kind=AuditKind.RENEWAL))
    session_id = committees.create_session(d("2013-06-13"))
    with pytest.raises(ValidationError) as caught:
        committees.record_decision(DecisionInput(session_id, Outcome.RENEWED, Scheme.CEDRE,
                                                 company_id=world.company_id, audit_id=audit_id))
    assert caught.value.field == "outcome"


def test_two_sessions_on_one_day_are_refused(world):
    committees = CommitteeService(world.db)
    committees.create_session(d("2013-11-21"))
    with pytest.raises(ValidationError):
        committees.create_session(d("2013-11-21"))


def test_deleting_an_audit_takes_its_findings(world):
    audits = AuditService(world.db)
    audit_id = audits.create(certification_audit(world))
    audits.add_finding(audit_id, FindingInput(FindingLevel.STRENGTH, "Accueil"))
    audits.delete(audit_id)
    assert rows(world.db, Finding) == 0
    with pytest.raises(NotFound):
        audits.get(audit_id)


def test_settings_change_the_cycle(world):
    SettingsService(world.db).save(follow_up_interval_months=6, follow_ups_per_cycle=4)
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world))
    session_id = committees.create_session(d("2013-06-13"))
    committees.record_decision(DecisionInput(session_id, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=audit_id))
    first = CycleService(world.db).due(d("2013-07-01"))[0]
    assert first.due == d("2013-12-13")
    with pytest.raises(ValidationError):
        SettingsService(world.db).save(certificate_months=0)


def test_a_certificate_number_longer_than_its_column_is_refused(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    audit_id = audits.create(certification_audit(world))
    session_id = committees.create_session(d("2013-06-13"))
    with pytest.raises(ValidationError) as caught:
        committees.record_decision(DecisionInput(
            session_id, Outcome.GRANTED, Scheme.CEDRE, company_id=world.company_id,
            audit_id=audit_id, certificate_number="N" * 41))
    assert caught.value.field == "certificate_number"
    assert rows(world.db, Decision) == 0
