"""Start the window: Qt application, French translations, the register, the main window."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from cedre_desk.errors import UserError
from cedre_desk.paths import default_register
from cedre_desk.services.register import open_or_create
from cedre_desk.ui.main_window import MainWindow


def _install_translations(app: QApplication, lang: str) -> None:
    """Qt's own dialogs in the user's language (Annuler, Enregistrer...)."""
    if lang != "fr":
        return
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    if translator.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def run_window(db_path: Path | None, lang: str = "fr") -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("cedre-desk")
    app.setOrganizationName("cedre-desk")
    _install_translations(app, lang)
    path = db_path or default_register()
    try:
        # The default register is made on first start; a register named with --db must exist.
        db = open_or_create(path, create=db_path is None)
    except UserError as exc:
        QMessageBox.critical(None, "cedre-desk", exc.message(lang))
        return 1
    window = MainWindow(db, lang, today=date.today())  # noqa: DTZ011 - the user's own day
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
