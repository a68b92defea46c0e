"""Restoring a copy: the current register kept aside first, never deleted; damaged ones set
aside untouched; a refused restore changes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cedre_desk.errors import RegisterError
from cedre_desk.paths import backups_dir
from cedre_desk.services import maintenance
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage import backup
from cedre_desk.storage.backup import quick_check
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.lock import lock_path
from cedre_desk.storage.opening import open_register

pytestmark = pytest.mark.sqlite_only(reason="restoring a file backup (a server: pg_restore)")


def names(db) -> list[str]:
    return [row.name for row in CompanyService(db).rows()]


@pytest.fixture
def with_copy(db) -> tuple[object, Path]:
    """A register holding "Avant" in its copy and "Avant", "Après" now."""
    CompanyService(db).create(CompanyInput(name="Avant"))
    copy = maintenance.backup_now(db.path)
    CompanyService(db).create(CompanyInput(name="Après"))
    return db, copy


def test_restore_in_the_window_keeps_the_current_register_and_can_be_undone(with_copy):
    db, copy = with_copy
    result = maintenance.restore_backup(db, copy)
    assert names(db) == ["Avant"]  # the same Database now reads the restored file
    assert result.kept is not None and not result.kept_damaged
    assert result.kept.parent == backups_dir(db.path) and "avant-restauration" in result.kept.name
    CompanyService(db).create(CompanyInput(name="Après la restauration"))  # still writable
    maintenance.restore_backup(db, result.kept)  # the undo
    assert sorted(names(db)) == ["Après", "Avant"]


def test_a_damaged_backup_is_refused_and_nothing_changes(with_copy, tmp_path: Path):
    db, copy = with_copy
    damaged = tmp_path / "abimee.sqlite"
    damaged.write_bytes(copy.read_bytes()[:8192])
    before = db.path.read_bytes()
    with pytest.raises(RegisterError) as caught:
        maintenance.restore_backup(db, damaged)
    assert "endommagée" in caught.value.fr
    assert sorted(names(db)) == ["Après", "Avant"] and db.path.read_bytes() == before
    assert not [c for c in maintenance.list_backups(db.path) if c.reason == "avant-restauration"]


@pytest.mark.parametrize("content", [b"", b"id;nom\n1;ISIS\n"])
def test_a_file_that_is_not_a_backup_is_refused(with_copy, tmp_path: Path, content: bytes):
    db, _ = with_copy
    other = tmp_path / "autre.sqlite"
    other.write_bytes(content)
    with pytest.raises(RegisterError) as caught:
        maintenance.restore_backup(db, other)
    assert "pas une sauvegarde" in caught.value.fr and "not a backup" in caught.value.en
    assert sorted(names(db)) == ["Après", "Avant"]


def test_a_backup_from_a_newer_version_is_refused(with_copy):
    db, copy = with_copy
    with closing(sqlite3.connect(copy)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(RegisterError) as caught:
        maintenance.restore_backup(db, copy)
    assert "plus récente" in caught.value.fr
    assert sorted(names(db)) == ["Après", "Avant"]


def test_a_read_only_register_cannot_be_restored(with_copy):
    db, copy = with_copy
    db.close()
    reader = open_register(db.path, read_only=True)
    with pytest.raises(RegisterError):
        maintenance.restore_backup(reader, copy)
    reader.close()


def test_restore_from_the_command_line_is_refused_while_another_program_writes(with_copy):
    db, copy = with_copy  # `db` holds the lock, as another program would
    import subprocess
    import sys

    code = ("import sys, getpass; from cedre_desk.services import maintenance; "
            "from cedre_desk.errors import RegisterError\n"
            "try:\n maintenance.restore_file(sys.argv[1], sys.argv[2], user='jean')\n"
            "except RegisterError as e:\n print(e.fr)")
    result = subprocess.run([sys.executable, "-c", code, str(db.path), str(copy)],
                            capture_output=True, text=True, check=True)
    assert "ouvert en écriture par testeur" in result.stdout
    assert sorted(names(db)) == ["Après", "Avant"]


def test_a_damaged_register_is_set_aside_untouched_then_replaced(register_path: Path):
    db = create_register(register_path)
    CompanyService(db).create(CompanyInput(name="Sauvée"))
    db.close()
    copy = maintenance.backup_now(register_path)
    data = bytearray(register_path.read_bytes())
    data[5000:9000] = b"\xff" * 4000
    register_path.write_bytes(bytes(data))
    with pytest.raises(DamagedRegisterError):
        open_register(register_path)
    newest = maintenance.newest_sound_backup(register_path)
    assert newest is not None and newest.path == copy
    result = maintenance.restore_file(register_path, newest.path, user="jean")
    assert result.kept_damaged and result.kept is not None
    assert result.kept.parent == register_path.parent
    assert "endommage" in result.kept.name and result.kept.read_bytes() == bytes(data)
    reopened = open_register(register_path)
    assert names(reopened) == ["Sauvée"]
    reopened.close()
    assert not lock_path(register_path).exists()


def test_setting_aside_moves_the_journal_files_with_the_register(register_path: Path):
    create_register(register_path).close()
    wal = Path(f"{register_path}-wal")
    wal.write_bytes(b"journal")
    aside = maintenance.set_aside_damaged(register_path)
    assert not register_path.exists() and not wal.exists()
    assert Path(f"{aside}-wal").read_bytes() == b"journal"


def test_the_newest_sound_backup_skips_damaged_copies(register_path: Path):
    create_register(register_path).close()
    older = backup.backup_register(register_path, backup.MANUAL)
    newer = backup.backup_register(register_path, backup.MANUAL)
    newer.write_bytes(newer.read_bytes()[:4096])
    found = maintenance.newest_sound_backup(register_path)
    assert found is not None and found.path == older


def test_restore_never_replaces_a_file_that_is_not_a_register(db, tmp_path: Path):
    copy = maintenance.backup_now(db.path)
    text = tmp_path / "notes.sqlite"
    text.write_text("mes notes")
    with pytest.raises(RegisterError):
        maintenance.restore_file(text, copy, user="jean")
    assert text.read_text() == "mes notes"


def test_restore_to_a_missing_path_puts_the_copy_there(db, tmp_path: Path):
    copy = maintenance.backup_now(db.path)
    target = tmp_path / "neuf" / "registre.sqlite"
    target.parent.mkdir()
    result = maintenance.restore_file(target, copy, user="jean")
    assert result.kept is None and quick_check(target)


def test_restore_is_refused_while_a_reader_keeps_a_journal_open(with_copy):
    db, copy = with_copy
    reader = sqlite3.connect(db.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM company").fetchone()  # holds a WAL snapshot
    try:
        CompanyService(db).create(CompanyInput(name="Pendant"))
        with pytest.raises(RegisterError) as caught:
            maintenance.restore_backup(db, copy)
        assert "encore ouvert" in caught.value.fr
    finally:
        reader.close()
    assert sorted(names(db)) == ["Après", "Avant", "Pendant"]
