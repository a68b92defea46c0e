"""Companies: validation in both languages, duplicates, edits, conflicts, delete and restore."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cedre_desk.audits.vocabulary import LegalType
from cedre_desk.errors import ConflictError, ValidationError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.storage.models import Change, Company

VALID_SIRET = "73282932000074"  # Luhn-valid


def count(db, model) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(model))


def test_create_and_read_back(db):
    service = CompanyService(db)
    company_id = service.create(CompanyInput(
        name="  AGIRE 76 ", legal_types=(LegalType.ETTI, LegalType.AI), siret="732 829 320 00074",
        region="Haute-Normandie", department="(76)", town="Bolbec", email="qualite@example.org"))
    record = service.get(company_id)
    assert record.data.name == "AGIRE 76"
    assert record.data.siret == VALID_SIRET
    assert record.data.department == "76"
    assert record.data.legal_types == (LegalType.AI, LegalType.ETTI)
    [row] = service.rows()
    assert row.legal_types in ("AI, ETTI", "ETTI, AI")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (CompanyInput(name=""), "name"),
        (CompanyInput(name="X", siret="73282932000075"), "siret"),
        (CompanyInput(name="X", siret="1234"), "siret"),
        (CompanyInput(name="X", email="pas une adresse"), "email"),
        (CompanyInput(name="X", department="99"), "department"),
        (CompanyInput(name="X", legal_types=()), "legal_types"),
        (CompanyInput(name="X" * 201), "name"),
    ],
)
def test_bad_input_is_refused_in_both_languages_and_changes_nothing(db, data, field):
    history = count(db, Change)
    with pytest.raises(ValidationError) as caught:
        CompanyService(db).create(data)
    assert caught.value.field == field
    assert caught.value.fr and caught.value.en and caught.value.fr != caught.value.en
    assert count(db, Company) == 0
    assert count(db, Change) == history


def test_duplicate_siret_and_duplicate_name_in_town_are_refused(db):
    service = CompanyService(db)
    service.create(CompanyInput(name="ISIS", siret=VALID_SIRET, town="Istres"))
    with pytest.raises(ValidationError) as caught:
        service.create(CompanyInput(name="Autre", siret=VALID_SIRET))
    assert caught.value.field == "siret" and "ISIS" in caught.value.fr
    with pytest.raises(ValidationError):
        service.create(CompanyInput(name="isis", town="Istres"))
    service.create(CompanyInput(name="ISIS", town="Ambert"))  # same name elsewhere is fine
    assert count(db, Company) == 2


def test_control_characters_are_stripped(db):
    service = CompanyService(db)
    company_id = service.create(CompanyInput(name="EMS\x00\x07 Montauban", notes="ligne\nsuivante"))
    record = service.get(company_id)
    assert record.data.name == "EMS Montauban"
    assert record.data.notes == "ligne\nsuivante"


def test_update_records_history_and_bumps_version(db):
    service = CompanyService(db)
    company_id = service.create(CompanyInput(name="COUP DE MAIN", town="Ambert"))
    record = service.get(company_id)
    new_version = service.update(company_id, CompanyInput(name="COUP DE MAIN", town="Thiers"),
                                 record.version)
    assert new_version == record.version + 1
    with db.engine.connect() as conn:
        rows = conn.execute(sa.select(Change.action, Change.field, Change.before, Change.after,
                                      Change.user).where(Change.table_name == "company",
                                                         Change.action == "update")).all()
    assert rows == [("update", "town", "Ambert", "Thiers", "testeur")]


def test_a_stale_edit_is_refused_and_changes_nothing(db):
    service = CompanyService(db)
    company_id = service.create(CompanyInput(name="APTIMA"))
    stale = service.get(company_id).version
    service.update(company_id, CompanyInput(name="APTIMA", town="Mantes la Jolie"), stale)
    with pytest.raises(ConflictError):
        service.update(company_id, CompanyInput(name="APTIMA", town="Paris"), stale)
    assert service.get(company_id).data.town == "Mantes la Jolie"


def test_a_failed_update_is_rolled_back_whole(db):
    service = CompanyService(db)
    company_id = service.create(CompanyInput(name="A", siret=VALID_SIRET))
    other = service.create(CompanyInput(name="B"))
    version = service.get(other).version
    with pytest.raises(ValidationError):
        service.update(other, CompanyInput(name="B", town="Paris", siret=VALID_SIRET), version)
    assert service.get(other).data.town == ""
    assert service.get(company_id).data.siret == VALID_SIRET


def test_delete_then_restore_under_the_same_id(db):
    service = CompanyService(db)
    company_id = service.create(CompanyInput(name="EMS", legal_types=(LegalType.EI,)))
    record = service.delete(company_id)
    assert service.rows() == []
    assert service.restore(record) == company_id
    assert service.get(company_id).data.legal_types == (LegalType.EI,)
    with db.engine.connect() as conn:
        actions = list(conn.scalars(sa.select(Change.action).where(
            Change.table_name == "company", Change.field.in_(["", "name"]))))
    assert actions == ["insert", "delete", "insert"]
