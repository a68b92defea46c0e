"""Aide › À propos: version, build date, Qt and Python, where the register, its backups and
the logs are, in French and English; the details copied for a request for help; the window
shows the program's own icon."""

from __future__ import annotations

from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from cedre_desk import __version__
from cedre_desk.ui import app
from cedre_desk.ui.common.translations import Language
from cedre_desk.ui.help import about_dialog
from cedre_desk.ui.help.about_dialog import AboutDialog
from cedre_desk.ui.main_window import MainWindow

from .helpers import TODAY, wait_for_reads
from .helpers import restore_language as restore_language  # the fixture


def shown_texts(dialog: AboutDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_help_about_opens_the_box_on_the_open_register(qtbot, db, monkeypatch):
    opened: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    window.menus.about.trigger()
    window.close_register()
    assert len(opened) == 1
    dialog = opened[0]
    assert dialog.windowTitle() == "About cedre-desk"
    assert dialog.facts.register == db.path
    rows = dict(dialog.rows)
    assert rows["Version"] == __version__
    assert rows["Built"] == "development"  # run from source, not from a bundle
    assert rows["Qt"].startswith(qVersion())
    assert rows["Register"] == str(db.path)
    assert rows["Backups"] == str(db.path.parent / f"{db.path.name}.backups")
    assert rows["Logs"] == str(dialog.facts.logs)
    assert str(db.path) in shown_texts(dialog)


def test_in_french(qtbot, register_path, private_home, restore_language):
    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    dialog = AboutDialog(register_path, "fr")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "À propos de cedre-desk"
    assert [label for label, _ in dialog.rows] == [
        "Version", "Construit le", "Qt", "Python", "Registre", "Copies de sauvegarde",
        "Journaux"]
    assert dict(dialog.rows)["Construit le"] == "développement"
    assert dict(dialog.rows)["Journaux"] == str(private_home / "logs")
    assert dialog.copy.text() == "&Copier"


def test_a_register_on_a_server_has_no_file_to_show(qtbot):
    dialog = AboutDialog(None, "en")
    qtbot.addWidget(dialog)
    assert dict(dialog.rows)["Register"] == "(a register on a server)"
    assert dict(dialog.rows)["Backups"] == "(a register on a server)"


def test_copy_puts_every_fact_on_the_clipboard(qtbot, register_path):
    dialog = AboutDialog(register_path, "en")
    qtbot.addWidget(dialog)
    dialog.copy.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"cedre-desk {__version__}\n")
    assert f"Register: {register_path}" in copied
    assert f"Logs: {dialog.facts.logs}" in copied


def test_the_log_folder_opens_even_before_the_first_log(qtbot, register_path, monkeypatch):
    opened = []
    monkeypatch.setattr(about_dialog.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    dialog = AboutDialog(register_path, "en")
    qtbot.addWidget(dialog)
    assert not dialog.facts.logs.exists()
    dialog.open_logs.click()
    assert dialog.facts.logs.is_dir()
    assert opened == [str(dialog.facts.logs)]


def test_the_program_shows_its_own_icon(qtbot):
    application = QApplication.instance()
    before = application.windowIcon()
    try:
        app.install_application_icon(application)
        icon = application.windowIcon()
        assert not icon.pixmap(32, 32).isNull()
        assert not icon.pixmap(256, 256).isNull()
        assert application.desktopFileName() == "cedre-desk"
        dialog = AboutDialog(None, "en")
        qtbot.addWidget(dialog)
        assert not dialog.windowIcon().pixmap(64, 64).isNull()
    finally:
        application.setWindowIcon(before)
