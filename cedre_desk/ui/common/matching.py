"""The one way to find a company or a group by typing: blind to case and accents, every
typed word somewhere in the name, the SIRET or the town, in any order.

The companies list's search and every chooser of a company or a group (the audit editor's
among them) use these three functions, so "ebene orleans" finds "Atelier Ébène — Orléans"
wherever it is typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cedre_desk.ui.common.table_model import fold


def haystack(*parts: str | None) -> str:
    """What a typed word is looked for in: the parts, folded, once per load."""
    return fold(" ".join(part for part in parts if part))


def search_words(text: str) -> list[str]:
    """The words typed, folded the same way as the haystacks."""
    return fold(text).split()


def matching(haystacks: Sequence[str], words: Sequence[str],
             among: Iterable[int] | None = None) -> list[int]:
    """The positions of the haystacks holding every word (all of them for no word), looked
    for `among` the given positions only when given (a search narrowed by more typing).
    One list comprehension per word: no Python call per row, 20,000 rows in milliseconds."""
    candidates: Iterable[int] = range(len(haystacks)) if among is None else among
    for word in words:
        candidates = [i for i in candidates if word in haystacks[i]]
    return list(candidates)
