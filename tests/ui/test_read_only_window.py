"""A read-only window (issue 11, part 11): every editing button of the views, New audit and
New session included, is off with a tooltip that says why, whatever the selection; a
writable register keeps them on. The window's buttons are walked: each one whose text names
an edit must be held."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from cedre_desk.storage.opening import open_register
from cedre_desk.ui.common.read_only import EDITS
from cedre_desk.ui.main_window import AUDITS, CAP, COMMITTEES, REFERENTIALS, MainWindow

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
    decision = window.committees_view.decision  # its fields take no typing either
    assert decision.conditions.isReadOnly() and decision.certificate_number.isReadOnly()
    assert not decision.outcome.isEnabled() and "read-only" in decision.outcome.toolTip()
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


@pytest.mark.sqlite_only  # opened read-only as a second user of the file
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_le_cap_and_a_requirement_of_a_read_only_window_take_no_typing(
        qtbot, db, register_path):
    """Only Save was held: the answers' cells, the plan's and the requirement's fields took
    typing that could never be saved. Now nothing takes it, and each says why."""
    from datetime import date

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from cedre_desk.services.cap.assessments import (
        Answer,
        AssessmentInput,
        CapAssessmentService,
    )
    from cedre_desk.services.cap.plan import CapPlanService
    from cedre_desk.ui.cap.models import COMMENT, P_OWNER

    ids = small_register(db)
    assessment = CapAssessmentService(db).create(
        AssessmentInput(date(2014, 5, 2), company_id=ids["late"], participants="Directrice"),
        today=TODAY)
    CapAssessmentService(db).save_answers(assessment, [Answer("1.1.1", 0), Answer("1.1.2", 1)])
    CapPlanService(db).build(assessment)
    window = MainWindow(open_register(register_path, read_only=True), "en", today=TODAY)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    wait_for_reads(qtbot, window.runner)
    window.show_view(CAP)
    cap = window.cap_view
    cap.refresh()
    assert cap.current_id() == assessment
    qtbot.waitUntil(cap.editor.table.isVisible)

    def typed_into_cell(table, column: int) -> bool:
        index = table.model().index(0, column)
        before = index.data()
        table.setCurrentIndex(index)
        table.setFocus()
        QTest.keyClick(table, Qt.Key.Key_F2)  # the key that edits a cell
        editor = QApplication.focusWidget()
        if editor is not None and editor is not table:
            QTest.keyClicks(editor, "xyz")
            QTest.keyClick(editor, Qt.Key.Key_Return)
        rect = table.visualRect(table.model().index(0, column))
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, rect.center())  # and a double-click
        editor = QApplication.focusWidget()
        if editor is not None and editor is not table:
            QTest.keyClicks(editor, "uvw")
            QTest.keyClick(editor, Qt.Key.Key_Return)
        return table.model().index(0, column).data() != before

    answers = cap.editor
    assert answers.table.model().rowCount() > 0
    assert not typed_into_cell(answers.table, COMMENT)
    assert "read-only" in answers.table.toolTip()
    QTest.keyClicks(answers.participants, "xyz")
    assert answers.participants.text() == "Directrice"
    assert "read-only" in answers.participants.toolTip()
    assert not answers.completed.isEnabled() and not answers.reviewer_kind.isEnabled()
    cap.pages.setCurrentIndex(2)  # the progress plan
    plan = cap.plan.table
    qtbot.waitUntil(plan.isVisible)
    assert plan.model().rowCount() > 0
    assert not typed_into_cell(plan, P_OWNER)
    assert "read-only" in plan.toolTip()

    window.show_view(REFERENTIALS)
    referentials = window.referentials_view
    referentials.refresh()
    referentials.select_requirement("4.1")
    qtbot.waitUntil(referentials.title_edit.isVisible)
    title = referentials.title_edit
    before = title.text()
    assert title.isEnabled()  # it shows, to be read and copied
    title.setFocus()
    QTest.keyClicks(title, "xyz")
    QTest.keyClicks(referentials.text_edit, "xyz")
    assert title.text() == before and "xyz" not in referentials.text_edit.toPlainText()
    assert "read-only" in title.toolTip() and "read-only" in referentials.text_edit.toolTip()
    window.close_register()


def test_a_form_held_then_given_back_takes_typing_again(qtbot):
    """The register written again (the other user gone): fields and cells as the screen
    had them, their own tooltips back."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView, QVBoxLayout, QWidget

    from cedre_desk.ui.common.read_only import ReadOnlyHold, mark_form

    form = QWidget()
    qtbot.addWidget(form)
    field, fixed, table = QLineEdit(form), QLineEdit(form), QTableView(form)
    fixed.setReadOnly(True)  # the screen's own: stays so
    field.setToolTip("A name")
    table.setModel(QStandardItemModel(2, 2, table))
    triggers = QAbstractItemView.EditTrigger.DoubleClicked
    table.setEditTriggers(triggers)
    layout = QVBoxLayout(form)
    for widget in (field, fixed, table):
        layout.addWidget(widget)
    mark_form(form)
    hold = ReadOnlyHold(form)
    hold.apply("The register is read-only.")
    assert field.isReadOnly() and field.toolTip() == "The register is read-only."
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    field.setReadOnly(False)  # the screen's own logic cannot open it
    assert field.isReadOnly()
    hold.apply(None)
    assert not field.isReadOnly() and field.toolTip() == "A name"
    assert fixed.isReadOnly() and table.editTriggers() == triggers
