"""SIRET numbers: the French identifier of one establishment of a company.

A SIRET is the 9-digit SIREN of the company followed by a 5-digit establishment number, and
its last digit makes the whole pass the Luhn checksum. Checking it catches most typing
mistakes when a quality manager copies a number from a paper file.
"""

from __future__ import annotations

import re

_FOURTEEN_DIGITS = re.compile(r"[0-9]{14}")
# Separators people type or paste: spaces (also the non-breaking ones word processors put in
# "356 000 000 00048") and dots.
_SEPARATORS = re.compile(r"[\s.\u00a0\u202f]")
# La Poste has more establishments than the Luhn key leaves room for under one SIREN, so
# INSEE numbers them under another rule: the sum of the 14 digits is a multiple of 5. Its
# SIRETs fail Luhn yet are genuine, and a member company may well sit in a La Poste building
# or list it as a partner: accept them.
_LA_POSTE_SIREN = "356000000"


def normalize_siret(text: str) -> str:
    """The SIRET without its separators (spaces, dots); not validated."""
    return _SEPARATORS.sub("", text)


def is_valid_siret(text: str) -> bool:
    """True when `text` is 14 digits (separators aside) with a valid checksum."""
    digits = normalize_siret(text)
    if not _FOURTEEN_DIGITS.fullmatch(digits):
        return False
    if _luhn_ok(digits):
        return True
    return digits.startswith(_LA_POSTE_SIREN) and sum(int(c) for c in digits) % 5 == 0


def _luhn_ok(digits: str) -> bool:
    """Luhn: from the right, double every second digit (minus 9 past 9); total % 10 == 0."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0
