"""Bugs: a log file and a crash dialog instead of a window that vanishes.

`install_crash_handler` replaces sys.excepthook (Qt hands it the exceptions raised in slots)
and threading.excepthook. A UserError that escaped a slot is not a crash: it is shown as the
message it carries. Anything else is written to a log file in the data folder (traceback,
version, system) and the dialog says where, that committed changes are safe, and offers to
copy the details; the program keeps running.
"""

from __future__ import annotations

import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cedre_desk import __version__
from cedre_desk.errors import UserError
from cedre_desk.paths import write_log
from cedre_desk.ui.safety.texts import Lang, pick


def write_crash_log(details: str) -> Path | None:
    """The details in a new log file of the data folder; None when it cannot be written."""
    try:
        header = (f"cedre-desk {__version__}\nPython {sys.version.split()[0]}, "
                  f"{platform.platform()}\n{datetime.now().astimezone().isoformat()}\n\n")
        return write_log("crash", header + details)
    except OSError:
        return None


def show_crash(parent: QWidget | None, lang: str, details: str, log: Path | None) -> None:
    title = pick(lang, "Erreur interne de cedre-desk", "cedre-desk internal error")
    where = str(log) if log else pick(lang, "(le journal n'a pas pu être écrit)",
                                      "(the log could not be written)")
    box = QMessageBox(QMessageBox.Icon.Critical, title, pick(
        lang,
        "cedre-desk a rencontré une erreur interne. L'opération en cours n'a pas abouti ; "
        "tout ce qui avait été enregistré avant est intact.\n\nPour nous aider à corriger "
        f"l'erreur, envoyez le journal :\n{where}",
        "cedre-desk met an internal error. The operation under way did not complete; "
        f"everything saved before is intact.\n\nTo help fix it, send the log:\n{where}"),
        parent=parent)
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy = box.addButton(pick(lang, "Copier le détail", "Copy the details"),
                         QMessageBox.ButtonRole.ActionRole)
    folder = box.addButton(pick(lang, "Ouvrir le dossier du journal", "Open the log folder"),
                           QMessageBox.ButtonRole.ActionRole) if log else None
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is copy:
        QGuiApplication.clipboard().setText(details)
    elif folder is not None and clicked is folder and log is not None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log.parent)))


class CrashReporter(QObject):
    """Receives exceptions from any thread and reports them on the GUI thread."""

    reported = Signal(str, object)  # details, the UserError (or None for a bug)

    def __init__(self, lang: Lang, parent_widget: Callable[[], QWidget | None]) -> None:
        super().__init__(QApplication.instance())
        self._lang = lang
        self._parent = parent_widget
        self._showing = False
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.previous_hooks = (sys.excepthook, threading.excepthook)

    def excepthook(self, kind: type[BaseException], value: BaseException,
                   tb: TracebackType | None) -> None:
        if isinstance(value, KeyboardInterrupt):
            self.previous_hooks[0](kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        self.reported.emit(details, value if isinstance(value, UserError) else None)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        value = args.exc_value
        if value is None:
            return
        self.excepthook(args.exc_type, value, args.exc_traceback)

    def _show(self, details: str, user_error: UserError | None) -> None:
        lang = self._lang()
        if user_error is not None:
            QMessageBox.warning(self._parent(), "cedre-desk", user_error.message(lang))
            return
        log = write_crash_log(details)
        if self._showing:  # a bug while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            show_crash(self._parent(), lang, details, log)
        finally:
            self._showing = False

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self.previous_hooks


def install_crash_handler(lang: Lang,
                          parent_widget: Callable[[], QWidget | None] = lambda: None
                          ) -> CrashReporter:
    reporter = CrashReporter(lang, parent_widget)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_hook
    return reporter
