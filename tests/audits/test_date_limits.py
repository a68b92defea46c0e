"""The dates a register holds: the one rule every entrance reads (audits/date_limits.py)."""

from __future__ import annotations

from datetime import date

from cedre_desk.audits.date_limits import DATE_LIMITS, DateLimits, range_refusal


def test_certification_dates_from_1990_memberships_from_1900_ten_years_ahead():
    today = date(2026, 12, 3)
    assert DATE_LIMITS.dates(today) == (date(1990, 1, 1), date(2036, 12, 3))
    assert DATE_LIMITS.dates(today, "member_since") == (date(1900, 1, 1), date(2036, 12, 3))
    assert DateLimits(years_ahead=10).dates(date(2024, 2, 29))[1] == date(2034, 2, 28)


def test_a_refusal_names_the_field_the_day_and_the_range_in_both_languages():
    today = date(2026, 12, 3)
    assert DATE_LIMITS.refusal(date(1990, 1, 1), today, "held_on", "Date", "Date") is None
    assert DATE_LIMITS.refusal(None, today, "held_on", "Date", "Date") is None
    assert DATE_LIMITS.refusal(date(1989, 12, 31), today, "held_on", "Date de la session",
                               "Session date") == (
        "Date de la session : 31/12/1989 hors de la plage admise (01/01/1990 au 03/12/2036) : "
        "faute de frappe ?",
        "Session date: 1989-12-31 outside the range allowed (1990-01-01 to 2036-12-03): a "
        "typing slip?")
    assert range_refusal(date(2036, 12, 4), date(1990, 1, 1), date(2036, 12, 3), "x", "x")
