"""A hand-kept workbook with no companies sheet: a members' list and a committee sheet, both
read flat, so that both may make companies. A name must mean the same record on every sheet:
a group named in the committee sheet's "Structure" column is the group (never a new company
of that name), and a company named once with its town and once without is one company, unless
two companies of that name live in different towns (then the row is refused, named)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import CertificationGroup, Company, Decision
from tests.services.test_importing_layouts import TODAY, book, counts

MEMBERS = ["N°", "Nom de la structure", "Ville", "Groupe"]
COMMITTEE = ["Date du comité", "Lieu", "Structure", "Avis du comité"]


def _workbook(path: Path, members: list[list[Any]], committee: list[list[Any]], *,
              committee_first: bool = False) -> Path:
    sheets = {"Adhérents 2016": [MEMBERS, *members], "Comité 2015-2016": [COMMITTEE, *committee]}
    if committee_first:
        sheets = dict(reversed(list(sheets.items())))
    return book(path, sheets)


def _decided(db) -> set[tuple[str, str | None]]:
    """(company or group name, its town) of each decision."""
    with db.engine.connect() as conn:
        companies = dict(conn.execute(sa.select(Company.id, Company.name)).all())
        towns = dict(conn.execute(sa.select(Company.id, Company.town)).all())
        groups = dict(conn.execute(sa.select(CertificationGroup.id,
                                             CertificationGroup.name)).all())
        rows = conn.execute(sa.select(Decision.company_id, Decision.group_id)).all()
    return {(companies[c], towns[c]) if c is not None else (groups[g], None) for c, g in rows}


def _companies(db) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        return sorted(conn.execute(sa.select(Company.name, Company.town)).all())


MEMBER_ROWS = [[1, "Atelier du Lac", "Annecy", ""],
               [2, "Régie Nord Isère", "Bourgoin", "Groupe Alpes"],
               [3, "Chantier Belledonne", "Grenoble", "Groupe Alpes"],
               [4, "Insertion Vercors", "Villard-de-Lans", ""]]
COMMITTEE_ROWS = [["19/11/2015", "Paris", "Groupe Alpes", "Certification accordée"],
                  ["09/06/2016", "Lyon", "Insertion Vercors", "Certification accordée"]]


def test_a_group_in_the_committee_sheet_is_the_group_not_a_new_company(db, tmp_path):
    path = _workbook(tmp_path / "suivi.xlsx", MEMBER_ROWS, COMMITTEE_ROWS)
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts == counts(companies=4, groups=1, sessions=2, decisions=2)
    assert ("Groupe Alpes", None) in _decided(db)
    assert [name for name, _town in _companies(db)] == [
        "Atelier du Lac", "Chantier Belledonne", "Insertion Vercors", "Régie Nord Isère"]
    summary = import_summary(result, "fr")
    assert "« Groupe Alpes » est un groupe : la ligne est lue comme celle du groupe." in summary
    # Said once for its row, and the row counted as the group's decision, not a company.
    assert summary.count("« Groupe Alpes » est un groupe") == 1
    committee = next(s for s in result.sheets if s.sheet == "Comité 2015-2016")
    assert committee.records["companies"] == 1 and committee.records["decisions"] == 2


def test_the_group_is_found_whichever_sheet_comes_first(db, tmp_path):
    path = _workbook(tmp_path / "suivi.xlsx", MEMBER_ROWS, COMMITTEE_ROWS,
                     committee_first=True)
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts == counts(companies=4, groups=1, sessions=2, decisions=2)
    assert _decided(db) == {("Groupe Alpes", None), ("Insertion Vercors", "Villard-de-Lans")}


def test_a_company_named_without_its_town_is_the_one_of_that_name(db, tmp_path):
    """The committee sheet names "Insertion Vercors" without a town: the one company of that
    name, made from the members' row that gives its town, whichever sheet comes first."""
    for first in (False, True):
        path = _workbook(tmp_path / f"suivi-{first}.xlsx", MEMBER_ROWS, COMMITTEE_ROWS,
                         committee_first=first)
        result = ImportService(db).run(path, today=TODAY, dry_run=True)
        assert result.ok, result.problems
        assert result.counts == counts(companies=4, groups=1, sessions=2, decisions=2)
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert ("Insertion Vercors", "Villard-de-Lans") in _companies(db)
    assert ("Insertion Vercors", "Villard-de-Lans") in _decided(db)


def test_a_name_without_a_town_shared_by_two_companies_is_refused_with_its_row(db, tmp_path):
    path = _workbook(tmp_path / "suivi.xlsx", [
        *MEMBER_ROWS, [5, "Insertion Vercors", "Die", ""]], COMMITTEE_ROWS)
    for dry_run in (True, False):
        result = ImportService(db).run(path, today=TODAY, dry_run=dry_run)
        assert not result.ok and not result.written
        (problem,) = result.problems
        assert (problem.sheet, problem.row) == ("Comité 2015-2016", 3)
        assert problem.fr == ("structure ambiguë : plusieurs structures s'appellent « Insertion "
                              "Vercors » (Die, Villard-de-Lans) ; indiquez sa ville ou son "
                              "SIRET.")
        assert problem.en == ("ambiguous company: several companies are named “Insertion "
                              "Vercors” (Die, Villard-de-Lans); give its town or its SIRET.")
    assert _companies(db) == []
