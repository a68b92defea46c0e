"""What the disk or SQLite refuses reaches the user as one clear message; nothing changes."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from cedre_desk.errors import RegisterError, UserError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage import engine as engine_module
from cedre_desk.storage.atomic import atomic_write, write_bytes_atomic
from cedre_desk.storage.disk_errors import (
    DamagedRegisterError,
    UnreadablePageError,
    disk_error,
    sqlite_error,
)
from cedre_desk.storage.engine import make_engine
from cedre_desk.storage.integrity import check_file
from cedre_desk.storage.models import Change
from cedre_desk.storage.opening import open_register

pytestmark = pytest.mark.sqlite_only(reason="SQLite's disk and busy errors of the register file")


def counts(db) -> tuple[int, int]:
    with db.engine.connect() as conn:
        return (conn.execute(sa.text("SELECT count(*) FROM company")).scalar_one(),
                conn.execute(sa.select(sa.func.count()).select_from(Change)).scalar_one())


def test_a_full_disk_in_a_service_is_a_clear_message_and_changes_nothing(db):
    CompanyService(db).create(CompanyInput(name="Avant"))
    before = counts(db)

    def tiny_disk(dbapi_connection, _record):  # SQLite's own "database or disk is full"
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 1}")

    sa.event.listen(db.engine, "connect", tiny_disk)
    db.engine.dispose()
    with pytest.raises(RegisterError) as caught:
        CompanyService(db).create(CompanyInput(name="Trop", notes="x" * 30_000))
    assert "disque" in caught.value.fr and "plein" in caught.value.fr
    assert "disk" in caught.value.en and "full" in caught.value.en
    assert "rien n'a été enregistré" in caught.value.fr
    assert counts(db) == before
    sa.event.remove(db.engine, "connect", tiny_disk)
    db.engine.dispose()
    CompanyService(db).create(CompanyInput(name="Après"))  # space freed: works again


def test_a_register_busy_beyond_the_timeout_is_a_clear_message(db, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    db.engine.dispose()
    db.engine = make_engine(db.path)
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(RegisterError) as caught:
            CompanyService(db).create(CompanyInput(name="Bloquée"))
        assert "occupé" in caught.value.fr and "busy" in caught.value.en
    finally:
        other.execute("ROLLBACK")
        other.close()
    CompanyService(db).create(CompanyInput(name="Libre"))


def test_writing_through_a_read_only_connection_is_a_clear_message(register_path: Path):
    create_register(register_path).close()
    engine = make_engine(register_path, read_only=True)
    with pytest.raises(RegisterError) as caught, engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO company (name) VALUES ('x')"))
    assert "lecture seule" in caught.value.fr and "read-only" in caught.value.en
    engine.dispose()


def test_a_page_damaged_while_open_asks_for_the_check_which_alone_declares_damage(
        register_path: Path):
    create_register(register_path).close()
    with closing(sqlite3.connect(register_path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("CREATE TABLE big (x)")
        conn.executemany("INSERT INTO big VALUES (?)", [("y" * 500,)] * 200)
        conn.commit()
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='big'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(register_path.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 64] = b"\x0d" + b"\xff" * 63  # a leaf page header gone wrong
    register_path.write_bytes(bytes(data))
    engine = make_engine(register_path)
    with pytest.raises(UnreadablePageError) as caught, engine.connect() as conn:
        conn.execute(sa.text("SELECT sum(length(x)) FROM big")).scalar()
    assert not isinstance(caught.value, DamagedRegisterError)
    assert "vérification complète" in caught.value.fr and "full check" in caught.value.en
    engine.dispose()
    assert not check_file(register_path).sound  # the check, run to its end, says damaged


def test_errors_that_are_bugs_are_not_disguised():
    try:
        sqlite3.connect(":memory:").execute("SELEC 1")
    except sqlite3.Error as exc:
        assert sqlite_error(exc, None) is None
    assert sqlite_error(ValueError("x"), None) is None


@pytest.mark.parametrize(("code", "fr", "en"), [
    (errno.ENOSPC, "Disque plein", "Disk full"),
    (errno.EACCES, "Accès refusé", "Access denied"),
    (errno.EROFS, "Accès refusé", "Access denied"),
    (errno.ENOENT, "introuvable", "not found"),
    (errno.EIO, "Impossible d'écrire", "Cannot write"),
])
def test_disk_errors_speak_both_languages(code: int, fr: str, en: str):
    error = disk_error(OSError(code, "x"), "la copie", "the copy")
    assert fr in error.fr and "la copie" in error.fr
    assert en in error.en and "the copy" in error.en


def test_an_atomic_write_that_fails_leaves_the_old_file(tmp_path: Path):
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target) as partial:
        partial.write_bytes(b"half")
        raise RuntimeError("killed half-way")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_an_atomic_write_on_a_full_disk_is_a_clear_message(tmp_path: Path, monkeypatch):
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old")

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(UserError) as caught:
        write_bytes_atomic(target, b"new", what_fr="l'export", what_en="the export")
    monkeypatch.undo()
    assert caught.value.fr.startswith("Disque plein") and "l'export" in caught.value.fr
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_an_atomic_write_replaces_the_whole_file(tmp_path: Path):
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old")
    write_bytes_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000 and list(tmp_path.iterdir()) == [target]


def test_a_register_whose_folder_vanished_is_a_clear_message(tmp_path: Path):
    folder = tmp_path / "usb"
    folder.mkdir()
    db = create_register(folder / "r.sqlite")
    db.engine.dispose()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    with pytest.raises(UserError) as caught:
        CompanyService(db).rows()
    assert "plus accessible" in caught.value.fr and "cannot be reached" in caught.value.en
    assert db.lock is not None
    db.lock.touch()  # the heartbeat meets the vanished folder without failing
    db.close()


def test_opening_a_register_with_an_unreadable_file_is_refused(register_path: Path,
                                                              monkeypatch):
    create_register(register_path).close()

    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(RegisterError) as caught:
        open_register(register_path)
    assert "lecture interdite" in caught.value.fr
