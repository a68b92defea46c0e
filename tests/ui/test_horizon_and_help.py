"""The dashboard's horizon ("due within N days") is the user's own preference: typed in the
dashboard or set in Édition › Préférences, kept in the user's settings file (a read-only
register does not stop it), remembered by the next window, read again at once. Help opens the
log folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cedre_desk.services.settings import SettingsService
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.preferences_dialog import PreferencesDialog

from .helpers import small_register, wait_for_reads
from .test_main_window import make_window


def _shown(qtbot, window, days: int) -> None:
    wait_for_reads(qtbot, window.runner)
    qtbot.waitUntil(lambda: window.dashboard.board is not None
                    and window.dashboard.board.within_days == days)


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
        _shown(qtbot, window, 10)
        assert Preferences().dashboard_horizon() == 10
        assert SettingsService(db).load().due_soon_days == 90  # the register is not written
        assert board.soon_box.title() == "Due within 10 days (0)"  # EMS is due later
        assert board.horizon.value() == 10
    finally:
        window.close_register()
    again = make_window(qtbot, db)  # the next window remembers it
    try:
        _shown(qtbot, again, 10)
    finally:
        again.close_register()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen's word on a real dialog opening
def test_the_horizon_is_set_in_the_preferences_dialog(qtbot, db):
    window = make_window(qtbot, db)
    small_register(db)
    window.data_changed()
    _shown(qtbot, window, 90)
    assert window.menus.preferences in window.menus.edit.actions()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        assert dialog.horizon.value() == 90
        dialog.horizon.setFocus()
        dialog.horizon.selectAll()
        QTest.keyClicks(dialog.horizon, "400")
        QTest.keyClick(dialog, Qt.Key.Key_Return)  # OK, the default button

    try:
        QTimer.singleShot(0, answer)
        window.menus.preferences.trigger()
        _shown(qtbot, window, 400)
        assert Preferences().dashboard_horizon() == 400
        assert window.dashboard.horizon.value() == 400
        assert window.dashboard.soon_model.rowCount() == 2  # a year on: EMS's and one more
    finally:
        window.close_register()


def test_a_cancelled_preferences_dialog_changes_nothing(qtbot, tmp_path):
    preferences = Preferences(tmp_path / "p.ini")
    dialog = PreferencesDialog(preferences, 90)
    qtbot.addWidget(dialog)
    dialog.horizon.setValue(30)
    dialog.reject()
    assert preferences.dashboard_horizon() is None
    dialog.horizon.setValue(30)
    dialog.accept()
    assert Preferences(tmp_path / "p.ini").dashboard_horizon() == 30


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
