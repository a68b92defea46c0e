"""The data-safety parts of the window, self-contained: the banner above the views (read-only
and who holds the register, the check after an unclean shutdown, a missed backup, a network
drive), Fichier > Restaurer une sauvegarde, Outils > Vérifier le registre and the number of
backups kept, the damaged-register offer, and the crash dialog.

The main window wires them with one call:

    install_safety(window, window.file_menu, window.tools_menu,
                   database=lambda: window.db, lang=lambda: window.lang,
                   on_register_replaced=window.data_changed)

and the application start-up, once, installs the crash handler and opens the register with
the damaged-register offer:

    install_crash_handler(lambda: window_lang, lambda: window)
    db = open_with_recovery(lambda: open_or_create(path, create=...), path, lang)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QBoxLayout,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.errors import UserError
from cedre_desk.services import maintenance
from cedre_desk.storage.database import DAMAGED, Database
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.ui.safety.banner import SafetyBanner
from cedre_desk.ui.safety.check import RESTORED, check_register, offer_backup_of_damaged
from cedre_desk.ui.safety.crash import CrashReporter, install_crash_handler
from cedre_desk.ui.safety.damaged import offer_recovery, open_with_recovery
from cedre_desk.ui.safety.restore_dialog import RestoreDialog
from cedre_desk.ui.safety.texts import Lang, pick

__all__ = ["CrashReporter", "SafetyActions", "install_crash_handler", "install_safety",
           "offer_recovery", "open_with_recovery"]


@dataclass(frozen=True)
class SafetyActions:
    """What install_safety added, for the window (and its tests) to reach."""

    banner: SafetyBanner
    restore: QAction
    check: QAction
    backups_kept: QAction


class _Safety(QObject):
    # The opening check's verdict, heard on its own thread, handed to the window's.
    opening_checked = Signal(object, object)  # the Database, sound (None: could not run)

    def __init__(self, window: QMainWindow, file_menu: QMenu, tools_menu: QMenu,
                 database: Callable[[], Database], lang: Lang,
                 on_register_replaced: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.database, self.lang = window, database, lang
        self.replaced = on_register_replaced
        self.banner = SafetyBanner(database, lang, window)  # never a window of its own
        self.banner.became_writable.connect(self._register_replaced)
        self.banner.failed.connect(self._failed)
        self.restore = QAction(window)
        self.restore.triggered.connect(self.open_restore)
        _insert_before_last_separator(file_menu, self.restore)
        tools_menu.addSeparator()
        self.check = QAction(window)
        self.check.triggered.connect(self.run_check)
        tools_menu.addAction(self.check)
        self.backups_kept = QAction(window)
        self.backups_kept.triggered.connect(self.ask_backups_kept)
        tools_menu.addAction(self.backups_kept)
        window.installEventFilter(self)
        # Queued even when the verdict is already known: never a dialog while the window
        # is still being built.
        self.opening_checked.connect(self._opening_checked, Qt.ConnectionType.QueuedConnection)
        self._hear_opening_check(database())
        changed = getattr(window, "register_changed", None)
        if changed is not None:
            changed.connect(self._register_opened)
        self.retranslate()

    def _register_opened(self, db: Database) -> None:
        self.banner.refresh()
        self._hear_opening_check(db)

    def _hear_opening_check(self, db: Database) -> None:
        if db.opening_check is not None:
            db.opening_check.when_done(lambda sound: self._tell(db, sound))

    def _tell(self, db: Database, sound: bool) -> None:
        """On the checking thread: hand the verdict over, unless the window is gone."""
        if shiboken6.isValid(self):
            self.opening_checked.emit(db, sound)

    def _opening_checked(self, db: Database, sound: bool | None) -> None:
        """The check run beside the first reads found the register damaged: it turns
        read-only, the banner says so, and the newest sound backup is offered. A check that
        could not run (a full disk...) says why: nothing is called damaged for it."""
        check = db.opening_check
        if sound or db is not self.database() or check is None:
            return  # sound, or another register (or a restored copy) is open by now
        if sound is None:
            if check.error is not None:
                QMessageBox.warning(self.window, "cedre-desk", check.error.message(self.lang()))
            return
        db.found_damaged()
        self.banner.refresh()
        problems = check.problems or ("integrity_check",)
        if offer_backup_of_damaged(self.window, db, self.lang(), problems) == RESTORED:
            self._register_replaced()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        lang = self.lang()
        self.restore.setText(pick(lang, "Res&taurer une sauvegarde…", "Res&tore a backup…"))
        self.check.setText(pick(lang, "&Vérifier le registre", "&Check the register"))
        self.backups_kept.setText(pick(lang, "Nombre de sauvegardes à garder…",
                                       "Number of backups to keep…"))
        self.banner.refresh()

    def open_restore(self) -> None:
        db, lang = self.database(), self.lang()
        if db.path is None:
            return
        damaged = db.read_only_reason == DAMAGED
        if db.read_only and not damaged:
            QMessageBox.warning(self.window, "cedre-desk", db.read_only_message().message(lang))
            return
        path = db.path
        dialog = RestoreDialog(lambda: maintenance.list_backups(path),
                               lambda backup: maintenance.restore_backup(db, backup,
                                                                         damaged=damaged),
                               lang, self.window,
                               newer=lambda backup: maintenance.newer_records(path, backup))
        dialog.exec()
        if dialog.result_of_restore is not None:
            self._register_replaced()

    def run_check(self) -> None:
        if check_register(self.window, self.database(), self.lang()) == RESTORED:
            self._register_replaced()
        else:
            self.banner.refresh()  # a register found damaged is read-only now

    def ask_backups_kept(self) -> None:
        db, lang = self.database(), self.lang()
        count, ok = QInputDialog.getInt(
            self.window, pick(lang, "Sauvegardes", "Backups"),
            pick(lang, "Nombre de sauvegardes automatiques à garder (les copies d'avant mise à "
                 "jour ou restauration sont toujours gardées) :",
                 "Number of automatic backups to keep (copies made before an upgrade or a "
                 "restore are always kept):"),
            maintenance.backups_kept(db), 1, maintenance.MAX_KEPT)
        if not ok:
            return
        try:
            maintenance.set_backups_kept(db, count)
        except UserError as exc:
            QMessageBox.warning(self.window, "cedre-desk", exc.message(lang))

    def _failed(self, exc: UserError) -> None:
        db, lang = self.database(), self.lang()
        if isinstance(exc, DamagedRegisterError) and db.path is not None:
            db.engine.dispose()
            if offer_recovery(self.window, db.path, lang):
                db.retry_writing()
                self._register_replaced()
            return
        QMessageBox.warning(self.window, "cedre-desk", exc.message(lang))

    def _register_replaced(self) -> None:
        self.banner.refresh()
        self.replaced()


def install_safety(window: QMainWindow, file_menu: QMenu, tools_menu: QMenu, *,
                   database: Callable[[], Database], lang: Lang,
                   on_register_replaced: Callable[[], None] = lambda: None,
                   banner_host: QBoxLayout | None = None) -> SafetyActions:
    """Add the safety actions to the menus and the banner above the window's central widget
    (or at the top of `banner_host`). `database()` and `lang()` are read each time, so a
    register or a language changed later is followed; `on_register_replaced()` is called
    when the register's content was replaced (a restore) or became writable."""
    safety = _Safety(window, file_menu, tools_menu, database, lang, on_register_replaced)
    if banner_host is not None:
        banner_host.insertWidget(0, safety.banner)
    else:
        _wrap_central_widget(window, safety.banner)
    return SafetyActions(safety.banner, safety.restore, safety.check, safety.backups_kept)


def _insert_before_last_separator(menu: QMenu, action: QAction) -> None:
    """Before Quitter (the items after the menu's last separator), else at the end."""
    separators = [a for a in menu.actions() if a.isSeparator()]
    if separators:
        menu.insertAction(separators[-1], action)
    else:
        menu.addAction(action)


def _wrap_central_widget(window: QMainWindow, banner: SafetyBanner) -> None:
    central = window.takeCentralWidget()
    holder = QWidget(window)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    if central is not None:
        layout.addWidget(central, 1)
    window.setCentralWidget(holder)
