"""Exports from the window: the file asked with the system dialog, the work off the GUI thread
behind a progress dialog that can cancel it, the outcome told in a message box."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.exports.files import Cancelled
from cedre_desk.ui.exchange import exports as export_actions
from cedre_desk.ui.exchange.exports import (
    export_audit_report,
    export_calendar,
    export_register,
    export_statistics,
    run_with_progress,
)

from .helpers import TODAY, small_register


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def messages(monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: said.append(("information", text)))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: said.append(("warning", text)))
    return said


def _save_as(monkeypatch, path: Path, chosen_filter: str = "") -> list[tuple]:
    asked: list[tuple] = []

    def fake(parent, title, suggested, filters):
        asked.append((title, suggested, filters))
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def _finish(qtbot, job, timeout=30_000):
    """Wait for the worker thread, then let its queued signals reach the GUI thread."""
    assert job is not None
    assert job.wait(timeout)
    qtbot.wait(50)


@pytest.fixture(autouse=True)
def no_job_left_running():
    yield
    assert export_actions.wait_for_jobs()


def test_export_register_writes_the_workbook_and_says_where(qtbot, db, window, tmp_path,
                                                           monkeypatch, messages):
    small_register(db)
    target = tmp_path / "registre.xlsx"
    asked = _save_as(monkeypatch, target)
    job = export_register(window, db, "fr", TODAY)
    with qtbot.waitSignal(job.succeeded, timeout=30_000):
        pass
    assert Path(asked[0][1]).name == "Registre CEDRE 2014-07-01.xlsx"
    assert load_workbook(target)["Structures"].max_row == 4
    assert messages == [("information", f"Written: {target}")]


def test_a_cancelled_file_dialog_exports_nothing(db, window, monkeypatch, messages):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert export_register(window, db, "fr", TODAY) is None
    assert export_calendar(window, db, "fr", TODAY) is None
    assert messages == []


def test_a_refusal_is_shown_in_the_users_language(qtbot, db, window, tmp_path, monkeypatch,
                                                  messages):
    _save_as(monkeypatch, tmp_path / "absent" / "registre.xlsx")
    _finish(qtbot, export_register(window, db, "fr", TODAY))
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[0][0] == "warning" and "n'existe pas" in messages[0][1]


def test_cancel_stops_the_work_and_says_nothing(qtbot, window, messages):
    started = threading.Event()
    finished_work: list[object] = []

    def endless(progress):
        started.set()
        for step in range(10_000):
            progress(step, 10_000)
            time.sleep(0.005)
        return "done"

    job = run_with_progress(window, "…", endless, finished_work.append)
    assert started.wait(10)
    dialog = window.findChild(QProgressDialog)
    with qtbot.waitSignal(job.failed, timeout=10_000) as failure:
        dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert isinstance(failure.args[0], Cancelled)
    _finish(qtbot, job)
    assert finished_work == [] and messages == []


def test_a_user_error_from_the_work_is_shown(qtbot, window, messages):
    def refused(progress):
        raise UserError("Fichier verrouillé.", "File locked.")

    job = run_with_progress(window, "…", refused, lambda result: None, lang="en")
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == [("warning", "File locked.")]
    _finish(qtbot, job)


def test_a_bug_in_the_work_reaches_the_crash_handler(qtbot, window, messages):
    def broken(progress):
        raise RuntimeError("bug")

    with qtbot.captureExceptions() as exceptions:
        job = run_with_progress(window, "…", broken, lambda result: None)
        qtbot.waitUntil(lambda: bool(exceptions), timeout=10_000)
    assert isinstance(exceptions[0][1], RuntimeError)
    _finish(qtbot, job)


def test_audit_report_saved_under_a_human_name(qtbot, db, window, tmp_path, monkeypatch,
                                               messages):
    ids = small_register(db)
    target = tmp_path / "rapport.pdf"
    asked = _save_as(monkeypatch, target)
    job = export_audit_report(window, db, ids["special"], "fr", TODAY)
    _finish(qtbot, job)
    qtbot.waitUntil(lambda: bool(messages))
    assert target.read_bytes().startswith(b"%PDF")
    assert Path(asked[0][1]).name == (
        "Rapport d'audit - DOMICILE SERVICE LOIRET - 2014-06-20.pdf")


def test_save_dialogs_open_in_documents_then_in_the_last_folder(qtbot, db, window, tmp_path,
                                                                monkeypatch, messages):
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    asked = _save_as(monkeypatch, tmp_path / "ailleurs" / "registre.xlsx")
    (tmp_path / "ailleurs").mkdir()
    _finish(qtbot, export_register(window, db, "fr", TODAY))
    assert Path(asked[0][1]).parent == Path(documents)
    _finish(qtbot, export_calendar(window, db, "fr", TODAY))
    assert Path(asked[1][1]).parent == tmp_path / "ailleurs"


def test_calendar_takes_the_format_of_the_chosen_filter(qtbot, db, window, tmp_path,
                                                         monkeypatch, messages):
    small_register(db)
    asked = _save_as(monkeypatch, tmp_path / "echeances", "Excel (*.xlsx)")
    _finish(qtbot, export_calendar(window, db, "fr", TODAY))
    assert "Calendar (*.ics)" in asked[0][2]
    rows = list(load_workbook(tmp_path / "echeances.xlsx")["Calendrier"].values)
    late = rows[0].index("En retard")
    assert len(rows) > 1
    assert all(row[0].date() >= TODAY or row[late] == "oui" for row in rows[1:])
    assert any(row[late] == "oui" for row in rows[1:])  # the late follow-up is listed


def test_statistics_ask_for_the_year(qtbot, db, window, tmp_path, monkeypatch, messages):
    small_register(db)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args: (2013, True))
    asked = _save_as(monkeypatch, tmp_path / "chiffres-2013.xlsx")
    _finish(qtbot, export_statistics(window, db, "fr", date(2014, 7, 1)))
    assert Path(asked[0][1]).name == "Chiffres CEDRE 2013.pdf"
    rows = list(load_workbook(tmp_path / "chiffres-2013.xlsx")["2013"].values)
    assert ("Structures nouvellement certifiées", 2) in rows
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args: (0, False))
    assert export_statistics(window, db, "fr", TODAY) is None
