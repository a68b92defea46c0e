"""The audit report where the audit is: File › Export and Print act on the audit selected in
the view on screen (a company file's audits too); a right-click on an audit and the audit
editor's Report button offer its export, print and PDF viewer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from cedre_desk.ui.audits.editor import AuditEditor
from cedre_desk.ui.audits.list_model import ROW_ROLE
from cedre_desk.ui.exchange import exports, printing

from .helpers import TODAY, small_register, wait_for_reads
from .test_main_window import make_window

# Offscreen's words when a real window and a real popup menu open.
OFFSCREEN = ("propagateSizeHints|does not support raise|grabbing the keyboard"
             "|grabbing the mouse")


@pytest.fixture
def asked(monkeypatch):
    """What reached the export and printing functions: (how, audit_id)."""
    calls: list[tuple[str, int]] = []
    for module, name, how in ((exports, "export_audit_report", "export"),
                              (printing, "print_audit_report", "print"),
                              (printing, "view_audit_report", "view")):
        monkeypatch.setattr(module, name,
                            lambda parent, db, audit_id, lang, today, how=how:
                            calls.append((how, audit_id)))
    return calls


@pytest.fixture
def window(qtbot, db):
    window = make_window(qtbot, db)
    window.ids = small_register(db)
    window.data_changed()
    wait_for_reads(qtbot, window.runner)
    yield window
    window.close_register()


def _audits_of_the_company_file(qtbot, window):
    file_view = window.open_company(window.ids["late"])
    wait_for_reads(qtbot, window.runner)
    table = file_view.tables["audits"]
    file_view.tabs.setCurrentWidget(table)
    return file_view, table


def _choose_in_popup(text: str) -> None:
    """When the context menu pops up, click its entry `text` (as a person does)."""
    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text() == text)
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)
    QTimer.singleShot(100, choose)


def test_file_export_acts_on_the_audit_selected_in_a_company_file(qtbot, window, asked):
    file_view, table = _audits_of_the_company_file(qtbot, window)
    table.selectRow(table.model().rowCount() - 1)
    selected = table.current_row().id
    window.exchange.report.trigger()
    window.exchange.print_report.trigger()
    window.exchange.view_report.trigger()
    assert asked == [("export", selected), ("print", selected), ("view", selected)]
    assert window.tabs.currentWidget() is file_view  # no detour to the Audits view


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_a_right_click_on_a_company_files_audit_prints_its_report(qtbot, window, asked):
    _, table = _audits_of_the_company_file(qtbot, window)
    window.show()
    qtbot.waitExposed(window)
    rect = table.visualRect(table.model().index(0, 0))
    _choose_in_popup("Print the audit report…")
    QApplication.sendEvent(table.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), table.viewport().mapToGlobal(
            rect.center())))
    assert asked == [("print", table.current_row().id)]


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_a_right_click_in_the_audits_list_offers_the_report(qtbot, window, asked):
    from cedre_desk.ui.main_window import AUDITS

    window.show()
    qtbot.waitExposed(window)
    window.show_view(AUDITS)
    view = window.audits_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    rect = view.table.visualRect(view.table.model().index(0, 0))
    audit_id = view.table.model().index(0, 0).data(ROW_ROLE).id
    _choose_in_popup("Save the audit report (PDF)…")
    QApplication.sendEvent(view.table.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), QPoint()))
    assert asked == [("export", audit_id)]


def test_the_audit_editor_offers_the_report_of_its_audit(qtbot, db):
    ids = small_register(db)
    editor = AuditEditor(db, "en", lambda: TODAY, audit_id=ids["special"])
    qtbot.addWidget(editor)
    reports: list[tuple[int, str]] = []
    editor.report_requested.connect(lambda audit_id, how: reports.append((audit_id, how)))
    menu = editor.report_button.menu()
    assert [a.text() for a in menu.actions()] == [
        "Save the audit report (PDF)…", "Print the audit report…",
        "Open the audit report in the PDF viewer"]
    menu.actions()[1].trigger()
    assert reports == [(ids["special"], "print")]
