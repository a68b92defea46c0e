"""Instant search and filters over the companies list, on keys computed once per load.

Each row gets a folded haystack (name, SIRET, town: lower case, no accents) and its filter
values; a keystroke then costs one pass of substring tests over plain strings, a few
milliseconds for 20,000 companies, so the list follows the typing with no delay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from cedre_desk.services.company_list import CompanyListRow
from cedre_desk.ui.common.matching import haystack, matching, search_words
from cedre_desk.ui.common.table_model import fold

NOT_CERTIFIED = "-"  # the scheme filter's value for companies without a certificate


@dataclass(frozen=True)
class Filters:
    text: str = ""
    region: str | None = None
    legal_type: str | None = None
    state: str | None = None  # a CompanyState value
    scheme: str | None = None  # a Scheme value, or NOT_CERTIFIED
    version: str | None = None

    def is_empty(self) -> bool:
        return self == Filters()


class CompanySearch:
    def __init__(self, rows: Sequence[CompanyListRow]) -> None:
        self.haystacks = [haystack(r.name, r.siret, r.town) for r in rows]
        self.regions = [r.region for r in rows]
        self.types = [r.legal_types for r in rows]
        self.states = [r.state.value for r in rows]
        self.schemes = [r.scheme.value if r.scheme else NOT_CERTIFIED for r in rows]
        self.versions = [r.version for r in rows]
        self._last: tuple[Filters, set[int]] | None = None

    def predicate(self, filters: Filters) -> Callable[[int], bool] | None:
        """A test on a row's index, or None when nothing is filtered."""
        if filters.is_empty():
            return None
        return self.matching_set(filters).__contains__

    def matching(self, filters: Filters) -> list[int]:
        """The indices of the rows that pass, in load order."""
        return sorted(self.matching_set(filters))

    def matching_set(self, filters: Filters) -> set[int]:
        """One list comprehension per condition over plain lists: no Python call per row.

        Typing extends the text: when only the text grew since the last search, only the
        rows that matched then are looked at again.
        """
        words = search_words(filters.text)
        previous = self._last
        among = previous[1] if previous is not None and _narrows(previous[0], filters) else None
        candidates: Iterable[int] = matching(self.haystacks, words, among)
        for wanted, values in ((filters.region, self.regions), (filters.state, self.states),
                               (filters.scheme, self.schemes),
                               (filters.version, self.versions)):
            if wanted is not None:
                candidates = [i for i in candidates if values[i] == wanted]
        if filters.legal_type is not None:
            types, wanted_type = self.types, filters.legal_type
            candidates = [i for i in candidates if wanted_type in types[i]]
        result = set(candidates)
        self._last = (filters, result)
        return result


def _narrows(before: Filters, now: Filters) -> bool:
    """True when `now` can only keep fewer rows than `before`: same choices, the text grown."""
    same_choices = (before.region, before.legal_type, before.state, before.scheme,
                    before.version) == (now.region, now.legal_type, now.state, now.scheme,
                                        now.version)
    return same_choices and fold(now.text).startswith(fold(before.text))
