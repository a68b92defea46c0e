"""Migration 0005: an index on finding(level, audit_id), which the committees' agenda reads
the audits with a major nonconformity from. On both engines a 0004 register gets it and keeps
every row; on SQLite the agenda's query reads that set from it."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.demo.generate import generate_demo
from cedre_desk.services.register import create_register, open_or_create
from cedre_desk.storage import migrate
from cedre_desk.storage.opening import open_register
from cedre_desk.storage.server import engine_url

FIXTURES = Path(__file__).parents[1] / "fixtures" / "registers"
INDEX = "ix_finding_level_audit_id"
TODAY = date(2026, 11, 22)


def _sqlite_indexes(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'finding'")}


def test_a_0004_register_gets_the_index_after_a_backup(tmp_path: Path):
    path = tmp_path / "schema-0004.sqlite"
    shutil.copyfile(FIXTURES / "schema-0004.sqlite", path)
    assert INDEX not in _sqlite_indexes(path)
    open_register(path).close()  # upgraded here
    assert INDEX in _sqlite_indexes(path)
    assert list(path.parent.glob(f"{path.name}.backups/*.sqlite")), "a backup comes first"


def test_the_agenda_reads_the_major_nonconformities_from_the_index(tmp_path: Path):
    """EXPLAIN QUERY PLAN of the agenda's own query, as the services compile it: without the
    index it reads every finding ("SCAN finding")."""
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
    assert f"COVERING INDEX {INDEX} (level=?)" in plan, plan
    assert "SCAN finding" not in plan, plan


def test_a_0004_register_on_the_server_gets_the_index_and_keeps_its_agenda(server_url: str):
    db = create_register(server_url)
    try:
        generate_demo(db, companies=30, seed=3, today=TODAY)
        before = AgendaService(db).files_ready(TODAY)
    finally:
        db.close()
    engine = sa.create_engine(engine_url(server_url))
    count = "SELECT count(*) FROM finding"
    indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'finding'"
    try:
        with engine.begin() as conn:  # the register as schema 0004 left it
            conn.exec_driver_sql(f"DROP INDEX {INDEX}")
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0004'")
            findings = conn.exec_driver_sql(count).scalar()
        again = open_or_create(server_url, create=False)  # upgraded here
        try:
            assert AgendaService(again).files_ready(TODAY) == before
        finally:
            again.close()
        with engine.connect() as conn:
            assert INDEX in set(conn.exec_driver_sql(indexes).scalars())
            assert conn.exec_driver_sql(count).scalar() == findings
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                migrate.head_revision())
    finally:
        engine.dispose()
