"""The due events of a calendar and the UID each keeps from one export to the next.

What an event is and why its UID is made the way it is: calendar_files.py, which chooses the
writer (calendar_ics.py, calendar_pdf.py, or the workbook); each writer imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from cedre_desk.audits.dates import add_months
from cedre_desk.audits.vocabulary import EventKind


@dataclass(frozen=True)
class CalendarEvent:
    due: date
    company_id: int
    company: str
    siret: str | None
    town: str
    kind: EventKind
    ordinal: int  # the follow-up's number; 0 for other events
    late: bool
    expected_session: bool  # the date rests on a committee session not entered yet
    state: StrEnum
    scheme: StrEnum | None
    cycle_start: date  # the start of the certificate whose cycle the event belongs to


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def lists(self, due: date, *, late: bool) -> bool:
        """Whether a deadline not met yet belongs to the period's due list: due within it, or
        already late (a late deadline stays on every list until it is met, whatever the
        period: a list of what to do that left it out would hide the most urgent)."""
        return self.start <= due <= self.end or (late and due < self.start)


def this_month(today: date) -> Period:
    first = today.replace(day=1)
    return Period(first, add_months(first, 1) - timedelta(days=1))


def this_quarter(today: date) -> Period:
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return Period(first, add_months(first, 3) - timedelta(days=1))


def next_twelve_months(today: date) -> Period:
    """From today to the day before the same day next year (the calendar's default)."""
    return Period(today, add_months(today, 12) - timedelta(days=1))


def event_uid(event: CalendarEvent) -> str:
    kind = event.kind.value + (str(event.ordinal) if event.kind is EventKind.FOLLOW_UP else "")
    return f"company-{event.company_id}-{kind}-{event.cycle_start:%Y%m%d}@cedre-desk"
