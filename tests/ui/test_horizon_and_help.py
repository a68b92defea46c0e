"""The dashboard's horizon ("due within N days") is a setting the user changes in the window:
typed in the dashboard, kept in the register's settings, read again at once. Help opens the
log folder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cedre_desk.services.settings import SettingsService

from .helpers import small_register, wait_for_reads
from .test_main_window import make_window


def test_the_horizon_typed_on_the_dashboard_is_kept(qtbot, db):
    window = make_window(qtbot, db)
    small_register(db)
    window.data_changed()
    wait_for_reads(qtbot, window.runner)
    board = window.dashboard
    assert board.horizon.value() == 90 and board.soon_model.rowCount() == 1
    try:
        board.horizon.setFocus()
        board.horizon.selectAll()
        QTest.keyClicks(board.horizon, "10")
        QTest.keyClick(board.horizon, Qt.Key.Key_Return)
        wait_for_reads(qtbot, window.runner)
        qtbot.waitUntil(lambda: board.board is not None and board.board.within_days == 10)
        assert SettingsService(db).load().due_soon_days == 10
        assert board.soon_box.title() == "Due within 10 days (0)"  # EMS is due later
        assert board.horizon.value() == 10
    finally:
        window.close_register()


def test_help_opens_the_log_folder_or_says_where_it_is(qtbot, db, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from cedre_desk.paths import log_dir

    window = make_window(qtbot, db)
    opened: list[str] = []
    said: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or not said)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: said.append(text))
    try:
        assert window.menus.log_folder in window.menus.help.actions()
        window.menus.log_folder.trigger()
        assert opened == [str(log_dir())] and said == []
        said.append("no viewer from now on")
        window.menus.log_folder.trigger()
        assert said[-1].endswith(str(log_dir()))
    finally:
        window.close_register()
