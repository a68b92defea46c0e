"""Automatic copies on opening: once a day, only when changed, the last N kept."""

from __future__ import annotations

import errno
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cedre_desk.errors import RegisterError, ValidationError
from cedre_desk.paths import backups_dir
from cedre_desk.services import maintenance
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage import backup
from cedre_desk.storage.backup import backup_on_open, list_backups, quick_check
from cedre_desk.storage.opening import open_register

pytestmark = pytest.mark.sqlite_only(reason="file backups; a server is backed up by pg_dump")

DAY = datetime(2026, 3, 12, 9, 30)


@pytest.fixture
def made(register_path: Path) -> Path:
    create_register(register_path).close()
    return register_path


def _open_and_change(path: Path, now: datetime, name: str | None = None) -> Path | None:
    db = open_register(path, now=now)
    made_copy = db.backup_made
    if name:
        CompanyService(db).create(CompanyInput(name=name))
    db.close()
    return made_copy


def test_a_new_register_has_no_copy_yet(register_path: Path):
    db = create_register(register_path)
    assert db.backup_made is None
    db.close()
    assert list_backups(register_path) == []


def test_the_first_opening_of_the_day_makes_a_verified_copy(made: Path):
    copy = _open_and_change(made, DAY)
    assert copy is not None and copy.parent == backups_dir(made) and quick_check(copy)
    assert copy.name == "registre_2026-03-12_093000.sqlite"
    [info] = list_backups(made)
    assert info.automatic and info.taken_at == DAY and info.size == copy.stat().st_size


def test_at_most_one_copy_a_day_even_after_changes(made: Path):
    assert _open_and_change(made, DAY, "Changée") is not None
    assert _open_and_change(made, DAY + timedelta(hours=5)) is None
    assert len(list_backups(made)) == 1


def test_no_copy_when_nothing_changed_since_the_last_one(made: Path):
    assert _open_and_change(made, DAY) is not None
    assert _open_and_change(made, DAY + timedelta(days=1)) is None
    assert _open_and_change(made, DAY + timedelta(days=2), "Changée") is None  # changed after
    assert _open_and_change(made, DAY + timedelta(days=3)) is not None  # ...so copied now
    assert len(list_backups(made)) == 2


def test_only_the_last_n_automatic_copies_are_kept_and_the_others_stay(made: Path):
    db = open_register(made, now=DAY)
    maintenance.set_backups_kept(db, 3)
    db.close()
    pre_migration = backup.backup_register(made, backup.PRE_MIGRATION, DAY - timedelta(days=30))
    manual = maintenance.backup_now(made)
    for day in range(1, 7):
        _open_and_change(made, DAY + timedelta(days=day), f"Jour {day}")
    copies = list_backups(made)
    automatic = [c for c in copies if c.automatic]
    assert [c.taken_at.day for c in automatic] == [18, 17, 16]
    assert pre_migration in [c.path for c in copies] and manual in [c.path for c in copies]
    assert [c.taken_at for c in copies] == sorted((c.taken_at for c in copies), reverse=True)


def test_the_number_kept_is_a_register_setting_with_limits(db):
    assert maintenance.backups_kept(db) == backup.DEFAULT_KEPT
    assert maintenance.set_backups_kept(db, 4) == 4
    assert maintenance.backups_kept(db) == 4
    for wrong in (0, -1, maintenance.MAX_KEPT + 1):
        with pytest.raises(ValidationError):
            maintenance.set_backups_kept(db, wrong)
    assert maintenance.backups_kept(db) == 4


def test_copies_in_the_same_second_get_distinct_names(made: Path):
    first = backup.backup_register(made, backup.MANUAL, DAY)
    second = backup.backup_register(made, backup.MANUAL, DAY)
    assert first != second and first.exists() and second.exists()
    assert len(list_backups(made)) == 2


def test_files_that_are_not_copies_are_not_listed(made: Path):
    folder = backups_dir(made)
    folder.mkdir()
    (folder / "notes.txt").write_text("x")
    (folder / "registre_2026-03-12_093000.sqlite.123.partial").write_bytes(b"half")
    (folder / "autre_2026-03-12_093000.sqlite").write_bytes(b"x")
    assert list_backups(made) == []


def test_a_copy_that_cannot_be_written_does_not_keep_the_register_closed(made: Path,
                                                                          monkeypatch):
    def full(source, partial):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "copy_register", full)
    db = open_register(made, now=DAY)
    assert not db.read_only and db.backup_made is None
    assert db.backup_problem is not None and "Disque plein" in db.backup_problem.fr
    CompanyService(db).create(CompanyInput(name="ISIS"))
    db.close()
    assert list(backups_dir(made).iterdir()) == []  # no half copy left


def test_a_copy_failing_its_check_is_not_kept(made: Path, monkeypatch):
    monkeypatch.setattr(backup, "quick_check", lambda path: False)
    with pytest.raises(RegisterError):
        backup_on_open(made, 10, DAY)
    assert list(backups_dir(made).iterdir()) == []


def test_manual_copy_to_a_named_file_never_overwrites(made: Path, tmp_path: Path):
    target = tmp_path / "copie.sqlite"
    assert maintenance.backup_now(made, target) == target and quick_check(target)
    with pytest.raises(ValidationError):
        maintenance.backup_now(made, target)


def test_a_manual_copy_of_something_that_is_not_a_register_is_refused(tmp_path: Path):
    text = tmp_path / "notes.sqlite"
    text.write_text("pas un registre")
    with pytest.raises(RegisterError) as caught:
        maintenance.backup_now(text)
    assert "pas un registre" in caught.value.fr
    assert not backups_dir(text).exists()


def test_a_copy_while_another_connection_writes_is_consistent(db):
    """The backup API copies a consistent snapshot of a register in use (WAL)."""
    service = CompanyService(db)
    for i in range(20):
        service.create(CompanyInput(name=f"Structure {i}"))
    copy = maintenance.backup_now(db.path)
    assert quick_check(copy)
    assert maintenance.check_register(copy).sound
