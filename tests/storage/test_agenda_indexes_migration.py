"""Migration 0005: the indexes a committee's agenda reads from, finding(level, audit_id) and
decision(audit_id, session_id) (which replaces the index on decision(audit_id) alone). On both
engines a 0004 register gets them and keeps every row and its agenda; on SQLite the agenda's
own query reads from them."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.demo.generate import generate_demo
from cedre_desk.services.register import create_register, open_or_create
from cedre_desk.storage import migrate
from cedre_desk.storage.opening import open_register
from cedre_desk.storage.server import engine_url

FIXTURES = Path(__file__).parents[1] / "fixtures" / "registers"
ON_LEVEL, ON_AUDIT = "ix_finding_level_audit_id", "ix_decision_audit_id_session_id"
REPLACED = "ix_decision_audit_id"
TODAY = date(2026, 11, 22)


def _sqlite_indexes(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_0004_register_gets_the_indexes_after_a_backup(tmp_path: Path):
    path = tmp_path / "schema-0004.sqlite"
    shutil.copyfile(FIXTURES / "schema-0004.sqlite", path)
    assert REPLACED in _sqlite_indexes(path)
    open_register(path).close()  # upgraded here
    indexes = _sqlite_indexes(path)
    assert {ON_LEVEL, ON_AUDIT} <= indexes and REPLACED not in indexes
    assert list(path.parent.glob(f"{path.name}.backups/*.sqlite")), "a backup comes first"


def test_the_agenda_reads_from_the_indexes(tmp_path: Path):
    """EXPLAIN QUERY PLAN of the agenda's own query, as the services run it: without the
    indexes it reads every finding ("SCAN finding") and each candidate's decision rows."""
    path = tmp_path / "schema-0005.sqlite"
    shutil.copyfile(FIXTURES / "schema-0005.sqlite", path)
    db = open_register(path)
    try:
        captured: list[tuple[str, object]] = []

        @sa.event.listens_for(db.engine, "before_cursor_execute")
        def keep(conn, cursor, statement, parameters, context, executemany):
            if "FROM finding" in statement and "committee_session" in statement:
                captured.append((statement, parameters))

        assert AgendaService(db).files_ready(TODAY)
        [(statement, parameters)] = captured
    finally:
        db.close()
    with closing(sqlite3.connect(path)) as conn:
        plan = " | ".join(row[3] for row in conn.execute(
            f"EXPLAIN QUERY PLAN {statement}", parameters))
    assert f"SEARCH finding USING COVERING INDEX {ON_LEVEL} (level=?)" in plan, plan
    assert f"SEARCH decision USING COVERING INDEX {ON_AUDIT} (audit_id=?)" in plan, plan
    assert "SCAN finding" not in plan, plan


def test_a_0004_register_on_the_server_gets_the_indexes_and_keeps_its_agenda(server_url: str):
    db = create_register(server_url)
    try:
        generate_demo(db, companies=30, seed=3, today=TODAY)
        before = AgendaService(db).files_ready(TODAY)
    finally:
        db.close()
    engine = sa.create_engine(engine_url(server_url))
    count = "SELECT count(*) FROM finding"
    indexes = "SELECT indexname FROM pg_indexes WHERE tablename IN ('finding', 'decision')"
    try:
        with engine.begin() as conn:  # back to schema 0004, by the migration's downgrade
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
            found = set(conn.exec_driver_sql(indexes).scalars())
            assert REPLACED in found and not {ON_LEVEL, ON_AUDIT} & found
            findings = conn.exec_driver_sql(count).scalar()
        again = open_or_create(server_url, create=False)  # upgraded here
        try:
            assert AgendaService(again).files_ready(TODAY) == before
        finally:
            again.close()
        with engine.connect() as conn:
            found = set(conn.exec_driver_sql(indexes).scalars())
            assert {ON_LEVEL, ON_AUDIT} <= found and REPLACED not in found
            assert conn.exec_driver_sql(count).scalar() == findings
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                migrate.head_revision())
    finally:
        engine.dispose()
