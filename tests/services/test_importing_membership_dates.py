"""A company can have been a member of the federation long before CEDRE existed (1996): its
"Adhérent depuis" goes back to 1900, while every certification date (audits, engagements,
committee sessions, decisions, group membership) before 1990 stays a typing slip. A year
like 0978 or 1078 is a slip for a membership too; the refusal names its field and bound."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from cedre_desk.audits.date_limits import DateLimits
from cedre_desk.imports.workbook import read_workbook
from cedre_desk.imports.workbook_fields import DATE_FIELDS
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Company
from tests.services.test_importing_layouts import TODAY, book

COMPANIES = ["Nom", "Ville", "Adhérent depuis"]


def _members_since(db) -> dict[str, date | None]:
    with db.engine.connect() as conn:
        return dict(conn.execute(sa.select(Company.name, Company.member_since)).all())


def test_a_membership_from_before_1990_is_imported_and_kept(db, tmp_path):
    path = book(tmp_path / "adherents.xlsx", {"Structures": [
        COMPANIES,
        ["ISIS", "Istres", "15/03/1978"],
        ["EMS", "Montauban", datetime(1978, 3, 15)],
        ["COUP DE MAIN", "Ambert", "01/01/1900"],
        ["GDID", "Salon de Provence", "1995-09-01"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert _members_since(db) == {"ISIS": date(1978, 3, 15), "EMS": date(1978, 3, 15),
                                  "COUP DE MAIN": date(1900, 1, 1),
                                  "GDID": date(1995, 9, 1)}


@pytest.mark.parametrize("day", ["31/12/1899", "15/03/0978", "0978-03-15", "15/03/1078"])
def test_a_membership_year_that_is_a_slip_is_refused_with_its_row_and_bound(db, tmp_path, day):
    path = book(tmp_path / "adherents.xlsx", {"Structures": [
        COMPANIES, ["ISIS", "Istres", "15/03/1978"], ["EMS", "Montauban", day]]})
    for dry_run in (True, False):
        result = ImportService(db).run(path, today=TODAY, dry_run=dry_run)
        assert not result.ok and not result.written
        (problem,) = result.problems
        assert problem.row == 3
        assert problem.fr.startswith("Adhérent depuis : ")
        assert "hors de la plage admise (01/01/1900 au " in problem.fr
        assert problem.en.startswith("Member since: ")
        assert "outside the range allowed (1900-01-01 to " in problem.en
    assert _members_since(db) == {}


@pytest.mark.parametrize(("header", "cell", "label"), [
    ("Date d'audit", "10/06/1985", "Date (début) de l'audit"),
    ("Entrée dans la démarche", "10/06/1985", "Entrée dans la démarche"),
    ("Date du comité", "13/06/1985", "Date du comité"),
])
def test_a_certification_date_before_1990_is_still_a_slip(db, tmp_path, header, cell, label):
    """On the same row as a 1978 membership, which is no problem: only the certification
    date is refused, with the 1990 bound."""
    path = book(tmp_path / "suivi.xlsx", {"Suivi": [
        [*COMPANIES, "Type d'audit", "Décision", header],
        ["ISIS", "Istres", "15/03/1978", "initial", "Accordée", cell],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert not result.ok and not result.written
    (problem,) = result.problems
    assert problem.row == 2
    assert problem.fr.startswith(f"{label} : ")
    assert "hors de la plage admise (01/01/1990 au " in problem.fr
    assert "(1990-01-01 to " in problem.en
    assert _members_since(db) == {}


def test_group_entry_before_1990_is_still_a_slip(db, tmp_path):
    path = book(tmp_path / "ges.xlsx", {"Structures": [
        [*COMPANIES, "Groupe", "Entrée dans le groupe"],
        ["VILLETTE EMPLOI", "Paris", "15/03/1978", "GES Villette", "15/03/1978"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    (problem,) = result.problems
    assert problem.fr.startswith("Entrée dans le groupe : 15/03/1978 hors de la plage admise "
                                 "(01/01/1990 au ")


def test_only_the_membership_date_goes_back_before_1990():
    limits = DateLimits()
    firsts = {field: limits.dates(TODAY, field)[0] for field in DATE_FIELDS}
    assert firsts.pop("member_since") == date(1900, 1, 1)
    assert set(firsts.values()) == {date(1990, 1, 1)}
    assert limits.dates(TODAY, "member_since")[1] == limits.dates(TODAY, "audit_start")[1]


def test_the_membership_bound_is_a_setting_of_its_own(tmp_path):
    path = book(tmp_path / "adherents.xlsx", {"Structures": [
        COMPANIES, ["ISIS", "Istres", "15/03/1948"]]})
    assert not read_workbook(path, today=TODAY).problems
    assert not read_workbook(path, today=TODAY, limits=DateLimits(first_year=1995)).problems
    (problem,) = read_workbook(
        path, today=TODAY, limits=DateLimits(first_year_of_membership=1950)).problems
    assert "(01/01/1950 au " in problem.fr


def _serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days  # Excel's 1900 date system


def test_a_membership_kept_as_a_bare_serial_number_follows_the_membership_bound(db, tmp_path):
    """A date cell that lost its format is a bare number: it is read as a date within its
    field's own range (DateLimits), a membership from 1900 like a typed one, not from a
    separate window of its own (which refused a member since 1948)."""
    path = book(tmp_path / "adherents.xlsx", {"Structures": [
        COMPANIES, ["ISIS", "Istres", _serial(date(1948, 3, 15))],
        ["EMS", "Montauban", str(_serial(date(1978, 3, 15)))],
        ["GDID", "Salon de Provence", float(_serial(date(1900, 1, 2)))]]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert _members_since(db) == {"ISIS": date(1948, 3, 15), "EMS": date(1978, 3, 15),
                                  "GDID": date(1900, 1, 2)}


def test_a_serial_number_outside_its_field_is_no_date(db, tmp_path):
    """The same number is a membership date and no committee date: each field's range."""
    number = _serial(date(1948, 3, 15))
    path = book(tmp_path / "comites.xlsx", {"Suivi": [
        ["Structure", "Ville", "Date du comité", "Décision"],
        ["ISIS", "Istres", number, "Accordée"], ["EMS", "Montauban", 12, "Accordée"]]})
    result = ImportService(db).run(path, today=TODAY)
    assert not result.ok and not result.written
    assert [(p.row, p.fr, p.en) for p in result.problems] == [
        (2, f"Date du comité : le nombre {number} n'est pas une date (une date de ce champ va "
            "du 01/01/1990 au 31/12/2026).",
         f"Committee date: the number {number} is not a date (a date of this field is from "
         "1990-01-01 to 2026-12-31)."),
        (3, "Date du comité : le nombre 12 n'est pas une date (une date de ce champ va du "
            "01/01/1990 au 31/12/2026).",
         "Committee date: the number 12 is not a date (a date of this field is from "
         "1990-01-01 to 2026-12-31).")]
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Company)) == 0
