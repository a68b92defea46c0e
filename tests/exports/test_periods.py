"""The period of a due list: its days are the start, the end and every day between; what is
late stays on the list whatever the period; a reversed or absurd period is refused with a
reason in French and English."""

from __future__ import annotations

from datetime import date

import pytest

from cedre_desk.errors import ValidationError
from cedre_desk.exports.calendar_events import (
    Period,
    next_twelve_months,
    period_from,
    this_month,
    this_quarter,
)

DEC = Period(date(2026, 12, 1), date(2026, 12, 31))


def test_both_ends_of_the_period_are_in_it():
    assert DEC.lists(date(2026, 12, 1), late=False)
    assert DEC.lists(date(2026, 12, 31), late=False)
    assert not DEC.lists(date(2026, 11, 30), late=False)
    assert not DEC.lists(date(2027, 1, 1), late=False)
    assert Period(date(2026, 12, 3), date(2026, 12, 3)).lists(date(2026, 12, 3), late=False)


def test_what_is_late_is_on_every_list_until_it_is_met():
    assert DEC.lists(date(2025, 3, 1), late=True)  # long before the period: still to do
    assert DEC.lists(date(2026, 12, 2), late=True)  # late within the period: once, as late
    assert not DEC.lists(date(2027, 1, 5), late=True)  # after the period: another list's


def test_the_periods_offered_in_the_window():
    today = date(2026, 12, 3)
    assert this_month(today) == DEC
    assert this_quarter(today) == Period(date(2026, 10, 1), date(2026, 12, 31))
    assert this_quarter(date(2027, 1, 1)) == Period(date(2027, 1, 1), date(2027, 3, 31))
    assert this_month(date(2028, 2, 10)) == Period(date(2028, 2, 1), date(2028, 2, 29))
    assert next_twelve_months(today) == Period(today, date(2027, 12, 2))


def test_a_command_lines_from_and_to():
    today = date(2026, 12, 3)
    assert period_from(None, None, today) == next_twelve_months(today)
    assert period_from(date(2027, 1, 1), None, today).end == date(2027, 12, 31)
    assert period_from(None, date(2026, 12, 31), today) == Period(today, date(2026, 12, 31))
    assert period_from(date(2999, 6, 1), None, today).end == date(2999, 12, 31)


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as refused:
        Period(date(2026, 12, 31), date(2026, 12, 1))
    assert refused.value.fr == "La fin de la période (01/12/2026) précède son début (31/12/2026)."
    assert refused.value.en == ("The period's end (2026-12-01) comes before its start "
                                "(2026-12-31).")
    assert refused.value.field == "end"


@pytest.mark.parametrize(("start", "end", "fr", "en"), [
    (date(2026, 1, 1), date(3026, 1, 1), "hors des dates du registre", "outside the register"),
    (date(2026, 12, 1), date(2206, 12, 31), "plus de 10 ans", "more than 10 years"),
    (date(1026, 1, 1), date(2026, 1, 1), "Le 01/01/1026 est hors", "1026-01-01 is outside"),
    (date(2026, 1, 1), date(2036, 1, 1), "plus de 10 ans", "more than 10 years"),
])
def test_an_absurd_period_is_refused_with_its_reason(start, end, fr, en):
    with pytest.raises(ValidationError) as refused:
        Period(start, end)
    assert fr in refused.value.message("fr") and en in refused.value.message("en")


def test_ten_years_less_a_day_is_still_a_period():
    assert Period(date(2026, 1, 1), date(2035, 12, 31)).end == date(2035, 12, 31)
