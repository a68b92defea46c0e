"""Errors named by their cause (issue 15, points 1 and 2): each cause its own class and exit
status; damage only from a check that ran to its end; index damage caught before the first
write; a value the program never wrote reported by the check, never a crash."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from cedre_desk.__main__ import main
from cedre_desk.errors import (
    AccessDeniedError,
    DiskFullError,
    DiskIOError,
    NotARegisterError,
    UnknownValueError,
)
from cedre_desk.paths import log_dir, write_log
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.register import create_register
from cedre_desk.storage import disk_errors
from cedre_desk.storage.database import DAMAGED
from cedre_desk.storage.disk_errors import DamagedRegisterError, sqlite_error
from cedre_desk.storage.integrity import check_file
from cedre_desk.storage.opening import open_register

TODAY = date(2026, 11, 22)


def test_each_cause_has_its_own_exit_status():
    statuses = [DiskFullError.exit_status, AccessDeniedError.exit_status,
                DiskIOError.exit_status, NotARegisterError.exit_status,
                DamagedRegisterError.exit_status]
    assert statuses == [4, 5, 6, 7, 8]


def _sqlite_failure(code: int) -> sqlite3.Error:
    exc = sqlite3.OperationalError("x")
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


def test_an_io_error_on_a_full_disk_is_a_full_disk_not_damage(tmp_path, monkeypatch):
    shm_size = 10 | (19 << 8)  # SQLITE_IOERR_SHMSIZE: the -shm file could not grow
    monkeypatch.setattr(disk_errors, "disk_nearly_full", lambda path: True)
    assert isinstance(sqlite_error(_sqlite_failure(shm_size), tmp_path / "r"), DiskFullError)
    monkeypatch.setattr(disk_errors, "disk_nearly_full", lambda path: False)
    found = sqlite_error(_sqlite_failure(shm_size), tmp_path / "r")
    assert isinstance(found, DiskIOError) and not isinstance(found, DiskFullError)


def test_a_check_that_cannot_run_names_its_cause_and_never_calls_the_file_damaged(
        register_path: Path, monkeypatch):
    create_register(register_path).close()

    def failing(*_args, **_kwargs):
        raise _sqlite_failure(13)  # SQLITE_FULL

    monkeypatch.setattr("cedre_desk.storage.integrity.connect_read_only", failing)
    with pytest.raises(DiskFullError):
        check_file(register_path)
    with pytest.raises(DiskFullError):
        open_register(register_path)


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00", b"%PDF-1.4\n" * 100])
def test_check_calls_a_file_that_is_not_a_register_so(tmp_path, capsys, content):
    path = tmp_path / "autre.sqlite"
    path.write_bytes(content)
    assert main(["check", "--db", str(path)]) == 7
    assert "sain" not in capsys.readouterr().out


def test_check_calls_another_programs_sqlite_file_not_a_register(tmp_path, capsys):
    path = tmp_path / "autre.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
    assert main(["check", "--db", str(path)]) == 7
    assert "sain" not in capsys.readouterr().out


def _break_an_index(path: Path) -> None:
    """The index on company.name made to describe company.town: every entry is wrong, but
    only integrity_check compares an index with its table (quick_check does not)."""
    with closing(sqlite3.connect(path)) as conn:
        name, sql = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                 "AND tbl_name = 'company' AND sql LIKE '%(name)%'").fetchone()
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?",
                     (sql.replace("(name)", "(town)"), name))
        conn.commit()


@pytest.fixture
def index_damaged(register_path: Path) -> Path:
    db = create_register(register_path)
    companies = CompanyService(db)
    for i in range(30):
        companies.create(CompanyInput(name=f"Forge {i:02}", town=f"Ville {29 - i:02}"))
    db.close()
    _break_an_index(register_path)
    assert check_file(register_path, full=False).sound  # quick_check does not see it
    assert not check_file(register_path, full=True).sound
    return register_path


def test_index_damage_refuses_the_opening_for_writing(index_damaged: Path, capsys):
    before = index_damaged.read_bytes()
    with pytest.raises(DamagedRegisterError):
        open_register(index_damaged)
    assert main(["demo", "--db", str(index_damaged), "--companies", "3"]) == 8
    assert index_damaged.read_bytes() == before


def test_index_damage_found_beside_the_window_leaves_it_read_only(index_damaged: Path):
    before = index_damaged.read_bytes()
    db = open_register(index_damaged, check_later=True)
    try:
        assert db.opening_check is not None and db.opening_check.wait(30) is False
        with pytest.raises(DamagedRegisterError):
            CompanyService(db).create(CompanyInput(name="Forge Martin"))
        assert db.read_only and db.read_only_reason == DAMAGED
        assert "lecture seule" in db.read_only_message().fr
        with pytest.raises(DamagedRegisterError):  # and stays so
            CompanyService(db).create(CompanyInput(name="Forge Martin"))
        assert CompanyService(db).get(1).data.name == "Forge 00"  # still readable
    finally:
        db.close()
    assert index_damaged.read_bytes() == before


@pytest.fixture
def odd_status(register_path: Path) -> Path:
    db = create_register(register_path)
    generate_demo(db, companies=5, seed=1, today=TODAY)
    db.close()
    with closing(sqlite3.connect(register_path)) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE audit SET status = 'clo)ed' WHERE id = "
                     "(SELECT min(id) FROM audit WHERE status = 'closed')")
        conn.commit()
    return register_path


def test_check_reports_a_value_the_program_never_wrote(odd_status: Path, capsys):
    assert main(["check", "--db", str(odd_status)]) == 8
    err = capsys.readouterr().err
    assert "clo)ed" in err and "status" in err


def test_an_export_meeting_it_is_refused_with_its_name_not_a_crash(odd_status: Path,
                                                                   tmp_path, capsys):
    db = open_register(odd_status, read_only=True)
    try:
        with pytest.raises(UnknownValueError) as caught:
            ExportService(db).register(tmp_path / "r.xlsx", today=TODAY)
    finally:
        db.close()
    assert "clo)ed" in caught.value.fr and "check" in caught.value.en
    out = tmp_path / "out.xlsx"
    assert main(["export", "register", "--db", str(odd_status), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "clo)ed" in err and "Erreur interne" not in err
    assert not out.exists()


def test_two_crashes_in_the_same_second_get_two_private_logs():
    first, second = write_log("crash", "un"), write_log("crash", "deux")
    assert first != second and first.read_text() == "un" and second.read_text() == "deux"
    assert first.stat().st_mode & 0o077 == 0 and log_dir().stat().st_mode & 0o077 == 0
