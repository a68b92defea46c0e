"""What a certificate makes due, and what the audits held have done of it.

Re-exported by `cedre_desk.audits.cycle`, which adds the events of a suspension or a lapse;
kept apart so the deadlines read on their own (DOMAIN.md, "The certification cycle", with the
defaults of `CycleSettings`):
- follow-up audits are due 12 and 24 months after the cycle's anchor (its start), whatever
  the dates the audits were actually held;
- the renewal audit must be done before the last committee session before expiry, less the
  time the file needs to reach the committee (42 days);
- an event not done is late from the day after it is due;
- an audit held after the day asked for has not taken place yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from cedre_desk.audits.certificates import Certificate
from cedre_desk.audits.committees import last_session_on_or_before
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, EventKind

_FOLLOW_UP_KINDS = (EventKind.FOLLOW_UP_1, EventKind.FOLLOW_UP_2)


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


def held_on(audit: AuditFact) -> date | None:
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
            day = held_on(audit)
            if day is not None and after < day <= today:
                held += 1
    return held


# Frozen events from few distinct arguments (at 20,000 companies: about 600 in 65,000 calls),
# so each is made once: 0.2 s of the rules' 0.5 s.
@lru_cache(maxsize=4096)
def due_event(
    kind: EventKind,
    due: date,
    done: bool,
    today: date,
    expected_session: bool = False,
    ordinal: int = 0,
) -> DueEvent:
    return DueEvent(kind, due, done, not done and today > due, expected_session, ordinal)


def certificate_events(
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
        events.append(due_event(kind, due, follow_ups_held >= k, today, ordinal=k))

    committee = last_session_on_or_before(sessions, certificate.valid_until, settings)
    renewal_done = _held_since(audits, AuditKind.RENEWAL, certificate.decided_on, today) > 0
    audit_due = committee.on - timedelta(days=settings.file_lead_days)
    events.append(
        due_event(EventKind.RENEWAL_AUDIT, audit_due, renewal_done, today, committee.expected)
    )
    # The committee and the expiry are never "done" here: a renewal makes a new certificate,
    # whose own events replace these.
    events.append(
        due_event(EventKind.RENEWAL_COMMITTEE, committee.on, False, today, committee.expected)
    )
    events.append(due_event(EventKind.EXPIRY, certificate.valid_until, False, today))
    return events
