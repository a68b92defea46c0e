"""Starting the window: which register, which language; nothing outside the test's folder."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from cedre_desk.errors import RegisterError
from cedre_desk.paths import default_register
from cedre_desk.services.register import create_register
from cedre_desk.ui import app
from cedre_desk.ui.common.preferences import Preferences

from .helpers import restore_language


def test_the_default_register_is_made_on_first_start(private_home):
    preferences = Preferences()
    db = app.open_start_register(None, preferences)
    try:
        assert db.path == default_register()
        assert db.path.is_relative_to(private_home)
        assert preferences.path.is_relative_to(private_home)  # never the user's settings
    finally:
        db.close()


def test_a_register_named_on_the_command_line_must_exist(tmp_path):
    missing = tmp_path / "faute-de-frappe.sqlite"
    with pytest.raises(RegisterError):
        app.open_start_register(missing, Preferences())
    assert not missing.exists()


def test_the_last_register_opens_again_unless_it_is_gone(tmp_path):
    last = tmp_path / "dernier.sqlite"
    create_register(last).close()
    preferences = Preferences()
    preferences.remember_register(last)
    db = app.open_start_register(None, preferences)
    assert db.path == last.resolve()
    db.close()
    last.unlink()
    db = app.open_start_register(None, preferences)
    assert db.path == default_register()
    db.close()


def test_the_language_comes_from_the_command_line_then_the_menu_then_french():
    preferences = Preferences()
    assert app.choose_language(None, preferences) == "fr"
    preferences.set_language("en")
    assert app.choose_language(None, preferences) == "en"
    assert app.choose_language("fr", preferences) == "fr"


def test_the_window_is_french_by_default(qtbot, restore_language, monkeypatch):
    languages = []
    real = app.Language

    def spy(qt_app):
        language = real(qt_app)
        languages.append(language)
        restore_language.append(language)
        return language

    monkeypatch.setattr(app, "Language", spy)
    window = app.build_window(None)
    qtbot.addWidget(window)
    try:
        assert window.lang == "fr"
        assert window.menuBar().actions()[0].text() == "&Fichier"
        assert window.tabs.tabText(1) == "Structures"
        assert Preferences().last_register() == default_register().resolve()
    finally:
        window.close_register()


def test_a_refused_register_says_why_and_opens_no_window(tmp_path, monkeypatch,
                                                        restore_language):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert app.build_window(tmp_path / "absent.sqlite", "en") is None
    assert "no register at this path" in shown[0]
    assert app.run_window(tmp_path / "absent.sqlite", "en") == 1



def test_tabs_keep_the_accents_of_their_capitals(qtbot):
    from PySide6.QtWidgets import QStyle

    style = app.AccentSafeStyle("Fusion")
    assert style.pixelMetric(QStyle.PixelMetric.PM_TabBarTabShiftVertical) == 0
    assert style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin) > 0


__all__ = ["restore_language"]
