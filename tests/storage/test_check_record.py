"""A reader takes the verdict of an earlier sound check when the file has not changed since
(storage.check_record); a writer always checks before its first write."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cedre_desk.paths import backups_dir
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage import check_record, register_file
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.opening import open_register

from .test_opening_check import damage

pytestmark = pytest.mark.sqlite_only(reason="the check of a register file")


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every check of the register that runs: its `full` flag."""
    seen: list[bool] = []
    original = register_file.check_file

    def counted(path: Path, *, full: bool = True, foreign_keys: bool = True):
        seen.append(full)
        return original(path, full=full, foreign_keys=foreign_keys)

    monkeypatch.setattr(register_file, "check_file", counted)
    return seen


def settle(path: Path) -> None:
    """The register (and its write-ahead log) last written a minute ago."""
    past = time.time() - 60
    for name in (path, Path(f"{path}-wal")):
        if name.exists():
            os.utime(name, (past, past))


def made(register_path: Path) -> Path:
    create_register(register_path).close()  # its backups folder made by the day's backup
    backups_dir(register_path).mkdir(exist_ok=True)
    settle(register_path)
    return register_path


def read(path: Path) -> None:
    open_register(path, read_only=True).close()


def test_a_reader_checks_once_while_the_file_stays_the_same(register_path, checks):
    path = made(register_path)
    read(path)
    read(path)
    read(path)
    assert checks == [False]  # one quick_check; the next readers took its verdict


def test_a_change_to_the_file_is_checked_again(register_path, checks):
    path = made(register_path)
    read(path)
    db = open_register(path)
    CompanyService(db).create(CompanyInput(name="Forge Martin"))
    db.close()
    settle(path)
    read(path)
    assert checks == [False, True, False]  # the writer's full check, then a reader's again


def test_a_writer_always_checks_before_writing(register_path, checks):
    path = made(register_path)
    read(path)
    for _ in range(2):
        open_register(path).close()
        settle(path)
    assert checks == [False, True, True]


def test_a_full_check_stands_for_a_reader_but_a_quick_one_not_for_a_writer(register_path,
                                                                          checks):
    path = made(register_path)
    register_file.check_is_register(path, full=True)  # as `cedre-desk-cli import` does
    read(path)
    assert checks == [True]
    assert check_record.checked_sound(path, full=True)
    path = made(register_path.with_name("autre.sqlite"))
    read(path)
    assert not check_record.checked_sound(path, full=True)
    register_file.check_is_register(path, full=True, trust_unchanged=True)
    assert checks == [True, False, True]


def test_a_file_damaged_since_its_check_is_refused(register_path, checks):
    path = made(register_path)
    read(path)
    damage(path)
    settle(path)
    with pytest.raises(DamagedRegisterError):
        read(path)


def test_a_file_written_just_before_its_check_is_not_remembered(register_path, checks):
    """A file system keeping coarse times could hide a change made in the same tick."""
    create_register(register_path).close()
    backups_dir(register_path).mkdir(exist_ok=True)
    read(register_path)
    read(register_path)
    assert checks == [False, False]
    assert not check_record.checked_sound(register_path)


def test_a_reader_writes_no_folder_and_a_broken_record_means_a_check(register_path, checks,
                                                                     tmp_path):
    path = made(register_path)
    record = backups_dir(path) / check_record.RECORD_NAME
    record.write_text("{not json")
    read(path)
    read(path)
    assert checks == [False]
    other = tmp_path / "sans-sauvegardes.sqlite"
    other.write_bytes(path.read_bytes())
    settle(other)
    read(other)
    read(other)
    assert checks == [False, False, False]
    assert not backups_dir(other).exists()
