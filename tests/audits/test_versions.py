"""The referential version in force on a date."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cedre_desk.audits.cycle import version_in_force

# V1 with the certification (2005), V2 (2008), V3 adopted by the board on 20 Nov 2015.
VERSIONS = [("V3", date(2015, 11, 20)), ("V1", date(2005, 1, 1)), ("V2", date(2008, 1, 1))]


def test_v2_company_is_renewed_against_v3() -> None:
    assert version_in_force(VERSIONS, date(2013, 6, 13)) == "V2"
    assert version_in_force(VERSIONS, date(2015, 11, 19)) == "V2"
    assert version_in_force(VERSIONS, date(2015, 11, 20)) == "V3"  # in force on its day
    assert version_in_force(VERSIONS, date(2016, 4, 20)) == "V3"


def test_nothing_in_force_before_the_first_version() -> None:
    assert version_in_force(VERSIONS, date(2004, 12, 31)) is None
    assert version_in_force([], date(2020, 1, 1)) is None


def test_same_day_versions_the_last_listed_wins() -> None:
    versions = [(1, date(2020, 1, 1)), (2, date(2020, 1, 1))]
    assert version_in_force(versions, date(2020, 1, 1)) == 2


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@given(st.lists(days, max_size=6, unique=True), days, st.randoms(use_true_random=False))
def test_the_version_in_force_is_the_latest_adopted_in_any_order(
    adoptions: list[date], on: date, rnd: random.Random
) -> None:
    versions = [(f"V{i}", d) for i, d in enumerate(adoptions)]
    shuffled = list(versions)
    rnd.shuffle(shuffled)
    found = version_in_force(shuffled, on)
    adopted = [d for d in adoptions if d <= on]
    if not adopted:
        assert found is None
    else:
        assert found == f"V{adoptions.index(max(adopted))}"
