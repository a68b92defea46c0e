"""Worked examples of the certification cycle, with the dates of DOMAIN.md.

A company is granted CEDRE at the committee of Thursday 13 June 2013; the other 2013 session
is Thursday 21 November 2013. Default settings: 36-month certificates, follow-ups every 12
months (two per cycle), 6 months to restore or to end a suspension, files 42 days ahead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from cedre_desk.audits.cycle import (
    AuditFact,
    Certificate,
    CycleError,
    CycleStatus,
    DecisionFact,
    DueEvent,
    company_status,
)
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
)

D = date
S = CycleSettings()
SESSIONS = (D(2013, 6, 13), D(2013, 11, 21))
GRANT = D(2013, 6, 13)


def decided(outcome: Outcome, on: date, **stored: date) -> DecisionFact:
    return DecisionFact(on, outcome, Scheme.CEDRE, **stored)


def done(kind: AuditKind, on: date) -> AuditFact:
    return AuditFact(kind, AuditStatus.DONE, planned_on=on, done_on=on)


def status(
    decisions: Sequence[DecisionFact],
    today: date,
    audits: Sequence[AuditFact] = (),
    sessions: Sequence[date] = SESSIONS,
    engaged: bool = True,
    settings: CycleSettings = S,
) -> CycleStatus:
    return company_status(decisions, audits, engaged, sessions, settings, today)


def event(result: CycleStatus, kind: EventKind) -> DueEvent:
    (found,) = [e for e in result.events if e.kind is kind]
    return found


GRANTED_2013 = [decided(Outcome.GRANTED, GRANT)]


def test_grant_gives_follow_ups_on_the_anniversaries_and_expiry_the_day_before() -> None:
    result = status(GRANTED_2013, today=GRANT)
    assert result.state is CompanyState.CERTIFIED
    assert result.certificate == Certificate(Scheme.CEDRE, GRANT, GRANT, D(2016, 6, 12))
    assert [(e.kind, e.due, e.ordinal) for e in result.events] == [
        (EventKind.FOLLOW_UP_1, D(2014, 6, 13), 1),
        (EventKind.FOLLOW_UP_2, D(2015, 6, 13), 2),
        (EventKind.RENEWAL_AUDIT, D(2016, 4, 28), 0),
        (EventKind.RENEWAL_COMMITTEE, D(2016, 6, 9), 0),
        (EventKind.EXPIRY, D(2016, 6, 12), 0),
    ]
    assert result.next_event() == event(result, EventKind.FOLLOW_UP_1)
    assert not any(e.done or e.late for e in result.events)


def test_renewal_deadlines_rest_on_expected_sessions_until_entered() -> None:
    expected = status(GRANTED_2013, today=GRANT)
    assert event(expected, EventKind.RENEWAL_COMMITTEE).expected_session
    assert event(expected, EventKind.RENEWAL_AUDIT).expected_session
    assert not event(expected, EventKind.EXPIRY).expected_session

    # Once the 2016 sessions are entered: last session <= expiry, minus 42 days.
    entered = status(GRANTED_2013, today=GRANT, sessions=[*SESSIONS, D(2016, 6, 2)])
    committee = event(entered, EventKind.RENEWAL_COMMITTEE)
    audit = event(entered, EventKind.RENEWAL_AUDIT)
    assert (committee.due, committee.expected_session) == (D(2016, 6, 2), False)
    assert (audit.due, audit.expected_session) == (D(2016, 4, 21), False)


def test_a_session_after_expiry_sends_the_renewal_to_the_previous_one() -> None:
    # The June 2016 session falls after the 12/06/2016 expiry: November 2015 it must be.
    sessions = [*SESSIONS, D(2015, 11, 19), D(2016, 6, 16)]
    result = status(GRANTED_2013, today=GRANT, sessions=sessions)
    assert event(result, EventKind.RENEWAL_COMMITTEE).due == D(2015, 11, 19)
    assert event(result, EventKind.RENEWAL_AUDIT).due == D(2015, 10, 8)


def test_a_follow_up_is_late_the_day_after_it_falls_due() -> None:
    on_the_day = status(GRANTED_2013, today=D(2014, 6, 13))
    assert on_the_day.state is CompanyState.CERTIFIED
    day_after = status(GRANTED_2013, today=D(2014, 6, 14))
    assert day_after.state is CompanyState.FOLLOW_UP_LATE
    assert event(day_after, EventKind.FOLLOW_UP_1).late


def test_follow_ups_done_fill_the_slots_in_order_whatever_their_dates() -> None:
    audits = [done(AuditKind.FOLLOW_UP, D(2014, 9, 1))]  # late, but held
    result = status(GRANTED_2013, today=D(2014, 9, 2), audits=audits)
    assert result.state is CompanyState.CERTIFIED
    assert event(result, EventKind.FOLLOW_UP_1).done
    assert not event(result, EventKind.FOLLOW_UP_2).done
    # The second follow-up stays anchored on the decision, not on the late audit.
    assert event(result, EventKind.FOLLOW_UP_2).due == D(2015, 6, 13)
    assert result.next_event() == event(result, EventKind.FOLLOW_UP_2)


def test_only_held_follow_ups_after_the_decision_count() -> None:
    audits = [
        done(AuditKind.FOLLOW_UP, D(2013, 6, 13)),  # same day as the decision: not this cycle
        AuditFact(AuditKind.FOLLOW_UP, AuditStatus.PLANNED, planned_on=D(2014, 6, 1)),
        done(AuditKind.SPECIAL, D(2014, 6, 1)),
    ]
    result = status(GRANTED_2013, today=D(2014, 7, 1), audits=audits)
    assert result.state is CompanyState.FOLLOW_UP_LATE
    reported = AuditFact(AuditKind.FOLLOW_UP, AuditStatus.REPORT_SENT, done_on=D(2014, 6, 1))
    assert status(GRANTED_2013, today=D(2014, 7, 1), audits=[reported]).state is (
        CompanyState.CERTIFIED
    )


def test_renewal_is_due_once_the_last_follow_up_falls_due() -> None:
    audits = [done(AuditKind.FOLLOW_UP, D(2014, 6, 1)), done(AuditKind.FOLLOW_UP, D(2015, 6, 1))]
    assert status(GRANTED_2013, D(2015, 6, 12), audits).state is CompanyState.CERTIFIED
    assert status(GRANTED_2013, D(2015, 6, 13), audits).state is CompanyState.RENEWAL_DUE
    # A late follow-up outranks the renewal.
    assert status(GRANTED_2013, D(2015, 6, 14), audits[:1]).state is (CompanyState.FOLLOW_UP_LATE)


def test_early_renewal_keeps_the_cycle_anchored_on_the_old_expiry() -> None:
    audits = [
        done(AuditKind.FOLLOW_UP, D(2014, 6, 1)),
        done(AuditKind.FOLLOW_UP, D(2015, 6, 1)),
        done(AuditKind.RENEWAL, D(2015, 10, 1)),
    ]
    decisions = [*GRANTED_2013, decided(Outcome.RENEWED, D(2015, 11, 21))]
    result = status(decisions, today=D(2015, 12, 1), audits=audits)
    assert result.state is CompanyState.CERTIFIED
    assert result.certificate == Certificate(
        Scheme.CEDRE, D(2015, 11, 21), D(2016, 6, 13), D(2019, 6, 12)
    )
    assert event(result, EventKind.FOLLOW_UP_1).due == D(2017, 6, 13)
    assert event(result, EventKind.FOLLOW_UP_2).due == D(2018, 6, 13)
    assert event(result, EventKind.EXPIRY).due == D(2019, 6, 12)
    # The audits of the old cycle belong to it: none counts for the new certificate.
    assert not any(e.done for e in result.events)


def test_lapsed_is_restorable_for_six_months_then_expired() -> None:
    lapsed = status(GRANTED_2013, today=D(2016, 6, 13))
    assert lapsed.state is CompanyState.LAPSED
    assert lapsed.restorable_until == D(2016, 12, 12)
    assert event(lapsed, EventKind.EXPIRY).late
    limit = event(lapsed, EventKind.RESTORATION_LIMIT)
    assert (limit.due, limit.late) == (D(2016, 12, 12), False)
    assert status(GRANTED_2013, today=D(2016, 12, 12)).state is CompanyState.LAPSED

    expired = status(GRANTED_2013, today=D(2016, 12, 13))
    assert expired.state is CompanyState.EXPIRED
    assert expired.events == ()
    assert expired.certificate is not None  # still shown, even though lapsed for good


def test_restoring_a_lapsed_certificate() -> None:
    decisions = [*GRANTED_2013, decided(Outcome.RENEWED, D(2016, 11, 24))]
    result = status(decisions, today=D(2016, 12, 1))
    assert result.state is CompanyState.CERTIFIED
    assert result.certificate is not None
    assert (result.certificate.valid_from, result.certificate.valid_until) == (
        D(2016, 11, 24),
        D(2019, 6, 12),
    )


def test_renewing_too_late_without_stored_dates_is_refused() -> None:
    decisions = [*GRANTED_2013, decided(Outcome.RENEWED, D(2016, 12, 15))]
    with pytest.raises(CycleError, match="GRANTED"):
        status(decisions, today=D(2017, 1, 1))


def test_stored_validity_dates_win() -> None:
    decisions = [
        decided(Outcome.GRANTED, GRANT, valid_from=D(2013, 7, 1), valid_until=D(2016, 6, 30))
    ]
    result = status(decisions, today=GRANT)
    assert result.certificate == Certificate(Scheme.CEDRE, GRANT, D(2013, 7, 1), D(2016, 6, 30))
    assert event(result, EventKind.FOLLOW_UP_1).due == D(2014, 7, 1)
    inverted = [
        decided(Outcome.GRANTED, GRANT, valid_from=D(2016, 1, 1), valid_until=D(2015, 1, 1))
    ]
    with pytest.raises(CycleError):
        status(inverted, today=GRANT)


def test_suspension_turns_into_withdrawal_after_six_months() -> None:
    decisions = [*GRANTED_2013, decided(Outcome.SUSPENDED, D(2013, 11, 21))]
    suspended = status(decisions, today=D(2014, 5, 21))
    assert suspended.state is CompanyState.SUSPENDED
    assert suspended.suspended_on == D(2013, 11, 21)
    assert event(suspended, EventKind.SUSPENSION_END).due == D(2014, 5, 21)
    withdrawn = status(decisions, today=D(2014, 5, 22))
    assert withdrawn.state is CompanyState.WITHDRAWN
    assert (withdrawn.certificate, withdrawn.events) == (None, ())
    assert withdrawn.suspended_on == D(2013, 11, 21)  # why it was withdrawn


def test_maintained_lifts_a_suspension_in_time_only() -> None:
    suspension = [*GRANTED_2013, decided(Outcome.SUSPENDED, D(2013, 11, 21))]
    in_time = status([*suspension, decided(Outcome.MAINTAINED, D(2014, 3, 20))], D(2014, 3, 21))
    assert in_time.state is CompanyState.CERTIFIED
    assert in_time.suspended_on is None
    # On 12 June 2014 the suspension had already turned into a withdrawal (22 May).
    too_late = status([*suspension, decided(Outcome.MAINTAINED, D(2014, 6, 12))], D(2014, 6, 13))
    assert too_late.state is CompanyState.WITHDRAWN
    assert too_late.suspended_on == D(2013, 11, 21)


def test_a_second_suspension_does_not_restart_the_clock() -> None:
    decisions = [
        *GRANTED_2013,
        decided(Outcome.SUSPENDED, D(2013, 11, 21)),
        decided(Outcome.SUSPENDED, D(2014, 3, 20)),
    ]
    assert status(decisions, today=D(2014, 5, 22)).state is CompanyState.WITHDRAWN


def test_suspension_outranks_renewal_due_until_expiry() -> None:
    decisions = [*GRANTED_2013, decided(Outcome.SUSPENDED, D(2016, 3, 17))]
    result = status(decisions, today=D(2016, 6, 12))
    assert result.state is CompanyState.SUSPENDED
    # It would end on 17/09/2016, after expiry: it ends with the certificate instead.
    assert EventKind.SUSPENSION_END not in {e.kind for e in result.events}


def test_withdrawal_then_a_fresh_grant() -> None:
    decisions = [*GRANTED_2013, decided(Outcome.WITHDRAWN, D(2013, 11, 21))]
    assert status(decisions, today=D(2014, 1, 1)).state is CompanyState.WITHDRAWN
    # A withdrawn certificate cannot be renewed: a renewal the register holds from before
    # the rule was enforced changes nothing.
    renewed = status([*decisions, decided(Outcome.RENEWED, D(2014, 6, 12))], D(2014, 7, 1))
    assert (renewed.state, renewed.certificate) == (CompanyState.WITHDRAWN, None)
    regranted = status([*decisions, decided(Outcome.GRANTED, D(2014, 6, 12))], D(2014, 7, 1))
    assert regranted.state is CompanyState.CERTIFIED
    assert regranted.certificate is not None
    assert regranted.certificate.valid_from == D(2014, 6, 12)


def test_decisions_in_the_future_are_ignored() -> None:
    assert status(GRANTED_2013, today=D(2013, 6, 12), engaged=False).state is (
        CompanyState.NOT_ENGAGED
    )
    withdrawal = [*GRANTED_2013, decided(Outcome.WITHDRAWN, D(2013, 11, 21))]
    assert status(withdrawal, today=D(2013, 11, 20)).state is CompanyState.CERTIFIED


def test_refused_or_deferred_initial_leaves_the_company_engaged() -> None:
    audits = [done(AuditKind.CERTIFICATION, D(2013, 5, 2))]
    for outcome in (Outcome.REFUSED, Outcome.DEFERRED):
        result = status([decided(outcome, GRANT)], D(2013, 7, 1), audits, engaged=False)
        assert (result.state, result.certificate, result.events) == (
            CompanyState.ENGAGED,
            None,
            (),
        )


def test_engagement_without_a_certificate() -> None:
    assert status([], D(2013, 1, 1), engaged=False).state is CompanyState.NOT_ENGAGED
    assert status([], D(2013, 1, 1), engaged=True).state is CompanyState.ENGAGED
    planned = [AuditFact(AuditKind.MOCK, AuditStatus.PLANNED, planned_on=D(2013, 3, 1))]
    assert status([], D(2013, 1, 1), planned, engaged=False).state is CompanyState.ENGAGED


def test_leap_day_grant() -> None:
    result = status([decided(Outcome.GRANTED, D(2024, 2, 29))], today=D(2024, 3, 1))
    assert event(result, EventKind.FOLLOW_UP_1).due == D(2025, 2, 28)
    assert event(result, EventKind.FOLLOW_UP_2).due == D(2026, 2, 28)
    assert event(result, EventKind.EXPIRY).due == D(2027, 2, 28)


def test_more_follow_ups_than_two() -> None:
    settings = CycleSettings(certificate_months=48, follow_ups_per_cycle=3)
    result = status(GRANTED_2013, today=GRANT, settings=settings)
    follow_ups = [(e.kind, e.ordinal, e.due) for e in result.events if e.ordinal]
    assert follow_ups == [
        (EventKind.FOLLOW_UP_1, 1, D(2014, 6, 13)),
        (EventKind.FOLLOW_UP_2, 2, D(2015, 6, 13)),
        (EventKind.FOLLOW_UP, 3, D(2016, 6, 13)),
    ]


def test_renewal_audit_done_after_the_decision() -> None:
    audits = [done(AuditKind.RENEWAL, D(2016, 3, 1))]
    result = status(GRANTED_2013, today=D(2016, 5, 1), audits=audits)
    assert event(result, EventKind.RENEWAL_AUDIT).done
    assert not event(result, EventKind.RENEWAL_COMMITTEE).done
    not_yet = status(GRANTED_2013, today=D(2016, 5, 1))
    assert event(not_yet, EventKind.RENEWAL_AUDIT).late
