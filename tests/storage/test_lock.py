"""One writer at a time: the lock file beside the register."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cedre_desk.errors import RegisterError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage import lock
from cedre_desk.storage.database import (
    ABANDONED,
    HELD_ELSEWHERE,
    LOCK_LOST,
    NOT_WRITABLE,
)
from cedre_desk.storage.opening import open_register

HOLD = """
import sys, time
from cedre_desk.storage.opening import open_register
db = open_register(sys.argv[1], user=sys.argv[2])
print("read_only" if db.read_only else "writer", flush=True)
sys.stdin.readline()
db.close()
"""


@pytest.fixture
def made(register_path: Path) -> Path:
    create_register(register_path, user="testeur").close()
    return register_path


def _holder(path: Path, user: str = "marie") -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path), user], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writer"
    return child


def _stop(child: subprocess.Popen[str]) -> None:
    child.communicate("\n", timeout=20)


def _write_lock(path: Path, *, host: str, pid: int, since: datetime, age: float = 0) -> None:
    info = {"user": "paul", "host": host, "pid": pid,
            "since": since.astimezone().isoformat(timespec="seconds"), "token": f"t-{host}"}
    target = lock.lock_path(path)
    target.write_text(json.dumps(info))
    stamp = time.time() - age
    os.utime(target, (stamp, stamp))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_second_program_gets_the_register_read_only_and_is_told_who_holds_it(made: Path):
    child = _holder(made, "marie")
    try:
        db = open_register(made, user="jean")
        assert db.read_only and db.read_only_reason == HELD_ELSEWHERE
        assert db.holder is not None and db.holder.user == "marie"
        with pytest.raises(RegisterError) as caught:
            CompanyService(db).create(CompanyInput(name="ISIS"))
        assert "marie sur " + socket.gethostname() in caught.value.fr
        assert "depuis le" in caught.value.fr and "marie on" in caught.value.en
        assert CompanyService(db).rows() == []  # reading works
        db.close()
        assert lock.lock_path(made).exists()  # never removes another program's lock
    finally:
        _stop(child)
    assert not lock.lock_path(made).exists()  # the holder removed it on closing


def test_when_the_holder_closes_the_reader_can_become_the_writer(made: Path):
    child = _holder(made)
    db = open_register(made, user="jean")
    assert not db.retry_writing()
    _stop(child)
    assert db.retry_writing() and not db.read_only
    CompanyService(db).create(CompanyInput(name="ISIS"))
    db.close()


def test_the_same_program_opening_twice_shares_its_lock(made: Path):
    first = open_register(made)
    second = open_register(made)
    assert not second.read_only and second.lock is first.lock
    second.close()
    assert lock.lock_path(made).exists()  # still held by `first`
    CompanyService(first).create(CompanyInput(name="ISIS"))
    first.close()
    assert not lock.lock_path(made).exists()


def test_a_lock_left_by_a_dead_process_is_taken_over_and_the_register_fully_checked(made: Path):
    _write_lock(made, host=socket.gethostname(), pid=_dead_pid(), since=datetime.now())
    db = open_register(made, user="jean")
    assert not db.read_only
    assert db.unclean_shutdown is not None and db.unclean_shutdown.user == "paul"
    assert db.integrity is not None and db.integrity.sound
    assert lock.read_lock(lock.lock_path(made)).user == "jean"
    db.close()


@pytest.mark.parametrize("how", ["open_register", "command line"])
def test_after_a_crash_the_full_check_runs_once(made: Path, monkeypatch, how: str):
    """The opening's full check (before the lock) is not run again once the abandoned lock
    is taken over: only the foreign keys are left to look at."""
    from cedre_desk.__main__ import main
    from cedre_desk.storage import integrity, register_file, writer_steps

    full_checks = []

    def counted(path, *, full=True, foreign_keys=True, structure=True):
        if full and structure:
            full_checks.append(path)
        return integrity.check_file(path, full=full, foreign_keys=foreign_keys,
                                    structure=structure)

    monkeypatch.setattr(register_file, "check_file", counted)
    monkeypatch.setattr(writer_steps, "check_file", counted)
    _write_lock(made, host=socket.gethostname(), pid=_dead_pid(), since=datetime.now())
    if how == "open_register":
        db = open_register(made, user="jean")
        assert db.unclean_shutdown is not None and db.integrity is not None
        assert db.integrity.sound
        db.close()
    else:
        assert main(["stats", "--db", str(made), "--year", "2025"]) == 0
    assert len(full_checks) == 1


def test_a_pid_reused_by_another_process_does_not_keep_the_lock(made: Path):
    """The pid is alive, but that process started after the lock was written."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(made, host=socket.gethostname(), pid=child.pid,
                    since=datetime.now() - timedelta(hours=1))
        db = open_register(made)
        assert not db.read_only and db.unclean_shutdown is not None
        db.close()
    finally:
        child.kill()
        child.wait()


def test_a_live_process_on_this_computer_keeps_its_lock(made: Path):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        time.sleep(0.05)
        _write_lock(made, host=socket.gethostname(), pid=child.pid,
                    since=datetime.now() + timedelta(seconds=5))
        db = open_register(made)
        assert db.read_only and db.read_only_reason == HELD_ELSEWHERE
        db.close()
    finally:
        child.kill()
        child.wait()


def test_a_fresh_lock_from_another_computer_is_respected(made: Path):
    _write_lock(made, host="PC-ACCUEIL", pid=4242, since=datetime.now(), age=30)
    db = open_register(made)
    assert db.read_only and db.read_only_reason == HELD_ELSEWHERE
    assert "PC-ACCUEIL" in db.read_only_message().fr
    assert not db.take_over()  # a live holder cannot be pushed aside
    db.close()


def test_an_old_lock_from_another_computer_is_offered_and_can_be_taken_over(made: Path):
    _write_lock(made, host="PC-ACCUEIL", pid=4242, since=datetime.now() - timedelta(hours=3),
                age=lock.STALE_AFTER_SECONDS + 60)
    db = open_register(made, user="jean")
    assert db.read_only and db.read_only_reason == ABANDONED
    assert "prenez la main" in db.read_only_message().fr
    assert db.take_over()
    assert not db.read_only and db.unclean_shutdown is not None
    assert db.integrity is not None and db.integrity.sound
    CompanyService(db).create(CompanyInput(name="ISIS"))
    db.close()
    assert not lock.lock_path(made).exists()


def test_the_command_line_says_how_to_take_over_an_abandoned_lock(made: Path, capsys):
    """It has no « Prendre la main » button: it names the window's and the lock file."""
    from cedre_desk.__main__ import main

    _write_lock(made, host="PC-ACCUEIL", pid=4242, since=datetime.now() - timedelta(hours=3),
                age=lock.STALE_AFTER_SECONDS + 60)
    assert main(["demo", "--db", str(made), "--companies", "2"]) == 1
    err = capsys.readouterr().err
    assert "prenez la main pour pouvoir le modifier" not in err
    assert "dans la fenêtre" in err and "« Prendre la main »" in err
    assert str(lock.lock_path(made)) in err
    assert main(["demo", "--db", str(made), "--companies", "2", "--lang", "en"]) == 1
    assert "click “Take over”, or delete the file" in capsys.readouterr().err
    db = open_register(made)  # the window keeps its own words, beside its button
    assert "prenez la main pour pouvoir le modifier" in db.read_only_message().fr
    db.close()


def test_taking_over_is_refused_when_the_lock_changed_hands_meanwhile(made: Path):
    _write_lock(made, host="PC-ACCUEIL", pid=4242, since=datetime.now(),
                age=lock.STALE_AFTER_SECONDS + 60)
    db = open_register(made)
    assert db.read_only_reason == ABANDONED
    _write_lock(made, host="PC-BUREAU", pid=77, since=datetime.now())  # someone else came in
    assert not db.take_over()
    assert db.read_only and db.holder is not None and db.holder.host == "PC-BUREAU"
    db.close()


def test_a_writer_whose_lock_was_taken_over_stops_writing(made: Path):
    db = open_register(made)
    service = CompanyService(db)
    service.create(CompanyInput(name="Avant"))
    _write_lock(made, host="PC-BUREAU", pid=77, since=datetime.now())
    with pytest.raises(RegisterError) as caught:
        service.create(CompanyInput(name="Après"))
    assert "a pris la main" in caught.value.fr and "took over" in caught.value.en
    assert db.read_only and db.read_only_reason == LOCK_LOST
    assert [r.name for r in service.rows()] == ["Avant"]
    db.close()
    assert lock.read_lock(lock.lock_path(made)).host == "PC-BUREAU"  # left alone


def test_a_lock_file_deleted_by_hand_is_made_again(made: Path):
    db = open_register(made)
    lock.lock_path(made).unlink()
    CompanyService(db).create(CompanyInput(name="ISIS"))
    assert lock.lock_path(made).exists()
    db.close()


@pytest.mark.parametrize(("age", "expected"), [(5, HELD_ELSEWHERE),
                                               (lock.STALE_AFTER_SECONDS + 5, ABANDONED)])
def test_an_unreadable_lock_counts_as_held_until_it_is_old(made: Path, age: float,
                                                            expected: str):
    target = lock.lock_path(made)
    target.write_bytes(b"")
    os.utime(target, (time.time() - age, time.time() - age))
    db = open_register(made)
    assert db.read_only_reason == expected
    db.close()


def test_the_heartbeat_touches_the_lock(made: Path):
    db = open_register(made)
    assert db.lock is not None
    target = lock.lock_path(made)
    os.utime(target, (time.time() - 3600, time.time() - 3600))
    db.lock.touch()
    assert time.time() - target.stat().st_mtime < 60
    db.close()


def test_of_programs_opening_at_the_same_moment_exactly_one_writes(made: Path):
    code = ("import sys; from cedre_desk.storage.opening import open_register; "
            "db = open_register(sys.argv[1]); print(db.read_only, flush=True); "
            "sys.stdin.readline(); db.close()")
    children = [subprocess.Popen([sys.executable, "-c", code, str(made)], text=True,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                for _ in range(2)]
    answers = [c.stdout.readline().strip() for c in children]  # type: ignore[union-attr]
    for child in children:
        child.communicate("\n", timeout=20)
    assert sorted(answers) == ["False", "True"]


def test_a_read_only_folder_opens_the_register_read_only(made: Path, monkeypatch):
    monkeypatch.setattr("cedre_desk.storage.opening.is_writable", lambda path: False)
    before = made.read_bytes()
    db = open_register(made)
    assert db.read_only and db.read_only_reason == NOT_WRITABLE
    with pytest.raises(RegisterError) as caught:
        CompanyService(db).create(CompanyInput(name="ISIS"))
    assert "lecture seule" in caught.value.fr and "read-only" in caught.value.en
    db.close()
    assert made.read_bytes() == before and not lock.lock_path(made).exists()
