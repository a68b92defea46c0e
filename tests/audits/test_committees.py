"""Committee sessions: entered dates, and the expected ones of the months with none entered."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cedre_desk.audits.committees import (
    SessionDate,
    expected_session_day,
    last_session_on_or_before,
    next_session_after,
    sessions_for_years,
)
from cedre_desk.audits.settings import CycleSettings

S = CycleSettings()
# The two 2013 sessions of the activity report (both Thursdays).
ENTERED_2013 = [date(2013, 11, 21), date(2013, 6, 13)]


def test_entered_year_uses_entered_dates_and_other_years_the_expected_ones() -> None:
    assert sessions_for_years(ENTERED_2013, [2014, 2013], S) == [
        SessionDate(date(2013, 6, 13), expected=False),
        SessionDate(date(2013, 11, 21), expected=False),
        SessionDate(date(2014, 6, 12), expected=True),
        SessionDate(date(2014, 11, 20), expected=True),
    ]


def test_an_extraordinary_session_entered_on_26_january_2017_leaves_june_and_november_expected(
) -> None:
    assert sessions_for_years([date(2017, 1, 26)], [2017], S) == [
        SessionDate(date(2017, 1, 26), expected=False),
        SessionDate(date(2017, 6, 8), expected=True),
        SessionDate(date(2017, 11, 16), expected=True),
    ]


def test_an_expected_session_is_replaced_only_by_a_session_entered_in_its_own_month() -> None:
    # The June session moved to 1 July: June stays expected, July is entered; November too.
    assert sessions_for_years([date(2016, 7, 1), date(2016, 11, 24)], [2016], S) == [
        SessionDate(date(2016, 6, 9), expected=True),
        SessionDate(date(2016, 7, 1), expected=False),
        SessionDate(date(2016, 11, 24), expected=False),
    ]


def test_expected_sessions_fall_on_the_second_thursday_of_june_and_third_of_november() -> None:
    # The federation's sessions of 13/06/2013, 21/11/2013, 11/06/2015 and 19/11/2015.
    assert [s.on for s in sessions_for_years([], [2013, 2015], S)] == [
        date(2013, 6, 13), date(2013, 11, 21), date(2015, 6, 11), date(2015, 11, 19)]


def test_expected_sessions_follow_the_settings() -> None:
    settings = CycleSettings(expected_sessions=((10, -1), (3, 1)), expected_session_weekday=1)
    # The first Tuesday of March 2020 and the last Tuesday of October 2020.
    assert [s.on for s in sessions_for_years([], [2020], settings)] == [
        date(2020, 3, 3),
        date(2020, 10, 27),
    ]


@pytest.mark.parametrize("wrong", [(), ((13, 2),), ((6, 5),), ((6, 0),), ((6, 2), (6, 3))])
def test_expected_sessions_refuse_what_names_no_day(
        wrong: tuple[tuple[int, int], ...]) -> None:
    with pytest.raises(ValueError, match="expected_sessions"):
        CycleSettings(expected_sessions=wrong)
    with pytest.raises(ValueError, match="weekday"):
        CycleSettings(expected_session_weekday=7)


def test_last_session_is_inclusive_and_falls_back_to_earlier_years() -> None:
    assert last_session_on_or_before(ENTERED_2013, date(2013, 6, 13), S) == SessionDate(
        date(2013, 6, 13), expected=False
    )
    # Nothing entered in 2013 up to 12 June: the November 2012 session is expected.
    assert last_session_on_or_before(ENTERED_2013, date(2013, 6, 12), S) == SessionDate(
        date(2012, 11, 15), expected=True
    )
    # Expiry of a certificate granted on 13/06/2013, with no 2016 session entered yet: the
    # expected session of 9 June 2016 comes before the 12 June expiry.
    assert last_session_on_or_before(ENTERED_2013, date(2016, 6, 12), S) == SessionDate(
        date(2016, 6, 9), expected=True
    )
    # A limit the day before an expected session takes the one before.
    assert last_session_on_or_before(ENTERED_2013, date(2016, 6, 8), S) == SessionDate(
        date(2015, 11, 19), expected=True
    )


def test_next_session_is_strictly_after() -> None:
    assert next_session_after(ENTERED_2013, date(2013, 6, 13), S).on == date(2013, 11, 21)
    assert next_session_after(ENTERED_2013, date(2013, 11, 21), S) == SessionDate(
        date(2014, 6, 12), expected=True
    )
    assert next_session_after(ENTERED_2013, date(2012, 12, 31), S).on == date(2013, 6, 13)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
entered_sessions = st.lists(days, max_size=8)
settings = st.builds(
    CycleSettings,
    expected_sessions=st.lists(
        st.tuples(st.integers(1, 12), st.sampled_from([1, 2, 3, 4, -1])),
        min_size=1, max_size=4, unique_by=lambda pair: pair[0]).map(tuple),
    expected_session_weekday=st.integers(0, 6),
)


@given(entered_sessions, days, settings)
def test_last_session_is_the_latest_on_or_before_the_limit(
    entered: list[date], limit: date, cycle: CycleSettings
) -> None:
    found = last_session_on_or_before(entered, limit, cycle)
    assert found.on <= limit
    around = sessions_for_years(entered, range(limit.year - 2, limit.year + 1), cycle)
    assert found in around
    assert not [s for s in around if found.on < s.on <= limit]
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
    expected_months = dict(cycle.expected_sessions)
    for s in sessions:
        assert s.expected == (s.on not in entered)
        if s.expected:
            assert s.on == expected_session_day(s.on.year, s.on.month,
                                                expected_months[s.on.month],
                                                cycle.expected_session_weekday)
            assert s.on.weekday() == cycle.expected_session_weekday
    # Every entered session is there, and no entered session hides another month's
    # expected one: each expected month has a session, entered or expected.
    assert {d for d in entered if d.year in years} <= {s.on for s in sessions}
    for year in set(years):
        for month in expected_months:
            assert any((s.on.year, s.on.month) == (year, month) for s in sessions)


# --- memoised: the due list asks the same questions for thousands of companies --------------


def test_a_session_entered_since_changes_the_answer() -> None:
    """The entered sessions are part of the cached question: a new one is seen at once."""
    limit = date(2014, 12, 31)
    assert last_session_on_or_before(ENTERED_2013, limit, S) == SessionDate(
        date(2014, 11, 20), expected=True)
    entered = (*ENTERED_2013, date(2014, 11, 27))
    assert last_session_on_or_before(entered, limit, S) == SessionDate(
        date(2014, 11, 27), expected=False)
    # And other settings, another answer (the settings are part of the question too).
    later = CycleSettings(expected_sessions=((12, 2),))
    assert last_session_on_or_before(ENTERED_2013, limit, later) == SessionDate(
        date(2014, 12, 11), expected=True)


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
