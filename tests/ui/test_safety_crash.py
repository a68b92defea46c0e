"""Bugs get a crash dialog and a log file; refusals that escaped a slot are shown as messages."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from cedre_desk.errors import RegisterError
from cedre_desk.paths import log_dir
from cedre_desk.ui.safety import install_crash_handler
from cedre_desk.ui.safety.crash import write_crash_log


@pytest.fixture
def reporter(qtbot):
    lang = {"value": "fr"}
    installed = install_crash_handler(lambda: lang["value"])
    installed.lang = lang  # type: ignore[attr-defined]
    yield installed
    installed.uninstall()


@pytest.fixture
def boxes(monkeypatch) -> list[dict[str, str]]:
    seen: list[dict[str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append({"text": box.text(), "details": box.detailedText(),
                     "buttons": "|".join(b.text() for b in box.buttons())})
        for button in box.buttons():
            if button.text() == "Copier le détail":
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: seen.append({"warning": text}))
    return seen


def _raise_in_hook(error: BaseException) -> None:
    try:
        raise error
    except BaseException as exc:  # handed to the hook as Qt would
        sys.excepthook(type(exc), exc, exc.__traceback__)


def test_a_bug_writes_a_log_and_shows_the_crash_dialog(qtbot, reporter, boxes):
    _raise_in_hook(ZeroDivisionError("division par zéro dans un calcul"))
    qtbot.waitUntil(lambda: bool(boxes))
    [box] = boxes
    [log] = list(log_dir().glob("crash-*.log"))
    assert str(log) in box["text"] and "tout ce qui avait été enregistré" in box["text"]
    assert "ZeroDivisionError" in box["details"] and "ZeroDivisionError" in log.read_text()
    assert "cedre-desk" in log.read_text().splitlines()[0]
    assert "Copier le détail" in box["buttons"] and "Ouvrir le dossier" in box["buttons"]
    assert "ZeroDivisionError" in QApplication.clipboard().text()


def test_a_refusal_that_escaped_a_slot_is_a_message_not_a_crash(qtbot, reporter, boxes):
    reporter.lang["value"] = "en"
    _raise_in_hook(RegisterError("Disque plein.", "Disk full."))
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes == [{"warning": "Disk full."}]
    assert not log_dir().exists() or not list(log_dir().glob("crash-*.log"))


def test_a_bug_in_another_thread_is_reported_on_the_window_thread(qtbot, reporter, boxes):
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(boxes))
    assert "ZeroDivisionError" in boxes[0]["details"]


def test_uninstalling_gives_back_the_previous_hooks(qtbot):
    before = (sys.excepthook, threading.excepthook)
    installed = install_crash_handler(lambda: "fr")
    assert sys.excepthook == installed.excepthook
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_log_that_cannot_be_written_is_said_so(monkeypatch, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    monkeypatch.setenv("CEDRE_DESK_HOME", str(blocker))  # its logs folder cannot be made
    assert write_crash_log("details") is None
