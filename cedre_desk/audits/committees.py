"""Which certification committee session a deadline rests on.

Committees sit on dated sessions that the user enters (e.g. Thursday 13 June 2013 and
Thursday 21 November 2013). A renewal file must reach the last session before expiry, so
deadlines are computed from sessions. Besides the sessions entered, the committee is expected
to sit on the days of `CycleSettings.expected_sessions` (by default the second Thursday of June
and the third Thursday of November). An expected session stands until a session is entered in
its own month: an extraordinary session entered in January leaves June and November expected.
Expected sessions carry `expected=True` so the interface can say "expected" and the user
knows to enter the real dates.

The sessions are the committees' calendar, known ahead: a session dated after the day asked
for is a planned date, and deadlines rest on it (what it decides does not exist before its
day, see cycle.py).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from functools import lru_cache

from cedre_desk.audits.settings import CycleSettings


@dataclass(frozen=True, order=True)
class SessionDate:
    on: date
    # True when the date is assumed from the settings, not entered by the user.
    expected: bool


def expected_session_day(year: int, month: int, rank: int, weekday: int) -> date:
    """The `rank`-th `weekday` of the month (rank -1: the last one), e.g. the second
    Thursday of June 2013 (13/06/2013)."""
    if rank == -1:
        last = date(year, month, monthrange(year, month)[1])
        return last.replace(day=last.day - (last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first.replace(day=1 + (weekday - first.weekday()) % 7 + 7 * (rank - 1))


def sessions_for_years(
    entered: Sequence[date], years: Iterable[int], settings: CycleSettings
) -> list[SessionDate]:
    """The sessions of `years`, sorted: every entered one, and the expected ones of the
    months where none is entered."""
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
    in_year = {d for d in entered if d.year == year}
    months_entered = {d.month for d in in_year}
    sessions = [SessionDate(on=d, expected=False) for d in in_year]
    sessions += [
        SessionDate(expected_session_day(year, month, rank, settings.expected_session_weekday),
                    expected=True)
        for month, rank in settings.expected_sessions
        if month not in months_entered
    ]
    return tuple(sorted(sessions))


def last_session_on_or_before(
    entered: Sequence[date], limit: date, settings: CycleSettings
) -> SessionDate:
    """The last session (entered or expected) on or before `limit`.

    Every year has at least one session (settings require an expected month, and an entered
    session in that month replaces it by another), so looking at `limit.year` and the years
    before ends within two steps.
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
        candidates = [s for s in _sessions_of_year(entered, year, settings) if s.on <= limit]
        if candidates:
            return candidates[-1]
    raise ValueError(f"no committee session on or before {limit.isoformat()}")


def next_session_after(entered: Sequence[date], day: date, settings: CycleSettings) -> SessionDate:
    """The first session (entered or expected) strictly after `day`."""
    entered = tuple(entered)
    for year in range(day.year, MAXYEAR + 1):
        candidates = [s for s in _sessions_of_year(entered, year, settings) if s.on > day]
        if candidates:
            return candidates[0]
    raise ValueError(f"no committee session after {day.isoformat()}")
