"""French is complete: every interface string of cedre_desk/ui is in the committed .ts and
translated, placeholders kept; the window in French shows no English; Qt's own buttons say
Annuler and Enregistrer; without the built .qm the .ts itself is read."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
)

from cedre_desk.ui.common import translations
from cedre_desk.ui.common.translations import Language, read_ts, ts_path
from cedre_desk.ui.main_window import MainWindow

from .helpers import TODAY, restore_language, small_register, wait_for_reads

UI = Path(translations.__file__).parent.parent  # cedre_desk/ui, translations is in ui/common
PLACEHOLDER = re.compile(r"\{\w*\}")


def messages() -> list[tuple[str, str, str | None, str | None]]:
    """(context, source, translation, type) of every message of the committed .ts."""
    import xml.etree.ElementTree as ET

    found = []
    for context in ET.parse(ts_path()).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            found.append((context.findtext("name", ""), message.findtext("source", ""),
                          translation.text if translation is not None else None,
                          translation.get("type") if translation is not None else None))
    return found


def test_every_string_of_the_ts_is_translated_with_its_placeholders():
    untranslated = [(c, s) for c, s, t, kind in messages() if not t or kind == "unfinished"]
    assert untranslated == []
    broken = [(c, s, t) for c, s, t, _ in messages()
              if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t or ""))]
    assert broken == []


def test_every_string_of_the_interface_is_in_the_ts(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    fresh = tmp_path / "fresh_fr.ts"
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *sources, "-ts",
                    str(fresh)], check=True, capture_output=True)
    in_code = set(read_ts_all(fresh))
    committed = {(c, s) for c, s, _, _ in messages()}
    missing = sorted(in_code - committed)
    assert missing == [], "run scripts/build_translations --update, then translate"


def read_ts_all(path: Path) -> list[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    return [(context.findtext("name", ""), message.findtext("source", ""))
            for context in ET.parse(path).getroot().iter("context")
            for message in context.iter("message")]


def english_only() -> set[str]:
    """Source strings whose French differs: seeing one in the French window is a miss."""
    return {s.replace("&", "") for _, s, t, _ in messages()
            if t and t.replace("&", "") != s.replace("&", "")}


def visible_texts(window: MainWindow) -> list[str]:
    texts: list[str] = []

    def menu_texts(menu: QMenu) -> None:
        texts.append(menu.title())
        for action in menu.actions():
            texts.append(action.text())
            if action.menu() is not None:
                menu_texts(action.menu())

    for action in window.menuBar().actions():
        menu_texts(action.menu())
    for widget in window.findChildren(QLabel):
        texts.append(widget.text())
    for widget in window.findChildren(QAbstractButton):
        texts.append(widget.text())
    for widget in window.findChildren(QGroupBox):
        texts.append(widget.title())
    for widget in window.findChildren(QLineEdit):
        texts.append(widget.placeholderText())
    for widget in window.findChildren(QComboBox):
        texts.extend(widget.itemText(i) for i in range(widget.count()))
    for widget in window.findChildren(QTabWidget):
        texts.extend(widget.tabText(i) for i in range(widget.count()))
    for table in window.findChildren(QTableView):
        model = table.model()
        texts.extend(str(model.headerData(c, table.horizontalHeader().orientation()))
                     for c in range(model.columnCount()))
    return [t.replace("&", "") for t in texts if t]


@pytest.fixture
def french_window(qtbot, db, restore_language):
    from PySide6.QtWidgets import QApplication

    small_register(db)
    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    window = MainWindow(db, "fr", today=TODAY, language=language)
    qtbot.addWidget(window)
    for view in range(7):
        window.show_view(view)
    window.open_company(1)
    wait_for_reads(qtbot, window.runner)
    yield window
    window.close_register()


def test_the_french_window_shows_no_english(french_window):
    english = english_only()
    shown = visible_texts(french_window)
    assert "Fichier" in shown and "Tableau de bord" in shown
    leaks = sorted({text for text in shown if text in english})
    assert leaks == []


def test_qt_s_own_buttons_speak_french(qtbot, restore_language):
    from PySide6.QtWidgets import QApplication

    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"Enregistrer", "Annuler"}
    from cedre_desk.ui.common import formatting

    assert formatting.number(20000) in ("20\u202f000", "20\u00a0000", "20 000")


def test_without_the_built_catalogue_the_ts_is_read(qtbot, tmp_path, monkeypatch,
                                                    restore_language):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(translations, "qm_path", lambda: tmp_path / "absent.qm")
    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    assert QCoreApplication.translate("WindowMenus", "&File") == "&Fichier"
    assert QCoreApplication.translate("WindowMenus", "not a known string") == \
        "not a known string"
    assert read_ts(ts_path())[("WindowMenus", "&Quit")] == "&Quitter"


__all__ = ["restore_language"]


def test_the_save_dialog_speaks_french(qtbot, restore_language):
    """Qt's own file dialog (used where the system has none) takes qtbase_fr from PySide6's
    translations folder: its buttons and labels are French."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    dialog = QFileDialog(None, "Enregistrer le registre")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    buttons = {b.text().replace("&", "") for b in dialog.findChildren(QPushButton)}
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Enregistrer", "Annuler"} <= buttons
    assert any(text.startswith("Nom de fichier") for text in labels), labels
