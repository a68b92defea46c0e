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

Where each rule lives: what the decisions leave a company with (certificate, suspension,
withdrawal, a group left) in `decisions`; what a certificate makes due (follow-ups, renewal,
expiry) in `due_events`; a certificate's validity in `certificates`; the committees'
calendar in `committees`. This module puts them together into a status on a day, and is the
one import point of the rules: it re-exports what the callers need of the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cedre_desk.audits.certificates import (
    Certificate,
    CycleError,
    certificate_validity,
    renewal_opens_on,
    restorable_until,
)
from cedre_desk.audits.decisions import (
    DecisionFact,
    check_decision,
    replay,
    suspension_ends_on,
    suspension_open,
    withdrawn_by_suspension_on,
)
from cedre_desk.audits.due_events import (
    AuditFact,
    DueEvent,
    certificate_events,
    due_event,
    held_on,
)
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.versions import version_in_force
from cedre_desk.audits.vocabulary import CompanyState, EventKind

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
# or to which facts services/cycle_facts.py reads for them: statuses stored by an older
# revision are then computed again. tests/audits/test_rules_revision holds a fingerprint of
# the rules' source, so a change cannot land without a look at this.
RULES_REVISION = 3


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
    standing = replay(decisions, settings, today)
    certificate = standing.certificate
    if certificate is None and standing.left is not None and not standing.withdrawn:
        # What it held through the group ended when it left: nothing is due any more.
        held, left_on = standing.left
        return CycleStatus(CompanyState.LEFT_GROUP, held, (), left_group_on=left_on)
    if standing.withdrawn:
        return CycleStatus(CompanyState.WITHDRAWN, None, (), suspended_on=standing.suspended_on)
    turned = withdrawn_by_suspension_on(standing.suspended_on, certificate, settings)
    if turned is not None and today >= turned:
        return CycleStatus(CompanyState.WITHDRAWN, None, (), suspended_on=standing.suspended_on)
    suspended_on = suspension_open(standing.suspended_on, certificate, today)
    if certificate is None:
        taken = any(d.on <= today for d in decisions)
        state = CompanyState.ENGAGED if engaged or audits or taken else CompanyState.NOT_ENGAGED
        return CycleStatus(state, None, ())

    events = certificate_events(certificate, audits, sessions, settings, today)
    if suspended_on is not None:
        if turned is not None:  # else the suspension ends with the certificate, at expiry
            end = turned - timedelta(days=1)
            events.append(due_event(EventKind.SUSPENSION_END, end, False, today))
        return CycleStatus(
            CompanyState.SUSPENDED, certificate, _sorted(events), suspended_on=suspended_on
        )
    if today > certificate.valid_until:
        limit = restorable_until(certificate, settings)
        if today > limit:
            return CycleStatus(CompanyState.EXPIRED, certificate, ())
        events.append(due_event(EventKind.RESTORATION_LIMIT, limit, False, today))
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
    days += [day for day in map(held_on, audits) if day is not None]
    days += [event.due + one_day for event in status.events if not event.done]
    certificate = status.certificate
    if certificate is not None:
        days += [
            certificate.valid_until + one_day,
            restorable_until(certificate, settings) + one_day,
            renewal_opens_on(certificate, settings),
        ]
    if status.suspended_on is not None:
        days.append(suspension_ends_on(status.suspended_on, settings) + one_day)
    return min((day for day in days if day > today), default=None)
