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
