"""Validity of the certificate a GRANTED or RENEWED decision gives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cedre_desk.audits.cycle import (
    Certificate,
    CycleError,
    certificate_validity,
    renewal_opens_on,
)
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import Outcome, Scheme

S = CycleSettings()
GRANT_2013 = Certificate(Scheme.CEDRE, date(2013, 6, 13), date(2013, 6, 13), date(2016, 6, 12))


def test_grant_runs_three_years_from_the_decision() -> None:
    assert certificate_validity(Outcome.GRANTED, date(2013, 6, 13), None, S) == (
        date(2013, 6, 13),
        date(2016, 6, 12),
    )


def test_grant_on_a_leap_day() -> None:
    # 29/02/2024 + 36 months = 28/02/2027, so the last day is the 27th.
    assert certificate_validity(Outcome.GRANTED, date(2024, 2, 29), None, S) == (
        date(2024, 2, 29),
        date(2027, 2, 27),
    )


def test_early_renewal_runs_from_the_old_expiry() -> None:
    assert certificate_validity(Outcome.RENEWED, date(2015, 11, 21), GRANT_2013, S) == (
        date(2016, 6, 13),
        date(2019, 6, 12),
    )


def test_restoring_a_lapsed_certificate_keeps_the_old_anchor() -> None:
    # Expired 12/06/2016, restorable until 12/12/2016 inclusive.
    assert certificate_validity(Outcome.RENEWED, date(2016, 12, 12), GRANT_2013, S) == (
        date(2016, 6, 13),
        date(2019, 6, 12),
    )


def test_renewal_after_the_restoration_window_needs_a_new_certification() -> None:
    with pytest.raises(CycleError, match="certification audit and a GRANTED"):
        certificate_validity(Outcome.RENEWED, date(2016, 12, 13), GRANT_2013, S)


def test_renewal_with_nothing_to_renew_needs_a_certification() -> None:
    with pytest.raises(CycleError, match="certification audit and a GRANTED"):
        certificate_validity(Outcome.RENEWED, date(2015, 11, 21), None, S)


@pytest.mark.parametrize(
    "outcome",
    [o for o in Outcome if not o.starts_certificate],
)
def test_other_outcomes_give_no_certificate(outcome: Outcome) -> None:
    with pytest.raises(CycleError):
        certificate_validity(outcome, date(2015, 11, 21), GRANT_2013, S)


def test_cycle_error_is_a_value_error() -> None:
    assert issubclass(CycleError, ValueError)


def test_renewal_opens_with_the_last_follow_up() -> None:
    assert renewal_opens_on(GRANT_2013, S) == date(2015, 6, 13)
    three = CycleSettings(certificate_months=48, follow_ups_per_cycle=3)
    assert renewal_opens_on(GRANT_2013, three) == date(2016, 6, 13)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def cycle_settings(draw: st.DrawFn) -> CycleSettings:
    interval = draw(st.integers(1, 24))
    count = draw(st.integers(0, 4))
    months = draw(st.integers(interval * count + 1, interval * count + 48))
    return CycleSettings(
        certificate_months=months,
        follow_up_interval_months=interval,
        follow_ups_per_cycle=count,
        restoration_months=draw(st.integers(0, 24)),
    )


@given(days, cycle_settings())
def test_a_grant_spans_exactly_certificate_months(decided: date, cycle: CycleSettings) -> None:
    start, end = certificate_validity(Outcome.GRANTED, decided, None, cycle)
    assert start == decided
    assert end >= start
    assert end + timedelta(days=1) == add_months(start, cycle.certificate_months)


@given(days, st.integers(-2000, 2000), cycle_settings())
def test_a_renewal_never_depends_on_how_early_it_is_decided(
    granted: date, offset_days: int, cycle: CycleSettings
) -> None:
    start, end = certificate_validity(Outcome.GRANTED, granted, None, cycle)
    previous = Certificate(Scheme.CEDRE, granted, start, end)
    decided = end + timedelta(days=offset_days)
    limit = add_months(end, cycle.restoration_months)
    if decided > limit:
        with pytest.raises(CycleError):
            certificate_validity(Outcome.RENEWED, decided, previous, cycle)
        return
    new_start, new_end = certificate_validity(Outcome.RENEWED, decided, previous, cycle)
    assert new_start == end + timedelta(days=1)  # no gap, no overlap
    assert new_end + timedelta(days=1) == add_months(new_start, cycle.certificate_months)


@given(days, cycle_settings())
def test_renewal_opens_inside_the_validity(decided: date, cycle: CycleSettings) -> None:
    start, end = certificate_validity(Outcome.GRANTED, decided, None, cycle)
    opens = renewal_opens_on(Certificate(Scheme.CEDRE, decided, start, end), cycle)
    assert start <= opens <= end
