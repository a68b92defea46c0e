"""A read-only window (issue 11, part 11): every editing button of the views, New audit and
New session included, is off with a tooltip that says why, whatever the selection; a
writable register keeps them on. The window's buttons are walked: each one whose text names
an edit must be held."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from cedre_desk.storage.opening import open_register
from cedre_desk.ui.common.read_only import EDITS
from cedre_desk.ui.main_window import AUDITS, COMMITTEES, MainWindow

from .helpers import TODAY, small_register, wait_for_reads

# The texts of the buttons that change the register, in the views the window shows.
EDITING = {"New…", "Edit…", "Delete", "New audit…", "New session…", "Delete…",
           "Record the decision", "Cancel the decision…", "New assessment…", "Load a grid…",
           "Edit the grid…", "Build from the answers", "Add an action", "Delete the action",
           "Save the plan", "Save (even half-done)", "Load from an Excel sheet…",
           "Save the requirement", "Groups…"}


def buttons(window: MainWindow) -> list[QAbstractButton]:
    return [b for b in window.findChildren(QAbstractButton) if b.text() in EDITING]


def opened(qtbot, db, ids: dict[str, int]) -> MainWindow:
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    window.fixed_views()  # every view built, as a user who visits each tab has them
    for number in (AUDITS, COMMITTEES):
        window.show_view(number)
        window.refresh_current()
        wait_for_reads(qtbot, window.runner)
    window.committees_view.sessions.select_row(0)
    window.committees_view.agenda.select_row(0)  # a file chosen: its decision could be typed
    file_view = window.open_company(ids["late"])
    qtbot.waitUntil(lambda: file_view.audits_model.rowCount() > 0, timeout=10_000)
    return window


@pytest.mark.sqlite_only  # opened read-only as a second user of the file
def test_every_editing_button_is_off_and_says_why_in_a_read_only_window(
        qtbot, db, register_path):
    ids = small_register(db)
    window = opened(qtbot, open_register(register_path, read_only=True), ids)
    found = buttons(window)
    assert {b.text() for b in found} == EDITING
    for button in found:
        assert button.property(EDITS), button.text()
        assert not button.isEnabled(), button.text()
        assert "read-only" in button.toolTip(), button.text()
    importing = window.exchange.import_workbook
    assert not importing.isEnabled() and "read-only" in importing.toolTip()
    window.committees_view.sessions.select_row(1)  # the view's own logic cannot turn it on
    window.committees_view.sessions.select_row(0)
    assert not window.committees_view.edit_button.isEnabled()
    window.close_register()


def test_a_writable_window_keeps_them_on(qtbot, db):
    ids = small_register(db)
    window = opened(qtbot, db, ids)
    held = [b for b in buttons(window) if b.text() in ("New audit…", "New session…", "New…")]
    assert len(held) == 4  # the audits' list and the company file both have New audit
    for button in held:
        assert button.isEnabled() and "read-only" not in button.toolTip()
    window.close_register()


@pytest.mark.sqlite_only  # opened read-only as a second user of the file
def test_an_audit_opened_in_a_read_only_window_is_read_not_typed_into(
        qtbot, db, register_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    from cedre_desk.ui.audits.editor import AuditEditor

    ids = small_register(db)
    window = MainWindow(open_register(register_path, read_only=True), "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    seen: dict[str, object] = {}

    def look(editor: AuditEditor) -> int:  # instead of the modal loop: what the user meets
        save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
        seen["save"] = (save.isEnabled(), save.toolTip())
        seen["report"] = editor.report_button.isEnabled()
        fields = editor.findChildren(QLineEdit)
        seen["typable"] = [f for f in fields if not f.isReadOnly()]
        if fields:
            before = fields[0].text()
            QTest.keyClicks(fields[0], "xyz")
            seen["typed"] = fields[0].text() == before
        editor.findings.setFocus()
        QTest.keyClick(editor, Qt.Key.Key_Delete)  # nothing to delete from here either
        return 0

    monkeypatch.setattr(AuditEditor, "exec", look)
    window.open_audit(ids["special"])
    enabled, tip = seen["save"]
    assert not enabled and "read-only" in str(tip)
    assert seen["report"]  # reading it into a report changes nothing
    assert seen["typable"] == [] and seen["typed"]
    window.close_register()


@pytest.mark.sqlite_only  # opened read-only as a second user of the file
def test_enter_on_a_session_of_a_read_only_window_opens_no_form(qtbot, db, register_path,
                                                                monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from cedre_desk.ui.committees import session_dialog

    ids = small_register(db)
    window = opened(qtbot, open_register(register_path, read_only=True), ids)
    asked: list[object] = []
    monkeypatch.setattr(session_dialog.SessionDialog, "exec", lambda self: asked.append(self))
    sessions = window.committees_view.sessions
    sessions.select_row(0)
    sessions.setFocus()
    QTest.keyClick(sessions, Qt.Key.Key_Return)
    assert asked == []
    window.close_register()
