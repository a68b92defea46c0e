"""Properties of the cycle rules over generated decision histories, audits and sessions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise

import hypothesis
from hypothesis import given, reject
from hypothesis import strategies as st

from cedre_desk.audits.certificates import cycle_end
from cedre_desk.audits.cycle import (
    AuditFact,
    CycleError,
    CycleStatus,
    DecisionFact,
    check_decision,
    company_status,
    renewal_opens_on,
    status_holds_until,
)
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
)

NO_EVENTS = {
    CompanyState.NOT_ENGAGED,
    CompanyState.ENGAGED,
    CompanyState.WITHDRAWN,
    CompanyState.EXPIRED,
    CompanyState.LEFT_GROUP,
}


@dataclass(frozen=True)
class Case:
    decisions: list[DecisionFact]
    audits: list[AuditFact]
    engaged: bool
    sessions: list[date]
    settings: CycleSettings
    today: date

    def status(self) -> CycleStatus:
        """The status; a history the cycle refuses is rejected, after checking why."""
        try:
            return company_status(
                self.decisions, self.audits, self.engaged, self.sessions, self.settings, self.today
            )
        except CycleError:
            # Only a renewal with nothing (left) to renew may be refused.
            assert any(d.outcome is Outcome.RENEWED and d.on <= self.today for d in self.decisions)
            reject()


@st.composite
def realistic_settings(draw: st.DrawFn) -> CycleSettings:
    """Settings a federation could choose: certificates long enough to hold their follow-ups
    and a renewal after a restoration (see the docstring of the due-date property)."""
    interval = draw(st.integers(6, 18))
    count = draw(st.integers(0, 3))
    return CycleSettings(
        certificate_months=draw(st.integers(max(30, interval * count + 1), 60)),
        follow_up_interval_months=interval,
        follow_ups_per_cycle=count,
        restoration_months=draw(st.integers(0, 6)),
        suspension_max_months=draw(st.integers(1, 12)),
        file_lead_days=draw(st.integers(1, 90)),
        expected_sessions=tuple(
            (month, draw(st.sampled_from([1, 2, 3, 4, -1])))
            for month in draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
        ),
        expected_session_weekday=draw(st.integers(0, 6)),
    )


# Weighted towards what moves a cycle, so suspensions, renewals and held follow-ups are common.
LATER_OUTCOMES = [*Outcome, Outcome.SUSPENDED, Outcome.RENEWED, Outcome.MAINTAINED]
AUDIT_KINDS = [*AuditKind, AuditKind.FOLLOW_UP, AuditKind.FOLLOW_UP, AuditKind.RENEWAL]


@st.composite
def cases(draw: st.DrawFn, settings: st.SearchStrategy[CycleSettings] | None = None) -> Case:
    start = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)))
    day = st.integers(0, 4000).map(lambda n: start + timedelta(days=n))
    scheme = draw(st.sampled_from(Scheme))
    decisions = []
    if draw(st.booleans()) or draw(st.booleans()):
        decisions.append(DecisionFact(start, Outcome.GRANTED, scheme))
    on = start
    for _ in range(draw(st.integers(0, 5))):
        on += timedelta(days=draw(st.integers(0, 700)))
        decisions.append(DecisionFact(on, draw(st.sampled_from(LATER_OUTCOMES)), scheme))
    left_on = draw(st.none() | day)
    if left_on is not None:
        # The decisions are a group's, shared by a member that left it on `left_on`: those
        # taken after are not its (services/due.py leaves them out); a grant of its own may
        # follow.
        decisions = [replace(d, held_until=left_on) for d in decisions if d.on <= left_on]
        if draw(st.booleans()):
            decisions.append(DecisionFact(left_on + timedelta(days=draw(st.integers(1, 900))),
                                          Outcome.GRANTED, scheme))
    audits = draw(
        st.lists(
            st.builds(
                AuditFact,
                kind=st.sampled_from(AUDIT_KINDS),
                status=st.sampled_from(AuditStatus),
                planned_on=st.none() | day,
                done_on=st.none() | day,
            ),
            max_size=4,
        )
    )
    # Today near some decision, so every stage of a cycle is reached: a suspension's months
    # and a lapse's window (about 36 months on) are short beside a whole history.
    near = draw(st.sampled_from([start, *(d.on for d in decisions)]))
    offset = draw(st.integers(-60, 1500) | st.integers(1000, 1300))
    return Case(
        decisions=decisions,
        audits=audits,
        engaged=draw(st.booleans()),
        sessions=draw(st.lists(day, max_size=8)),
        settings=draw(settings if settings is not None else st.just(CycleSettings())),
        today=near + timedelta(days=offset),
    )


# Each check below is one property; they share one generated case (generating a history
# costs far more than checking it) and each is reported by name when it fails.


def check_due_dates_never_precede_the_decision(case: Case, result: CycleStatus) -> None:
    """With realistic settings (a certificate of 30+ months, restoration of 6 months or
    less), even a renewal anchored back on the old expiry has every date after its decision,
    whatever the committee sessions entered."""
    for event in result.events:
        assert result.certificate is not None
        assert event.due >= result.certificate.decided_on, event


def check_late_exactly_when_past_due_and_not_done(case: Case, result: CycleStatus) -> None:
    for event in result.events:
        assert event.late == (not event.done and case.today > event.due), event


def check_events_sorted_and_only_for_a_followed_certificate(
    case: Case, result: CycleStatus
) -> None:
    assert [e.due for e in result.events] == sorted(e.due for e in result.events)
    assert (result.events == ()) == (result.state in NO_EVENTS)
    if result.events:
        assert result.certificate is not None
    assert result.next_event() == next((e for e in result.events if not e.done), None)


def check_follow_ups_increase_within_validity(case: Case, result: CycleStatus) -> None:
    if not result.events:
        return
    assert result.certificate is not None
    follow_ups = [e for e in result.events if e.ordinal > 0]
    assert [e.ordinal for e in follow_ups] == list(range(1, case.settings.follow_ups_per_cycle + 1))
    dues = [e.due for e in follow_ups]
    assert all(a < b for a, b in pairwise(dues))
    assert all(result.certificate.valid_from < d <= result.certificate.valid_until for d in dues)
    # Anchored on the cycle's start, whatever the day the certificate is valid from.
    assert dues == [add_months(result.certificate.cycle_start,
                               k * case.settings.follow_up_interval_months)
                    for k in range(1, len(dues) + 1)]
    # Done slots come first: held audits fill the follow-ups in order.
    done_flags = [e.done for e in follow_ups]
    assert done_flags == sorted(done_flags, reverse=True)
    if follow_ups:
        assert follow_ups[-1].due == renewal_opens_on(result.certificate, case.settings)


def check_renewal_audit_before_committee_and_expiry(case: Case, result: CycleStatus) -> None:
    if not result.events:
        return
    assert result.certificate is not None
    (audit,) = [e for e in result.events if e.kind is EventKind.RENEWAL_AUDIT]
    (committee,) = [e for e in result.events if e.kind is EventKind.RENEWAL_COMMITTEE]
    assert audit.due == committee.due - timedelta(days=case.settings.file_lead_days)
    assert audit.expected_session == committee.expected_session
    assert committee.due <= result.certificate.valid_until
    assert audit.due < result.certificate.valid_until
    assert committee.expected_session == (committee.due not in case.sessions)


def check_certificate_spans_certificate_months(case: Case, result: CycleStatus) -> None:
    """The cycle spans certificate_months from its start; a restored certificate is valid
    from its decision, inside that cycle."""
    certificate = result.certificate
    if certificate is None:
        return
    assert certificate.valid_from <= certificate.valid_until
    assert certificate.cycle_start <= certificate.valid_from
    if certificate.cycle_from is not None:
        assert certificate.valid_from == certificate.decided_on > certificate.cycle_from
    assert certificate.valid_until == cycle_end(certificate.cycle_start, case.settings)


def check_state_matches_its_dates(case: Case, result: CycleStatus) -> None:
    today = case.today
    assert (result.restorable_until is not None) == (result.state is CompanyState.LAPSED)
    if result.state is CompanyState.LAPSED:
        assert result.certificate is not None
        assert result.restorable_until is not None
        assert result.certificate.valid_until < today <= result.restorable_until
    if result.state is CompanyState.SUSPENDED:
        assert result.suspended_on is not None
        assert today <= add_months(result.suspended_on, case.settings.suspension_max_months)
        # A suspension never outlives the certificate: it ends with it.
        assert result.certificate is not None
        assert today <= result.certificate.valid_until
    if result.state is CompanyState.FOLLOW_UP_LATE:
        assert any(e.late for e in result.events if e.ordinal)
    if result.state in (CompanyState.CERTIFIED, CompanyState.RENEWAL_DUE):
        assert result.certificate is not None
        assert today <= result.certificate.valid_until
        assert not any(e.late for e in result.events if e.ordinal)
        opens = renewal_opens_on(result.certificate, case.settings)
        assert (result.state is CompanyState.RENEWAL_DUE) == (today >= opens)
    if result.state is CompanyState.LEFT_GROUP:
        assert result.left_group_on is not None and result.left_group_on < today
        assert any(d.held_until == result.left_group_on for d in case.decisions)
    else:
        assert result.left_group_on is None
    if not any(d.on <= today for d in case.decisions):
        assert result.certificate is None
        assert result.state is (
            CompanyState.ENGAGED if case.engaged or case.audits else CompanyState.NOT_ENGAGED
        )


CHECKS = [
    check_due_dates_never_precede_the_decision,
    check_late_exactly_when_past_due_and_not_done,
    check_events_sorted_and_only_for_a_followed_certificate,
    check_follow_ups_increase_within_validity,
    check_renewal_audit_before_committee_and_expiry,
    check_certificate_spans_certificate_months,
    check_state_matches_its_dates,
]


@given(cases(realistic_settings()))
def test_every_status_obeys_the_cycle_properties(case: Case) -> None:
    result = case.status()
    hypothesis.event(result.state.value)  # shown by --hypothesis-show-statistics: states reached
    for check in CHECKS:
        check(case, result)


# Relations between two statuses: what must (not) change when the facts change.
# Strategies built once: building them inside each example costs more than the checks.
RANDOMS = st.randoms(use_true_random=False)
LATER_DECISIONS = st.lists(
    st.tuples(st.sampled_from(Outcome), st.integers(1, 2000)), min_size=1, max_size=3
)
HELD_KINDS = st.sampled_from([AuditKind.FOLLOW_UP, AuditKind.RENEWAL])
LATER_AUDITS = st.lists(st.tuples(HELD_KINDS, st.integers(1, 2000)), min_size=1, max_size=3)


def relate_same_facts_same_status(case: Case, first: CycleStatus, data: st.DataObject) -> None:
    assert case.status() == first


def relate_order_of_facts_is_irrelevant(
    case: Case, first: CycleStatus, data: st.DataObject
) -> None:
    shuffle = data.draw(RANDOMS).shuffle
    # Decisions of one day keep their order: that order is the committee's.
    decisions = sorted(case.decisions, key=lambda d: d.on)
    days = sorted({d.on for d in decisions})
    audits, sessions = list(case.audits), list(case.sessions)
    for facts in (days, audits, sessions):
        shuffle(facts)
    reordered = replace(
        case,
        decisions=[d for on in days for d in decisions if d.on == on],
        audits=audits,
        sessions=sessions,
    )
    assert reordered.status() == first


def relate_decisions_after_today_change_nothing(
    case: Case, first: CycleStatus, data: st.DataObject
) -> None:
    later = [
        DecisionFact(case.today + timedelta(days=days), outcome, Scheme.CEDRE)
        for outcome, days in data.draw(LATER_DECISIONS)
    ]
    assert replace(case, decisions=[*case.decisions, *later]).status() == first


def relate_holding_an_audit_never_makes_anything_late(
    case: Case, first: CycleStatus, data: st.DataObject
) -> None:
    kind = data.draw(HELD_KINDS)
    held = AuditFact(kind, AuditStatus.DONE, done_on=case.today)
    after = replace(case, audits=[*case.audits, held]).status()
    assert after.certificate == first.certificate
    late_before = {(e.kind, e.ordinal) for e in first.events if e.late}
    late_after = {(e.kind, e.ordinal) for e in after.events if e.late}
    assert late_after <= late_before
    if first.state is not CompanyState.NOT_ENGAGED:
        assert after.state is first.state or first.state is CompanyState.FOLLOW_UP_LATE


def relate_audits_held_after_today_change_nothing(
    case: Case, first: CycleStatus, data: st.DataObject
) -> None:
    """The day asked for is the day: an audit held later has not taken place yet. (It was
    planned, though: a company with no other fact is engaged by it, as by any planned audit.)"""
    later = [
        AuditFact(kind, AuditStatus.DONE, done_on=case.today + timedelta(days=days))
        for kind, days in data.draw(LATER_AUDITS)
    ]
    after = replace(case, audits=[*case.audits, *later]).status()
    if first.state is CompanyState.NOT_ENGAGED:
        assert after == replace(first, state=CompanyState.ENGAGED)
    else:
        assert after == first


def relate_withdrawn_stays_withdrawn_until_a_grant(
    case: Case, first: CycleStatus, data: st.DataObject
) -> None:
    """A withdrawn certificate is never renewed nor maintained: only a GRANTED revives it."""
    if first.state is not CompanyState.WITHDRAWN:
        return
    outcome = data.draw(st.sampled_from([Outcome.RENEWED, Outcome.MAINTAINED]))
    later = DecisionFact(case.today, outcome, Scheme.CEDRE)
    assert replace(case, decisions=[*case.decisions, later]).status().state is (
        CompanyState.WITHDRAWN)


def relate_refused_decisions_are_those_on_a_withdrawn_certificate(
    case: Case, first: CycleStatus, data: st.DataObject
) -> None:
    """The check made before a decision is entered agrees with the status of that day: a
    renewal or a maintenance is refused exactly when the certificate stands withdrawn."""
    for outcome in (Outcome.RENEWED, Outcome.MAINTAINED):
        try:
            check_decision(outcome, case.decisions, case.today, case.settings)
        except CycleError:
            refused = True
        else:
            refused = False
        assert refused == (first.state is CompanyState.WITHDRAWN), outcome


RELATIONS = [
    relate_same_facts_same_status,
    relate_order_of_facts_is_irrelevant,
    relate_decisions_after_today_change_nothing,
    relate_holding_an_audit_never_makes_anything_late,
    relate_audits_held_after_today_change_nothing,
    relate_withdrawn_stays_withdrawn_until_a_grant,
    relate_refused_decisions_are_those_on_a_withdrawn_certificate,
]


@given(cases(realistic_settings()), st.data())
def test_the_status_depends_on_the_facts_alone(case: Case, data: st.DataObject) -> None:
    first = case.status()
    for relate in RELATIONS:
        relate(case, first, data)


# The day a status may change: every day before it must give the very same status, or a stored
# status (services.status_store) would be shown for a day it is wrong.
LATER_DAYS = st.lists(st.integers(1, 4000), min_size=1, max_size=6)


@given(cases(realistic_settings()), LATER_DAYS)
def test_the_status_holds_until_the_day_given(case: Case, offsets: list[int]) -> None:
    first = case.status()
    until = status_holds_until(case.decisions, first, case.settings, case.today, case.audits)
    assert until is None or until > case.today
    last = until - timedelta(days=1) if until is not None else case.today + timedelta(days=4000)
    span = (last - case.today).days
    days = {last, *(case.today + timedelta(days=n % (span + 1)) for n in offsets)}
    for day in days:
        assert replace(case, today=day).status() == first, day


@given(cases(realistic_settings()))
def test_the_day_given_is_never_far_past_a_change(case: Case) -> None:
    """Not so generous that stored statuses would never be kept: a status that has a next
    event changes (or may) by the day after that event is due."""
    first = case.status()
    until = status_holds_until(case.decisions, first, case.settings, case.today, case.audits)
    upcoming = first.next_event()
    if upcoming is not None and upcoming.due >= case.today:
        assert until is not None and until <= upcoming.due + timedelta(days=1)
