"""The audit report's actions, offered wherever an audit is (the Audits list, a company's
audits, the audit editor): save it as PDF, print it, open it in the PDF viewer.

The screens cannot import the exports (screens do not import each other): each emits what is
asked, `(audit_id, how)` with `how` one of HOW, and the window hands it to the export menu.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

HOW = ("export", "print", "view")

translate = QCoreApplication.translate  # lupdate reads the literal context below


def report_texts() -> dict[str, str]:
    return {"export": translate("ReportActions", "Save the audit report (PDF)…"),
            "print": translate("ReportActions", "Print the audit report…"),
            "view": translate("ReportActions", "Open the audit report in the PDF viewer")}


def add_report_actions(menu: QMenu, audit_id: int, ask: Callable[[int, str], None]) -> None:
    """The three report actions of `audit_id` at the end of `menu`; each calls `ask`."""
    menu.addSeparator()
    for how, text in report_texts().items():
        menu.addAction(text, lambda how=how: ask(audit_id, how))
