"""Reading the dates hand-kept workbooks hold: real dates, text in three forms (22/11/2015,
2015-11-22, "22 novembre 2015"), a month and a year ("nov. 2015"), or a bare Excel serial
number, read as a date only when it falls within the field's own dates (DateLimits, the
register's one rule): a count, an amount or a postcode is no date.

Each reader raises `BadValue` with a French and an English reason; the caller turns that into
a rejected row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from cedre_desk.errors import shown
from cedre_desk.imports.workbook_values import BadValue, as_text, bare

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 31/12/1899 in Excel's 1900 system (its leap bug)
_SLASHED = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_WORDY = re.compile(r"(\d{1,2})(?:er)? ([a-zéû]+)\.? (\d{4})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.? (\d{4})")
MONTHS = {"janvier": 1, "janv": 1, "fevrier": 2, "fev": 2, "fevr": 2, "mars": 3, "avril": 4,
          "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
          "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
          "decembre": 12, "dec": 12}


class MonthOnly(date):
    """A date written with a month and a year only ("nov. 2015"): the month's first day, kept
    apart so that the reader can say so, or find that month's committee session."""



@dataclass(frozen=True)
class DateOrder:
    """What a column's text dates say about their day/month order.

    A French workbook writes day first. A column where some text date can only be month first
    ("04/13/2015") leaves the order of the others unclear: "03/04/2015" could be 3 April or
    4 March, and such dates are refused rather than guessed."""

    month_first_seen: str = ""  # an example of a date that reads only month first

    @property
    def unclear(self) -> bool:
        return bool(self.month_first_seen)


def column_date_order(values: Iterable[Any]) -> DateOrder:
    for value in values:
        if isinstance(value, str):
            match = _SLASHED.fullmatch(value.strip())
            if match and int(match.group(1)) <= 12 < int(match.group(2)):
                return DateOrder(match.group(0))
    return DateOrder()


def read_date(value: Any, order: DateOrder = DateOrder(), *, epoch: date = EXCEL_EPOCH,
              within: tuple[date, date] | None = None) -> date | None:
    """A real date, a dd/mm/yyyy (or dd.mm.yy, yyyy-mm-dd, "3 avril 2015") text, or an
    Excel serial number falling `within` the field's first and last dates (a bare number
    is no date without them); None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(float(value), epoch, within)
    text = as_text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{4,6}(?:[.,]0+)?", text):
        return _serial(float(text.replace(",", ".")), epoch, within)
    iso = _ISO.fullmatch(text)
    if iso:
        return _make(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
    slashed = _SLASHED.fullmatch(text)
    if slashed:
        first, second, year = int(slashed.group(1)), int(slashed.group(2)), slashed.group(3)
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        if first <= 12 < second:
            raise BadValue(
                f"date « {shown(text)} » : elle ne se lit que mois d'abord (mois {second} "
                "impossible) ; écrivez-la jour/mois/année.",
                f"date '{shown(text)}' only reads month first (there is no month {second}); "
                "write it day/month/year.")
        if order.unclear and first <= 12 and second <= 12 and first != second:
            raise BadValue(
                f"date « {shown(text)} » ambiguë : jour/mois ou mois/jour ? La colonne contient "
                f"aussi « {shown(order.month_first_seen)} », écrite mois d'abord. Écrivez-la "
                "sans ambiguïté (par exemple 3 avril 2015).",
                f"ambiguous date '{shown(text)}': day/month or month/day? The column also holds "
                f"'{shown(order.month_first_seen)}', written month first. Write it unambiguously "
                "(e.g. 2015-04-03).")
        return _make(full_year, second, first, text)
    wordy = _WORDY.fullmatch(bare(text))
    if wordy and wordy.group(2) in MONTHS:
        return _make(int(wordy.group(3)), MONTHS[wordy.group(2)], int(wordy.group(1)), text)
    month_year = _MONTH_YEAR.fullmatch(bare(text))
    if month_year and month_year.group(1) in MONTHS:
        return MonthOnly(int(month_year.group(2)), MONTHS[month_year.group(1)], 1)
    raise BadValue(f"« {shown(text)} » n'est pas une date (attendu : 22/11/2015).",
                   f"'{shown(text)}' is not a date (expected 22/11/2015).")


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue(f"date impossible : « {shown(text)} » (ce jour n'existe pas).",
                       f"impossible date: '{shown(text)}' (no such day).") from None


def _serial(serial: float, epoch: date, within: tuple[date, date] | None) -> date:
    """The day Excel's serial number `serial` counts from `epoch`; a number whose day falls
    outside the field's own dates (DateLimits) is no date of this register: a count, an
    amount, a postcode."""
    try:
        day = epoch + timedelta(days=int(serial))
    except OverflowError:
        day = None
    if day is None or within is None or not within[0] <= day <= within[1]:
        if within is None:
            raise BadValue(f"le nombre {serial:g} n'est pas une date.",
                           f"the number {serial:g} is not a date.")
        first, last = within
        raise BadValue(f"le nombre {serial:g} n'est pas une date (une date de ce champ va du "
                       f"{first:%d/%m/%Y} au {last:%d/%m/%Y}).",
                       f"the number {serial:g} is not a date (a date of this field is from "
                       f"{first.isoformat()} to {last.isoformat()}).")
    return day


