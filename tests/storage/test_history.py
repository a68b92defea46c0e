"""Every change through a register session leaves its history, in the same transaction."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cedre_desk.storage.models import Auditor, Change


def history(db) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.execute(sa.select(Change.action, Change.table_name, Change.field,
                                      Change.before, Change.after, Change.user)
                            .where(Change.table_name == "auditor").order_by(Change.id)).all()


def test_insert_update_delete_are_recorded(db):
    with db.transaction() as session:
        auditor = Auditor(name="Anne", email="")
        session.add(auditor)
    with db.transaction() as session:
        session.get(Auditor, auditor.id).email = "anne@example.org"
    with db.transaction() as session:
        session.delete(session.get(Auditor, auditor.id))
    rows = history(db)
    assert ("insert", "auditor", "name", None, "Anne", "testeur") in rows
    assert ("update", "auditor", "email", "", "anne@example.org", "testeur") in rows
    assert rows[-1][0] == "delete" and '"name": "Anne"' in rows[-1][3]
    assert all(r[2] != "version" for r in rows)


def test_a_rolled_back_change_leaves_no_history(db):
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.add(Auditor(name="Bruno", email=""))
        session.flush()
        raise RuntimeError("abandon")
    assert history(db) == []


def test_the_history_of_a_record_includes_its_parts_oldest_first(db):
    from dataclasses import replace

    from cedre_desk.audits.vocabulary import LegalType
    from cedre_desk.services.companies import CompanyInput, CompanyService
    from cedre_desk.services.history import HistoryService

    companies = CompanyService(db)
    first = companies.create(CompanyInput(name="ISIS", town="Istres"))
    other = companies.create(CompanyInput(name="EMS"))
    record = companies.get(first)
    companies.update(first, replace(record.data, town="Ambert",
                                    legal_types=(LegalType.AI, LegalType.ETTI)), record.version)
    rows = HistoryService(db).for_record("company", first)
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    assert ("update", "town", "Istres", "Ambert") in [(r.action, r.field, r.before, r.after)
                                                       for r in rows]
    assert ("company_legal_type", f"{first}/ETTI") in [(r.table_name, r.record_id) for r in rows]
    assert all(r.record_id.split("/")[0] == str(first) for r in rows)
    assert all(r.user == "testeur" for r in rows)
    assert not any(r.record_id.startswith(str(other)) for r in rows)
    bare = HistoryService(db).for_record("company", first, with_parts=False)
    assert {r.table_name for r in bare} == {"company"}
    assert rows[0].local_at.tzinfo is not None


def test_the_whole_history_is_read_for_the_excel_register(db):
    from cedre_desk.services.companies import CompanyInput, CompanyService
    from cedre_desk.services.history import HistoryService

    CompanyService(db).create(CompanyInput(name="ISIS"))
    rows = HistoryService(db).all_rows()
    assert rows and [r.id for r in rows] == sorted(r.id for r in rows)
    assert {"company", "company_legal_type"} <= {r.table_name for r in rows}


def test_a_record_id_with_like_wildcards_matches_only_itself(db):
    from cedre_desk.services.history import HistoryService

    with db.transaction() as session:
        session.add(Auditor(name="_%", email=""))
    assert HistoryService(db).for_record("company", "%") == []
    assert HistoryService(db).for_record("company", "_") == []


def test_the_history_is_read_only_from_the_program(db):
    """No service offers to change or delete history rows."""
    import cedre_desk.services.history as module

    public = [name for name in dir(module.HistoryService) if not name.startswith("_")]
    assert public == ["all_rows", "for_record", "record_history"]
