"""An audit opened in its editor (a modal dialog, from any page or company file): on the
open register, held to reading in a read-only register, its report printed over it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from cedre_desk.ui import screens
from cedre_desk.ui.common.context import ViewContext
from cedre_desk.ui.common.read_only import hold_form


def edit_audit(ctx: ViewContext, parent: QWidget, read_only_reason: str | None, *,
               saved: Callable[[], None], audit_report: Callable[..., None],
               **which: int | None) -> None:
    """The editor on `audit_id`, or on a new audit of `company_id`, until it is closed;
    `saved()` after each save."""
    editor = screens.audit_editor(ctx, parent, **which)
    if editor is None:  # the window's own words, translated under its name
        ctx.status(QCoreApplication.translate(
            "MainWindow", "The audit editor is not available in this version."))
        return
    saved_signal = getattr(editor, "saved", None)
    if saved_signal is not None:
        saved_signal.connect(lambda *_: saved())
    report = getattr(editor, "report_requested", None)
    if report is not None:  # the report's dialogs over the editor, which is modal
        report.connect(lambda audit_id, how: audit_report(audit_id, how, editor))
    if read_only_reason is not None:  # to read it: nothing can be typed, said why
        hold_form(editor, read_only_reason)
    editor.exec()
    editor.deleteLater()
