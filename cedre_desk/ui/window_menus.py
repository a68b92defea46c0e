"""The menu bar and its shortcuts. Texts are set in `retranslate`, called again when the
language changes, so the menus (and the actions other parts of the program add to Fichier
and Outils) stay in place while their words change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

VIEW_SHORTCUTS = ("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6", "Ctrl+7")


@dataclass(frozen=True)
class MenuSlots:
    """What each entry of the menus runs: the window's parts' own methods."""

    new_register: Callable[[], object]
    demo_register: Callable[[], object]
    open_register: Callable[[], object]
    open_shared: Callable[[], object]
    save_copy: Callable[[], object]
    fill_recent: Callable[[], object]  # Registres récents, filled as it opens
    quit: Callable[[], object]
    new_company: Callable[[], object]
    edit_company: Callable[[], object]
    delete_company: Callable[[], object]
    find: Callable[[], object]
    show_view: Callable[[int], object]
    refresh: Callable[[], object]
    close_tab: Callable[[], object]
    set_language: Callable[[str], object]
    guide: Callable[[], object]
    about: Callable[[], object]
    log_folder: Callable[[], object]
    preferences: Callable[[], object]


class WindowMenus(QObject):
    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self._undo_stack = undo_stack
        self._read_only: str | None = None  # why the register cannot be written, if so
        bar = window.menuBar()
        self.file = bar.addMenu("")
        self.new_register = self._action(self.file, "Ctrl+Shift+N")
        self.demo_register = self._action(self.file, None)
        self.open_register = self._action(self.file, QKeySequence.StandardKey.Open)
        self.open_shared = self._action(self.file, None)
        self.recent = self.file.addMenu("")
        self.save_copy = self._action(self.file, "Ctrl+Shift+S")
        self.file.addSeparator()
        self.quit = self._action(self.file, "Ctrl+Q")  # Windows has no standard Quit key

        self.edit = bar.addMenu("")
        self.undo = self._action(self.edit, QKeySequence.StandardKey.Undo)
        self.redo = self._action(self.edit, QKeySequence.StandardKey.Redo)
        self.redo.setShortcuts(QKeySequence.StandardKey.Redo)  # Ctrl+Y and Ctrl+Shift+Z
        self.undo.triggered.connect(undo_stack.undo)
        self.redo.triggered.connect(undo_stack.redo)
        for signal in (undo_stack.indexChanged, undo_stack.cleanChanged):
            signal.connect(self._undo_texts)
        self.edit.addSeparator()
        self.new_company = self._action(self.edit, QKeySequence.StandardKey.New)
        self.edit_company = self._action(self.edit, "Ctrl+E")
        self.delete_company = self._action(self.edit, QKeySequence.StandardKey.Delete)
        self.edit.addSeparator()
        self.find = self._action(self.edit, QKeySequence.StandardKey.Find)
        self.edit.addSeparator()
        self.preferences = self._action(self.edit, None)

        self.view = bar.addMenu("")
        self.show_views = [self._action(self.view, key) for key in VIEW_SHORTCUTS]
        self.view.addSeparator()
        self.refresh = self._action(self.view, "F5")
        self.close_tab = self._action(self.view, QKeySequence.StandardKey.Close)
        self.view.addSeparator()
        self.language = self.view.addMenu("")
        languages = QActionGroup(self)
        self.french = self._action(self.language, None, checkable=True)
        self.english = self._action(self.language, None, checkable=True)
        languages.addAction(self.french)
        languages.addAction(self.english)

        # Outils is filled by other parts of the program: hidden while it holds nothing.
        self.tools = bar.addMenu("")
        self.tools.menuAction().setVisible(False)
        self.tools.installEventFilter(self)

        self.help = bar.addMenu("")
        self.guide = self._action(self.help, QKeySequence.StandardKey.HelpContents)
        self.about = self._action(self.help, None)
        self.log_folder = self._action(self.help, None)
        self.retranslate()

    def connect(self, slots: MenuSlots, lang: str) -> None:
        """Each entry to what it runs; the language `lang` checked."""
        pairs = ((self.new_register, slots.new_register),
                 (self.demo_register, slots.demo_register),
                 (self.open_register, slots.open_register), (self.open_shared, slots.open_shared),
                 (self.save_copy, slots.save_copy), (self.quit, slots.quit),
                 (self.new_company, slots.new_company), (self.edit_company, slots.edit_company),
                 (self.delete_company, slots.delete_company), (self.find, slots.find),
                 (self.refresh, slots.refresh), (self.close_tab, slots.close_tab),
                 (self.guide, slots.guide), (self.about, slots.about),
                 (self.log_folder, slots.log_folder), (self.preferences, slots.preferences))
        for action, slot in pairs:
            action.triggered.connect(lambda _=False, run=slot: run())
        self.recent.aboutToShow.connect(slots.fill_recent)
        for number, action in enumerate(self.show_views):
            action.triggered.connect(lambda _=False, n=number: slots.show_view(n))
        self.french.triggered.connect(lambda: slots.set_language("fr"))
        self.english.triggered.connect(lambda: slots.set_language("en"))
        self.french.setChecked(lang == "fr")
        self.english.setChecked(lang == "en")

    def _action(self, menu: QMenu, shortcut: QKeySequence.StandardKey | str | None,
                *, checkable: bool = False) -> QAction:
        action = QAction(menu)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        menu.addAction(action)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tools and event.type() in (QEvent.Type.ActionAdded,
                                                       QEvent.Type.ActionRemoved):
            has_actions = any(not a.isSeparator() for a in self.tools.actions())
            self.tools.menuAction().setVisible(has_actions)
        return False

    def retranslate(self) -> None:
        self.file.setTitle(self.tr("&File"))
        self.new_register.setText(self.tr("&New register…"))
        self.demo_register.setText(self.tr("&Demonstration register…"))
        self.open_register.setText(self.tr("&Open…"))
        self.open_shared.setText(self.tr("Open a s&hared register…"))
        self.recent.setTitle(self.tr("&Recent registers"))
        self.save_copy.setText(self.tr("&Save a copy…"))
        self.quit.setText(self.tr("&Quit"))
        self.edit.setTitle(self.tr("&Edit"))
        self.new_company.setText(self.tr("&New company…"))
        self.edit_company.setText(self.tr("&Edit the company…"))
        self.delete_company.setText(self.tr("&Delete the company"))
        self.find.setText(self.tr("&Find a company"))
        self.preferences.setText(self.tr("&Preferences…"))
        self.view.setTitle(self.tr("&View"))
        titles = (self.tr("&Dashboard"), self.tr("&Companies"), self.tr("&Audits"),
                  self.tr("Co&mmittees"), self.tr("&Referentials"), self.tr("Le Ca&p"),
                  self.tr("Due da&tes"))
        for action, title in zip(self.show_views, titles, strict=True):
            action.setText(title)
        self.refresh.setText(self.tr("Re&fresh"))
        self.close_tab.setText(self.tr("Clos&e the company file"))
        self.language.setTitle(self.tr("&Language"))
        self.french.setText("Français")  # each language by its own name
        self.english.setText("English")
        self.tools.setTitle(self.tr("&Tools"))
        self.help.setTitle(self.tr("&Help"))
        self.guide.setText(self.tr("&User guide"))
        self.about.setText(self.tr("&About cedre-desk"))
        self.log_folder.setText(self.tr("Open the &log folder"))
        self._undo_texts()

    def view_titles(self) -> list[str]:
        """The seven views' names, for their tabs (without the menus' & marks)."""
        return [action.text().replace("&", "") for action in self.show_views]

    def set_read_only(self, reason: str | None) -> None:
        """In a read-only register Undo, Redo and the company's editing actions are off, their
        tooltip says why."""
        self._read_only = reason
        self._undo_texts()
        self.edit.setToolTipsVisible(True)
        for action in (self.new_company, self.edit_company, self.delete_company):
            action.setEnabled(reason is None)
            action.setToolTip(reason or action.text().replace("&", ""))

    def _undo_texts(self, *_: object) -> None:
        stack = self._undo_stack
        writable = self._read_only is None
        self.undo.setEnabled(writable and stack.canUndo())
        self.redo.setEnabled(writable and stack.canRedo())
        self.undo.setText(self.tr("&Undo {what}").format(what=stack.undoText()).strip()
                          if stack.canUndo() else self.tr("&Undo"))
        self.redo.setText(self.tr("&Redo {what}").format(what=stack.redoText()).strip()
                          if stack.canRedo() else self.tr("&Redo"))
        for action in (self.undo, self.redo):
            action.setToolTip(self._read_only or action.text().replace("&", ""))
