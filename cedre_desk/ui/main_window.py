"""The main window: seven views in tabs (Tableau de bord, Structures, Audits, Comités,
Référentiels, Le Cap, Échéances), company files opening in tabs of their own, the menus,
the status bar.

The window holds one open register at a time. Opening another one closes the current
register and builds the views again on the new one: views only ever get narrow
collaborators (a service, the background runner, the language, a `today` function), never
the window itself, and nothing is global. Only the dashboard is built at once; every other
view, and the modules it comes from, when it is first shown or asked for (screens.LazyPage).

This module assembles; the parts live beside it: the pages (window_pages), the company files'
tabs (company_tabs), Édition's commands (edit_commands), the menus (window_menus), the status
bar and the window's geometry (window_state).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox, QTabWidget, QWidget

from cedre_desk.errors import UserError
from cedre_desk.storage.database import Database
from cedre_desk.ui.audit_editing import edit_audit
from cedre_desk.ui.common.background import BackgroundRunner
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.context import ViewContext
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import ReadOnlyHold, mark_editing
from cedre_desk.ui.common.shared_statuses import SharedStatuses
from cedre_desk.ui.common.translations import Language
from cedre_desk.ui.common.undo import UndoHooks
from cedre_desk.ui.company_tabs import CompanyTabs
from cedre_desk.ui.dashboard.view import DashboardView
from cedre_desk.ui.edit_commands import EditCommands
from cedre_desk.ui.exchange.menu import ExchangeMenu
from cedre_desk.ui.help.actions import HelpActions
from cedre_desk.ui.register.actions import RegisterActions
from cedre_desk.ui.safety import install_safety
from cedre_desk.ui.window_menus import MenuSlots, WindowMenus
from cedre_desk.ui.window_pages import (
    AUDITS,
    CAP,
    COMMITTEES,
    COMPANIES,
    DASHBOARD,
    DEADLINES,
    FIXED_VIEWS,
    REFERENTIALS,
    WindowHooks,
    WindowPages,
)
from cedre_desk.ui.window_state import StatusBarParts, remember_geometry, restore_geometry

if TYPE_CHECKING:
    from cedre_desk.ui.companies.file_view import CompanyFileView
    from cedre_desk.ui.companies.list_view import CompaniesView
    from cedre_desk.ui.deadlines.view import DeadlinesView

class MainWindow(QMainWindow):
    register_changed = Signal(object)  # the new Database, after Ouvrir / Nouveau registre

    def __init__(self, db: Database, lang: str = "fr",
                 today: Callable[[], date] | date | None = None,
                 preferences: Preferences | None = None, language: Language | None = None,
                 ) -> None:
        super().__init__()
        self.db = db
        self.lang = lang
        self.today: Callable[[], date] = (
            (lambda: today) if isinstance(today, date)
            else today or date.today)  # the user's own day
        self.preferences = preferences or Preferences()
        self.language = language
        self.undo_stack = QUndoStack(self)
        self.read_only_hold = ReadOnlyHold(self)
        self.menus = WindowMenus(self, self.undo_stack)
        self.file_menu: QMenu = self.menus.file
        self.tools_menu: QMenu = self.menus.tools
        self.quit_action = self.menus.quit
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.setCentralWidget(self.tabs)
        self.status_parts = StatusBarParts(self)
        self.busy = self.status_parts.busy
        self.pages: WindowPages | None = None
        self.context = ViewContext(db=lambda: self.db, runner=self._current_runner,
                                   lang=lambda: self.lang, today=self.today,
                                   status=self.status, preferences=self.preferences,
                                   undo=UndoHooks(self.undo_stack, lambda: self.data_changed(),
                                                  self._undo_refused))
        self.register_actions = RegisterActions(self.context, self.menus.recent, self)
        self.register_actions.register_opened.connect(self.swap_register)
        self.help = HelpActions(lambda: self.lang, lambda: self.db.path, self)
        self.edit_commands = EditCommands(self.tabs, self.view_at, lambda: self.dashboard,
                                          self.preferences, self)
        self.exchange = ExchangeMenu(self.file_menu, self.quit_action, self.context,
                                     self.edit_commands.selected_audit, self,
                                     self.edit_commands.chosen_period)
        self.exchange.imported.connect(lambda: self.data_changed())
        mark_editing(self.exchange.import_workbook)  # an import writes to the register
        self.exchange.audit_needed.connect(lambda: self.show_view(AUDITS))
        self._read_only_reason: str | None = None
        self.hooks = WindowHooks(
            open_company=self.open_company, open_audit=self.open_audit,
            new_audit=self.new_audit, data_changed=self.data_changed,
            audit_report=self.exchange.audit_report,
            calendar_of=lambda period, how: self.exchange.calendar_of(period, how),
            read_only_reason=lambda: self._read_only_reason, view_at=self.view_at,
            edit_company=lambda cid: self.companies_view.edit_company(cid),
            edit_memberships=lambda cid: self.companies_view.edit_memberships(cid),
            file_opened=lambda: self.read_only_hold.apply(self._read_only_reason),
            show_state=self.edit_commands.show_state, show_error=self.show_error,
            busy=self.status_parts.set_busy, first_start={
                "import_requested": self.exchange.import_workbook.trigger,
                "new_company_requested": lambda: self.companies_view.add_company(),
                "demo_requested": self.register_actions.demo.make,
                "guide_requested": self.help.guide})
        self.company_tabs = CompanyTabs(self.tabs, self.context, self.hooks)
        registers, edit = self.register_actions, self.edit_commands
        self.menus.connect(MenuSlots(
            new_register=registers.new_register, demo_register=registers.demo.make,
            open_register=registers.open_register,
            open_shared=lambda: registers.shared.open_shared(),
            save_copy=registers.save_copy, fill_recent=registers.fill_recent, quit=self.close,
            new_company=lambda: self.companies_view.add_company(),
            edit_company=edit.edit_company, delete_company=edit.delete_company, find=edit.find,
            show_view=self.show_view, refresh=self.refresh_current, close_tab=self.close_tab,
            set_language=self.set_language, guide=self.help.guide, about=self.help.about,
            log_folder=self.help.open_log_folder, preferences=edit.edit_preferences), self.lang)
        self._build_views()
        self.safety = install_safety(self, self.file_menu, self.tools_menu,
                                     database=lambda: self.db, lang=lambda: self.lang,
                                     on_register_replaced=self.data_changed)
        restore_geometry(self, self.preferences)

    # Public hooks for the other parts of the program ---------------------------------------

    def status(self, message: str) -> None:
        self.status_parts.message(message)

    @property
    def runner(self) -> BackgroundRunner | None:
        """The open register's background reader (None once the register is closed)."""
        return self.pages.runner if self.pages is not None else None

    @property
    def dashboard(self) -> DashboardView:
        assert self.pages is not None, "no register open"
        return self.pages.dashboard

    @property
    def shared_statuses(self) -> SharedStatuses:
        assert self.pages is not None, "no register open"
        return self.pages.shared_statuses

    def current_view(self) -> QWidget:
        """The view on screen (a tab's page built if it was not)."""
        return self.view_at(self.tabs.currentIndex())

    def view_at(self, number: int) -> QWidget:
        """The view of tab `number`, built if it was not (its editing buttons then held off
        in a read-only register, as the others')."""
        fresh = self.pages is not None and number < FIXED_VIEWS and not self.pages.built(number)
        view = self.pages.view_at(number) if self.pages is not None else self.tabs.widget(number)
        if fresh:
            self.read_only_hold.apply(self._read_only_reason)
        return view

    def _current_runner(self) -> BackgroundRunner:
        runner = self.runner
        assert runner is not None, "no register open"
        return runner

    # Views ---------------------------------------------------------------------------------

    def _build_views(self) -> None:
        """The dashboard on the open register and in the current language; the other views
        wait in their pages until first shown."""
        self.pages = WindowPages(self, self.tabs, self.menus.view_titles(), self.context,
                                 self.undo_stack, self.hooks)
        self.status_parts.show_register(self, self.db)
        self._tab_shown(DASHBOARD)
        self._show_read_only()

    @property
    def companies_view(self) -> CompaniesView:
        return cast("CompaniesView", self.view_at(COMPANIES))

    @property
    def audits_view(self) -> QWidget:
        return self.view_at(AUDITS)

    @property
    def committees_view(self) -> QWidget:
        return self.view_at(COMMITTEES)

    @property
    def referentials_view(self) -> QWidget:
        return self.view_at(REFERENTIALS)

    @property
    def cap_view(self) -> QWidget:
        return self.view_at(CAP)

    @property
    def deadlines(self) -> DeadlinesView:
        return cast("DeadlinesView", self.view_at(DEADLINES))

    def _tear_down_views(self) -> None:
        if self.pages is not None:
            self.pages.tear_down()
            self.pages = None
        self.undo_stack.clear()

    def fixed_views(self) -> list[QWidget]:
        """The seven views (each built, if it was not)."""
        return [self.view_at(number) for number in range(FIXED_VIEWS)]

    def show_view(self, number: int) -> None:
        self.tabs.setCurrentIndex(number)

    def refresh_current(self) -> None:
        """Actualiser (F5): read the view on screen again, from the register as it is now
        (someone else may have changed it)."""
        self.shared_statuses.invalidate()
        view = self.current_view()
        if hasattr(view, "refresh"):
            view.refresh()

    def data_changed(self, company_id: int | None = None) -> None:
        """Something changed in the register: the view on screen reads again, the others
        when they are next shown; an open company file of `company_id` reads again too."""
        if self.pages is None:
            return
        self.pages.changed()
        self._tab_shown(self.tabs.currentIndex())
        for file_view in self.company_files():
            if company_id is None or file_view.company_id == company_id:
                file_view.refresh()

    def _tab_shown(self, number: int) -> None:
        if self.pages is not None:
            self.pages.shown(number)

    # Company files and audits --------------------------------------------------------------

    def company_files(self) -> list[CompanyFileView]:
        """The company files open, in their tabs' order (every tab after the seven pages)."""
        return self.company_tabs.files()

    def open_company(self, company_id: int) -> CompanyFileView:
        return self.company_tabs.open(company_id)

    def close_tab(self, number: int | None = None) -> None:
        """Close a company file's tab (the seven pages stay)."""
        self.company_tabs.close(self.tabs.currentIndex() if number is None else number)

    def open_audit(self, audit_id: int) -> None:
        self._edit_audit(audit_id=audit_id)

    def new_audit(self, company_id: int | None = None) -> None:
        self._edit_audit(company_id=company_id)

    def _edit_audit(self, **which: int | None) -> None:
        edit_audit(self.context, self, self._read_only_reason, saved=self.data_changed,
                   audit_report=self.exchange.audit_report, **which)

    # Register and language -----------------------------------------------------------------

    def swap_register(self, db: Database) -> None:
        """Work on `db` from now on; the register open so far is closed."""
        self._tear_down_views()
        self.db.close()
        self.db = db
        self._build_views()
        self.register_changed.emit(db)

    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        self.preferences.set_language(lang)
        language = self.language or Language(QApplication.instance())
        self.language = language
        language.apply(lang)
        self.menus.retranslate()  # now: the views below take their titles from the menus
        self.exchange.retranslate()
        open_files = [view.company_id for view in self.company_files()]
        current = self.tabs.currentIndex()
        self._tear_down_views()
        self._build_views()
        for company_id in open_files:
            self.open_company(company_id)
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))
        self.menus.french.setChecked(lang == "fr")
        self.menus.english.setChecked(lang == "en")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.menus.retranslate()
            self.exchange.retranslate()
        super().changeEvent(event)

    def close_register(self) -> None:
        self._tear_down_views()
        self.db.close()

    def show_error(self, exc: UserError) -> None:
        QMessageBox.warning(self, "cedre-desk", exc.message(self.lang))

    def _undo_refused(self, title: str, exc: UserError) -> None:
        """An undo or redo the register refused: what was not undone, and why."""
        QMessageBox.warning(self, title, exc.message(self.lang))
        self.data_changed()  # the register as it is now, changed elsewhere maybe

    # Read-only, closing --------------------------------------------------------------------

    def _show_read_only(self) -> None:
        """Editing actions off, with the reason as their tooltip, in a read-only register."""
        reason = self.db.read_only_message().message(self.lang) if self.db.read_only else None
        self._read_only_reason = reason  # for the views built later (view_at)
        self.read_only_hold.apply(reason)
        if self.pages is not None and self.pages.built(COMPANIES):
            self.companies_view.set_read_only(reason)
        self.dashboard.set_read_only(reason)
        self.menus.set_read_only(reason)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.register_actions.demo.cancel()  # a demonstration being written: none is left
        remember_geometry(self, self.preferences)
        for columns in self.findChildren(ColumnLayout):
            columns.save()
        if self.runner is not None:
            self.runner.shutdown()
        super().closeEvent(event)
