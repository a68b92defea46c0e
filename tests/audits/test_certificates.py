"""Validity of the certificate a GRANTED or RENEWED decision gives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cedre_desk.audits.certificates import certificate_from, cycle_end
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


def test_grant_on_29_february_2016_runs_through_28_february_2019_and_renews_from_1_march_2019(
) -> None:
    granted = certificate_validity(Outcome.GRANTED, date(2016, 2, 29), None, S)
    assert granted == (date(2016, 2, 29), date(2019, 2, 28))
    previous = Certificate(Scheme.CEDRE, date(2016, 2, 29), *granted)
    renewed = certificate_validity(Outcome.RENEWED, date(2018, 11, 15), previous, S)
    assert renewed == (date(2019, 3, 1), date(2022, 2, 28))
    # Never before a grant of 28 February of the same year.
    assert certificate_validity(Outcome.GRANTED, date(2016, 2, 28), None, S)[1] == (
        date(2019, 2, 27))


def test_early_renewal_runs_from_the_old_expiry() -> None:
    assert certificate_validity(Outcome.RENEWED, date(2015, 11, 21), GRANT_2013, S) == (
        date(2016, 6, 13),
        date(2019, 6, 12),
    )


def test_restoration_on_24_november_2016_is_valid_from_the_decision_and_ends_12_june_2019(
) -> None:
    # Expired 12/06/2016, restorable until 12/12/2016 inclusive: valid from the restoring
    # decision (ISO/IEC 17021-1, 9.6.3.3), ending where the unbroken cycle would have.
    assert certificate_validity(Outcome.RENEWED, date(2016, 11, 24), GRANT_2013, S) == (
        date(2016, 11, 24),
        date(2019, 6, 12),
    )
    restored = certificate_from(Outcome.RENEWED, date(2016, 11, 24), Scheme.CEDRE,
                                GRANT_2013, S)
    assert (restored.valid_from, restored.cycle_start) == (date(2016, 11, 24), date(2016, 6, 13))
    # The same dates stored on the decision give the same cycle.
    stored = certificate_from(Outcome.RENEWED, date(2016, 11, 24), Scheme.CEDRE, GRANT_2013, S,
                              stored=(date(2016, 11, 24), date(2019, 6, 12)))
    assert stored == restored


def test_an_early_renewal_starts_its_cycle_at_the_old_expiry() -> None:
    early = certificate_from(Outcome.RENEWED, date(2015, 11, 19), Scheme.CEDRE, GRANT_2013, S)
    assert (early.valid_from, early.cycle_start, early.cycle_from) == (
        date(2016, 6, 13), date(2016, 6, 13), None)


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


def anniversary(start: date, cycle: CycleSettings) -> date:
    """`certificate_months` after `start`; the 1st of the next month when the month lacks
    the day (29 February 2016 + 36 months: 1 March 2019)."""
    moved = add_months(start, cycle.certificate_months)
    return moved if moved.day == start.day else moved + timedelta(days=1)


@given(days, cycle_settings())
def test_a_grant_spans_exactly_certificate_months(decided: date, cycle: CycleSettings) -> None:
    start, end = certificate_validity(Outcome.GRANTED, decided, None, cycle)
    assert start == decided
    assert end >= start
    assert end + timedelta(days=1) == anniversary(start, cycle)


@given(days, days, cycle_settings())
def test_a_later_start_never_ends_earlier(first: date, second: date,
                                          cycle: CycleSettings) -> None:
    if first > second:
        first, second = second, first
    assert cycle_end(first, cycle) <= cycle_end(second, cycle)


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
    cycle_start = end + timedelta(days=1)  # no gap, no overlap in the cycle
    # Valid from the cycle's start, or from a restoring decision taken after expiry.
    assert new_start == max(cycle_start, decided)
    assert new_end + timedelta(days=1) == anniversary(cycle_start, cycle)


@given(days, cycle_settings())
def test_renewal_opens_inside_the_validity(decided: date, cycle: CycleSettings) -> None:
    start, end = certificate_validity(Outcome.GRANTED, decided, None, cycle)
    opens = renewal_opens_on(Certificate(Scheme.CEDRE, decided, start, end), cycle)
    assert start <= opens <= end
