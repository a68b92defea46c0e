"""The window's seven pages on the open register, in their tabs' order: the dashboard, built
at once, and the six others, each made when first shown or asked for (screens.LazyPage) and
connected then to what the window offers; which of them must read the register again; the
companies list read ahead once the dashboard's figures are painted.

The pages get narrow collaborators (`ViewContext`, the undo stack, the statuses the dashboard
and the lists share, `WindowHooks`), never the window: the window assembles them. `WindowPages`
is built again on each register the window opens, and in each language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from cedre_desk.errors import UserError
from cedre_desk.ui import screens
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.context import ViewContext
from cedre_desk.ui.common.shared_statuses import SharedStatuses
from cedre_desk.ui.dashboard.view import DashboardView
from cedre_desk.ui.screens import LazyPage

if TYPE_CHECKING:
    from cedre_desk.ui.companies.list_view import CompaniesView
    from cedre_desk.ui.deadlines.view import DeadlinesView

DASHBOARD, COMPANIES, AUDITS, COMMITTEES, REFERENTIALS, CAP, DEADLINES = range(7)
FIXED_VIEWS = 7  # the tabs after these are company files


@dataclass(frozen=True)
class WindowHooks:
    """What the pages' and the company files' signals are connected to: the window's own
    actions and state, lent one by one."""

    open_company: Callable[[int], object]
    open_audit: Callable[[int], None]
    new_audit: Callable[..., None]
    data_changed: Callable[..., None]
    audit_report: Callable[..., None]  # File › Export and Print's report of an audit
    calendar_of: Callable[..., None]  # the same menu's calendar, for a period
    read_only_reason: Callable[[], str | None]  # why the register cannot be written, if so
    view_at: Callable[[int], QWidget]  # a page's view, built (and held read-only) if need be
    edit_company: Callable[[int], None]
    edit_memberships: Callable[[int], None]
    file_opened: Callable[[], None]  # a company file added (held in a read-only register)
    show_state: Callable[[str], None]  # the companies in a state of the dashboard's counts
    first_start: dict[str, Callable[[], object]]  # the empty register's offers: signal → slot
    show_error: Callable[[UserError], None]  # a refusal met by a background read
    busy: Callable[[bool], None]  # the register being read, or not any more


class WindowPages(QObject):
    """The seven pages in `tabs` (the first seven tabs), for the register `ctx.db()` and the
    language `ctx.lang()` of the moment it is made; `tear_down()` before the next."""

    def __init__(self, window: QWidget, tabs: QTabWidget, titles: list[str],
                 ctx: ViewContext, undo_stack: QUndoStack, hooks: WindowHooks) -> None:
        super().__init__(window)
        self._window, self._tabs, self._hooks = window, tabs, hooks
        self._db = ctx.db()  # the register these pages are of
        runner = BackgroundRunner(reader_for(self._db), window)
        runner.busy_changed.connect(hooks.busy)
        runner.user_error.connect(hooks.show_error)
        self.runner: BackgroundRunner | None = runner
        self.shared_statuses = SharedStatuses()
        self.dashboard = DashboardView(runner, ctx.lang(), ctx.today, ctx.preferences,
                                       shared=self.shared_statuses,
                                       first_start_slots=hooks.first_start, read_now=True)
        self.dashboard.company_requested.connect(hooks.open_company)
        self.dashboard.state_requested.connect(hooks.show_state)
        factory = PageFactory(ctx, undo_stack, self.shared_statuses, hooks)
        pages = (self.dashboard, *factory.lazy_pages(titles))
        tabs.blockSignals(True)
        for page, title in zip(pages, titles, strict=True):
            number = tabs.addTab(page, title)
            tabs.tabBar().setTabButton(number, QTabBar.ButtonPosition.RightSide, None)
        tabs.setCurrentIndex(DASHBOARD)
        tabs.blockSignals(False)
        self._stale = set(range(len(pages))) - {DASHBOARD}  # it is reading already
        # The companies list is read ahead too (sharing the dashboard's cycle statuses), so
        # it is ready when the user asks for it; but only once the dashboard has its figures:
        # read at the same time, it held the GIL against the dashboard's own read. Its view
        # is built once those figures are painted (board_shown comes after that paint).
        self.dashboard.board_shown.connect(self._first_figures_shown,
                                           Qt.ConnectionType.SingleShotConnection)

    def view_at(self, number: int) -> QWidget:
        """The view of tab `number`, built if it was not."""
        widget = self._tabs.widget(number)
        return widget.view() if isinstance(widget, LazyPage) else widget

    def built(self, number: int) -> bool:
        widget = self._tabs.widget(number)
        return not isinstance(widget, LazyPage) or widget.built() is not None

    def shown(self, number: int) -> None:
        """Tab `number` is on screen: its view reads the register if it has not since the
        last change."""
        if number in self._stale:
            self._stale.discard(number)
            view = self._hooks.view_at(number)
            if hasattr(view, "refresh"):
                view.refresh()

    def changed(self) -> None:
        """Something changed in the register: every page reads again when next shown."""
        self.shared_statuses.invalidate()
        self._stale = set(range(FIXED_VIEWS))

    def _first_figures_shown(self) -> None:
        """The dashboard's figures are on screen: the register's opening check (it reads the
        whole file) and the companies list's read-ahead may take the machine now."""
        if self._db.opening_check is not None:
            self._db.opening_check.start_now()
        self._read_ahead()

    def _read_ahead(self) -> None:
        """The views worth reading before they are asked for (the companies list: the one
        most asked for, and it shares the dashboard's statuses), when not read already."""
        if self.runner is not None:  # not after the window closed its register
            self.shown(COMPANIES)

    def tear_down(self) -> None:
        """Every tab gone (company files too), layouts saved, the runner stopped."""
        for columns in self._window.findChildren(ColumnLayout):
            columns.save()
        if self.runner is not None:
            self.runner.shutdown()
            self.runner.deleteLater()
            self.runner = None
        while self._tabs.count():
            widget = self._tabs.widget(0)
            self._tabs.removeTab(0)
            widget.deleteLater()
        self.deleteLater()


class PageFactory:
    """Makes each page's view on the register open now (read through `ctx`)."""

    def __init__(self, ctx: ViewContext, undo_stack: QUndoStack, shared: SharedStatuses,
                 hooks: WindowHooks) -> None:
        self._ctx, self._undo_stack, self._shared, self._hooks = ctx, undo_stack, shared, hooks

    def lazy_pages(self, titles: list[str]) -> list[LazyPage]:
        """The pages after the dashboard, each waiting to be built."""
        ctx = self._ctx
        builders: tuple[Callable[[], QWidget], ...] = (
            self.companies_view,
            lambda: self.hosted(screens.audits_view(ctx, titles[AUDITS])),
            lambda: self.hosted(screens.committees_view(ctx, titles[COMMITTEES])),
            lambda: self.hosted(screens.referentials_view(ctx, titles[REFERENTIALS])),
            lambda: self.hosted(screens.cap_view(ctx, titles[CAP])),
            self.deadlines_view)
        return [LazyPage(build) for build in builders]

    def companies_view(self) -> CompaniesView:
        from cedre_desk.services.companies import CompanyService
        from cedre_desk.ui.companies.list_view import CompaniesView

        ctx, hooks = self._ctx, self._hooks
        view = CompaniesView(CompanyService(ctx.db()), ctx.runner(), self._undo_stack,
                             ctx.lang(), ctx.today, ctx.preferences, shared=self._shared)
        view.company_requested.connect(hooks.open_company)
        view.changed.connect(hooks.data_changed)
        view.message.connect(ctx.status)
        view.set_read_only(hooks.read_only_reason())
        return view

    def deadlines_view(self) -> DeadlinesView:
        from cedre_desk.ui.deadlines.view import DeadlinesView

        ctx = self._ctx
        view = DeadlinesView(ctx.runner(), ctx.lang(), ctx.today, ctx.preferences,
                             shared=self._shared)
        view.calendar_requested.connect(self._hooks.calendar_of)
        self.hosted(view)
        return view

    def hosted(self, view: QWidget) -> QWidget:
        """A view of screens.py, its signals connected to what the window offers."""
        hooks = self._hooks
        slots = (("company_requested", hooks.open_company), ("audit_requested", hooks.open_audit),
                 ("new_audit_requested", lambda *_: hooks.new_audit()),
                 ("changed", lambda *_: hooks.data_changed()), ("message", self._ctx.status),
                 ("report_requested", hooks.audit_report))
        for signal_name, slot in slots:
            signal = getattr(view, signal_name, None)
            if signal is not None:
                signal.connect(slot)
        return view
