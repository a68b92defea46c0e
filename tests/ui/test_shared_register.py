"""Fichier › Ouvrir un registre partagé… : a saved connection to a register on a server, its
password in the system's keyring (an in-memory keyring here) or asked each time, never written
in clear: not in the settings, not in a log, not in the recent registers.

The tests that open a register on a server run in the PostgreSQL pass (scripts/test runs this
file there); the others in the SQLite pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError, PasswordDeleteError
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy.engine import make_url

from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage.server import describe
from cedre_desk.ui.main_window import MainWindow
from cedre_desk.ui.register.passwords import SERVICE, Passwords
from cedre_desk.ui.register.server_dialog import ServerConnection, ServerDialog

from .helpers import TODAY, wait_for_reads

SECRET = "Tr3s-s3cret!"


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict: what the system's would keep."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError("not kept")


class NoKeyring(MemoryKeyring):
    """A headless Linux: keyring's fail backend refuses everything."""

    def get_password(self, service: str, username: str) -> str | None:
        raise NoKeyringError("no recommended backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NoKeyringError("no recommended backend")


def _window(qtbot, db, keyring: KeyringBackend) -> MainWindow:
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    window.register_actions.shared.passwords = Passwords(keyring)
    return window


def _connection(url: str) -> ServerConnection:
    parsed = make_url(url)
    return ServerConnection(str(parsed.query["host"]), int(str(parsed.query["port"])),
                            parsed.database or "", parsed.username or "")


def _answer(monkeypatch, connection: ServerConnection, password: str,
            remember: bool = True) -> list[ServerDialog]:
    """The dialog filled as a user would, then Open; the dialogs shown are listed."""
    shown: list[ServerDialog] = []

    def exec_(dialog: ServerDialog) -> int:
        shown.append(dialog)
        dialog.host.setText(connection.host)
        dialog.port.setValue(connection.port)
        dialog.database.setText(connection.database)
        dialog.user.setText(connection.user)
        dialog.password.setText(password)
        if dialog.remember.isEnabled():
            dialog.remember.setChecked(remember)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ServerDialog, "exec", exec_)
    return shown


def _file_register(folder: Path) -> Path:
    """A register file to switch to, away from the server."""
    path = folder / "fichier.sqlite"
    if not path.exists():
        create_register(path).close()
    return path


def _files_holding(folder: Path, text: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def test_a_saved_connection_keeps_its_password_only_in_the_keyring(
        qtbot, db, server_url, private_home, monkeypatch, caplog, tmp_path):
    create_register(server_url).close()
    keyring = MemoryKeyring()
    window = _window(qtbot, db, keyring)
    connection = _connection(server_url)
    _answer(monkeypatch, connection, SECRET)

    window.menus.open_shared.trigger()
    wait_for_reads(qtbot, window.runner)

    assert window.db.location == connection.shown and SECRET not in connection.shown
    assert keyring.kept == {(SERVICE, connection.key): SECRET}
    assert SECRET not in window.windowTitle() and SECRET not in window.statusBar().currentMessage()
    CompanyService(window.db).create(CompanyInput(name="GDID", town="Salon"))  # it works

    # the recent registers list it, without its password; it reopens from the keyring
    window.register_actions.open_path(_file_register(tmp_path))
    window.menus.recent.aboutToShow.emit()
    texts = [a.text() for a in window.menus.recent.actions()]
    assert connection.shown in texts and not any(SECRET in t for t in texts)
    monkeypatch.setattr(ServerDialog, "exec", lambda _d: pytest.fail("asked again"))
    [action] = [a for a in window.menus.recent.actions() if a.text() == connection.shown]
    action.trigger()
    wait_for_reads(qtbot, window.runner)
    assert window.db.location == connection.shown
    window.close_register()

    assert private_home.exists() and _files_holding(private_home, SECRET) == []
    assert SECRET not in caplog.text


def test_without_a_keyring_the_password_is_asked_each_time_and_it_is_said_once(
        qtbot, db, server_url, private_home, monkeypatch, tmp_path):
    create_register(server_url).close()
    window = _window(qtbot, db, NoKeyring())
    connection = _connection(server_url)
    said: list[str] = []
    monkeypatch.setattr(window.statusBar(), "showMessage", lambda text, *_: said.append(text))
    shown = _answer(monkeypatch, connection, SECRET)

    assert window.register_actions.shared.open_shared()
    assert not shown[0].remember.isEnabled() and not shown[0].no_keyring.isHidden()
    assert window.register_actions.shared.open_saved(connection)  # already open: no dialog
    window.register_actions.open_path(_file_register(tmp_path))
    assert window.register_actions.shared.open_saved(connection)
    assert len(shown) == 2  # asked again: nothing was kept
    assert len([text for text in said if text.startswith("No system keyring")]) == 1
    window.close_register()
    assert _files_holding(private_home, SECRET) == []


def test_a_refused_connection_names_the_address_without_its_password(
        qtbot, db, private_home, monkeypatch, tmp_path):
    keyring = MemoryKeyring()
    window = _window(qtbot, db, keyring)
    connection = ServerConnection(str(tmp_path / "no-server-here"), 5432, "registre", "anne")
    _answer(monkeypatch, connection, SECRET)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    assert not window.register_actions.shared.open_shared()
    assert len(warnings) == 1 and "ne répond pas" not in warnings[0]  # the window speaks en
    assert "does not answer" in warnings[0] and SECRET not in warnings[0]
    assert window.db is db
    assert keyring.kept == {}  # a password that opened nothing is not kept
    assert window.context.preferences.saved_servers() == []
    window.close_register()
    assert _files_holding(private_home, SECRET) == []


def test_the_dialog_starts_on_the_last_connection_and_needs_a_server_and_a_database(qtbot):
    last = ServerConnection("serveur.federation.fr", 5433, "registre", "anne")
    dialog = ServerDialog(last, keyring_works=True)
    qtbot.addWidget(dialog)
    assert dialog.connection() == last and dialog.password.text() == ""
    assert dialog.remember.isChecked() and dialog.no_keyring.isHidden()
    dialog.database.clear()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_a_connection_s_address_never_holds_its_password():
    connection = ServerConnection("serveur.federation.fr", 5433, "registre", "anne")
    assert make_url(connection.url(SECRET)).password == SECRET
    assert SECRET not in connection.shown and connection.shown == describe(connection.url())
    assert ServerConnection.from_url(connection.url(SECRET)) == connection
    socket = ServerConnection("/run/postgresql", 5432, "registre", "anne")
    assert ServerConnection.from_url(socket.url()) == socket


def test_a_reader_role_s_window_says_read_only_and_offers_no_edit(qtbot, db, server_url):
    """`new --roles` made the reader role; a login in it opens the window read-only."""
    import sqlalchemy as sa

    from cedre_desk.__main__ import main
    from cedre_desk.storage.server import engine_url, open_server
    from cedre_desk.storage.server_roles import READERS
    from tests import engines

    assert main(["new", "--db", server_url, "--roles"]) == 0
    admin = sa.create_engine(engine_url(engines.server_admin_url() or ""),
                             isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS lea_fenetre")
        conn.exec_driver_sql(f"CREATE ROLE lea_fenetre LOGIN IN ROLE {READERS}")
    reader = open_server(make_url(server_url).set(username="lea_fenetre")
                         .render_as_string(hide_password=False))
    try:
        window = _window(qtbot, reader, MemoryKeyring())
        banner = window.safety.banner
        assert not banner.isHidden()
        assert "may only view this shared register" in banner.text.text()
        assert not window.menus.new_company.isEnabled()
        assert not window.menus.edit_company.isEnabled()
        window.close_register()
    finally:
        reader.close()
        engines.drop_database(make_url(server_url).database or "")
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP ROLE lea_fenetre")
        admin.dispose()
