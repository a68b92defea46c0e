"""Every key does one thing (issue 11): Ctrl+E was both "Edit the company" and "Export ›
Excel register", so Qt logged "Ambiguous shortcut overload" and did nothing.

The window and every dialog are built; each action's and shortcut's keys are collected per
context (the window and its children, or one widget) and a key found twice fails. Menus'
accelerator letters (&) are unique in each menu, in English and in French. Qt's
ambiguous-shortcut warning is a Qt warning: pytest-qt fails the test that triggers it
(qt_log_level_fail = WARNING, and no message handler of the program stands in between).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QWidget

from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.committees import CommitteeService
from cedre_desk.services.companies import CompanyService
from cedre_desk.services.history import HistoryService
from cedre_desk.ui.audits.editor import AuditEditor
from cedre_desk.ui.committees.session_dialog import SessionDialog
from cedre_desk.ui.companies.dialog import CompanyDialog
from cedre_desk.ui.exchange.import_dialog import ImportDialog
from cedre_desk.ui.history.change_history import ChangeHistoryDialog
from cedre_desk.ui.main_window import COMPANIES, MainWindow

from .helpers import TODAY, restore_language, small_register, wait_for_reads

__all__ = ["restore_language"]

_WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def _keys_by_context(top: QWidget) -> dict[str, list[str]]:
    """Each context's keys: the window for window-wide ones, else the widget holding them."""
    found: dict[str, list[str]] = defaultdict(list)
    pieces: list[QAction | QShortcut] = [*top.findChildren(QAction), *top.findChildren(QShortcut)]
    for piece in pieces:
        if isinstance(piece, QAction):
            if not piece.isVisible() and not piece.isEnabled():
                continue
            sequences = piece.shortcuts()
        else:
            sequences = [piece.key(), *getattr(piece, "keys", lambda: [])()]
        owner = piece.parent()
        context = ("window" if piece.shortcutContext() in _WINDOW_WIDE
                   else f"{type(owner).__name__}@{id(owner)}")
        for sequence in {s.toString() for s in sequences if not s.isEmpty()}:
            found[context].append(sequence)
    return found


def _duplicates(top: QWidget) -> dict[str, list[str]]:
    return {context: sorted({k for k in keys if keys.count(k) > 1})
            for context, keys in _keys_by_context(top).items()
            if len(set(keys)) != len(keys)}


def _accelerator_clashes(menu: QMenu) -> list[str]:
    letters: dict[str, list[str]] = defaultdict(list)
    for action in menu.actions():
        if action.isSeparator() or not action.text():
            continue
        found = re.search(r"&([^&\s])", action.text())
        if found:
            letters[found.group(1).lower()].append(action.text())
        if action.menu() is not None:
            yield_from = _accelerator_clashes(action.menu())
            letters["#sub"].extend(yield_from)
    clashes = letters.pop("#sub", [])
    return clashes + [f"{k}: {v}" for k, v in letters.items() if len(v) > 1]


@pytest.fixture
def window(qtbot, db):
    ids = small_register(db)
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    window.ids = ids
    yield window
    window.close_register()


def test_no_key_does_two_things_in_the_window(window):
    assert _duplicates(window) == {}
    keys = [a.shortcut().toString() for a in window.findChildren(QAction)]
    assert keys.count("Ctrl+E") == 1
    assert window.menus.edit_company.shortcut().toString() == "Ctrl+E"


def test_no_key_does_two_things_in_any_dialog(qtbot, db, tmp_path):
    ids = small_register(db)
    history = HistoryService(db)
    dialogs: list[QWidget] = [
        AuditEditor(db, "en", lambda: TODAY, audit_id=ids["special"]),
        SessionDialog(CommitteeService(db), AgendaService(db), "en", TODAY),
        CompanyDialog(CompanyService(db), "en", CompanyService(db).get(ids["new"])),
        ImportDialog(db, "en", TODAY),
        ChangeHistoryDialog("History", lambda: history.record_history(
            "company", ids["new"], private_connection=True), "en"),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert _duplicates(dialog) == {}, type(dialog).__name__
    qtbot.waitUntil(lambda: dialogs[0].history.isEnabled(), timeout=10_000)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_menu_has_its_own_accelerator_letters(window, lang, restore_language):
    if lang == "fr":
        window.menus.french.trigger()
        restore_language.append(window.language)
    clashes = [clash for action in window.menuBar().actions() if action.menu() is not None
               for clash in _accelerator_clashes(action.menu())]
    assert clashes == [], "\n".join(clashes)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_ctrl_e_edits_the_selected_company(qtbot, window, monkeypatch):
    from cedre_desk.ui.companies.list_view import CompaniesView

    edited: list[int] = []
    monkeypatch.setattr(CompaniesView, "edit_company", lambda self, cid: edited.append(cid))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.show_view(COMPANIES)
    wait_for_reads(qtbot, window.runner)
    view = window.companies_view
    view.table.selectRow(0)
    view.table.setFocus()
    selected = view.selected()
    assert selected is not None
    QTest.keyClick(view.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert edited == [selected.id]  # not swallowed as ambiguous (that warns, and fails here)
