"""Work off the GUI thread: own connection per task, latest result wins, errors come back."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from cedre_desk.errors import RegisterError, ValidationError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.storage.opening import open_register
from cedre_desk.ui.common.background import BackgroundRunner, reader_for

from .helpers import wait_for_reads


@pytest.fixture
def runner(qtbot, db):
    runner = BackgroundRunner(reader_for(db))
    yield runner
    runner.shutdown()


def test_a_task_runs_on_another_thread_with_a_read_only_database_of_its_own(qtbot, db,
                                                                          runner):
    CompanyService(db).create(CompanyInput(name="ISIS", town="Istres"))
    seen = {}

    def task(worker_db):
        seen.update(thread=threading.current_thread(), db=worker_db,
                    read_only=worker_db.read_only)
        return [r.name for r in CompanyService(worker_db).rows()]

    results = []
    runner.run(task, results.append)
    wait_for_reads(qtbot, runner)
    assert results == [["ISIS"]]
    assert seen["thread"] is not threading.current_thread()
    assert seen["db"] is not db and seen["read_only"]


def test_only_the_latest_task_of_a_key_delivers(qtbot, runner):
    gate = threading.Event()
    results = []

    def slow(_db):
        gate.wait(5)
        return "old"

    runner.run(slow, results.append, key="list")
    runner.run(lambda _db: "new", results.append, key="list")
    gate.set()
    wait_for_reads(qtbot, runner)
    assert results == ["new"]


def test_errors_come_back_to_the_gui_thread(qtbot, runner):
    refusals, failures = [], []
    runner.user_error.connect(refusals.append)

    def refuse(_db):
        raise ValidationError("Non.", "No.")

    runner.run(refuse, lambda _: None)
    runner.run(refuse, lambda _: None, failed=failures.append)
    wait_for_reads(qtbot, runner)
    assert [e.en for e in refusals] == ["No."]
    assert [e.en for e in failures] == ["No."]


def test_the_busy_signal_comes_only_for_work_over_half_a_second(qtbot, runner):
    states = []
    runner.busy_changed.connect(states.append)
    started = time.monotonic()
    runner.run(lambda _db: None, lambda _: None)
    wait_for_reads(qtbot, runner)
    if time.monotonic() - started < 0.4:  # quick work (unless the machine is swamped)
        qtbot.wait(150)
        assert states == []
    states.clear()
    gate = threading.Event()
    runner.run(lambda _db: gate.wait(5), lambda _: None)
    qtbot.waitUntil(lambda: states == [True], timeout=3000)
    gate.set()
    wait_for_reads(qtbot, runner)
    assert states == [True, False]


def test_a_closed_runner_takes_no_more_work(qtbot, runner):
    runner.shutdown()
    assert runner.run(lambda _db: 1, lambda _: None) == -1
    assert runner.pending() == 0


def test_a_reader_keeps_statuses_only_in_a_register_this_program_writes(db, register_path):
    """A worker's reader may store the cycle statuses it computed (derived data), never a
    fact; and nothing at all in a register it only reads."""
    CompanyService(db).create(CompanyInput(name="Forge Martin"))
    reader = reader_for(db)()
    try:
        CycleService(reader).statuses(date(2026, 11, 22))
        with pytest.raises(RegisterError):
            CompanyService(reader).create(CompanyInput(name="Jamais écrite"))
    finally:
        reader.close()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM stored_status").scalar() == 1
        conn.exec_driver_sql("DELETE FROM stored_status")
        conn.commit()
    viewer = open_register(register_path, read_only=True)
    reader = reader_for(viewer)()
    try:
        CycleService(reader).statuses(date(2026, 11, 22))
    finally:
        reader.close()
        viewer.close()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM stored_status").scalar() == 0
