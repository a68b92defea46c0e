"""Fichier › Ouvrir un registre partagé… : the connection to a register on a PostgreSQL server
(host, port, database, user) and its password.

The connection is remembered without its password (ui.common.preferences); the password goes
to the system's keyring when the user asks and one works (ui.register.passwords), else it is
asked at each opening. The dialog only gathers; RegisterActions opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from cedre_desk.storage.server import describe, server_url

DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerConnection:
    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None = None) -> str:
        return server_url(self.host, self.port, self.database, self.user, password)

    @property
    def shown(self) -> str:
        """The address as saved and shown: never a password."""
        return describe(self.url())

    @property
    def key(self) -> str:
        """The keyring entry's name: who, where, which register."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_url(cls, url: str) -> ServerConnection:
        parsed = make_url(url)
        host = str(parsed.query.get("host") or parsed.host or "")
        port = parsed.port or int(str(parsed.query.get("port") or DEFAULT_PORT))
        return cls(host, port, parsed.database or "", parsed.username or "")


class ServerDialog(QDialog):
    def __init__(self, known: ServerConnection | None, keyring_works: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a shared register"))
        self.host = QLineEdit(self)
        self.host.setPlaceholderText(self.tr("server name, or a socket folder"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("empty: the one kept, or none"))
        self.remember = QCheckBox(self.tr("Remember the password in the system's keyring"),
                                  self)
        self.remember.setEnabled(keyring_works)
        self.remember.setChecked(keyring_works)
        self.no_keyring = QLabel(self.tr(
            "No system keyring here: the password is never saved and will be asked at each "
            "opening."), self)
        self.no_keyring.setWordWrap(True)
        self.no_keyring.setVisible(not keyring_works)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.no_keyring)
        layout.addWidget(self.buttons)
        if known is not None:
            self.host.setText(known.host)
            self.port.setValue(known.port)
            self.database.setText(known.database)
            self.user.setText(known.user)
            self.password.setFocus()

    def connection(self) -> ServerConnection:
        return ServerConnection(self.host.text().strip(), self.port.value(),
                                self.database.text().strip(), self.user.text().strip())

    def accept(self) -> None:
        for needed in (self.host, self.database):
            if not needed.text().strip():  # both are needed; the fields stay as typed
                needed.setFocus()
                return
        super().accept()
