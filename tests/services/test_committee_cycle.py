"""The cycle rules through the services (issue 10): decisions refused when the cycle does not
allow them, restorations, expected sessions on the due list, and the day asked for."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
)
from cedre_desk.errors import ValidationError
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.due import CycleService
from cedre_desk.services.settings import SettingsService
from cedre_desk.storage.models import Decision, Setting

from .conftest import d


def audit(world, kind: AuditKind, day: str) -> int:
    return AuditService(world.db).create(AuditInput(
        kind=kind, version_id=world.v3, company_id=world.company_id, start_on=d(day),
        end_on=d(day), status=AuditStatus.DONE, duration_days=1,
        auditor_ids=(world.auditor_id,)))


def decide(world, day: str, outcome: Outcome, audit_id: int | None = None) -> int:
    committees = CommitteeService(world.db)
    session_id = next((s.id for s in committees.sessions() if s.held_on == d(day)), None)
    if session_id is None:
        session_id = committees.create_session(d(day))
    return committees.record_decision(DecisionInput(
        session_id, outcome, Scheme.CEDRE, company_id=world.company_id, audit_id=audit_id))


def decisions(world) -> list[tuple]:
    with world.db.engine.connect() as conn:
        return conn.execute(sa.select(Decision.outcome, Decision.valid_from,
                                      Decision.valid_until).order_by(Decision.id)).all()


def granted_2013(world) -> None:
    decide(world, "2013-06-13", Outcome.GRANTED,
           audit(world, AuditKind.CERTIFICATION, "2013-04-03"))


@pytest.mark.parametrize("outcome", [Outcome.RENEWED, Outcome.MAINTAINED])
def test_certificate_withdrawn_on_21_november_2013_cannot_be_renewed_or_maintained(
        world, outcome):
    granted_2013(world)
    decide(world, "2013-11-21", Outcome.WITHDRAWN)
    before = decisions(world)
    audit_id = (audit(world, AuditKind.RENEWAL, "2014-05-02")
                if outcome is Outcome.RENEWED else None)
    with pytest.raises(ValidationError) as refused:
        decide(world, "2014-06-12", outcome, audit_id)
    assert refused.value.field == "outcome"
    assert refused.value.fr.startswith("Le certificat a été retiré")
    assert "audit de certification" in refused.value.fr
    assert refused.value.en.startswith("The certificate was withdrawn")
    assert decisions(world) == before  # nothing written
    # A certification audit and a new grant start again.
    decide(world, "2014-06-12", Outcome.GRANTED,
           audit(world, AuditKind.CERTIFICATION, "2014-05-03"))
    status = CycleService(world.db).status(world.company_id, d("2014-07-01"))
    assert status.state is CompanyState.CERTIFIED


def test_restoration_decided_24_november_2016_is_valid_from_then_through_12_june_2019(world):
    granted_2013(world)
    decide(world, "2016-11-24", Outcome.RENEWED, audit(world, AuditKind.RENEWAL, "2016-10-04"))
    assert decisions(world)[-1] == (Outcome.RENEWED, d("2016-11-24"), d("2019-06-12"))
    status = CycleService(world.db).status(world.company_id, d("2016-12-01"))
    assert status.state is CompanyState.CERTIFIED
    # Follow-ups on the unbroken cycle: from 13/06/2016.
    assert [e.due for e in status.events if e.ordinal] == [d("2017-06-13"), d("2018-06-13")]


def test_certificate_ending_11_june_2017_due_row_rests_on_the_expected_session_of_8_june_2017(
        world):
    committees = CommitteeService(world.db)
    for day in ("2015-06-11", "2015-11-19", "2016-06-09", "2016-11-17"):
        committees.create_session(d(day))
    decide(world, "2014-06-12", Outcome.GRANTED,
           audit(world, AuditKind.CERTIFICATION, "2014-04-03"))
    rows = {row.event: row for row in CycleService(world.db).due(d("2017-01-02"))}
    committee, renewal = rows[EventKind.RENEWAL_COMMITTEE], rows[EventKind.RENEWAL_AUDIT]
    assert (committee.due, committee.expected_session) == (d("2017-06-08"), True)
    assert (renewal.due, renewal.expected_session) == (d("2017-04-27"), True)
    assert rows[EventKind.EXPIRY].due == d("2017-06-11")


def test_follow_up_due_20_november_2015_and_held_21_january_2016_is_late_on_15_january_2016(
        world):
    decide(world, "2014-11-20", Outcome.GRANTED,
           audit(world, AuditKind.CERTIFICATION, "2014-10-01"))
    audit(world, AuditKind.FOLLOW_UP, "2016-01-21")
    cycle = CycleService(world.db)
    # Asked in this order, each status is stored and must not stand for the other day.
    for day, state in (("2016-01-15", CompanyState.FOLLOW_UP_LATE),
                       ("2016-01-21", CompanyState.CERTIFIED),
                       ("2016-01-15", CompanyState.FOLLOW_UP_LATE)):
        assert cycle.status(world.company_id, d(day)).state is state, day
    late = [row for row in cycle.due(d("2016-01-15")) if row.late]
    assert [(row.event, row.due) for row in late] == [(EventKind.FOLLOW_UP_1, d("2015-11-20"))]


def test_expected_session_days_are_settings(world):
    SettingsService(world.db).save(expected_sessions=((6, -1), (12, 1)))
    decide(world, "2014-06-12", Outcome.GRANTED,
           audit(world, AuditKind.CERTIFICATION, "2014-04-03"))
    rows = {row.event: row for row in CycleService(world.db).due(d("2017-01-02"))}
    # The last Thursday of June 2017 (29th) falls after the 11 June expiry: the first
    # Thursday of December 2016 it is.
    assert rows[EventKind.RENEWAL_COMMITTEE].due == d("2016-12-01")
    with pytest.raises(ValidationError):
        SettingsService(world.db).save(expected_sessions=((6, 2), (6, 3)))


def test_expected_months_stored_by_an_older_version_keep_their_months(world):
    with world.db.engine.begin() as conn:
        conn.execute(sa.insert(Setting), [{"key": "expected_session_months", "value": "[3, 11]"}])
    settings = SettingsService(world.db)
    assert settings.load().expected_sessions == ((3, 2), (11, 3))
    settings.save(file_lead_days=30)  # the new setting written, the old one dropped
    with world.db.engine.connect() as conn:
        keys = set(conn.scalars(sa.select(Setting.key)))
    assert "expected_session_months" not in keys
    assert settings.load().expected_sessions == ((3, 2), (11, 3))
