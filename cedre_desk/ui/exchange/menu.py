"""Fichier > Exporter and Fichier > Importer: the exports and the workbook import in the window.

The work itself is in exports.py and import_dialog.py, beside this one (off the GUI thread, with
progress), printing in printing.py; this module only puts it in the menus, on the window's open
register, language and day. The audit report actions act on the audit selected in the view on
screen (`current_audit`); the views that show audits ask for its report through
`audit_report`.
It never sees the window: it reads the register, language and day from a ViewContext when an
action runs, asks `current_audit` for the audit, and emits `imported` and `audit_needed`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from cedre_desk.exports.calendar_events import Period
from cedre_desk.ui.common.context import ViewContext


def _printing() -> ModuleType:
    """ui.exchange.printing, imported when something is printed (see _exports)."""
    from cedre_desk.ui.exchange import printing

    return printing


def _exports() -> ModuleType:
    """ui.exchange.exports, imported when an export is asked for: with the import dialog it is
    80 ms of a start that needs neither (measured with python -X importtime)."""
    from cedre_desk.ui.exchange import exports as export_actions

    return export_actions


class ExchangeMenu(QObject):
    """The export and import actions of one window (kept alive by the window), put in
    `file_menu` before the action `before`; dialogs open over `window`."""

    imported = Signal()  # a workbook was imported: the register changed
    audit_needed = Signal()  # an audit report was asked for with no audit selected

    def __init__(self, file_menu: QMenu, before: QAction, ctx: ViewContext,
                 current_audit: Callable[[], int | None], window: QWidget,
                 current_period: Callable[[], Period | None] = lambda: None) -> None:
        super().__init__(window)
        self.window = window
        self._ctx = ctx
        self._current_audit = current_audit
        # The period chosen on the Échéances page (None: the next 12 months).
        self._current_period = current_period
        self.export_menu = QMenu(window)
        self.register = QAction(window)  # no key: Ctrl+E edits the selected company
        self.report = QAction(window)
        self.calendar = QAction(window)
        self.statistics = QAction(window)
        for action in (self.register, self.report, self.calendar, self.statistics):
            self.export_menu.addAction(action)
        # Printing: a preview of the very PDF Export writes; the PDF viewer beside it.
        self.print_menu = QMenu(window)
        self.print_report = QAction(window)
        self.print_report.setShortcut(QKeySequence.StandardKey.Print)
        self.view_report = QAction(window)
        self.print_calendar = QAction(window)
        self.view_calendar = QAction(window)
        self.print_statistics = QAction(window)
        for action in (self.print_report, self.view_report, self.print_calendar,
                       self.view_calendar, self.print_statistics):
            self.print_menu.addAction(action)
        self.import_workbook = QAction(window)
        self.import_workbook.setShortcut(QKeySequence("Ctrl+I"))
        file_menu.insertMenu(before, self.export_menu)
        file_menu.insertMenu(before, self.print_menu)
        file_menu.insertAction(before, self.import_workbook)
        file_menu.insertSeparator(before)
        self.register.triggered.connect(
            lambda: _exports().export_register(window, ctx.db(), ctx.lang(), ctx.today()))
        self.calendar.triggered.connect(lambda: self.calendar_of(self._current_period(), None))
        self.statistics.triggered.connect(
            lambda: _exports().export_statistics(window, ctx.db(), ctx.lang(),
                                                 ctx.today()))
        self.print_calendar.triggered.connect(
            lambda: self.calendar_of(self._current_period(), "print"))
        self.view_calendar.triggered.connect(
            lambda: self.calendar_of(self._current_period(), "view"))
        self.print_statistics.triggered.connect(
            lambda: _printing().print_statistics(window, ctx.db(), ctx.lang(), ctx.today()))
        self.report.triggered.connect(lambda: self._selected_audit_report("export"))
        self.print_report.triggered.connect(lambda: self._selected_audit_report("print"))
        self.view_report.triggered.connect(lambda: self._selected_audit_report("view"))
        self.import_workbook.triggered.connect(self._import)
        self.retranslate()

    def retranslate(self) -> None:
        self.export_menu.setTitle(self.tr("E&xport"))
        self.register.setText(self.tr("Excel re&gister…"))
        self.report.setText(self.tr("Audit &report (PDF)…"))
        self.calendar.setText(self.tr("Renewal &calendar…"))
        self.statistics.setText(self.tr("&Yearly figures…"))
        self.print_menu.setTitle(self.tr("&Print"))
        self.print_report.setText(self.tr("The &audit report…"))
        self.view_report.setText(self.tr("The audit report in the PDF &viewer"))
        self.print_calendar.setText(self.tr("The renewal &calendar…"))
        self.view_calendar.setText(self.tr("The renewal calendar in the PDF v&iewer"))
        self.print_statistics.setText(self.tr("The &yearly figures…"))
        self.import_workbook.setText(self.tr("&Import an Excel workbook…"))

    def _selected_audit_report(self, how: str) -> None:
        audit_id = self._current_audit()
        if audit_id is None:
            self.audit_needed.emit()
            self._ctx.status(self.tr("Select an audit in the list first."))
            return
        self.audit_report(audit_id, how)

    def audit_report(self, audit_id: int, how: str, parent: QWidget | None = None) -> None:
        """The report of `audit_id`: "export" (save as), "print" (the print preview) or
        "view" (the PDF viewer); dialogs over `parent` (the window by default)."""
        ctx = self._ctx
        act = {"export": _exports().export_audit_report,
               "print": _printing().print_audit_report,
               "view": _printing().view_audit_report}[how]
        act(parent or self.window, ctx.db(), audit_id, ctx.lang(), ctx.today())

    def calendar_of(self, period: Period | None, how: str | None,
                    parent: QWidget | None = None) -> None:
        """The due list of `period` (None: the next 12 months), with what is late: "print"
        (the print preview), "view" (the PDF viewer), a suffix (".xlsx", ".pdf", ".ics": save
        as that format) or None (save as the format chosen in the dialog)."""
        ctx, parent = self._ctx, parent or self.window
        if how == "print":
            _printing().print_calendar(parent, ctx.db(), ctx.lang(), ctx.today(), period)
        elif how == "view":
            _printing().view_calendar(parent, ctx.db(), ctx.lang(), ctx.today(), period)
        else:
            _exports().export_calendar(parent, ctx.db(), ctx.lang(), ctx.today(), period, how)

    def _import(self) -> None:
        from cedre_desk.ui.exchange.import_dialog import ImportDialog  # see _exports

        ctx = self._ctx
        dialog = ImportDialog(ctx.db(), ctx.lang(), ctx.today(), parent=self.window)
        dialog.imported.connect(lambda *_: self.imported.emit())
        dialog.exec()
        dialog.deleteLater()
