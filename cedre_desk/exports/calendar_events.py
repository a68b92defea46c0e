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
from cedre_desk.errors import ValidationError
from cedre_desk.exports.dates import day

# A due list runs over days a person can mean: the register's dates lie within these years,
# and every deadline the cycle rules compute falls within a few years of today. A longer
# period is a typing slip (2206 for 2026), refused rather than listed.
FIRST_YEAR, LAST_YEAR = 1900, 2999
MAX_YEARS = 10


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
    """The days from `start` to `end`, both included. A period that ends before it starts,
    lies outside the years 1900 to 2999 or runs over more than ten years is refused with a
    ValidationError (French and English): the command line and the window say why."""

    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        start, end = self.start, self.end
        if end < start:
            raise ValidationError(
                f"La fin de la période ({day(end, 'fr')}) précède son début "
                f"({day(start, 'fr')}).",
                f"The period's end ({day(end, 'en')}) comes before its start "
                f"({day(start, 'en')}).", field="end")
        for value, field in ((start, "start"), (end, "end")):
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise ValidationError(
                    f"Le {day(value, 'fr')} est hors des dates du registre (années "
                    f"{FIRST_YEAR} à {LAST_YEAR}) : vérifiez l'année.",
                    f"{day(value, 'en')} is outside the register's dates (years {FIRST_YEAR}"
                    f" to {LAST_YEAR}): check the year.", field=field)
        if end >= add_months(start, 12 * MAX_YEARS):
            raise ValidationError(
                f"Une période de plus de {MAX_YEARS} ans (du {day(start, 'fr')} au "
                f"{day(end, 'fr')}) ne fait pas une liste d'échéances : vérifiez les années.",
                f"A period of more than {MAX_YEARS} years ({day(start, 'en')} to "
                f"{day(end, 'en')}) is no due list: check the years.", field="end")

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


def period_from(start: date | None, end: date | None, today: date) -> Period:
    """The period of a command line's --from/--to: from `start` (today when not given) to
    `end` (12 months on when not given, never past the register's last year)."""
    start = start or today
    if end is None:
        end = min(add_months(start, 12) - timedelta(days=1), date(LAST_YEAR, 12, 31))
    return Period(start, end)


def event_uid(event: CalendarEvent) -> str:
    kind = event.kind.value + (str(event.ordinal) if event.kind is EventKind.FOLLOW_UP else "")
    return f"company-{event.company_id}-{kind}-{event.cycle_start:%Y%m%d}@cedre-desk"
