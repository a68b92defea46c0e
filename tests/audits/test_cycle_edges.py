"""The cycle at its edges (issue 10): each test is named after its worked example, the same
examples docs/cycle.md states in French and English."""

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
    check_decision,
    company_status,
    status_holds_until,
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


def decided(outcome: Outcome, on: date) -> DecisionFact:
    return DecisionFact(on, outcome, Scheme.CEDRE)


def held(kind: AuditKind, on: date) -> AuditFact:
    return AuditFact(kind, AuditStatus.DONE, planned_on=on, done_on=on)


def status(decisions: Sequence[DecisionFact], today: date, audits: Sequence[AuditFact] = (),
           sessions: Sequence[date] = ()) -> CycleStatus:
    return company_status(decisions, audits, True, sessions, S, today)


def event(result: CycleStatus, kind: EventKind) -> DueEvent:
    (found,) = [e for e in result.events if e.kind is kind]
    return found


def follow_ups(result: CycleStatus) -> list[date]:
    return [e.due for e in result.events if e.ordinal]


GRANTED_2013 = [decided(Outcome.GRANTED, D(2013, 6, 13))]  # valid through 12/06/2016


def test_grant_on_29_february_2016_runs_through_28_february_2019_and_renews_from_1_march_2019(
) -> None:
    leap = [decided(Outcome.GRANTED, D(2016, 2, 29))]
    first = status(leap, today=D(2016, 3, 1))
    assert first.certificate == Certificate(Scheme.CEDRE, D(2016, 2, 29), D(2016, 2, 29),
                                            D(2019, 2, 28))
    # Follow-ups come no later than twelve months on: 28 February when there is no 29th.
    assert follow_ups(first) == [D(2017, 2, 28), D(2018, 2, 28)]
    renewed = status([*leap, decided(Outcome.RENEWED, D(2018, 11, 15))], today=D(2019, 3, 1))
    assert renewed.certificate is not None
    assert (renewed.certificate.valid_from, renewed.certificate.valid_until) == (
        D(2019, 3, 1), D(2022, 2, 28))
    assert follow_ups(renewed) == [D(2020, 3, 1), D(2021, 3, 1)]
    # A grant of 28 February 2016 ends the day before: never after the 29 February one.
    earlier = status([decided(Outcome.GRANTED, D(2016, 2, 28))], today=D(2016, 3, 1))
    assert earlier.certificate is not None
    assert earlier.certificate.valid_until == D(2019, 2, 27)


def test_extraordinary_session_of_26_january_2017_leaves_june_and_november_2017_expected(
) -> None:
    # Granted 01/12/2014, valid through 30/11/2017: the renewal aims at the expected
    # November 2017 session, not at the extraordinary one of January.
    result = status([decided(Outcome.GRANTED, D(2014, 12, 1))], today=D(2017, 2, 1),
                    sessions=[D(2017, 1, 26)])
    committee = event(result, EventKind.RENEWAL_COMMITTEE)
    assert (committee.due, committee.expected_session) == (D(2017, 11, 16), True)
    # Entered in November itself, the session replaces the expected one.
    entered = status([decided(Outcome.GRANTED, D(2014, 12, 1))], today=D(2017, 2, 1),
                     sessions=[D(2017, 1, 26), D(2017, 11, 23)])
    committee = event(entered, EventKind.RENEWAL_COMMITTEE)
    assert (committee.due, committee.expected_session) == (D(2017, 11, 23), False)


def test_certificate_ending_11_june_2017_is_renewed_through_the_expected_session_of_8_june_2017(
) -> None:
    # Granted 12/06/2014, sessions entered up to November 2016, none in 2017.
    sessions = [D(2014, 6, 12), D(2015, 6, 11), D(2015, 11, 19), D(2016, 6, 9), D(2016, 11, 17)]
    result = status([decided(Outcome.GRANTED, D(2014, 6, 12))], today=D(2017, 1, 2),
                    sessions=sessions)
    assert result.certificate is not None
    assert result.certificate.valid_until == D(2017, 6, 11)
    committee = event(result, EventKind.RENEWAL_COMMITTEE)
    audit = event(result, EventKind.RENEWAL_AUDIT)
    assert (committee.due, committee.expected_session) == (D(2017, 6, 8), True)
    assert (audit.due, audit.expected_session) == (D(2017, 4, 27), True)


def test_follow_up_due_20_november_2015_and_held_21_january_2016_is_late_on_15_january_2016(
) -> None:
    grant = [decided(Outcome.GRANTED, D(2014, 11, 20))]
    audits = [held(AuditKind.FOLLOW_UP, D(2016, 1, 21))]
    on_15 = status(grant, today=D(2016, 1, 15), audits=audits)
    assert event(on_15, EventKind.FOLLOW_UP_1).due == D(2015, 11, 20)
    assert (on_15.state, event(on_15, EventKind.FOLLOW_UP_1).late) == (
        CompanyState.FOLLOW_UP_LATE, True)
    on_21 = status(grant, today=D(2016, 1, 21), audits=audits)
    assert on_21.state is CompanyState.CERTIFIED
    assert event(on_21, EventKind.FOLLOW_UP_1).done


def test_restoration_decided_24_november_2016_is_valid_from_then_through_12_june_2019(
) -> None:
    decisions = [*GRANTED_2013, decided(Outcome.RENEWED, D(2016, 11, 24))]
    # Between expiry and restoration the company is lapsed: no certificate covers the gap.
    assert status(decisions, today=D(2016, 11, 23)).state is CompanyState.LAPSED
    result = status(decisions, today=D(2016, 11, 24))
    assert result.state is CompanyState.CERTIFIED
    assert result.certificate == Certificate(Scheme.CEDRE, D(2016, 11, 24), D(2016, 11, 24),
                                             D(2019, 6, 12), cycle_from=D(2016, 6, 13))
    # The follow-ups stay on the unbroken cycle, anchored on the old expiry's next day.
    assert follow_ups(result) == [D(2017, 6, 13), D(2018, 6, 13)]


def test_early_renewal_on_19_november_2015_keeps_follow_ups_on_13_june_2017_and_2018() -> None:
    decisions = [*GRANTED_2013, decided(Outcome.RENEWED, D(2015, 11, 19))]
    result = status(decisions, today=D(2015, 11, 20))
    assert result.certificate == Certificate(Scheme.CEDRE, D(2015, 11, 19), D(2016, 6, 13),
                                             D(2019, 6, 12))
    assert follow_ups(result) == [D(2017, 6, 13), D(2018, 6, 13)]


@pytest.mark.parametrize("outcome", [Outcome.RENEWED, Outcome.MAINTAINED])
def test_certificate_withdrawn_on_21_november_2013_cannot_be_renewed_or_maintained(
    outcome: Outcome,
) -> None:
    earlier = [*GRANTED_2013, decided(Outcome.WITHDRAWN, D(2013, 11, 21))]
    with pytest.raises(CycleError, match="withdrawn") as refused:
        check_decision(outcome, earlier, D(2014, 6, 12), S)
    assert "retiré" in refused.value.fr
    # Only a new grant (after a certification audit) starts again.
    check_decision(Outcome.GRANTED, earlier, D(2014, 6, 12), S)
    # Before the withdrawal, the same decision was allowed.
    check_decision(outcome, earlier, D(2013, 11, 20), S)


def test_suspension_left_past_its_six_months_is_a_withdrawal_that_cannot_be_maintained(
) -> None:
    earlier = [*GRANTED_2013, decided(Outcome.SUSPENDED, D(2013, 11, 21))]
    check_decision(Outcome.MAINTAINED, earlier, D(2014, 5, 21), S)  # the last day
    with pytest.raises(CycleError):
        check_decision(Outcome.MAINTAINED, earlier, D(2014, 5, 22), S)


def test_suspension_open_at_expiry_on_12_june_2016_leaves_the_company_lapsed_from_13_june(
) -> None:
    decisions = [*GRANTED_2013, decided(Outcome.SUSPENDED, D(2016, 3, 17))]
    assert status(decisions, today=D(2016, 6, 12)).state is CompanyState.SUSPENDED
    lapsed = status(decisions, today=D(2016, 6, 13))
    assert (lapsed.state, lapsed.suspended_on, lapsed.restorable_until) == (
        CompanyState.LAPSED, None, D(2016, 12, 12))
    # The six months of the suspension (to 17/09/2016) do not turn it into a withdrawal.
    assert status(decisions, today=D(2016, 9, 18)).state is CompanyState.LAPSED
    assert status(decisions, today=D(2016, 12, 13)).state is CompanyState.EXPIRED
    # A lapsed certificate is not a withdrawn one: it can still be restored.
    check_decision(Outcome.RENEWED, decisions, D(2016, 11, 24), S)
    restored = status([*decisions, decided(Outcome.RENEWED, D(2016, 11, 24))], D(2016, 12, 1))
    assert restored.state is CompanyState.CERTIFIED


def through_group(outcome: Outcome, on: date, left_on: date) -> DecisionFact:
    """A group's decision, shared by a member that left the group on `left_on`."""
    return DecisionFact(on, outcome, Scheme.CEDRE, held_until=left_on)


def test_member_that_left_its_group_on_31_january_2014_is_no_longer_certified_from_1_february(
) -> None:
    # The group was granted on 13/06/2013 (valid through 12/06/2016); EMS left it on
    # 31/01/2014: it held the group's certificate through that day, not to its expiry.
    decisions = [through_group(Outcome.GRANTED, D(2013, 6, 13), D(2014, 1, 31))]
    member = status(decisions, today=D(2014, 1, 31))
    assert member.state is CompanyState.CERTIFIED
    left = status(decisions, today=D(2014, 2, 1))
    assert (left.state, left.events, left.left_group_on) == (
        CompanyState.LEFT_GROUP, (), D(2014, 1, 31))
    # The certificate it held is still told (its scheme, its dates), not as its own.
    assert left.certificate == member.certificate
    # The stored status of 31/01/2014 holds through that day only.
    assert status_holds_until(decisions, member, S, D(2014, 1, 31)) == D(2014, 2, 1)
    # A grant of its own (after its own certification audit) starts again.
    own = [*decisions, decided(Outcome.GRANTED, D(2014, 6, 12))]
    assert status(own, today=D(2014, 6, 12)).state is CompanyState.CERTIFIED
    assert status(own, today=D(2014, 6, 11)).state is CompanyState.LEFT_GROUP


def test_member_leaving_after_the_group_certificate_ended_keeps_how_it_ended() -> None:
    granted = [through_group(Outcome.GRANTED, D(2013, 6, 13), D(2017, 3, 1))]
    # Expired past its restoration window (12/12/2016) before leaving: expired, as it was.
    assert status(granted, today=D(2017, 3, 2)).state is CompanyState.EXPIRED
    # Left while the certificate was lapsed but restorable: the restoration is no longer its.
    lapsed = [through_group(Outcome.GRANTED, D(2013, 6, 13), D(2016, 9, 1))]
    assert status(lapsed, today=D(2016, 9, 1)).state is CompanyState.LAPSED
    assert status(lapsed, today=D(2016, 9, 2)).state is CompanyState.LEFT_GROUP
    # Suspended through the group, left past the suspension's six months: withdrawn first.
    suspended = [through_group(Outcome.GRANTED, D(2013, 6, 13), D(2014, 6, 1)),
                 through_group(Outcome.SUSPENDED, D(2013, 11, 21), D(2014, 6, 1))]
    assert status(suspended, today=D(2014, 6, 2)).state is CompanyState.WITHDRAWN
    # Left within the six months: the suspension ended with its membership.
    suspended = [through_group(Outcome.GRANTED, D(2013, 6, 13), D(2014, 1, 31)),
                 through_group(Outcome.SUSPENDED, D(2013, 11, 21), D(2014, 1, 31))]
    assert status(suspended, today=D(2014, 1, 31)).state is CompanyState.SUSPENDED
    assert status(suspended, today=D(2014, 2, 1)).state is CompanyState.LEFT_GROUP
