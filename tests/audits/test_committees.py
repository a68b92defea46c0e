"""Committee sessions: entered dates, and expected ones for years with none entered."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cedre_desk.audits.committees import (
    SessionDate,
    last_session_on_or_before,
    next_session_after,
    sessions_for_years,
)
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings

S = CycleSettings()
# The two 2013 sessions of the activity report (both Thursdays).
ENTERED_2013 = [date(2013, 11, 21), date(2013, 6, 13)]


def test_entered_year_uses_entered_dates_and_other_years_the_expected_ones() -> None:
    assert sessions_for_years(ENTERED_2013, [2014, 2013], S) == [
        SessionDate(date(2013, 6, 13), expected=False),
        SessionDate(date(2013, 11, 21), expected=False),
        SessionDate(date(2014, 6, 1), expected=True),
        SessionDate(date(2014, 11, 1), expected=True),
    ]


def test_one_entered_session_replaces_all_expected_ones_of_its_year() -> None:
    sessions = sessions_for_years([date(2016, 3, 17)], [2016], S)
    assert sessions == [SessionDate(date(2016, 3, 17), expected=False)]


def test_expected_months_follow_the_settings() -> None:
    settings = CycleSettings(expected_session_months=(10, 3, 3))
    assert [s.on for s in sessions_for_years([], [2020], settings)] == [
        date(2020, 3, 1),
        date(2020, 10, 1),
    ]


def test_last_session_is_inclusive_and_falls_back_to_earlier_years() -> None:
    assert last_session_on_or_before(ENTERED_2013, date(2013, 6, 13), S) == SessionDate(
        date(2013, 6, 13), expected=False
    )
    # Nothing entered in 2013 up to 12 June: the November 2012 session is expected.
    assert last_session_on_or_before(ENTERED_2013, date(2013, 6, 12), S) == SessionDate(
        date(2012, 11, 1), expected=True
    )
    # Expiry of a certificate granted on 13/06/2013, with no 2016 session entered yet: the
    # June 2016 session may fall after 12 June, so only November 2015 is safe to aim at.
    assert last_session_on_or_before(ENTERED_2013, date(2016, 6, 12), S) == SessionDate(
        date(2015, 11, 1), expected=True
    )
    # A limit on the last day of an expected month takes that month's session.
    assert last_session_on_or_before(ENTERED_2013, date(2016, 6, 30), S) == SessionDate(
        date(2016, 6, 1), expected=True
    )


def test_next_session_is_strictly_after() -> None:
    assert next_session_after(ENTERED_2013, date(2013, 6, 13), S).on == date(2013, 11, 21)
    assert next_session_after(ENTERED_2013, date(2013, 11, 21), S) == SessionDate(
        date(2014, 6, 1), expected=True
    )
    assert next_session_after(ENTERED_2013, date(2012, 12, 31), S).on == date(2013, 6, 13)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
entered_sessions = st.lists(days, max_size=8)
settings = st.builds(
    CycleSettings,
    expected_session_months=st.lists(st.integers(1, 12), min_size=1, max_size=4).map(tuple),
)


@given(entered_sessions, days, settings)
def test_last_session_is_the_latest_on_or_before_the_limit(
    entered: list[date], limit: date, cycle: CycleSettings
) -> None:
    def latest(s: SessionDate) -> date:  # an expected session may fall on any day of its month
        return add_months(s.on, 1) - timedelta(days=1) if s.expected else s.on

    found = last_session_on_or_before(entered, limit, cycle)
    assert latest(found) <= limit
    around = sessions_for_years(entered, range(limit.year - 2, limit.year + 1), cycle)
    assert found in around
    assert not [s for s in around if found.on < s.on and latest(s) <= limit]
    assert found.expected == (found.on not in entered)


@given(entered_sessions, days, settings)
def test_next_session_is_the_first_after_the_day(
    entered: list[date], day: date, cycle: CycleSettings
) -> None:
    found = next_session_after(entered, day, cycle)
    assert found.on > day
    around = sessions_for_years(entered, range(day.year, day.year + 3), cycle)
    assert found in around
    assert not [s for s in around if day < s.on < found.on]


@given(entered_sessions, st.lists(st.integers(1990, 2100), max_size=5), settings)
def test_sessions_are_sorted_and_flagged(
    entered: list[date], years: list[int], cycle: CycleSettings
) -> None:
    sessions = sessions_for_years(entered, years, cycle)
    assert [s.on for s in sessions] == sorted(s.on for s in sessions)
    assert {s.on.year for s in sessions} == set(years)
    for s in sessions:
        assert s.expected == (s.on not in entered)
        if s.expected:
            assert s.on.day == 1 and s.on.month in cycle.expected_session_months


# --- memoised: the due list asks the same questions for thousands of companies --------------


def test_a_session_entered_since_changes_the_answer() -> None:
    """The entered sessions are part of the cached question: a new one is seen at once."""
    limit = date(2014, 12, 31)
    assert last_session_on_or_before(ENTERED_2013, limit, S) == SessionDate(
        date(2014, 11, 1), expected=True)
    entered = (*ENTERED_2013, date(2014, 11, 20))
    assert last_session_on_or_before(entered, limit, S) == SessionDate(
        date(2014, 11, 20), expected=False)
    # And other settings, another answer (the settings are part of the question too).
    later = CycleSettings(expected_session_months=(12,))
    assert last_session_on_or_before(ENTERED_2013, limit, later) == SessionDate(
        date(2014, 12, 1), expected=True)


@given(
    st.lists(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)), max_size=6),
    st.dates(min_value=date(2006, 1, 1), max_value=date(2030, 12, 31)),
)
def test_the_cached_answer_is_the_computed_one(entered: list[date], limit: date) -> None:
    from cedre_desk.audits.committees import _last_session_on_or_before

    computed = _last_session_on_or_before.__wrapped__(tuple(entered), limit, S)
    assert last_session_on_or_before(entered, limit, S) == computed  # a list: made a tuple
    assert last_session_on_or_before(tuple(entered), limit, S) == computed
    assert last_session_on_or_before(entered, limit, S) == computed  # from the cache
