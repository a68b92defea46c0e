"""Stored statuses on both engines: kept by the due list, dropped by the triggers when a fact
changes (SQLite's triggers, or PostgreSQL's from storage/server_status_triggers.py), and
never kept from a stale reading."""

from __future__ import annotations

import threading
from datetime import date

import sqlalchemy as sa

from cedre_desk.services.committees import CommitteeService
from cedre_desk.services.due import CycleService
from cedre_desk.services.status_store import StatusStore
from cedre_desk.storage.models import StoredStatus

TODAY = date(2026, 11, 22)


def _stored(db) -> set[int]:
    with db.engine.connect() as conn:
        return set(conn.scalars(sa.select(StoredStatus.company_id)))


def test_the_due_list_keeps_statuses_and_a_changed_fact_drops_them(world):
    db = world.db
    CycleService(db).due(TODAY)
    assert _stored(db) == {world.company_id}
    with db.engine.connect() as conn:
        assert set(StatusStore(db).read(conn, TODAY)) == {world.company_id}
    CommitteeService(db).create_session(date(2026, 12, 3), "Paris")  # a session: every row
    assert _stored(db) == set()


def test_a_status_read_before_a_fact_changed_is_not_kept(world):
    """The status is computed, then another user changes a fact before it is stored: the
    stale status must not be kept (SQLite refuses the stale snapshot; PostgreSQL's
    SERIALIZABLE transaction fails)."""
    db = world.db
    service = CycleService(db)
    original_keep = service.store.keep

    others = []

    def keep_after_a_change(conn, today, computed):
        other = threading.Thread(target=lambda: CommitteeService(db).create_session(
            date(2026, 12, 3), "Paris"))
        other.start()
        others.append(other)
        other.join(timeout=2)  # done on SQLite; on PostgreSQL it waits for this transaction
        original_keep(conn, today, computed)

    service.store.keep = keep_after_a_change  # type: ignore[method-assign]
    service.due(TODAY)
    others[0].join(timeout=30)
    assert not others[0].is_alive()
    assert _stored(db) == set()
