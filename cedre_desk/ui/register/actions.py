"""Fichier: Nouveau registre, Registre de démonstration (register.demo), Ouvrir, Ouvrir un
registre partagé (register.shared), Registres récents, Enregistrer une copie.

Opening or creating goes through the storage door (services.register), which refuses what is
not a register with a clear message; `register_opened` then gives the window the register,
and it swaps its whole set of views. A copy is written off the GUI thread (a large register
takes seconds to copy and check).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from cedre_desk.errors import UserError
from cedre_desk.services.copies import save_copy
from cedre_desk.services.register import create_register, open_or_create
from cedre_desk.storage.database import Database
from cedre_desk.ui.common.context import ViewContext
from cedre_desk.ui.register.demo import DemoRegisterMaker
from cedre_desk.ui.register.passwords import Passwords
from cedre_desk.ui.register.shared import SharedRegisters

SUFFIX = ".sqlite"


class RegisterActions(QObject):
    """Nouveau registre, Ouvrir, Registres récents (filling `recent_menu`), Enregistrer une
    copie; dialogs open over `parent`."""

    register_opened = Signal(object)  # the Database just opened or created

    def __init__(self, ctx: ViewContext, recent_menu: QMenu, parent: QWidget,
                 passwords: Passwords | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._recent_menu = recent_menu
        self._parent = parent
        self.demo = DemoRegisterMaker(ctx, self.open_path, parent)
        self.shared = SharedRegisters(ctx, parent, passwords)
        self.shared.register_opened.connect(self.register_opened)

    def _filter(self) -> str:
        return self.tr("cedre-desk registers (*.sqlite *.cedre);;All files (*)")

    def _folder(self) -> str:
        path = self._ctx.db().path
        return str(path.parent) if path else str(Path.home())

    def new_register(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("New register"), str(Path(self._folder()) / "registre.sqlite"),
            self._filter(), options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        if path.exists():
            self._refuse(self.tr("{path} already exists: a new register never replaces a "
                                 "file. Use Open to work on it.").format(path=path))
            return
        self._open(path, lambda: create_register(path))

    def open_register(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self._parent, self.tr("Open a register"),
                                                self._folder(), self._filter())
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> bool:
        return self._open(path, lambda: open_or_create(path, create=False))

    def fill_recent(self) -> None:
        menu = self._recent_menu
        menu.clear()
        opened = self._ctx.db().path
        current = opened.resolve() if opened else None
        recent = [p for p in self._ctx.preferences.recent_registers() if p != current]
        for path in recent:
            action = menu.addAction(f"{path.name} — {path.parent}")
            action.triggered.connect(partial(self.open_path, path))
        servers = [c for c in self.shared.saved() if c.shown != self._ctx.db().location]
        for connection in servers:  # shown without password: none is ever saved with them
            action = menu.addAction(connection.shown)
            action.triggered.connect(partial(self.shared.open_saved, connection))
        if not recent and not servers:
            menu.addAction(self.tr("(none)")).setEnabled(False)

    def save_copy(self) -> None:
        db = self._ctx.db()
        if db.path is None:
            self._refuse(self.tr("This register is on a server: copy it with the server's "
                                 "own tools."))
            return
        today = self._ctx.today()
        suggested = db.path.with_name(f"{db.path.stem}_copie_{today:%Y-%m-%d}{SUFFIX}")
        chosen, _ = QFileDialog.getSaveFileName(self._parent, self.tr("Save a copy"),
                                                str(suggested), self._filter())
        if not chosen:
            return
        target = Path(chosen)
        if not target.suffix:
            target = target.with_suffix(SUFFIX)
        runner = self._ctx.runner()
        self._ctx.status(self.tr("Copying the register…"))
        # The worker's own read-only database is not used: the copy reads the file through
        # SQLite's backup API on the worker thread, with a connection of its own.
        runner.run(lambda _db: save_copy(db, target), self._copied, failed=self._copy_failed)

    def _copied(self, target: Path) -> None:
        self._ctx.status(self.tr("Copy saved: {path}").format(path=target))

    def _copy_failed(self, exc: Exception) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self._refuse(exc.message(self._ctx.lang()))

    def _open(self, path: Path, opening: Callable[[], Database]) -> bool:
        current = self._ctx.db().path
        if current is not None and path.resolve() == current.resolve():
            self._ctx.status(self.tr("This register is already open."))
            return True
        try:
            db = opening()
        except UserError as exc:
            self._refuse(exc.message(self._ctx.lang()))
            if not path.exists():
                self._ctx.preferences.forget_register(path)
            return False
        self._ctx.preferences.remember_register(path)
        self.register_opened.emit(db)
        self._ctx.status(self.tr("Register open: {path}").format(path=path))
        return True

    def _refuse(self, message: str) -> None:
        QMessageBox.warning(self._parent, "cedre-desk", message)
