"""The dates a register holds: one rule for every entrance, so that a register's own export
always imports back.

The forms' saves (the services), the import of a workbook and the window's date fields all
take their range from `DateLimits`; a date outside it is a typing slip (2150, 0015, 31/12/1899),
refused with its field, the bound and the reason in French and English, nothing changed.

Why these bounds, from the federation's activity reports: the CEDRE story begins in 1996 (the
federation decides to make its members' quality legible), the formation-action in 1999, the
certification and its first referential in 2005. A certification date (an engagement, an
audit and its findings, a committee session and its decisions, a group membership, a coaching)
is taken from 1 January `first_year` (1990): six years before anything of CEDRE, room for a
register's notes of earlier quality work, and the bound the import has always used, so that
no workbook it took is refused now. A company's federation membership is no certification
date: a member since 1978 is common, so it goes back to `first_year_of_membership` (1900; 0978
stays a slip). No date is more than `years_ahead` (10) years after today: a session planned,
an action due or a certificate's expiry is never that far, and since today only moves forward
a date saved today still imports any later day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The fields whose dates are no certification dates (see the module's docstring).
MEMBERSHIP_FIELDS = frozenset({"member_since"})


@dataclass(frozen=True)
class DateLimits:
    """The first and last dates of each date field, as of `today` (never read here: passed)."""

    first_year: int = 1990
    first_year_of_membership: int = 1900
    years_ahead: int = 10

    def first_year_of(self, field: str) -> int:
        return self.first_year_of_membership if field in MEMBERSHIP_FIELDS else self.first_year

    def dates(self, today: date, field: str = "") -> tuple[date, date]:
        """The first and last dates `field` (any certification date when not given) holds."""
        last_year = min(today.year + self.years_ahead, date.max.year)
        last = today.replace(year=last_year, day=28 if today.month == 2 and today.day == 29
                             else today.day)
        return date(self.first_year_of(field), 1, 1), last

    def refusal(self, value: date | None, today: date, field: str, label_fr: str,
                label_en: str) -> tuple[str, str] | None:
        """The reason `value` is refused for `field` (French, English), None when it holds."""
        first, last = self.dates(today, field)
        return range_refusal(value, first, last, label_fr, label_en)


def range_refusal(value: date | None, first: date, last: date, label_fr: str, label_en: str
                  ) -> tuple[str, str] | None:
    """The one wording of a date outside its field's range, None when `value` is inside;
    without labels (under the field itself) the reason alone."""
    if value is None or first <= value <= last:
        return None
    fr = (f"{value:%d/%m/%Y} hors de la plage admise ({first:%d/%m/%Y} au {last:%d/%m/%Y}) : "
          "faute de frappe ?")
    en = (f"{value.isoformat()} outside the range allowed ({first.isoformat()} to "
          f"{last.isoformat()}): a typing slip?")
    return (f"{label_fr} : {fr}" if label_fr else fr[0].upper() + fr[1:],
            f"{label_en}: {en}" if label_en else en)

DATE_LIMITS = DateLimits()  # the register's rule; tests and benchmarks may widen theirs
