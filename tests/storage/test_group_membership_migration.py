"""Migration 0003: group memberships get `joined_on` and `left_on`; the memberships a register
already holds get neither (member since always, member still), so nothing they shared moves."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from cedre_desk.services import due
from cedre_desk.storage.opening import open_register

FIXTURES = Path(__file__).parents[1] / "fixtures" / "registers"


def _memberships(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT * FROM group_member ORDER BY group_id, company_id").fetchall()


def test_a_0002_register_keeps_its_memberships_with_no_dates(tmp_path: Path):
    path = tmp_path / "schema-0002.sqlite"
    shutil.copyfile(FIXTURES / "schema-0002.sqlite", path)
    with closing(sqlite3.connect(path)) as conn:
        before = conn.execute(
            "SELECT group_id, company_id FROM group_member ORDER BY 1, 2").fetchall()
    assert before

    db = open_register(path)  # upgraded here, after a backup
    try:
        backups = list(path.parent.glob(f"{path.name}.backups/*.sqlite"))
        assert backups, "the upgrade runs after a backup copy"
        assert _memberships(path) == [(g, c, None, None) for g, c in before]
        # Undated, every member shares every decision of its group, as before the upgrade.
        with db.engine.connect() as conn:
            facts = due._read_facts(conn, None)
            group_decisions = conn.execute(sa.text(
                "SELECT group_id, held_on FROM decision JOIN committee_session s"
                " ON s.id = session_id WHERE group_id IS NOT NULL")).all()
        assert group_decisions
        for group_id, held_on in group_decisions:
            for member in (c for g, c in before if g == group_id):
                assert date.fromisoformat(held_on) in {
                    fact.on for fact in facts.decisions[member]}
    finally:
        db.close()


def test_the_0003_fixture_holds_a_membership_that_ended():
    assert (1, 8, None, "2026-09-30") in _memberships(FIXTURES / "schema-0003.sqlite")


@pytest.mark.sqlite_only(reason="written with sqlite3 on the register file; the CHECK comes "
                                "from the same migration on both engines")
def test_a_membership_cannot_end_before_it_starts(db):
    path = Path(db.engine.url.database or "")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("INSERT INTO company (name, region, department, town, contact_name, email,"
                     " phone, active, notes, version) VALUES ('A', '', '', '', '', '', '', 1,"
                     " '', 1)")
        conn.execute("INSERT INTO certification_group (name, notes, version) VALUES ('G', '', 1)")
        with pytest.raises(sqlite3.IntegrityError, match="left_after_joined"):
            conn.execute("INSERT INTO group_member VALUES (1, 1, '2016-01-01', '2015-12-31')")
        conn.execute("INSERT INTO group_member VALUES (1, 1, '2016-01-01', '2016-01-01')")
