"""What the two engines do differently, written once (storage.stored_text,
storage.sql_functions): each test runs in the SQLite pass and in the PostgreSQL pass of
scripts/test, and failed on PostgreSQL before its fix."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from cedre_desk.services.committees import CommitteeService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.storage.models import CommitteeSession, CompanyLegalType, LegalType
from cedre_desk.storage.sql_functions import joined_texts
from cedre_desk.storage.stored_text import stored_text


def test_a_date_is_read_as_its_iso_text_on_both_engines(db):
    CommitteeService(db).create_session(date(2024, 2, 29), "Paris")
    with db.reading() as session:
        day = session.execute(sa.select(stored_text(CommitteeSession.held_on))).scalar()
    assert day == "2024-02-29"  # PostgreSQL returned a date, the readers expect the text


def test_texts_of_a_group_are_joined_on_both_engines(db):
    CompanyService(db).create(CompanyInput(name="AGIRE", town="Rouen",
                                           legal_types=(LegalType.ETTI, LegalType.AI)))
    with db.reading() as session:
        joined = session.execute(sa.select(joined_texts(CompanyLegalType.legal_type, ", "))
                                 ).scalar()
    assert sorted(joined.split(", ")) == ["AI", "ETTI"]  # no group_concat on PostgreSQL


def test_after_an_import_gives_ids_the_next_company_gets_a_free_one(db, tmp_path):
    from openpyxl import Workbook

    from cedre_desk.services.importing.workbook_import import ImportService

    workbook = Workbook()
    workbook.active.title = "Suivi"
    workbook.active.append(["Raison sociale", "Ville"])
    workbook.active.append(["VILLETTE EMPLOI", "Paris (75)"])
    workbook.save(tmp_path / "suivi.xlsx")
    assert ImportService(db).run(tmp_path / "suivi.xlsx", today=date(2016, 6, 1)).ok
    # The import chose the ids itself; PostgreSQL's sequence stayed behind and the next
    # company took an id already used.
    added = CompanyService(db).create(CompanyInput(name="ISIS", town="Istres"))
    assert sorted(r.name for r in CompanyService(db).rows()) == ["ISIS", "VILLETTE EMPLOI"]
    assert added == max(r.id for r in CompanyService(db).rows())


def test_names_differing_only_in_accented_capitals_are_the_same_on_both_engines(db):
    from cedre_desk.errors import UserError

    service = CompanyService(db)
    service.create(CompanyInput(name="École du Sud", town="Nîmes"))
    # SQLite's lower() folded ASCII only: 'ÉCOLE' and 'école' were two names there, one name
    # on PostgreSQL.
    try:
        service.create(CompanyInput(name="ÉCOLE DU SUD", town="Nîmes"))
    except UserError:
        pass
    else:
        raise AssertionError("a duplicate name differing only in case was accepted")


def test_an_over_long_email_is_refused_by_the_services_on_both_engines(db):
    from cedre_desk.errors import ValidationError

    # SQLite kept it; PostgreSQL's VARCHAR(200) raised a bare DataError (a crash dialog).
    try:
        CompanyService(db).create(CompanyInput(name="LONG", email="a" * 300 + "@exemple.fr"))
    except ValidationError as refused:
        assert "au plus 200" in refused.fr
    else:
        raise AssertionError("an e-mail longer than its column was accepted")
    assert CompanyService(db).rows() == []
