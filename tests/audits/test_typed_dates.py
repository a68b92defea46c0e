"""Dates as typed into the window's date fields: every spelling people use, no shifted day."""

from __future__ import annotations

from datetime import date

import pytest

from cedre_desk.audits.typed_dates import TypedDateError, read_typed_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/11/2026", date(2026, 11, 17)),
        ("17112026", date(2026, 11, 17)),
        ("17/11/26", date(2026, 11, 17)),
        ("171126", date(2026, 11, 17)),
        ("17 nov 2026", date(2026, 11, 17)),
        ("17 nov. 2026", date(2026, 11, 17)),
        ("17 novembre 2026", date(2026, 11, 17)),
        ("3 Déc 2026", date(2026, 12, 3)),
        ("1er février 2027", date(2027, 2, 1)),
        ("29 feb 2028", date(2028, 2, 29)),
        ("2/3/2026", date(2026, 3, 2)),
        ("17.11.2026", date(2026, 11, 17)),
        ("17-11-2026", date(2026, 11, 17)),
        ("2026-11-17", date(2026, 11, 17)),
        ("  17/11/2026 ", date(2026, 11, 17)),
    ],
)
def test_every_usual_spelling_is_read(text: str, expected: date) -> None:
    assert read_typed_date(text) == expected


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_text_is_no_date(text: str) -> None:
    assert read_typed_date(text) is None


@pytest.mark.parametrize(
    ("text", "reason_fr", "reason_en"),
    [
        ("31/02/2026", "février 2026 n'a que 28 jours", "February 2026 has only 28 days"),
        ("29/02/2027", "février 2027 n'a que 28 jours", "February 2027 has only 28 days"),
        ("31/04/2026", "avril 2026 n'a que 30 jours", "April 2026 has only 30 days"),
        ("17/13/2026", "pas de mois 13", "no month 13"),
        ("00/11/2026", "pas de jour 0", "no day 0"),
        ("17 brumaire 2026", "mois inconnu", "unknown month"),
        ("demain", "n'est pas une date", "is not a date"),
        ("1711202", "n'est pas une date", "is not a date"),
    ],
)
def test_a_day_that_does_not_exist_is_refused_with_the_reason(
        text: str, reason_fr: str, reason_en: str) -> None:
    with pytest.raises(TypedDateError) as refused:
        read_typed_date(text)
    assert reason_fr in refused.value.message("fr")
    assert reason_en in refused.value.message("en")
