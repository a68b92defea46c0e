"""The quick_check run beside the first reads (open_register(check_later=True))."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage import migrate
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.integrity import IntegrityReport
from cedre_desk.storage.opening import open_register
from cedre_desk.storage.opening_check import OpeningCheck


def damage(path: Path, at: int = -12000) -> bytes:
    """Overwrite pages of the file (by default of a table far from the schema and the
    register's revision, so the file still opens as a register)."""
    data = bytearray(path.read_bytes())
    data[at:at + 4000] = b"\xff" * 4000
    path.write_bytes(bytes(data))
    return bytes(data)


def company_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM company").fetchone()[0]


def test_a_sound_register_opens_before_its_check_and_is_written_after_it(register_path: Path):
    create_register(register_path).close()
    db = open_register(register_path, check_later=True)
    try:
        assert db.opening_check is not None
        CompanyService(db).create(CompanyInput(name="Forge Martin"))  # waits for the verdict
        assert db.opening_check.wait() is True
    finally:
        db.close()
    assert company_count(register_path) == 1


def test_a_damaged_register_opens_but_nothing_is_written(register_path: Path):
    create_register(register_path).close()
    damaged = damage(register_path)
    db = open_register(register_path, check_later=True)
    try:
        assert db.opening_check is not None and db.opening_check.wait() is False
        with pytest.raises(DamagedRegisterError) as caught:
            CompanyService(db).create(CompanyInput(name="Forge Martin"))
        assert "endommagé" in caught.value.fr and "damaged" in caught.value.en
    finally:
        db.close()
    assert register_path.read_bytes() == damaged


def test_without_check_later_a_damaged_register_is_refused_at_once(register_path: Path):
    create_register(register_path).close()
    damage(register_path)
    with pytest.raises(DamagedRegisterError):
        open_register(register_path)


@pytest.mark.parametrize("at", [-12000, 5000], ids=["a-table", "the-revision"])
def test_a_migration_waits_for_the_check_and_never_touches_a_damaged_file(
    register_path: Path, monkeypatch: pytest.MonkeyPatch, at: int
):
    create_register(register_path).close()
    damaged = damage(register_path, at)
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999_pretend")
    upgrades: list[Path] = []
    monkeypatch.setattr(migrate, "upgrade", lambda path, **_: upgrades.append(path))
    with pytest.raises(DamagedRegisterError):
        open_register(register_path, check_later=True)
    assert upgrades == []
    assert register_path.read_bytes() == damaged


def test_the_verdict_reaches_callbacks_given_before_and_after_it(register_path: Path,
                                                                 monkeypatch):
    create_register(register_path).close()
    release = threading.Event()
    monkeypatch.setattr("cedre_desk.storage.opening_check.check_file",
                        lambda path, **_: (release.wait(10), IntegrityReport(("bad",)))[1])
    check = OpeningCheck(register_path)
    heard: list[bool] = []
    check.when_done(heard.append)
    assert check.wait(0.05) is None and heard == []
    release.set()
    assert check.wait(10) is False
    check.when_done(heard.append)
    assert heard == [False, False]



def _started_checks(monkeypatch) -> threading.Event:
    started = threading.Event()

    def check_file(path: Path, **_: object) -> IntegrityReport:
        started.set()
        return IntegrityReport(())

    monkeypatch.setattr("cedre_desk.storage.opening_check.check_file", check_file)
    return started


def test_a_check_given_time_starts_when_told_or_when_its_verdict_is_awaited(
        register_path: Path, monkeypatch):
    """The window's check waits for its first figures (it took the core their SQL runs on),
    never for a write: waiting for the verdict starts it; a mere look does not."""
    create_register(register_path).close()
    started = _started_checks(monkeypatch)
    told = OpeningCheck(register_path, start_within=30)
    assert told.wait(0) is None and not started.wait(0.2)
    told.start_now()
    assert started.wait(5) and told.wait(5) is True
    started.clear()
    awaited = OpeningCheck(register_path, start_within=30)
    assert not started.wait(0.2)
    assert awaited.wait(5) is True and started.is_set()  # a write's wait, say


def test_a_check_given_time_starts_at_the_latest_when_that_time_is_up(register_path: Path,
                                                                      monkeypatch):
    create_register(register_path).close()
    started = _started_checks(monkeypatch)
    check = OpeningCheck(register_path, start_within=0.3)
    assert not started.wait(0.1)
    assert started.wait(5) and check.wait(0) in (None, True)


def test_a_write_right_after_opening_does_not_wait_for_the_first_figures(
        register_path: Path, monkeypatch):
    create_register(register_path).close()
    monkeypatch.setattr("cedre_desk.storage.opening_check.FIRST_READS_SECONDS", 30)
    monkeypatch.setattr("cedre_desk.storage.opening.FIRST_READS_SECONDS", 30)
    db = open_register(register_path, check_later=True)
    try:
        began = time.monotonic()
        CompanyService(db).create(CompanyInput(name="Forge Martin"))  # starts the check
        assert time.monotonic() - began < 10
        assert db.opening_check is not None and db.opening_check.wait(0) is True
    finally:
        db.close()
    assert company_count(register_path) == 1
