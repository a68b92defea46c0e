"""The window's frame around its pages: the status bar (the register's name or address, the
indicator while the register is read) and the window's size and place, kept between runs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from cedre_desk.storage.database import Database
from cedre_desk.ui.common.preferences import Preferences

STATUS_MS = 8000  # a message stays this long in the status bar
DEFAULT_SIZE = (1200, 760)


class StatusBarParts(QObject):
    """The register's name on the right, a moving indicator while the register is read."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._bar = window.statusBar()
        self.register_label = QLabel(window)
        self.busy = QProgressBar(window)
        self.busy.setRange(0, 0)  # an indicator that moves, not a percentage
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        self._bar.addPermanentWidget(self.busy)
        self._bar.addPermanentWidget(self.register_label)

    def message(self, text: str) -> None:
        self._bar.showMessage(text, STATUS_MS)

    def show_register(self, window: QMainWindow, db: Database) -> None:
        """The register's file (or a shared register's address) below and in the title."""
        where = db.location or ""  # a shared register's address (storage.server)
        self.register_label.setText(str(db.path or where))
        window.setWindowTitle(f"cedre-desk — {db.path.name if db.path else where}")

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:  # the window's own words, translated under its name
            self._bar.showMessage(QCoreApplication.translate("MainWindow",
                                                             "Reading the register…"))
        else:
            self._bar.clearMessage()


def restore_geometry(window: QMainWindow, preferences: Preferences) -> None:
    """The size, place and docks the window had when last closed, else a default size."""
    geometry, state = preferences.window_state()
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    if state is not None:
        window.restoreState(state)


def remember_geometry(window: QMainWindow, preferences: Preferences) -> None:
    preferences.set_window_state(window.saveGeometry(), window.saveState())
