"""Opening registers: refusals, newer versions, migrations after a verified backup."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from cedre_desk.errors import RegisterError
from cedre_desk.paths import backups_dir
from cedre_desk.services.register import create_register
from cedre_desk.storage import lock, migrate
from cedre_desk.storage.backup import backup_file, quick_check
from cedre_desk.storage.engine import make_engine
from cedre_desk.storage.models import metadata
from cedre_desk.storage.opening import open_register


def test_the_migrations_build_exactly_the_models(register_path: Path):
    """A model changed without its migration would fail here."""
    create_register(register_path).close()
    engine = make_engine(register_path)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                metadata)
    engine.dispose()
    assert diff == []


@pytest.mark.sqlite_only(reason="the SQLite connection's pragmas")
def test_pragmas_are_set_on_every_connection(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO engagement (company_id, started_on, notes, version) "
                             "VALUES (999, '2020-01-01', '', 1)")


def test_a_register_from_a_newer_version_is_refused(register_path: Path):
    create_register(register_path).close()
    with closing(sqlite3.connect(register_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = register_path.read_bytes()
    with pytest.raises(RegisterError) as caught:
        open_register(register_path)
    assert "plus récente" in caught.value.fr and "newer" in caught.value.en
    assert register_path.read_bytes() == before
    assert not backups_dir(register_path).exists()


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path):
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(RegisterError) as caught:
        open_register(path)
    assert "pas un registre" in caught.value.fr


def test_a_damaged_register_is_refused_and_left_alone(register_path: Path):
    create_register(register_path).close()
    data = bytearray(register_path.read_bytes())
    data[5000:9000] = b"\xff" * 4000
    register_path.write_bytes(bytes(data))
    with pytest.raises(RegisterError) as caught:
        open_register(register_path)
    assert "endommagé" in caught.value.fr
    assert register_path.read_bytes() == bytes(data)


def test_an_old_register_is_backed_up_then_upgraded(register_path: Path, monkeypatch):
    """Pretend 0001 is an old schema: opening runs the upgrade after a verified backup."""
    create_register(register_path).close()
    with closing(sqlite3.connect(register_path)) as conn, conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    calls = []
    monkeypatch.setattr(migrate, "head_revision", lambda: "0002_pretend")
    monkeypatch.setattr(migrate, "is_known", lambda rev: True)
    monkeypatch.setattr("alembic.command.upgrade",
                        lambda config, target: calls.append(target) or None)
    backup = migrate.upgrade(register_path)
    assert calls == ["head"]
    assert backup is not None and backup.exists() and quick_check(backup)
    assert "avant-migration" in backup.name


def test_a_migration_that_breaks_foreign_keys_is_rolled_back(register_path: Path, monkeypatch):
    db = create_register(register_path)
    db.close()

    def breaking_upgrade(config, target):
        conn = config.attributes["connection"]
        conn.exec_driver_sql("INSERT INTO engagement (company_id, started_on, notes, version) "
                             "VALUES (424242, '2020-01-01', '', 1)")

    with closing(sqlite3.connect(register_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    monkeypatch.setattr(migrate, "head_revision", lambda: "0002_pretend")
    monkeypatch.setattr("alembic.command.upgrade", breaking_upgrade)
    with pytest.raises(RegisterError) as caught:
        migrate.upgrade(register_path)
    assert "engagement" in caught.value.fr
    with closing(sqlite3.connect(register_path)) as conn:
        assert conn.execute("SELECT count(*) FROM engagement").fetchone()[0] == 0


@pytest.mark.sqlite_only(reason="file backups; a server is backed up by pg_dump")
def test_backup_is_verified_and_atomic(db, tmp_path: Path, monkeypatch):
    target = tmp_path / "copies" / "copy.sqlite"
    backup_file(db.path, target)
    assert quick_check(target)
    assert not list(target.parent.glob("*.partial"))
    monkeypatch.setattr("cedre_desk.storage.backup.quick_check", lambda path: False)
    with pytest.raises(RegisterError):
        backup_file(db.path, tmp_path / "copies" / "bad.sqlite")
    assert not (tmp_path / "copies" / "bad.sqlite").exists()
    assert not list(target.parent.glob("*.partial"))


def test_create_refuses_an_unwritable_folder(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RegisterError):
        create_register(blocker / "sub" / "r.sqlite")


def test_a_read_only_register_refuses_writes(register_path: Path):
    create_register(register_path).close()
    db = open_register(register_path, read_only=True)
    with pytest.raises(RegisterError), db.transaction():
        pass
    db.close()


OLD_FIXTURE = Path(__file__).parents[1] / "fixtures" / "registers" / "schema-0001.sqlite"


def test_an_older_register_held_elsewhere_is_not_read_without_its_upgrade(tmp_path: Path):
    """Read-only because another program writes it, an older register cannot be upgraded
    here, and today's program cannot read its older tables: one clear message, the file as
    it was."""
    path = tmp_path / "ancien.sqlite"
    path.write_bytes(OLD_FIXTURE.read_bytes())
    before = path.read_bytes()
    # Held by a program on another computer, alive (its lock file was just touched).
    lock.lock_path(path).write_text(json.dumps({
        "user": "paul", "host": "PC-ACCUEIL", "pid": 4242, "token": "t-accueil",
        "since": datetime.now().astimezone().isoformat(timespec="seconds")}))
    with pytest.raises(RegisterError) as caught:
        open_register(path)
    assert "plus ancienne" in caught.value.fr and "older version" in caught.value.en
    assert path.read_bytes() == before


def test_an_older_register_asked_read_only_is_upgraded_first_when_it_can_be(tmp_path: Path):
    """`cedre-desk due` opens read-only: an older register nobody writes is upgraded (after
    its backup), then read."""
    path = tmp_path / "ancien.sqlite"
    path.write_bytes(OLD_FIXTURE.read_bytes())
    db = open_register(path, read_only=True)
    try:
        assert db.read_only
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                migrate.head_revision())
    finally:
        db.close()
    assert any("avant-migration" in p.name for p in backups_dir(path).iterdir())
    assert not Path(f"{path}.lock").exists()
