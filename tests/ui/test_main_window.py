"""The main window: views in tabs, company files, the Fichier menu (new, open, recent, copy),
undo, language, and what it remembers (geometry, column layout)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cedre_desk.services.companies import CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage.opening import open_register
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.main_window import AUDITS, COMPANIES, DASHBOARD, MainWindow

from .helpers import TODAY, restore_language, small_register, wait_for_reads


def make_window(qtbot, db, lang="en") -> MainWindow:
    window = MainWindow(db, lang, today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    return window


@pytest.fixture
def window(qtbot, db):
    window = make_window(qtbot, db)
    window.ids = small_register(db)
    window.data_changed()
    wait_for_reads(qtbot, window.runner)
    yield window
    window.close_register()


def test_the_window_opens_on_the_dashboard_with_every_view_in_a_tab(window):
    assert window.tabs.currentIndex() == DASHBOARD
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Dashboard", "Companies", "Audits", "Committees", "Referentials", "Le Cap", "Due dates"]
    assert window.dashboard.late_model.rowCount() == 1
    assert [a.text() for a in window.menuBar().actions() if a.isVisible()] == [
        "&File", "&Edit", "&View", "&Tools", "&Help"]  # Outils: the register check, backups
    assert window.windowTitle() == "cedre-desk — registre.sqlite"


def test_the_companies_are_read_behind_the_dashboard_sharing_one_cycle_pass(qtbot, db):
    small_register(db)
    window = make_window(qtbot, db)
    # read ahead on the turn of the loop after the dashboard's figures: that turn may come
    # after the dashboard's reads are done (a loaded machine)
    page = window.tabs.widget(COMPANIES)
    qtbot.waitUntil(lambda: page.built() is not None, timeout=10_000)
    wait_for_reads(qtbot, window.runner)
    assert window.companies_view.loaded  # ready before it is asked for
    assert window.companies_view.model.rowCount() == 3
    assert window.shared_statuses.computed == 1
    assert window.audits_view.isHidden() or window.tabs.currentIndex() == DASHBOARD
    window.close_register()


def test_the_companies_are_read_only_once_the_dashboard_shows_its_figures(qtbot, db,
                                                                         monkeypatch):
    from cedre_desk.ui.companies.list_view import CompaniesView

    small_register(db)
    dashboard_shown_then = []
    original = CompaniesView.refresh

    def refresh(view) -> None:
        window = view.window()
        dashboard_shown_then.append(getattr(window, "dashboard", None) is not None
                                    and window.dashboard.board is not None)
        original(view)

    monkeypatch.setattr(CompaniesView, "refresh", refresh)
    window = make_window(qtbot, db)
    qtbot.waitUntil(lambda: window.companies_view.loaded, timeout=10_000)
    assert dashboard_shown_then == [True]  # read once, after the dashboard had its data
    window.dashboard.refresh()  # a later refresh of the dashboard reads nothing more
    wait_for_reads(qtbot, window.runner)
    assert dashboard_shown_then == [True]
    window.close_register()


def test_shortcuts_switch_the_views(qtbot, window):
    window.menus.show_views[COMPANIES].trigger()
    wait_for_reads(qtbot, window.runner)
    assert window.tabs.currentIndex() == COMPANIES
    assert window.companies_view.model.rowCount() == 3
    assert window.menus.show_views[COMPANIES].shortcut().toString() == "Ctrl+2"


def test_a_company_opens_in_its_own_tab_once(qtbot, window):
    view = window.dashboard
    view.late_table.activated.emit(view.late_model.index(0, 0))
    wait_for_reads(qtbot, window.runner)
    [file_view] = window.company_files()
    assert window.tabs.currentWidget() is file_view
    assert window.tabs.tabText(window.tabs.currentIndex()) == "DOMICILE SERVICE LOIRET"
    window.open_company(window.ids["late"])
    assert len(window.company_files()) == 1
    window.menus.close_tab.trigger()
    assert window.company_files() == []
    window.close_tab(DASHBOARD)  # the six views never close
    assert window.tabs.count() == 7


def test_f5_reads_the_register_as_it_is_now(qtbot, window):
    from cedre_desk.audits.vocabulary import CompanyState
    from cedre_desk.services.auditors import AuditorService

    window.show_view(COMPANIES)
    wait_for_reads(qtbot, window.runner)
    state = lambda: window.companies_view.model.row_at(  # noqa: E731
        window.companies_view.model.row_of(lambda r: r.id == window.ids["new"])).state
    assert state() is CompanyState.NOT_ENGAGED
    AuditorService(window.db).engage(window.ids["new"], TODAY)  # written by someone else
    window.menus.refresh.trigger()
    wait_for_reads(qtbot, window.runner)
    assert state() is CompanyState.ENGAGED


def test_long_work_shows_the_busy_indicator(window):
    assert window.busy.isHidden()
    window.runner.busy_changed.emit(True)
    assert not window.busy.isHidden()
    assert window.statusBar().currentMessage() == "Reading the register…"
    window.runner.busy_changed.emit(False)
    assert window.busy.isHidden()


def test_the_tools_menu_appears_when_given_an_action(window):
    window.tools_menu.addAction("Exporter le registre…")
    assert window.tools_menu.menuAction().isVisible()
    window.status("Registre exporté")
    assert window.statusBar().currentMessage() == "Registre exporté"


def test_delete_then_ctrl_z_from_the_edit_menu(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.show_view(COMPANIES)
    wait_for_reads(qtbot, window.runner)
    companies = window.companies_view
    companies.select_company(window.ids["new"])
    window.menus.delete_company.trigger()
    wait_for_reads(qtbot, window.runner)
    assert companies.model.rowCount() == 2
    assert window.menus.undo.isEnabled()
    assert window.menus.undo.text() == "&Undo delete “Île Services”"
    assert window.menus.undo.shortcut().toString() == "Ctrl+Z"
    window.menus.undo.trigger()
    wait_for_reads(qtbot, window.runner)
    assert companies.model.rowCount() == 3
    assert window.menus.redo.isEnabled()


def test_open_another_register_swaps_every_view(qtbot, window, tmp_path, monkeypatch):
    other_path = tmp_path / "autre.sqlite"
    other = create_register(other_path)
    other.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(other_path), ""))
    old_db, old_companies = window.db, window.companies_view
    swapped = []
    window.register_changed.connect(swapped.append)
    window.menus.open_register.trigger()
    wait_for_reads(qtbot, window.runner)
    assert window.db is not old_db and window.db.path == other_path
    assert swapped == [window.db]
    assert window.companies_view is not old_companies
    assert window.dashboard.late_model.rowCount() == 0
    assert window.windowTitle() == "cedre-desk — autre.sqlite"
    assert Preferences().last_register() == other_path.resolve()


def test_recent_registers_reopen_the_former_one(qtbot, window, tmp_path, register_path):
    other_path = tmp_path / "autre.sqlite"
    create_register(other_path).close()
    Preferences().remember_register(register_path)
    window.register_actions.open_path(other_path)
    window.menus.recent.aboutToShow.emit()
    [action] = window.menus.recent.actions()
    assert action.text().startswith("registre.sqlite")
    action.trigger()
    wait_for_reads(qtbot, window.runner)
    assert window.db.path == register_path
    assert window.dashboard.late_model.rowCount() == 1


def test_what_is_not_a_register_is_refused_and_the_register_stays(window, tmp_path,
                                                                  monkeypatch):
    text = tmp_path / "notes.sqlite"
    text.write_text("pas un registre")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(text), ""))
    db = window.db
    window.menus.open_register.trigger()
    assert "not a cedre-desk register" in warnings[0]
    assert window.db is db


def test_new_register_makes_an_empty_one_and_never_replaces_a_file(qtbot, window, tmp_path,
                                                                  monkeypatch):
    target = tmp_path / "nouveau"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menus.new_register.trigger()
    wait_for_reads(qtbot, window.runner)
    assert window.db.path == target.with_suffix(".sqlite")
    assert CompanyService(window.db).rows() == []
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.menus.new_register.trigger()
    assert "already exists" in warnings[0]


def test_save_a_copy_writes_a_register_that_opens(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "copies" / "copie.sqlite"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menus.save_copy.trigger()
    wait_for_reads(qtbot, window.runner)
    assert window.statusBar().currentMessage() == f"Copy saved: {target}"
    copy = open_register(target, read_only=True)
    try:
        assert len(CompanyService(copy).rows()) == 3
    finally:
        copy.close()


def test_a_cancelled_file_dialog_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    db = window.db
    for action in (window.menus.new_register, window.menus.open_register,
                   window.menus.save_copy):
        action.trigger()
    assert window.db is db


def test_switching_to_french_rebuilds_the_views_and_is_remembered(qtbot, window,
                                                                   restore_language):
    window.open_company(window.ids["soon"])
    window.menus.french.trigger()
    restore_language.append(window.language)
    wait_for_reads(qtbot, window.runner)
    assert window.lang == "fr"
    assert Preferences().language() == "fr"
    assert window.tabs.tabText(DASHBOARD) == "Tableau de bord"
    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert [v.company_id for v in window.company_files()] == [window.ids["soon"]]
    window.menus.english.trigger()
    assert window.menuBar().actions()[0].text() == "&File"


def test_geometry_and_column_layout_are_remembered(qtbot, db):
    window = make_window(qtbot, db)
    window.resize(700, 500)  # the offscreen screen is 800 x 600
    window.companies_view.table.setColumnWidth(0, 333)
    window.close()
    window.close_register()
    again = make_window(qtbot, open_register(db.path))
    try:
        assert (again.size().width(), again.size().height()) == (700, 500)
        assert again.companies_view.table.columnWidth(0) == 333
    finally:
        again.close_register()


def test_a_file_view_of_a_deleted_company_closes(qtbot, window, monkeypatch):
    window.open_company(window.ids["new"])
    wait_for_reads(qtbot, window.runner)
    CompanyService(window.db).delete(window.ids["new"])
    window.data_changed(window.ids["new"])
    wait_for_reads(qtbot, window.runner)
    assert window.company_files() == []
    assert "no longer" in window.statusBar().currentMessage()


def test_keyboard_shortcuts_of_the_common_actions(window):
    shortcuts = {a.text(): a.shortcut().toString()
                 for menu in (window.menus.file, window.menus.edit, window.menus.view)
                 for a in menu.actions() if not a.isSeparator()}
    assert shortcuts["&Open…"] == "Ctrl+O"
    assert shortcuts["&Quit"] == "Ctrl+Q"
    assert shortcuts["&New company…"] == "Ctrl+N"
    assert shortcuts["&Find a company"] == "Ctrl+F"
    assert shortcuts["Re&fresh"] == "F5"
    assert isinstance(window.companies_view.table.horizontalHeader().sortIndicatorOrder(),
                      Qt.SortOrder)


def test_audits_open_in_the_audit_editor(qtbot, window, monkeypatch):
    from cedre_desk.ui.audits.editor import AuditEditor

    opened = []

    def exec_(editor):
        opened.append((editor.audit_id, editor.windowTitle()))
        editor.saved.emit(editor.audit_id or 0)
        return 0

    monkeypatch.setattr(AuditEditor, "exec", exec_)
    window.open_audit(window.ids["special"])
    assert opened == [(window.ids["special"], "Audit")]
    assert window.dashboard in window.fixed_views()
    wait_for_reads(qtbot, window.runner)
    file_view = window.open_company(window.ids["new"])
    wait_for_reads(qtbot, window.runner)
    file_view.audit_button.click()
    assert opened[-1] == (None, "New audit")


__all__ = ["restore_language"]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_ctrl_f_searches_in_the_view_on_screen(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.menus.find.trigger()
    assert window.tabs.currentIndex() == COMPANIES
    assert window.focusWidget() is window.companies_view.search
    window.show_view(AUDITS)
    window.menus.find.trigger()
    assert window.tabs.currentIndex() == AUDITS
    assert window.focusWidget() is window.audits_view.search


def test_the_file_menu_offers_exports_import_and_restore(qtbot, db):
    """The export, import and data-safety pieces are wired into the window's menus."""
    from cedre_desk.ui.main_window import MainWindow

    window = MainWindow(db, "en")
    qtbot.addWidget(window)
    try:
        texts = [a.text() for a in window.file_menu.actions()]
        export = window.exchange.export_menu
        assert export.menuAction() in window.file_menu.actions()
        assert "Excel re&gister…" in [a.text() for a in export.actions()]
        assert "&Import an Excel workbook…" in texts
        assert window.safety.restore in window.file_menu.actions()
        assert window.safety.check in window.tools_menu.actions()
    finally:
        window.close_register()


def test_an_audit_report_asked_with_no_audit_selected_shows_the_audits(window):
    """The exchange menu cannot see the Audits view: it asks the window, which shows it."""
    window.show_view(COMPANIES)
    window.exchange.report.trigger()
    assert window.tabs.currentIndex() == AUDITS
    assert window.statusBar().currentMessage() == "Select an audit in the list first."


def test_a_read_only_window_turns_editing_off_and_says_why(qtbot, db, register_path):
    from cedre_desk.storage.opening import open_register as open_for_reading

    small_register(db)
    viewer = open_for_reading(register_path, read_only=True)
    window = MainWindow(viewer, "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    view = window.companies_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    view.select_company(view.model.row_at(0).id)  # a company chosen: still nothing to edit
    for action in (window.menus.new_company, window.menus.edit_company,
                   window.menus.delete_company):
        assert not action.isEnabled()
        assert "read-only" in action.toolTip()
    for button in (view.add_button, view.edit_button, view.delete_button):
        assert not button.isEnabled()
        assert "read-only" in button.toolTip()
    window.close_register()
