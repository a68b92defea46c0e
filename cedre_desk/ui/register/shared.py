"""Opening a shared register on a PostgreSQL server from the window: Fichier › Ouvrir un
registre partagé…, and the saved connections in Registres récents.

What is saved: the address without its password (preferences); the password only in the
system's keyring, when the user asks and one works; else it is asked at each opening. Every
message shows the address without its password (storage.server.describe).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from cedre_desk.errors import UserError
from cedre_desk.services.register import open_or_create
from cedre_desk.ui.common.context import ViewContext
from cedre_desk.ui.register.passwords import Passwords
from cedre_desk.ui.register.server_dialog import ServerConnection, ServerDialog


class SharedRegisters(QObject):
    register_opened = Signal(object)  # the Database just opened

    def __init__(self, ctx: ViewContext, parent: QWidget,
                 passwords: Passwords | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        self.passwords = passwords or Passwords()
        self._said_no_keyring = False

    def saved(self) -> list[ServerConnection]:
        return [ServerConnection.from_url(a) for a in self._ctx.preferences.saved_servers()]

    def open_shared(self, known: ServerConnection | None = None) -> bool:
        """The dialog (filled with `known`, else the last connection), then the opening."""
        saved = self.saved()
        works = self.passwords.available()
        if not works and not self._said_no_keyring:
            self._said_no_keyring = True  # said once a run; the dialog says it as well
            self._ctx.status(self.tr("No system keyring: the password of a shared register "
                                     "will be asked at each opening."))
        dialog = ServerDialog(known or (saved[0] if saved else None), works, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        connection = dialog.connection()
        typed = dialog.password.text()
        password = typed or self.passwords.get(connection.key)
        opened = self._open(connection, password)
        if opened and typed and dialog.remember.isChecked():
            self.passwords.keep(connection.key, typed)
        return opened

    def open_saved(self, connection: ServerConnection) -> bool:
        """A saved connection: with the keyring's password, else through the dialog."""
        if self._already_open(connection):
            return True
        password = self.passwords.get(connection.key)
        if password is None:
            return self.open_shared(connection)
        return self._open(connection, password)

    def _already_open(self, connection: ServerConnection) -> bool:
        if self._ctx.db().location != connection.shown:
            return False
        self._ctx.status(self.tr("This register is already open."))
        return True

    def _open(self, connection: ServerConnection, password: str | None) -> bool:
        if self._already_open(connection):
            return True
        try:
            db = open_or_create(connection.url(password), create=False)
        except UserError as exc:  # the server's messages name the address, never a password
            QMessageBox.warning(self._parent, "cedre-desk", exc.message(self._ctx.lang()))
            return False
        self._ctx.preferences.remember_server(connection.shown)
        self.register_opened.emit(db)
        self._ctx.status(self.tr("Register open: {path}").format(path=connection.shown))
        return True
