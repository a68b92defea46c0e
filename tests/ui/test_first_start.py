"""A first start that guides: an empty register shows what to do next (import a workbook, add
a company, open a demonstration register made from the window with its progress), and Help
holds the user guide, in French and English, with its pictures and the way to the logs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QProgressDialog, QPushButton

from cedre_desk.paths import log_dir
from cedre_desk.resources import resource
from cedre_desk.services.companies import CompanyService
from cedre_desk.ui.help.guide_dialog import GuideDialog
from cedre_desk.ui.register import demo

from .helpers import small_register, wait_for_reads
from .test_main_window import make_window

pytestmark = [
    pytest.mark.sqlite_only,  # registers made as files beside the test's own
    pytest.mark.qt_log_ignore("propagateSizeHints"),  # offscreen's word on a window shown
]


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[str]) -> None:
    def answer(_parent, _title, proposed, *_args, **_kwargs):
        asked.append(proposed)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def test_an_empty_register_shows_the_ways_to_begin_until_it_holds_a_company(qtbot, db):
    window = make_window(qtbot, db)
    try:
        window.show()
        board = window.dashboard
        qtbot.waitUntil(lambda: board.board is not None)
        assert board.first_start.isVisible() and not board._splitter.isVisible()
        assert board.first_start.import_button.text() == "&Import an Excel workbook…"
        small_register(db)
        window.data_changed()
        wait_for_reads(qtbot, window.runner)
        qtbot.waitUntil(lambda: not board.first_start.isVisible())
        assert board._splitter.isVisible()
    finally:
        window.close_register()


def test_add_a_company_from_the_first_start_opens_the_company_dialog(qtbot, db, monkeypatch):
    window = make_window(qtbot, db)
    asked: list[bool] = []
    monkeypatch.setattr(window.companies_view, "add_company", lambda: asked.append(True))
    try:
        window.show()
        qtbot.waitUntil(lambda: window.dashboard.first_start.isVisible())
        QTest.mouseClick(window.dashboard.first_start.company_button, Qt.MouseButton.LeftButton)
        assert asked == [True]
    finally:
        window.close_register()


def test_a_demonstration_register_is_made_with_its_progress_then_opened(
        qtbot, db, tmp_path, monkeypatch, register_path):
    monkeypatch.setattr(demo, "COMPANIES", 40)  # the window's 530 take seconds: same code
    target = tmp_path / "Documents" / "Démo.sqlite"
    asked: list[str] = []
    choose_file(monkeypatch, target, asked)
    steps: list[int] = []
    step = demo.DemoRegisterMaker._step
    monkeypatch.setattr(demo.DemoRegisterMaker, "_step",
                        lambda self, done, total: (steps.append(done), step(self, done, total)))
    window = make_window(qtbot, db)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.dashboard.first_start.isVisible())
        maker = window.register_actions.demo
        QTest.mouseClick(window.dashboard.first_start.demo_button, Qt.MouseButton.LeftButton)
        assert asked and asked[0].endswith("Demonstration register.sqlite")
        assert isinstance(maker.progress, QProgressDialog)
        qtbot.waitUntil(lambda: window.db.path == target, timeout=30_000)
        wait_for_reads(qtbot, window.runner)
        assert len(CompanyService(window.db).rows()) == 40
        assert steps == list(range(1, len(steps) + 1)) and len(steps) > 10  # step by step
        assert maker.progress is None and not maker.running()
        qtbot.waitUntil(lambda: window.dashboard.board is not None
                        and not window.dashboard.first_start.isVisible())
        assert register_path.exists()  # the register open before is left as it was
    finally:
        window.close_register()


def test_cancelling_the_demonstration_leaves_no_file_and_keeps_the_register(
        qtbot, db, tmp_path, monkeypatch, register_path):
    target = tmp_path / "new folder" / "demo.sqlite"
    choose_file(monkeypatch, target, [])
    window = make_window(qtbot, db)
    try:
        window.menus.demo_register.trigger()
        maker = window.register_actions.demo
        assert maker.progress is not None
        QTest.mouseClick(maker.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not maker.running(), timeout=30_000)
        assert window.db.path == register_path
        assert not (tmp_path / "new folder").exists()
        assert window.statusBar().currentMessage() == (
            "Demonstration register cancelled: nothing was written.")
    finally:
        window.close_register()


def test_an_existing_file_is_never_replaced_by_a_demonstration(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    target = tmp_path / "mine.sqlite"
    target.write_bytes(b"precious")
    choose_file(monkeypatch, target, [])
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    window = make_window(qtbot, db)
    try:
        window.menus.demo_register.trigger()
        qtbot.waitUntil(lambda: not window.register_actions.demo.running(), timeout=30_000)
        assert said and "already exists" in said[0]
        assert target.read_bytes() == b"precious"
    finally:
        window.close_register()


def test_a_read_only_register_offers_no_import_and_no_new_company(qtbot, db, register_path):
    from cedre_desk.storage.opening import open_register as open_for_reading
    from cedre_desk.ui.main_window import MainWindow

    from .helpers import TODAY

    db.close()
    viewer = open_for_reading(register_path, read_only=True)
    window = MainWindow(viewer, "en", today=TODAY)
    qtbot.addWidget(window)
    try:
        start = window.dashboard.first_start
        for button in (start.import_button, start.company_button):
            assert not button.isEnabled() and "read-only" in button.toolTip()
        assert start.demo_button.isEnabled()  # a demonstration is a register of its own
    finally:
        window.close_register()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_picture_of_the_guide_is_shipped(lang):
    text = resource("guide", f"guide.{lang}.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(pictures) >= 6
    for picture in pictures:
        assert resource("guide", picture).is_file(), picture


@pytest.mark.parametrize(("lang", "heading"), [("fr", "Pour commencer"),
                                               ("en", "Getting started")])
def test_f1_opens_the_guide_in_the_window_language_with_its_pictures(qtbot, db, lang, heading):
    window = make_window(qtbot, db, lang=lang)
    try:
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_F1)
        guides = [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideDialog)]
        assert len(guides) == 1
        guide = guides[0]
        assert heading in guide.text.toPlainText()
        document = guide.text.document()
        first = re.search(r"\(([^)]+\.png)\)",
                          resource("guide", f"guide.{lang}.md").read_text(encoding="utf-8"))
        assert first is not None
        image = document.resource(QTextDocument.ResourceType.ImageResource, first.group(1))
        assert image is not None and not image.isNull()
        labels = " ".join(label.text() for label in guide.findChildren(QLabel))
        assert str(log_dir()) in labels
        guide.close()
    finally:
        window.close_register()
