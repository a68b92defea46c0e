"""The dashboard's horizon ("due within N days") is a setting the user changes in the window:
typed in the dashboard, kept in the register's settings, read again at once."""

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
