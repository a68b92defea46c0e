"""Month arithmetic and the two date spellings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cedre_desk.audits.dates import add_months, format_fr, parse_date

# Realistic calendar span: far enough for any cycle, well inside date's limits.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
months = st.integers(min_value=-1200, max_value=1200)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day, one year on
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # leap year again: no clamping
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2013, 6, 13), 12, date(2014, 6, 13)),
        (date(2013, 6, 13), 36, date(2016, 6, 13)),
        (date(2013, 3, 31), -1, date(2013, 2, 28)),
        (date(2013, 12, 15), 1, date(2014, 1, 15)),
        (date(2013, 6, 13), 0, date(2013, 6, 13)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@given(dates, months)
def test_add_months_moves_exactly_n_months_and_never_past_the_day(d: date, n: int) -> None:
    moved = add_months(d, n)
    assert (moved.year * 12 + moved.month) - (d.year * 12 + d.month) == n
    assert moved.day <= d.day
    # Clamped only when the target month is too short: then it is that month's last day.
    if moved.day < d.day:
        assert (moved + timedelta(days=1)).month != moved.month


@given(dates, st.integers(min_value=0, max_value=600), st.integers(min_value=0, max_value=600))
def test_add_months_is_monotonic(d: date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert add_months(d, low) <= add_months(d, high)


def test_format_fr() -> None:
    assert format_fr(date(2026, 11, 22)) == "22/11/2026"
    assert format_fr(date(2013, 6, 3)) == "03/06/2013"
    assert format_fr(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-22", date(2026, 11, 22)),
        ("22/11/2026", date(2026, 11, 22)),
        (" 13/06/2013 ", date(2013, 6, 13)),
        ("2/3/2026", date(2026, 3, 2)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts_iso_and_french(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2015",  # impossible: never shifted to 3 March
        "29/02/2023",
        "2026-13-01",
        "00/01/2026",
        "22-11-2026",
        "2026/11/22",
        "22/11/26",
        "22.11.2026x",
        "",
        "demain",
    ],
)
def test_parse_date_refuses_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@given(dates)
def test_parse_reads_back_what_format_fr_and_iso_write(d: date) -> None:
    assert parse_date(format_fr(d)) == d
    assert parse_date(d.isoformat()) == d


@given(st.dates(min_value=date(101, 1, 1), max_value=date(9898, 12, 31)), st.integers(-1200, 1200))
def test_add_months_agrees_with_dateutil(d: date, n: int) -> None:
    """dateutil's relativedelta is the reference rule; ours is its fast twin."""
    from dateutil.relativedelta import relativedelta

    assert add_months(d, n) == d + relativedelta(months=n)


# --- memoised: the due list asks the same few hundred questions again and again -------------


def test_the_cached_answer_keeps_the_type_asked_for() -> None:
    """A datetime is not equal to its date, so it never gets the date's cached answer."""
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    moved = add_months(datetime(2024, 1, 31, 12, 30), 1)
    assert moved == datetime(2024, 2, 29, 12, 30)
    assert type(moved) is datetime


def test_an_out_of_range_month_raises_every_time() -> None:
    for _ in range(2):  # a raised error is not cached as an answer
        with pytest.raises(ValueError, match="out of range"):
            add_months(date(9999, 12, 1), 1)


@given(dates, months)
def test_the_cached_answer_is_the_computed_one(d: date, n: int) -> None:
    from cedre_desk.audits.dates import _add_months

    computed = _add_months.__wrapped__(d, n)
    assert add_months(d, n) == computed
    assert add_months(d, n) == computed  # from the cache
