"""Fichier > Exporter and Fichier > Importer: the exports and the workbook import in the window.

The work itself is in ui/export_actions.py and ui/import_dialog.py (off the GUI thread, with
progress); this module only puts it in the menus, on the window's open register, language
and day. The audit report actions act on the audit selected in the Audits view.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from cedre_desk.ui.main_window import MainWindow


def _exports() -> ModuleType:
    """ui.export_actions, imported when an export is asked for: with the import dialog it is
    80 ms of a start that needs neither (measured with python -X importtime)."""
    from cedre_desk.ui import export_actions

    return export_actions


class ExchangeMenu(QObject):
    """The export and import actions of one window (kept alive by the window)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.export_menu = QMenu(window)
        self.register = QAction(window)
        self.register.setShortcut(QKeySequence("Ctrl+E"))
        self.report = QAction(window)
        self.print_report = QAction(window)
        self.print_report.setShortcut(QKeySequence.StandardKey.Print)
        self.calendar = QAction(window)
        self.statistics = QAction(window)
        for action in (self.register, self.report, self.print_report, self.calendar,
                       self.statistics):
            self.export_menu.addAction(action)
        self.import_workbook = QAction(window)
        self.import_workbook.setShortcut(QKeySequence("Ctrl+I"))
        file_menu = window.file_menu
        before = window.quit_action
        file_menu.insertMenu(before, self.export_menu)
        file_menu.insertAction(before, self.import_workbook)
        file_menu.insertSeparator(before)
        self.register.triggered.connect(
            lambda: _exports().export_register(window, window.db, window.lang, window.today()))
        self.calendar.triggered.connect(
            lambda: _exports().export_calendar(window, window.db, window.lang, window.today()))
        self.statistics.triggered.connect(
            lambda: _exports().export_statistics(window, window.db, window.lang,
                                                 window.today()))
        self.report.triggered.connect(lambda: self._audit_report(print_it=False))
        self.print_report.triggered.connect(lambda: self._audit_report(print_it=True))
        self.import_workbook.triggered.connect(self._import)
        self.retranslate()

    def retranslate(self) -> None:
        self.export_menu.setTitle(self.tr("E&xport"))
        self.register.setText(self.tr("Excel &register…"))
        self.report.setText(self.tr("Audit &report (PDF)…"))
        self.print_report.setText(self.tr("&Print the audit report…"))
        self.calendar.setText(self.tr("Renewal &calendar…"))
        self.statistics.setText(self.tr("&Yearly figures…"))
        self.import_workbook.setText(self.tr("&Import an Excel workbook…"))

    def _audit_report(self, *, print_it: bool) -> None:
        window = self.window
        view = window.audits_view
        audit_id = view.current_audit_id() if hasattr(view, "current_audit_id") else None
        if audit_id is None:
            window.show_view(2)  # the Audits view, where an audit is chosen
            window.status(self.tr("Select an audit in the list first."))
            return
        exports = _exports()
        act = exports.print_audit_report if print_it else exports.export_audit_report
        act(window, window.db, audit_id, window.lang, window.today())

    def _import(self) -> None:
        from cedre_desk.ui.import_dialog import ImportDialog  # see _exports

        window = self.window
        dialog = ImportDialog(window.db, window.lang, window.today(), parent=window)
        dialog.imported.connect(lambda *_: window.data_changed())
        dialog.exec()
        dialog.deleteLater()
