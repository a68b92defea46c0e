"""Which referential version applies on a date.

Re-exported by `cedre_desk.audits.cycle`. A company certified against V2 is renewed against V3:
an audit is always held against the version in force on the audit date, whatever version
the company was first certified against.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

T = TypeVar("T")


def version_in_force(versions: Sequence[tuple[T, date]], on: date) -> T | None:
    """The key of the latest version adopted on or before `on`; None if none was adopted yet.

    `versions` are (key, adopted_on) pairs in any order; of two versions adopted the same day,
    the one listed last wins (a correction entered after the original).
    """
    best: tuple[T, date] | None = None
    for key, adopted_on in versions:
        if adopted_on <= on and (best is None or adopted_on >= best[1]):
            best = (key, adopted_on)
    return None if best is None else best[0]
