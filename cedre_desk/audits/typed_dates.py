"""A date as people type it into a form: "17/11/2026", "17112026", "17/11/26", "17 nov 2026".

The window's date fields read what was typed with `read_typed_date` when the user leaves the
field. A day that does not exist (31/02/2026) is refused with the reason, in French and in
English, never moved to the next valid day: a shifted date would move a deadline unseen.
Day first, always: the register is French; ISO (2026-11-17) is read too, for paste.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from datetime import date

from cedre_desk.errors import shown

# French and English month names and their usual abbreviations, folded (no accents, lower).
_MONTHS = {
    1: ("janvier", "janv", "jan", "january"),
    2: ("fevrier", "fevr", "fev", "feb", "february"),
    3: ("mars", "mar", "march"),
    4: ("avril", "avr", "apr", "april"),
    5: ("mai", "may"),
    6: ("juin", "jun", "june"),
    7: ("juillet", "juil", "jul", "july"),
    8: ("aout", "aou", "aug", "august"),
    9: ("septembre", "sept", "sep", "september"),
    10: ("octobre", "oct", "october"),
    11: ("novembre", "nov", "november"),
    12: ("decembre", "dec", "december"),
}
_MONTH_BY_NAME = {name: number for number, names in _MONTHS.items() for name in names}
_MONTH_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
_MONTH_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBERS = re.compile(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")  # 17112026, 171126
_NAMED = re.compile(r"(\d{1,2})(?:er)?\s*([a-z]+)\.?\s*(\d{2}|\d{4})")  # 17 nov 2026, 1er mai 26


class TypedDateError(ValueError):
    """Typed text that is not a date, with the reason for the user in both languages."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr, self.en = fr, en

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_typed_date(text: str) -> date | None:
    """The date `text` spells, None for an empty text; TypedDateError otherwise.

    A two-digit year is in this century (26 is 2026): the register's dates are recent.
    """
    cleaned = " ".join(_fold(text).split())
    if not cleaned:
        return None
    if iso := _ISO.fullmatch(cleaned):
        year, month, day = (int(part) for part in iso.groups())
        return _checked(day, month, year, text)
    if found := (_NUMBERS.fullmatch(cleaned) or _DIGITS.fullmatch(cleaned)):
        day, month, year = (int(part) for part in found.groups())
        return _checked(day, month, _full_year(found.group(3)), text)
    if named := _NAMED.fullmatch(cleaned):
        month_number = _MONTH_BY_NAME.get(named.group(2))
        if month_number is None:
            typed = shown(text.strip())
            raise TypedDateError(
                f"« {typed} » : mois inconnu « {shown(named.group(2))} » (17 nov 2026).",
                f"'{typed}': unknown month '{shown(named.group(2))}' (17 nov 2026).")
        return _checked(int(named.group(1)), month_number, _full_year(named.group(3)), text)
    typed = shown(text.strip())
    raise TypedDateError(
        f"« {typed} » n'est pas une date : tapez par exemple 17/11/2026, 17112026, "
        "17/11/26 ou 17 nov 2026.",
        f"'{typed}' is not a date: type for instance 17/11/2026, 17112026, 17/11/26 "
        "or 17 nov 2026.")


def _full_year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _checked(day: int, month: int, year: int, text: str) -> date:
    typed = shown(text.strip())
    if not 1 <= month <= 12:
        raise TypedDateError(f"« {typed} » : il n'y a pas de mois {month}.",
                             f"'{typed}': there is no month {month}.")
    if not 1 <= year <= 9999:
        raise TypedDateError(f"« {typed} » : l'année {year} est hors limites.",
                             f"'{typed}': the year {year} is out of range.")
    days = monthrange(year, month)[1]
    if day < 1:
        raise TypedDateError(f"« {typed} » : il n'y a pas de jour {day}.",
                             f"'{typed}': there is no day {day}.")
    if day > days:
        raise TypedDateError(
            f"Le {day:02d}/{month:02d}/{year} n'existe pas : {_MONTH_FR[month - 1]} {year} "
            f"n'a que {days} jours.",
            f"{day:02d}/{month:02d}/{year} does not exist: {_MONTH_EN[month - 1]} {year} has "
            f"only {days} days.")
    return date(year, month, day)
