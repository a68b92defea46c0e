"""The `type=` validators of every command-line value: dates, days, years, counts, ids.

Each one refuses a value outside what the register can hold with a message in French and
English and exit 1 (cli.parser.ValueRefused): a year 0 or 99999, a horizon of a billion
days or an id beyond SQLite's 64-bit integers would otherwise reach the date arithmetic or
the database and end as an internal error. The bounds leave room for the sums the commands
make (a date plus a horizon plus a certificate's cycle stays far below 31/12/9999).
"""

from __future__ import annotations

from datetime import date

from cedre_desk.audits.dates import parse_date
from cedre_desk.cli.parser import ValueRefused
from cedre_desk.errors import shown

FIRST_YEAR = 1900
LAST_YEAR = 2999
MAX_DAYS = 36_500  # a hundred years: any horizon or reminder a person means
MAX_COUNT = 1_000_000
MAX_ID = 2**63 - 1  # SQLite's (and PostgreSQL's BIGINT) largest integer
_MAX_DIGITS = 30  # int() of a million digits is slow: refuse long text before reading it


def _whole(text: str, what_fr: str, what_en: str, low: int, high: int) -> int:
    stripped = text.strip()
    value = None
    if len(stripped) <= _MAX_DIGITS:
        try:
            value = int(stripped)
        except ValueError:
            value = None
    if value is None or not low <= value <= high:
        raise ValueRefused(
            f"{what_fr} invalide : {_shown(text)} (entier de {low} à {high}) / "
            f"invalid {what_en}: {_shown(text)} (whole number from {low} to {high})")
    return value


def _shown(text: str) -> str:
    return repr(shown(text, 41))


def date_argument(text: str) -> date:
    try:
        value = parse_date(text[:40])
    except (ValueError, OverflowError):
        raise ValueRefused(
            f"date invalide / invalid date: {_shown(text)} (AAAA-MM-JJ ou JJ/MM/AAAA)") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueRefused(
            f"date hors limites : {_shown(text)} (années {FIRST_YEAR} à {LAST_YEAR}) / date out"
            f" of range: {_shown(text)} (years {FIRST_YEAR} to {LAST_YEAR})")
    return value


def count_argument(text: str) -> int:
    return _whole(text, "nombre", "number", 0, MAX_COUNT)


def days_argument(text: str) -> int:
    return _whole(text, "nombre de jours", "number of days", 0, MAX_DAYS)


def year_argument(text: str) -> int:
    return _whole(text, "année", "year", FIRST_YEAR, LAST_YEAR)


def id_argument(text: str) -> int:
    return _whole(text, "identifiant", "id", 1, MAX_ID)


def seed_argument(text: str) -> int:
    return _whole(text, "graine", "seed", 0, 2**32 - 1)
