"""SIRET checks: Luhn, and La Poste's own rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cedre_desk.audits.siret import is_valid_siret, normalize_siret


def _with_luhn_key(first13: str) -> str:
    """Complete 13 digits with the one 14th digit that makes the Luhn checksum valid."""
    for key in "0123456789":
        candidate = first13 + key
        total = 0
        for position, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if position % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    "text",
    [
        "73282932000074",
        "732 829 320 00074",
        "443 061 841 00047",
        "35600000000048",  # La Poste head office: passes Luhn too
        "35600000049837",  # La Poste establishment: fails Luhn, digit sum 45
        "356 000 000 00001",  # La Poste rule, digit sum 15
    ],
)
def test_valid_sirets(text: str) -> None:
    assert is_valid_siret(text)


@pytest.mark.parametrize(
    "text",
    [
        "73282932000075",  # last digit off
        "37282932000074",  # two digits swapped
        "7328293200007",  # 13 digits
        "732829320000744",  # 15 digits
        "7328293200007A",
        "35600000012345",  # La Poste SIREN, but neither rule holds
        "45600000000001",  # digit sum 15 but not La Poste: the 5 rule is La Poste's only
        "",
        "٧٣٢٨٢٩٣٢٠٠٠٠٧٤",  # Arabic-Indic digits are digits to Python, not to INSEE
    ],
)
def test_invalid_sirets(text: str) -> None:
    assert not is_valid_siret(text)


def test_normalize_siret_removes_spaces_and_dots_only() -> None:
    assert normalize_siret(" 732 829.320\u00a000074 ") == "73282932000074"
    assert normalize_siret("732-829") == "732-829"  # not validated


non_la_poste = st.text(alphabet="0123456789", min_size=13, max_size=13).filter(
    lambda s: not s.startswith("356000000")
)


@given(non_la_poste)
def test_luhn_keyed_numbers_are_valid_with_or_without_spaces(first13: str) -> None:
    siret = _with_luhn_key(first13)
    assert is_valid_siret(siret)
    assert is_valid_siret(f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}")


@given(non_la_poste, st.integers(min_value=0, max_value=13), st.integers(1, 9))
def test_any_single_digit_typo_is_caught(first13: str, position: int, shift: int) -> None:
    siret = _with_luhn_key(first13)
    typo = siret[:position] + str((int(siret[position]) + shift) % 10) + siret[position + 1 :]
    if typo.startswith("356000000"):
        return  # the typo landed on La Poste's SIREN, where another rule applies
    assert not is_valid_siret(typo)
