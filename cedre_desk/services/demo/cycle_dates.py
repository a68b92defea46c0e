"""Dates of the demo's certification cycle: the scheme's milestones, the committee calendar,
follow-up due dates and the chains of certificates renewed without a break."""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from cedre_desk.audits.cycle import Certificate, certificate_validity
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import Outcome, Scheme

FIRST_SESSION_YEAR = 2005
FIRST_AUDIT_DAY = date(2005, 1, 10)  # the certification (and its V1) starts in 2005
GROUPS_FROM = date(2013, 11, 1)  # group certification aimed at the last quarter of 2013
ISO_FROM = date(2013, 11, 1)  # CEDRE ISO 9001 offered from then
SINGLE_OFFER_FROM = date(2015, 11, 20)  # V3: CEDRE inside one CEDRE ISO 9001 offer


def committee_days(today: date) -> list[date]:
    """The days of the committee sessions, from 2005 to the end of the year after `today`."""
    days = []
    for year in range(FIRST_SESSION_YEAR, today.year + 2):
        # Second Thursday of June, third of November (13 June and 21 November 2013).
        for month, nth in ((6, 2), (11, 3)):
            days.append(nth_thursday(year, month, nth))
    return days


def nth_thursday(year: int, month: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (nth - 1))


class CycleDates:
    """The committee sessions (by index: session `s` is `sessions[s]`, id `s + 1`), the ones
    already held on `today`, and the cycle's dates, cached (the same few come back for
    thousands of files)."""

    def __init__(self, sessions: list[date], today: date, settings: CycleSettings) -> None:
        self.sessions = sessions
        self.today = today
        self.settings = settings
        self.lead = timedelta(days=settings.file_lead_days)
        self.held = bisect.bisect_left(sessions, today)  # the ones that can carry decisions
        self._months: dict[tuple[date, int], date] = {}
        self._chains: dict[int, list[tuple[date, date]]] = {}

    def months(self, day: date, n: int) -> date:
        key = (day, n)
        found = self._months.get(key)
        if found is None:
            found = self._months[key] = add_months(day, n)
        return found

    def chain(self, g: int) -> list[tuple[date, date]]:
        """The certificates (valid_from, valid_until) of a file granted at session `g` and
        renewed without a break, up to the one running on `today`."""
        if g not in self._chains:
            st = self.settings
            start, end = certificate_validity(Outcome.GRANTED, self.sessions[g], None, st)
            chain = [(start, end)]
            while end < self.today:
                previous = Certificate(Scheme.CEDRE, self.sessions[g], start, end)
                start, end = certificate_validity(Outcome.RENEWED, end, previous, st)
                chain.append((start, end))
            self._chains[g] = chain
        return self._chains[g]

    def first_session(self, day: date) -> int:
        """Index of the first session on or after `day` (len(sessions) if none)."""
        return bisect.bisect_left(self.sessions, day)

    def last_session(self, day: date) -> int:
        """Index of the last session on or before `day` (-1 if none)."""
        return bisect.bisect_right(self.sessions, day) - 1

    def suspension_window(self, due: date, suspension: int) -> tuple[date, date]:
        """The days a follow-up can be held so that `suspension` is the session after it."""
        previous = self.sessions[suspension - 1]
        low = max(due - timedelta(60), previous - self.lead + timedelta(1))
        high = min(due + timedelta(30), self.sessions[suspension] - self.lead - timedelta(4),
                   self.today - timedelta(5))
        return low, high
