"""Start the window: the Qt application, the language, the register, the main window.

Which register: `--db PATH` (it must exist: a typo never makes an empty register), else the
last register opened if it is still there, else the default register in the per-user data
folder, created on first start. Which language: `--lang` when given, else the one chosen
last time from the menu, else French.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.paths import default_register
from cedre_desk.resources import resource
from cedre_desk.services.register import open_or_create
from cedre_desk.storage.database import Database
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.translations import Language
from cedre_desk.ui.main_window import MainWindow
from cedre_desk.ui.safety import install_crash_handler, open_with_recovery


class AccentSafeStyle(QProxyStyle):
    """The platform's style, with tabs that keep their capitals' accents: Fusion draws an
    unselected tab 2 pixels lower and clips the top of its text, so "Échéances" read
    "Echéances"."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


def install_style(app: QApplication) -> None:
    if not isinstance(app.style(), AccentSafeStyle):
        app.setStyle(AccentSafeStyle(app.style().name()))


def install_application_icon(app: QApplication) -> None:
    """The program's own icon on every window; on Wayland the desktop finds it through the
    .desktop entry the .deb installs (installer/linux/cedre-desk.desktop)."""
    app.setWindowIcon(QIcon(str(resource("icons", "cedre-desk.svg"))))
    app.setDesktopFileName("cedre-desk")


def choose_language(lang: str | None, preferences: Preferences) -> str:
    """`--lang` when given, else the language last chosen in the menu, else French."""
    return lang or preferences.language() or "fr"


def open_start_register(db_path: Path | None, preferences: Preferences) -> Database:
    """The register to start on (see the module's docstring); UserError when refused."""
    # The quick_check runs beside the window's first reads; ui.safety hears its verdict.
    if db_path is not None:
        return open_or_create(db_path, create=False, check_later=True)
    last = preferences.last_register()
    if last is not None and last.is_file():
        try:
            return open_or_create(last, create=False, check_later=True)
        except UserError:
            preferences.forget_register(last)  # then the default register, below
    return open_or_create(default_register(), create=True, check_later=True)


def build_window(db_path: Path | None, lang: str | None = None) -> MainWindow | None:
    """The application set up and its window made (not shown); None when the register was
    refused (the message has been shown)."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("cedre-desk")
    app.setOrganizationName("cedre-desk")
    install_application_icon(app)
    install_style(app)
    preferences = Preferences()
    language = Language(app)
    lang = choose_language(lang, preferences)
    language.apply(lang)
    # A damaged register is set aside and its newest sound backup offered; other refusals
    # are shown. None: nothing could be opened.
    register = db_path or preferences.last_register() or default_register()
    db = open_with_recovery(lambda: open_start_register(db_path, preferences), register, lang)
    if db is None:
        return None
    if db.path is not None:
        preferences.remember_register(db.path)
    return MainWindow(db, lang, preferences=preferences, language=language)


def run_window(db_path: Path | None, lang: str | None = None) -> int:
    window = build_window(db_path, lang)
    if window is None:
        return 1
    # A bug from here on gets the crash dialog and a log file, not a silent exit.
    install_crash_handler(lambda: window.lang, lambda: window)
    app = QApplication.instance()
    assert app is not None
    window.show()
    try:
        return app.exec()
    finally:
        window.close_register()
