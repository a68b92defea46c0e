"""Calendar arithmetic and the two date spellings the federation uses.

Every due date of the cycle is "so many months after" a decision, and a month has no fixed
length: adding months clamps to the end of the month (29 Feb 2024 + 12 months = 28 Feb 2025;
31 Jan + 1 month = 28 or 29 Feb), which is what people mean by "one year after". Interface
text and exports show dates the French way (22/11/2026); hand-kept workbooks hold both forms.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from functools import lru_cache

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Day and month may lose their leading zero when typed by hand ("2/3/2026").
_FRENCH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def add_months(d: date, months: int) -> date:
    """`d` moved by `months` (negative moves back), clamped to the last day of the month.

    Clamping instead of overflowing into the next month means a follow-up is never due later
    than the anniversary month. (rrule is avoided on purpose: it skips months that lack the
    day instead of clamping.) This is dateutil's relativedelta(months=n) rule, written out
    because the due list calls it for every event of every company: relativedelta cost
    about 20 µs a call, this about 1 µs; a property test checks both agree on every date.
    Raises ValueError past year 9999 or before year 1.
    """
    return _add_months(d, months)


# The due list asks for the same few hundred (day, months) pairs again and again: decisions
# fall on committee days, so certificates share their start and end days (on the reference
# register of 20,000 companies, 393 distinct pairs in 56,863 calls). A pure function, so
# caching is safe. 8,192 entries (about 1.5 MB at most) leave twenty times that room; a
# register with more distinct days only loses some of the gain, never a right answer.
@lru_cache(maxsize=8192)
def _add_months(d: date, months: int) -> date:
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    return d.replace(year=year, month=month, day=min(d.day, monthrange(year, month)[1]))


def format_fr(d: date | None) -> str:
    """The French spelling "22/11/2026"; an empty cell for a missing date."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(text: str) -> date:
    """A date typed as ISO "2026-11-22" or French "22/11/2026".

    Raises ValueError for anything else, including impossible dates (31/02/2015): a date
    silently shifted to the next valid day would move a deadline without anyone noticing.
    """
    cleaned = text.strip()
    iso = _ISO.fullmatch(cleaned)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    else:
        french = _FRENCH.fullmatch(cleaned)
        if not french:
            raise ValueError(f"not a date (expected 22/11/2026 or 2026-11-22): {text!r}")
        day, month, year = (int(part) for part in french.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(f"impossible date: {text!r} ({error})") from error
