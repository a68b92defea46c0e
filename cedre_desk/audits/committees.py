"""Which certification committee session a deadline rests on.

Committees sit on fixed dates that the user enters each year (e.g. Thursday 13 June 2013 and
Thursday 21 November 2013). A renewal file must reach the last session before expiry, so
deadlines are computed from sessions. For a year with no session entered yet, the sessions
of `expected_session_months` are assumed. Their day is unknown, so both ends of the month are
taken where each is the safe one: an expected session counts as "on or before a limit" only
when its whole month is (the real session may be on the 30th), and it is dated on the FIRST
day of its month (the earliest the real session can be), so a deadline computed from it is
never later than one computed from the real session. Such sessions carry `expected=True`
so the interface can say "expected" and the user knows to enter the real dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import lru_cache

from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings


@dataclass(frozen=True, order=True)
class SessionDate:
    on: date
    # True when the date is assumed from the settings, not entered by the user.
    expected: bool


def sessions_for_years(
    entered: Sequence[date], years: Iterable[int], settings: CycleSettings
) -> list[SessionDate]:
    """The sessions of `years`, sorted: entered ones where a year has any, else expected ones.

    A year with at least one entered session is taken as fully entered: mixing entered and
    assumed dates in one year would invent sessions the user has ruled out.
    """
    entered = tuple(entered)
    sessions: list[SessionDate] = []
    for year in sorted(set(years)):
        sessions.extend(_sessions_of_year(entered, year, settings))
    return sorted(sessions)


@lru_cache(maxsize=4096)
def _sessions_of_year(
    entered: tuple[date, ...], year: int, settings: CycleSettings
) -> tuple[SessionDate, ...]:
    """One year's sessions. Cached: the due list asks the same few years for every company
    of the register, against the same entered dates (a pure function, so caching is safe)."""
    in_year = sorted({d for d in entered if d.year == year})
    if in_year:
        return tuple(SessionDate(on=d, expected=False) for d in in_year)
    return tuple(
        SessionDate(on=date(year, month, 1), expected=True)
        for month in sorted(set(settings.expected_session_months))
    )


def last_session_on_or_before(
    entered: Sequence[date], limit: date, settings: CycleSettings
) -> SessionDate:
    """The last session (entered or expected) on or before `limit`.

    Every year has at least one session (settings require an expected month), so looking at
    `limit.year` and the years before ends within two steps.
    """
    # tuple() of a tuple (what the due list passes) is the tuple itself: nothing is copied.
    return _last_session_on_or_before(tuple(entered), limit, settings)


# The due list asks this for every certified company, with the same entered sessions and
# settings and few distinct limits (certificates end on shared days: on the reference
# register of 20,000 companies, 132 distinct limits in 12,741 calls). A pure function, so
# caching is safe; 4,096 entries (under 1 MB) leave thirty times that room. Entering a
# session makes a new `entered` tuple, so the old entries are simply no longer asked for.
@lru_cache(maxsize=4096)
def _last_session_on_or_before(
    entered: tuple[date, ...], limit: date, settings: CycleSettings
) -> SessionDate:
    for year in range(limit.year, MINYEAR - 1, -1):
        candidates = [
            s for s in _sessions_of_year(entered, year, settings) if _latest(s) <= limit
        ]
        if candidates:
            return candidates[-1]
    raise ValueError(f"no committee session on or before {limit.isoformat()}")


def _latest(session: SessionDate) -> date:
    """The latest day the session can fall on: its date, or the end of an expected month."""
    return add_months(session.on, 1) - timedelta(days=1) if session.expected else session.on


def next_session_after(entered: Sequence[date], day: date, settings: CycleSettings) -> SessionDate:
    """The first session (entered or expected) strictly after `day`."""
    for year in range(day.year, MAXYEAR + 1):
        candidates = [s for s in sessions_for_years(entered, [year], settings) if s.on > day]
        if candidates:
            return candidates[0]
    raise ValueError(f"no committee session after {day.isoformat()}")
