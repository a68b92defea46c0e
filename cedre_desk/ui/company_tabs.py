"""Company files in tabs of their own, after the window's seven pages: one tab per company,
opened once (asked again, it is brought forward), retitled with the company's name, closed
when the company leaves the register."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QTabWidget, QWidget

from cedre_desk.ui.common.context import ViewContext
from cedre_desk.ui.window_pages import FIXED_VIEWS, WindowHooks

if TYPE_CHECKING:
    from cedre_desk.ui.companies.file_view import CompanyFileView


class CompanyTabs(QObject):
    def __init__(self, tabs: QTabWidget, ctx: ViewContext, hooks: WindowHooks) -> None:
        super().__init__(tabs)
        self._tabs, self._ctx, self._hooks = tabs, ctx, hooks

    def files(self) -> list[CompanyFileView]:
        """The company files open, in their tabs' order (every tab after the seven pages)."""
        return [cast("CompanyFileView", self._tabs.widget(n))
                for n in range(FIXED_VIEWS, self._tabs.count())]

    def open(self, company_id: int) -> CompanyFileView:
        """The file of `company_id` on screen, opened if it was not."""
        for view in self.files():
            if view.company_id == company_id:
                self._tabs.setCurrentWidget(view)
                return view
        from cedre_desk.ui.companies.file_view import CompanyFileView

        ctx, hooks = self._ctx, self._hooks
        view = CompanyFileView(company_id, ctx.runner(), ctx.lang(), ctx.today, ctx.preferences)
        view.title_changed.connect(lambda title, v=view: self._retitle(v, title))
        view.edit_requested.connect(hooks.edit_company)
        view.memberships_requested.connect(hooks.edit_memberships)
        view.audit_requested.connect(hooks.open_audit)
        view.new_audit_requested.connect(hooks.new_audit)
        view.report_requested.connect(hooks.audit_report)
        view.gone.connect(self._gone)
        self._tabs.setCurrentIndex(self._tabs.addTab(view, "…"))
        hooks.file_opened()
        view.refresh()
        return view

    def close(self, number: int) -> None:
        """Close tab `number` if it is a company file's (the seven pages stay)."""
        if number >= FIXED_VIEWS:
            widget = self._tabs.widget(number)
            self._tabs.removeTab(number)
            widget.deleteLater()

    def _retitle(self, view: QWidget, title: str) -> None:
        number = self._tabs.indexOf(view)
        if number >= 0:
            self._tabs.setTabText(number, title)

    def _gone(self, company_id: int) -> None:
        for view in self.files():
            if view.company_id == company_id:
                self.close(self._tabs.indexOf(view))
        # The window's own words, translated under its name.
        self._ctx.status(QCoreApplication.translate(
            "MainWindow", "That company is no longer in the register."))
