"""What the menus do with the page on screen: Édition's company to edit or delete (the list's
selection, or the company file on screen), Rechercher (Ctrl+F) into the page's own search,
Préférences; File › Export and Print's audit (the one selected) and calendar period (the
Échéances page's); and a state of the dashboard's counts shown as the filtered companies
list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

from cedre_desk.exports.calendar_events import Period
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.window_pages import COMPANIES, DEADLINES, FIXED_VIEWS

if TYPE_CHECKING:
    from cedre_desk.ui.companies.file_view import CompanyFileView
    from cedre_desk.ui.companies.list_view import CompaniesView
    from cedre_desk.ui.dashboard.view import DashboardView
    from cedre_desk.ui.deadlines.view import DeadlinesView

DEFAULT_HORIZON_DAYS = 90


class EditCommands:
    def __init__(self, tabs: QTabWidget, view_at: Callable[[int], QWidget],
                 dashboard: Callable[[], DashboardView], preferences: Preferences,
                 parent: QWidget) -> None:
        self._tabs, self._view_at, self._dashboard = tabs, view_at, dashboard
        self._preferences, self._parent = preferences, parent

    def _companies(self) -> CompaniesView:
        return cast("CompaniesView", self._view_at(COMPANIES))

    def selected_audit(self) -> int | None:
        """The audit selected in the view on screen (the Audits list, a company file's
        audits), for File › Export and Print."""
        view = self._view_at(self._tabs.currentIndex())
        return view.current_audit_id() if hasattr(view, "current_audit_id") else None

    def chosen_period(self) -> Period | None:
        """The period of the Échéances page (built, with the period last chosen, if it was
        not), for File › Export and Print's calendar."""
        if self._tabs.count() <= DEADLINES:
            return None
        return cast("DeadlinesView", self._view_at(DEADLINES)).period()

    def edit_company(self) -> None:
        number = self._tabs.currentIndex()
        if number >= FIXED_VIEWS:  # a company file: that company
            file_view = cast("CompanyFileView", self._tabs.widget(number))
            self._companies().edit_company(file_view.company_id)
        elif number == COMPANIES:
            self._companies().edit_selected()

    def delete_company(self) -> None:
        if self._tabs.currentIndex() == COMPANIES:
            self._companies().delete_selected()

    def find(self) -> None:
        """Ctrl+F: the search field of the view on screen, else the companies' search."""
        search = getattr(self._view_at(self._tabs.currentIndex()), "search", None)
        if isinstance(search, QLineEdit):
            search.setFocus()
            search.selectAll()
            return
        self._tabs.setCurrentIndex(COMPANIES)
        self._companies().focus_search()

    def show_state(self, state: str) -> None:
        """The companies list, filtered on a state of the dashboard's counts."""
        self._companies().show_state(state)
        self._tabs.setCurrentIndex(COMPANIES)

    def edit_preferences(self) -> None:
        """Édition › Préférences: the dashboard's horizon, this user's own."""
        from cedre_desk.ui.preferences_dialog import PreferencesDialog  # built when asked for

        dashboard = self._dashboard()
        board = dashboard.board
        horizon = (board.within_days if board
                   else self._preferences.dashboard_horizon() or DEFAULT_HORIZON_DAYS)
        dialog = PreferencesDialog(self._preferences, horizon, self._parent)
        if dialog.exec():
            dashboard.refresh()
        dialog.deleteLater()
