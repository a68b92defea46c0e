"""Search as you type and the filters of the companies list, on precomputed keys."""

from __future__ import annotations

from datetime import date

from cedre_desk.audits.vocabulary import CompanyState, Scheme
from cedre_desk.services.company_list import CompanyListRow
from cedre_desk.ui.companies.search import NOT_CERTIFIED, CompanySearch, Filters


def row(id_: int, name: str, siret: str | None, town: str, region: str, types: tuple,
        state: CompanyState, scheme: Scheme | None, version: str) -> CompanyListRow:
    return CompanyListRow(id_, name, siret, types, region, "13", town, True, scheme, version,
                          state, None, date(2027, 1, 1), False, False)


ROWS = [
    row(1, "VILLETTE EMPLOI", "73282932000074", "Paris", "Île-de-France", ("AI", "ETTI"),
        CompanyState.CERTIFIED, Scheme.CEDRE, "V3"),
    row(2, "Coup de Main", None, "Ambert", "Auvergne", ("AI",), CompanyState.FOLLOW_UP_LATE,
        Scheme.CEDRE_ISO_9001, "V3 + ISO 9001 2015"),
    row(3, "ÉCLAT", "82934648500016", "Sète", "Languedoc", ("EI",), CompanyState.NOT_ENGAGED,
        None, ""),
]


def found(filters: Filters) -> list[int]:
    return [ROWS[i].id for i in CompanySearch(ROWS).matching(filters)]


def test_words_match_name_siret_or_town_in_any_case_and_without_accents():
    assert found(Filters("villette")) == [1]
    assert found(Filters("eclat")) == [3]
    assert found(Filters("sete")) == [3]
    assert found(Filters("7328293")) == [1]
    assert found(Filters("emploi paris")) == [1]
    assert found(Filters("emploi ambert")) == []
    assert found(Filters("  ")) == [1, 2, 3]


def test_filters_combine_with_the_search():
    assert found(Filters(region="Auvergne")) == [2]
    assert found(Filters(legal_type="AI")) == [1, 2]
    assert found(Filters(legal_type="ETTI")) == [1]
    assert found(Filters(state=CompanyState.NOT_ENGAGED.value)) == [3]
    assert found(Filters(scheme=Scheme.CEDRE_ISO_9001.value)) == [2]
    assert found(Filters(scheme=NOT_CERTIFIED)) == [3]
    assert found(Filters(version="V3")) == [1]
    assert found(Filters("main", legal_type="AI", region="Auvergne")) == [2]
    assert found(Filters("main", region="Île-de-France")) == []


def test_no_filter_means_no_predicate():
    assert CompanySearch(ROWS).predicate(Filters()) is None
