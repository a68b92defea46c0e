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
