"""The main window: seven views in tabs (Tableau de bord, Structures, Audits, Comités,
Référentiels, Le Cap, Échéances), company files opening in tabs of their own, the menus,
the status bar.

The window holds one open register at a time. Opening another one closes the current
register and builds the views again on the new one: views only ever get narrow
collaborators (a service, the background runner, the language, a `today` function), never
the window itself, and nothing is global. Only the dashboard is built at once; every other
view, and the modules it comes from, when it is first shown or asked for (screens.LazyPage).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QTabBar,
    QTabWidget,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.exports.calendar_events import Period
from cedre_desk.storage.database import Database
from cedre_desk.ui import screens
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.context import ViewContext
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import ReadOnlyHold, hold_form, mark_editing
from cedre_desk.ui.common.shared_statuses import SharedStatuses
from cedre_desk.ui.common.translations import Language
from cedre_desk.ui.common.undo import UndoHooks
from cedre_desk.ui.dashboard.view import DashboardView
from cedre_desk.ui.exchange.menu import ExchangeMenu
from cedre_desk.ui.help.actions import HelpActions
from cedre_desk.ui.register.actions import RegisterActions
from cedre_desk.ui.safety import install_safety
from cedre_desk.ui.screens import LazyPage
from cedre_desk.ui.window_menus import WindowMenus

if TYPE_CHECKING:
    from cedre_desk.ui.companies.file_view import CompanyFileView
    from cedre_desk.ui.companies.list_view import CompaniesView
    from cedre_desk.ui.deadlines.view import DeadlinesView

DASHBOARD, COMPANIES, AUDITS, COMMITTEES, REFERENTIALS, CAP, DEADLINES = range(7)
FIXED_VIEWS = 7  # the tabs after these are company files
STATUS_MS = 8000


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
        self.register_label = QLabel(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # an indicator that moves, not a percentage
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.register_label)
        self.runner: BackgroundRunner | None = None
        self.context = ViewContext(db=lambda: self.db, runner=self._current_runner,
                                   lang=lambda: self.lang, today=self.today,
                                   status=self.status, preferences=self.preferences,
                                   undo=UndoHooks(self.undo_stack, lambda: self.data_changed(),
                                                  self._undo_refused))
        self.register_actions = RegisterActions(self.context, self.menus.recent, self)
        self.register_actions.register_opened.connect(self.swap_register)
        self.help = HelpActions(lambda: self.lang, lambda: self.db.path, self)
        self.exchange = ExchangeMenu(self.file_menu, self.quit_action, self.context,
                                     self._selected_audit, self, self._chosen_period)
        self.exchange.imported.connect(lambda: self.data_changed())
        mark_editing(self.exchange.import_workbook)  # an import writes to the register
        self.exchange.audit_needed.connect(lambda: self.show_view(AUDITS))
        self._connect_menus()
        self._stale: set[int] = set()
        self._read_only_reason: str | None = None
        self._build_views()
        self.safety = install_safety(self, self.file_menu, self.tools_menu,
                                     database=lambda: self.db, lang=lambda: self.lang,
                                     on_register_replaced=self.data_changed)
        self._restore_geometry()

    # Public hooks for the other parts of the program ---------------------------------------

    def status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS)

    def current_view(self) -> QWidget:
        """The view on screen (a tab's page built if it was not)."""
        return self.view_at(self.tabs.currentIndex())

    def view_at(self, number: int) -> QWidget:
        """The view of tab `number`, built if it was not (its editing buttons then held off
        in a read-only register, as the others')."""
        widget = self.tabs.widget(number)
        if not isinstance(widget, LazyPage):
            return widget
        fresh = widget.built() is None
        view = widget.view()
        if fresh:
            self.read_only_hold.apply(self._read_only_reason)
        return view

    def _current_runner(self) -> BackgroundRunner:
        assert self.runner is not None, "no register open"
        return self.runner

    def _selected_audit(self) -> int | None:
        """The audit selected in the view on screen (the Audits list, a company file's
        audits), for File › Export and Print."""
        view = self.current_view()
        return view.current_audit_id() if hasattr(view, "current_audit_id") else None

    def _chosen_period(self) -> Period | None:
        """The period of the Échéances page (built, with the period last chosen, if it was
        not), for File › Export and Print's calendar."""
        return self.deadlines.period() if self.tabs.count() > DEADLINES else None

    # Views ---------------------------------------------------------------------------------

    def _build_views(self) -> None:
        """The dashboard on the open register and in the current language; the other views
        wait in their pages until first shown."""
        self.runner = BackgroundRunner(reader_for(self.db), self)
        self.runner.busy_changed.connect(self._busy)
        self.runner.user_error.connect(self.show_error)
        titles = self.menus.view_titles()
        self.shared_statuses = SharedStatuses()
        self.dashboard = DashboardView(self.runner, self.lang, self.today, self.preferences,
                                       shared=self.shared_statuses)
        self.dashboard.company_requested.connect(self.open_company)
        self.dashboard.state_requested.connect(self._show_state)
        start = self.dashboard.first_start  # shown while the register is empty
        start.import_requested.connect(self.exchange.import_workbook.trigger)
        start.new_company_requested.connect(lambda: self.companies_view.add_company())
        start.demo_requested.connect(self.register_actions.demo.make)
        start.guide_requested.connect(self.help.guide)
        context = self.context
        builders: tuple[Callable[[], QWidget], ...] = (
            self._make_companies_view,
            lambda: self._hosted(screens.audits_view(context, titles[AUDITS])),
            lambda: self._hosted(screens.committees_view(context, titles[COMMITTEES])),
            lambda: self._hosted(screens.referentials_view(context, titles[REFERENTIALS])),
            lambda: self._hosted(screens.cap_view(context, titles[CAP])),
            self._make_deadlines_view)
        pages = (self.dashboard, *(LazyPage(build) for build in builders))
        self.tabs.blockSignals(True)
        for page, title in zip(pages, titles, strict=True):
            number = self.tabs.addTab(page, title)
            self.tabs.tabBar().setTabButton(number, QTabBar.ButtonPosition.RightSide, None)
        self.tabs.setCurrentIndex(DASHBOARD)
        self.tabs.blockSignals(False)
        self._stale = set(range(len(pages)))
        where = self.db.location or ""  # a shared register's address (storage.server)
        self.register_label.setText(str(self.db.path or where))
        self.setWindowTitle(f"cedre-desk — {self.db.path.name if self.db.path else where}")
        self._tab_shown(DASHBOARD)
        self._show_read_only()
        # The companies list is read ahead too (sharing the dashboard's cycle statuses), so
        # it is ready when the user asks for it; but only once the dashboard has its figures:
        # read at the same time, it held the GIL against the dashboard's own read. Its view
        # is built on the next turn of the event loop, once the figures are painted.
        self.dashboard.board_shown.connect(lambda: QTimer.singleShot(0, self._read_ahead),
                                           Qt.ConnectionType.SingleShotConnection)

    def _make_companies_view(self) -> CompaniesView:
        from cedre_desk.services.companies import CompanyService
        from cedre_desk.ui.companies.list_view import CompaniesView

        view = CompaniesView(CompanyService(self.db), self._current_runner(), self.undo_stack,
                             self.lang, self.today, self.preferences,
                             shared=self.shared_statuses)
        view.company_requested.connect(self.open_company)
        view.changed.connect(self.data_changed)
        view.message.connect(self.status)
        view.set_read_only(self._read_only_reason)
        return view

    def _hosted(self, view: QWidget) -> QWidget:
        """A view of screens.py, its signals connected to what the window offers."""
        hooks = (("company_requested", self.open_company), ("audit_requested", self.open_audit),
                 ("new_audit_requested", lambda *_: self.new_audit()),
                 ("changed", lambda *_: self.data_changed()), ("message", self.status),
                 ("report_requested", self.exchange.audit_report))
        for signal_name, slot in hooks:
            signal = getattr(view, signal_name, None)
            if signal is not None:
                signal.connect(slot)
        return view

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

    def _make_deadlines_view(self) -> DeadlinesView:
        from cedre_desk.ui.deadlines.view import DeadlinesView

        view = DeadlinesView(self._current_runner(), self.lang, self.today, self.preferences,
                             shared=self.shared_statuses)
        view.calendar_requested.connect(
            lambda period, how: self.exchange.calendar_of(period, how))
        self._hosted(view)
        return view

    def _tear_down_views(self) -> None:
        for columns in self.findChildren(ColumnLayout):
            columns.save()
        if self.runner is not None:
            self.runner.shutdown()
            self.runner.deleteLater()
            self.runner = None
        self.undo_stack.clear()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()

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
        self.shared_statuses.invalidate()
        self._stale = set(range(FIXED_VIEWS))
        self._tab_shown(self.tabs.currentIndex())
        for file_view in self.company_files():
            if company_id is None or file_view.company_id == company_id:
                file_view.refresh()

    def _tab_shown(self, number: int) -> None:
        if number in self._stale:
            self._stale.discard(number)
            view = self.view_at(number)
            if hasattr(view, "refresh"):
                view.refresh()

    def _read_ahead(self) -> None:
        """The views worth reading before they are asked for (the companies list: the one
        most asked for, and it shares the dashboard's statuses), when not read already."""
        if self.runner is not None:  # not after the window closed its register
            self._tab_shown(COMPANIES)

    def _edit_preferences(self) -> None:
        """Édition › Préférences: the dashboard's horizon, this user's own."""
        from cedre_desk.ui.preferences_dialog import PreferencesDialog  # built when asked for

        board = self.dashboard.board
        horizon = board.within_days if board else self.preferences.dashboard_horizon() or 90
        dialog = PreferencesDialog(self.preferences, horizon, self)
        if dialog.exec():
            self.dashboard.refresh()
        dialog.deleteLater()

    def _show_state(self, state: str) -> None:
        self.companies_view.show_state(state)
        self.show_view(COMPANIES)

    # Company files -------------------------------------------------------------------------

    def company_files(self) -> list[CompanyFileView]:
        """The company files open, in their tabs' order (every tab after the six views)."""
        return [cast("CompanyFileView", self.tabs.widget(n))
                for n in range(FIXED_VIEWS, self.tabs.count())]

    def open_company(self, company_id: int) -> CompanyFileView:
        for view in self.company_files():
            if view.company_id == company_id:
                self.tabs.setCurrentWidget(view)
                return view
        from cedre_desk.ui.companies.file_view import CompanyFileView

        view = CompanyFileView(company_id, self._current_runner(), self.lang, self.today,
                               self.preferences)
        view.title_changed.connect(lambda title, v=view: self._retitle(v, title))
        view.edit_requested.connect(lambda cid: self.companies_view.edit_company(cid))
        view.memberships_requested.connect(lambda cid: self.companies_view.edit_memberships(cid))
        view.audit_requested.connect(self.open_audit)
        view.new_audit_requested.connect(self.new_audit)
        view.report_requested.connect(self.exchange.audit_report)
        view.gone.connect(self._company_gone)
        self.tabs.setCurrentIndex(self.tabs.addTab(view, "…"))
        self.read_only_hold.apply(self._read_only_reason)  # its buttons too
        view.refresh()
        return view

    def open_audit(self, audit_id: int) -> None:
        self._edit_audit(audit_id=audit_id)

    def new_audit(self, company_id: int | None = None) -> None:
        self._edit_audit(company_id=company_id)

    def _edit_audit(self, **which: int | None) -> None:
        editor = screens.audit_editor(self.context, self, **which)
        if editor is None:
            self.status(self.tr("The audit editor is not available in this version."))
            return
        saved = getattr(editor, "saved", None)
        if saved is not None:
            saved.connect(lambda *_: self.data_changed())
        report = getattr(editor, "report_requested", None)
        if report is not None:  # the report's dialogs over the editor, which is modal
            report.connect(lambda audit_id, how: self.exchange.audit_report(audit_id, how,
                                                                           editor))
        if self._read_only_reason is not None:  # to read it: nothing can be typed, said why
            hold_form(editor, self._read_only_reason)
        editor.exec()
        editor.deleteLater()

    def close_tab(self, number: int | None = None) -> None:
        """Close a company file's tab (the five views stay)."""
        number = self.tabs.currentIndex() if number is None else number
        if number >= FIXED_VIEWS:
            widget = self.tabs.widget(number)
            self.tabs.removeTab(number)
            widget.deleteLater()

    def _retitle(self, view: QWidget, title: str) -> None:
        number = self.tabs.indexOf(view)
        if number >= 0:
            self.tabs.setTabText(number, title)

    def _company_gone(self, company_id: int) -> None:
        for view in self.company_files():
            if view.company_id == company_id:
                self.close_tab(self.tabs.indexOf(view))
        self.status(self.tr("That company is no longer in the register."))

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

    # Menus, geometry -----------------------------------------------------------------------

    def _connect_menus(self) -> None:
        menus = self.menus
        menus.new_register.triggered.connect(self.register_actions.new_register)
        menus.demo_register.triggered.connect(self.register_actions.demo.make)
        menus.open_register.triggered.connect(self.register_actions.open_register)
        menus.open_shared.triggered.connect(lambda: self.register_actions.shared.open_shared())
        menus.save_copy.triggered.connect(self.register_actions.save_copy)
        menus.recent.aboutToShow.connect(self.register_actions.fill_recent)
        menus.quit.triggered.connect(self.close)
        menus.new_company.triggered.connect(lambda: self.companies_view.add_company())
        menus.edit_company.triggered.connect(self._edit_company)
        menus.delete_company.triggered.connect(self._delete_company)
        menus.find.triggered.connect(self._find)
        for number, action in enumerate(menus.show_views):
            action.triggered.connect(lambda _=False, n=number: self.show_view(n))
        menus.refresh.triggered.connect(self.refresh_current)
        menus.close_tab.triggered.connect(lambda: self.close_tab())
        menus.french.triggered.connect(lambda: self.set_language("fr"))
        menus.english.triggered.connect(lambda: self.set_language("en"))
        menus.french.setChecked(self.lang == "fr")
        menus.english.setChecked(self.lang == "en")
        menus.guide.triggered.connect(self.help.guide)
        menus.about.triggered.connect(self.help.about)
        menus.log_folder.triggered.connect(self.help.open_log_folder)
        menus.preferences.triggered.connect(self._edit_preferences)

    def _show_read_only(self) -> None:
        """Editing actions off, with the reason as their tooltip, in a read-only register."""
        reason = self.db.read_only_message().message(self.lang) if self.db.read_only else None
        self._read_only_reason = reason  # for the views built later (view_at)
        self.read_only_hold.apply(reason)
        companies = self.tabs.widget(COMPANIES)
        if isinstance(companies, LazyPage) and companies.built() is not None:
            self.companies_view.set_read_only(reason)
        self.dashboard.first_start.set_read_only(reason)
        self.menus.set_read_only(reason)
        self.menus.edit.setToolTipsVisible(True)
        for action in (self.menus.new_company, self.menus.edit_company,
                       self.menus.delete_company):
            action.setEnabled(reason is None)
            action.setToolTip(reason or action.text().replace("&", ""))

    def _edit_company(self) -> None:
        number = self.tabs.currentIndex()
        if number >= FIXED_VIEWS:
            self.companies_view.edit_company(self.company_files()[number - FIXED_VIEWS]
                                             .company_id)
        elif number == COMPANIES:
            self.companies_view.edit_selected()

    def _delete_company(self) -> None:
        if self.tabs.currentIndex() == COMPANIES:
            self.companies_view.delete_selected()

    def _find(self) -> None:
        """Ctrl+F: the search field of the view on screen, else the companies' search."""
        search = getattr(self.current_view(), "search", None)
        if isinstance(search, QLineEdit):
            search.setFocus()
            search.selectAll()
            return
        self.show_view(COMPANIES)
        self.companies_view.focus_search()

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.statusBar().showMessage(self.tr("Reading the register…"))
        else:
            self.statusBar().clearMessage()

    def _restore_geometry(self) -> None:
        geometry, state = self.preferences.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.register_actions.demo.cancel()  # a demonstration being written: none is left
        self.preferences.set_window_state(self.saveGeometry(), self.saveState())
        for columns in self.findChildren(ColumnLayout):
            columns.save()
        if self.runner is not None:
            self.runner.shutdown()
        super().closeEvent(event)
