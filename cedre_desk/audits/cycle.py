"""The certification cycle: from the facts of a company's file to where it stands and what is due.

Facts in (committee decisions, audits, committee sessions, settings, today), status out.
Nothing here reads the clock or a database: the same inputs always give the same status, so
lateness is computed, never typed, and every rule can be checked with plain dates.

The rules (DOMAIN.md, "The certification cycle"), with the defaults of `CycleSettings`:
- a certificate runs 36 months; a renewal runs from the old expiry, never shortening a cycle;
- follow-up audits are due 12 and 24 months after the cycle's anchor (its start), whatever
  the dates the audits were actually held;
- the renewal audit must be done before the last committee session before expiry, less the
  time the file needs to reach the committee (42 days);
- a lapsed certificate is restorable for 6 months; a suspension turns into a withdrawal
  after 6 months, unless the certificate expires first: it then ends with the certificate;
- a withdrawn certificate is never renewed or maintained: only a new grant starts again;
- what a company holds through its group (a group's certificate, its suspension) it holds
  only while it belongs to the group: from the day after it left, it is LEFT_GROUP, with no
  certificate and nothing due, until a decision of its own grants it one;
- the day asked for is the day: a decision taken, or an audit held, after `today` does not
  exist yet (a planned audit and the committees' calendar are plans, known ahead).
docs/cycle.md states each rule with its worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from cedre_desk.audits.certificates import (
    Certificate,
    CycleError,
    certificate_from,
    certificate_validity,
    renewal_opens_on,
    restorable_until,
)
from cedre_desk.audits.committees import last_session_on_or_before
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.versions import version_in_force
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
)

__all__ = [
    "RULES_REVISION",
    "AuditFact",
    "Certificate",
    "CycleError",
    "CycleStatus",
    "DecisionFact",
    "DueEvent",
    "certificate_validity",
    "check_decision",
    "company_status",
    "renewal_opens_on",
    "status_holds_until",
    "version_in_force",
]

# Raise it with any change to what these rules compute (here and in the modules they call),
# or to which facts services/due.py gives them: statuses stored by an older revision are
# then computed again. tests/audits/test_rules_revision
# holds a fingerprint of the rules' source, so a change cannot land without a look at this.
RULES_REVISION = 3

_FOLLOW_UP_KINDS = (EventKind.FOLLOW_UP_1, EventKind.FOLLOW_UP_2)
# What a withdrawn certificate can never have: only a certification audit and a new GRANTED
# start again (DOMAIN.md; ISO/IEC 17021-1, 9.6.5).
_REFUSED_AFTER_WITHDRAWAL = (Outcome.RENEWED, Outcome.MAINTAINED)


@dataclass(frozen=True)
class DecisionFact:
    on: date  # committee session date
    outcome: Outcome
    scheme: Scheme
    valid_from: date | None = None  # as stored; for granted/renewed
    valid_until: date | None = None
    # A group's decision: the last day the company belonged to the group (what the decision
    # gives ends then). None: the company's own decision, or a member still.
    held_until: date | None = None


@dataclass(frozen=True)
class AuditFact:
    kind: AuditKind
    status: AuditStatus
    planned_on: date | None = None
    done_on: date | None = None  # end date (or start date) once done


@dataclass(frozen=True)
class DueEvent:
    kind: EventKind
    due: date
    done: bool
    late: bool  # exactly: not done and today > due
    expected_session: bool = False  # the date rests on an expected (not entered) session
    ordinal: int = 0  # follow-up number (1, 2, ...), 0 otherwise


@dataclass(frozen=True)
class CycleStatus:
    state: CompanyState
    certificate: Certificate | None  # the current (latest) certificate, even if lapsed
    events: tuple[DueEvent, ...]  # sorted by due date
    restorable_until: date | None = None  # for LAPSED
    suspended_on: date | None = None  # for SUSPENDED, and WITHDRAWN by an overlong suspension
    left_group_on: date | None = None  # for LEFT_GROUP: the last day it was a member

    def next_event(self) -> DueEvent | None:
        """The first event not done yet, in due-date order."""
        return next((event for event in self.events if not event.done), None)


@dataclass(frozen=True)
class _Standing:
    """Where the decisions alone leave a company: the result of replaying them."""

    certificate: Certificate | None
    suspended_on: date | None
    withdrawn: bool
    # Left the group whose certificate it held: that certificate, and the last day.
    left: tuple[Certificate, date] | None = None


def _suspension_ends_on(suspended_on: date, settings: CycleSettings) -> date:
    return add_months(suspended_on, settings.suspension_max_months)


def _start_certificate(
    decision: DecisionFact, previous: Certificate | None, settings: CycleSettings
) -> Certificate:
    """The certificate a GRANTED/RENEWED decision starts: its stored dates win when complete,
    as they are what the committee wrote on the certificate."""
    stored = None
    if decision.valid_from is not None and decision.valid_until is not None:
        stored = (decision.valid_from, decision.valid_until)
    return certificate_from(
        decision.outcome, decision.on, decision.scheme, previous, settings, stored
    )


def _withdrawn_by_suspension_on(
    suspended_on: date | None, certificate: Certificate | None, settings: CycleSettings
) -> date | None:
    """The day an open suspension turns into a withdrawal: the day after its limit, if the
    certificate is still valid then. A suspension still open at expiry ends with the
    certificate instead (the company is lapsed from the next day, not suspended)."""
    if suspended_on is None or certificate is None:
        return None
    end = _suspension_ends_on(suspended_on, settings)
    return end + timedelta(days=1) if end < certificate.valid_until else None


def _suspension_open(
    suspended_on: date | None, certificate: Certificate | None, day: date
) -> date | None:
    """`suspended_on` if the suspension is still open on `day` (the certificate not expired)."""
    if suspended_on is None or certificate is None or day > certificate.valid_until:
        return None
    return suspended_on


def _replay(decisions: Sequence[DecisionFact], settings: CycleSettings, today: date) -> _Standing:
    """Apply the decisions taken by `today` in date order (stable for equal dates)."""
    certificate: Certificate | None = None
    suspended_on: date | None = None
    withdrawn = False
    held_until: date | None = None
    left: tuple[Certificate, date] | None = None
    for decision in sorted((d for d in decisions if d.on <= today), key=lambda d: d.on):
        if _left_before(certificate, held_until, suspended_on, settings, decision.on):
            # Left the group before this decision: what it held through the group ended.
            assert certificate is not None and held_until is not None
            left = (certificate, held_until)
            certificate, suspended_on, held_until = None, None, None
        # A suspension left to run past its limit became a withdrawal on its own, before this
        # decision: a late MAINTAINED cannot revive the certificate. One still open at expiry
        # ended with the certificate.
        turned = _withdrawn_by_suspension_on(suspended_on, certificate, settings)
        if not withdrawn and turned is not None and decision.on >= turned:
            certificate, withdrawn = None, True  # suspended_on kept: why it was withdrawn
        elif not withdrawn:
            suspended_on = _suspension_open(suspended_on, certificate, decision.on)
        outcome = decision.outcome
        if withdrawn and outcome in _REFUSED_AFTER_WITHDRAWAL:
            # Refused when entered (check_decision); one the register holds from before
            # changes nothing: only a GRANTED starts afresh.
            continue
        if outcome.starts_certificate:
            # A new certificate leaves any suspension behind, and is held as long as the
            # decision's file lasts for the company (its own: always).
            certificate = _start_certificate(decision, certificate, settings)
            suspended_on, withdrawn = None, False
            held_until, left = decision.held_until, None
        elif outcome is Outcome.MAINTAINED:
            suspended_on = None
        elif outcome is Outcome.SUSPENDED and certificate is not None and suspended_on is None:
            # A second suspension does not restart the clock: the limit counts from the first.
            suspended_on = decision.on
        elif outcome is Outcome.WITHDRAWN and certificate is not None:
            certificate, suspended_on, withdrawn = None, None, True
            held_until, left = None, None
        # DEFERRED and REFUSED change nothing; nor do decisions with nothing to act on.
    if _left_before(certificate, held_until, suspended_on, settings, today):
        assert certificate is not None and held_until is not None
        return _Standing(None, None, False, (certificate, held_until))
    return _Standing(certificate, suspended_on, withdrawn, left)


def _left_before(certificate: Certificate | None, held_until: date | None,
                 suspended_on: date | None, settings: CycleSettings, day: date) -> bool:
    """True when the company left, before `day`, the group through which it holds
    `certificate`, while the certificate still meant something: valid or restorable, and not
    withdrawn by an overlong suspension first (a certificate dead before the company left
    stays as it ended: expired, or withdrawn)."""
    if certificate is None or held_until is None or held_until >= day:
        return False
    if held_until > restorable_until(certificate, settings):
        return False
    turned = _withdrawn_by_suspension_on(suspended_on, certificate, settings)
    return turned is None or held_until < turned


def _held_on(audit: AuditFact) -> date | None:
    """The day an audit took place: its end date, else its planned date; None if not done."""
    return (audit.done_on or audit.planned_on) if audit.status.is_done else None


def _held_since(audits: Sequence[AuditFact], kind: AuditKind, after: date, today: date) -> int:
    """How many audits of `kind` were held after `after`, by `today`.

    An audit marked done without an end date counts on its planned date; with neither date
    it cannot be placed in a cycle and does not count. One held after `today` has not taken
    place yet on `today`: the day asked for is the day.
    """
    held = 0
    for audit in audits:
        if audit.kind is kind:
            held_on = _held_on(audit)
            if held_on is not None and after < held_on <= today:
                held += 1
    return held


# Frozen events from few distinct arguments (at 20,000 companies: about 600 in 65,000 calls),
# so each is made once: 0.2 s of the rules' 0.5 s.
@lru_cache(maxsize=4096)
def _event(
    kind: EventKind,
    due: date,
    done: bool,
    today: date,
    expected_session: bool = False,
    ordinal: int = 0,
) -> DueEvent:
    return DueEvent(kind, due, done, not done and today > due, expected_session, ordinal)


def _certificate_events(
    certificate: Certificate,
    audits: Sequence[AuditFact],
    sessions: Sequence[date],
    settings: CycleSettings,
    today: date,
) -> list[DueEvent]:
    """Follow-ups, renewal audit, renewal committee and expiry of the current certificate."""
    # The anchor is the cycle's start: the decision date for a first grant, the old expiry's
    # next day for a renewal, so an early renewal or a restoration keeps the cycle on it.
    anchor = certificate.cycle_start
    # Follow-ups held after the decision are this certificate's, given to the slots in date
    # order: a late first follow-up is still the first follow-up, so n held fill slots 1..n.
    follow_ups_held = _held_since(audits, AuditKind.FOLLOW_UP, certificate.decided_on, today)
    events = []
    for k in range(1, settings.follow_ups_per_cycle + 1):
        kind = _FOLLOW_UP_KINDS[k - 1] if k <= len(_FOLLOW_UP_KINDS) else EventKind.FOLLOW_UP
        due = add_months(anchor, k * settings.follow_up_interval_months)
        events.append(_event(kind, due, follow_ups_held >= k, today, ordinal=k))

    committee = last_session_on_or_before(sessions, certificate.valid_until, settings)
    renewal_done = _held_since(audits, AuditKind.RENEWAL, certificate.decided_on, today) > 0
    audit_due = committee.on - timedelta(days=settings.file_lead_days)
    events.append(
        _event(EventKind.RENEWAL_AUDIT, audit_due, renewal_done, today, committee.expected)
    )
    # The committee and the expiry are never "done" here: a renewal makes a new certificate,
    # whose own events replace these.
    events.append(
        _event(EventKind.RENEWAL_COMMITTEE, committee.on, False, today, committee.expected)
    )
    events.append(_event(EventKind.EXPIRY, certificate.valid_until, False, today))
    return events


def _sorted(events: list[DueEvent]) -> tuple[DueEvent, ...]:
    # Stable: events due the same day keep the cycle's order (audit before committee).
    return tuple(sorted(events, key=lambda event: event.due))


def company_status(
    decisions: Sequence[DecisionFact],
    audits: Sequence[AuditFact],
    engaged: bool,
    sessions: Sequence[date],
    settings: CycleSettings,
    today: date,
) -> CycleStatus:
    """Where the company stands on `today`, and its due events.

    `sessions` are the committee session dates entered by the user (any years: the
    committees' calendar, planned ahead). The day asked for is the day: decisions dated after
    `today` are not taken yet, and audits held after `today` have not taken place yet (a
    planned audit still shows the company engaged). Raises CycleError for a decision history
    the cycle cannot follow (a RENEWED with nothing to renew and no stored dates).
    """
    standing = _replay(decisions, settings, today)
    certificate = standing.certificate
    if certificate is None and standing.left is not None and not standing.withdrawn:
        # What it held through the group ended when it left: nothing is due any more.
        held, left_on = standing.left
        return CycleStatus(CompanyState.LEFT_GROUP, held, (), left_group_on=left_on)
    if standing.withdrawn:
        return CycleStatus(CompanyState.WITHDRAWN, None, (), suspended_on=standing.suspended_on)
    turned = _withdrawn_by_suspension_on(standing.suspended_on, certificate, settings)
    if turned is not None and today >= turned:
        return CycleStatus(CompanyState.WITHDRAWN, None, (), suspended_on=standing.suspended_on)
    suspended_on = _suspension_open(standing.suspended_on, certificate, today)
    if certificate is None:
        taken = any(d.on <= today for d in decisions)
        state = CompanyState.ENGAGED if engaged or audits or taken else CompanyState.NOT_ENGAGED
        return CycleStatus(state, None, ())

    events = _certificate_events(certificate, audits, sessions, settings, today)
    if suspended_on is not None:
        if turned is not None:  # else the suspension ends with the certificate, at expiry
            end = turned - timedelta(days=1)
            events.append(_event(EventKind.SUSPENSION_END, end, False, today))
        return CycleStatus(
            CompanyState.SUSPENDED, certificate, _sorted(events), suspended_on=suspended_on
        )
    if today > certificate.valid_until:
        limit = restorable_until(certificate, settings)
        if today > limit:
            return CycleStatus(CompanyState.EXPIRED, certificate, ())
        events.append(_event(EventKind.RESTORATION_LIMIT, limit, False, today))
        return CycleStatus(
            CompanyState.LAPSED, certificate, _sorted(events), restorable_until=limit
        )
    if any(event.late for event in events if event.ordinal > 0):
        state = CompanyState.FOLLOW_UP_LATE
    elif today >= renewal_opens_on(certificate, settings):
        state = CompanyState.RENEWAL_DUE
    else:
        state = CompanyState.CERTIFIED
    return CycleStatus(state, certificate, _sorted(events))


def check_decision(
    outcome: Outcome,
    earlier: Sequence[DecisionFact],
    on: date,
    settings: CycleSettings,
) -> None:
    """Raise CycleError (in English and French) if a decision `outcome` taken on `on` is not
    allowed after the `earlier` decisions of the same file: a withdrawn certificate (by a
    WITHDRAWN decision, or a suspension left past its limit) is never renewed or maintained.
    Decisions of `earlier` dated after `on` are not taken yet and do not count."""
    if outcome not in _REFUSED_AFTER_WITHDRAWAL:
        return
    standing = _replay(earlier, settings, on)
    turned = _withdrawn_by_suspension_on(standing.suspended_on, standing.certificate, settings)
    if standing.withdrawn or (turned is not None and on >= turned):
        verb_en, verb_fr = (("renewed", "renouvelé") if outcome is Outcome.RENEWED
                            else ("maintained", "maintenu"))
        raise CycleError(
            f"the certificate was withdrawn: it cannot be {verb_en}. Only a certification"
            " audit and a new GRANTED decision start again",
            f"le certificat a été retiré : il ne peut pas être {verb_fr}. Seuls un audit de"
            " certification et une nouvelle décision « accordée » permettent de repartir")


def status_holds_until(
    decisions: Sequence[DecisionFact],
    status: CycleStatus,
    settings: CycleSettings,
    today: date,
    audits: Sequence[AuditFact] = (),
) -> date | None:
    """The first day after `today` on which the same facts may give another status than
    `status` (the one `company_status` gave for `today`); None when they never will.

    The rules read `today` only by comparing it with dates: a decision counts from its day, an
    audit from the day it was held, an event turns late the day after it is due, a
    certificate lapses the day after it ends, its renewal opens on a day, a lapse and a
    suspension end the day after their limit. So the status holds until the first of those
    days still ahead. The list is generous: a day in it
    may leave the status as it is (it is then computed again for nothing), never the reverse,
    which a property test checks day by day. This is what lets statuses be stored (see
    services.status_store) instead of computed anew for every company at every start.
    """
    one_day = timedelta(days=1)
    days = [decision.on for decision in decisions]
    # The day after a member left its group, what it held through the group ends.
    days += [decision.held_until + one_day for decision in decisions
             if decision.held_until is not None]
    days += [held_on for held_on in map(_held_on, audits) if held_on is not None]
    days += [event.due + one_day for event in status.events if not event.done]
    certificate = status.certificate
    if certificate is not None:
        days += [
            certificate.valid_until + one_day,
            restorable_until(certificate, settings) + one_day,
            renewal_opens_on(certificate, settings),
        ]
    if status.suspended_on is not None:
        days.append(_suspension_ends_on(status.suspended_on, settings) + one_day)
    return min((day for day in days if day > today), default=None)
