"""What the window remembers between runs: the last register, the recent ones, the language,
the window's geometry, each table's column layout, the dashboard's horizon and the period of
the Échéances page.

Kept in an INI file in the per-user data folder (cedre_desk.paths.data_dir), beside the
default register: CEDRE_DESK_HOME moves both, so tests and portable installs never touch the
real user's settings, and nothing lands in the Windows registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from cedre_desk.errors import UserError
from cedre_desk.exports.calendar_events import Period
from cedre_desk.paths import data_dir

MAX_RECENT = 8
MIN_HORIZON, MAX_HORIZON = 1, 730  # the dashboard's "due within N days"
SETTINGS_FILE = "cedre-desk.ini"


@dataclass(frozen=True)
class TableLayout:
    """A table's header as saved (order, sort, widths), the columns whose width the user
    set by hand, and how many columns the table had (a state for other columns is dropped)."""

    state: QByteArray
    sized_by_hand: list[int]
    columns: int


class Preferences:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / SETTINGS_FILE
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    # Registers ---------------------------------------------------------------------------

    def last_register(self) -> Path | None:
        value = self._settings.value("registers/last", "")
        return Path(str(value)) if value else None

    def recent_registers(self) -> list[Path]:
        value = self._settings.value("registers/recent", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [Path(str(v)) for v in value or [] if v]

    def remember_register(self, path: Path) -> None:
        """`path` becomes the last register and heads the recent list."""
        path = Path(path).resolve()
        recent = [p for p in self.recent_registers() if p != path]
        self._settings.setValue("registers/last", str(path))
        self._settings.setValue("registers/recent", [str(p) for p in [path, *recent]][:MAX_RECENT])
        self._settings.sync()

    def forget_register(self, path: Path) -> None:
        path = Path(path).resolve()
        self._settings.setValue("registers/recent",
                                [str(p) for p in self.recent_registers() if p != path])
        if self.last_register() == path:
            self._settings.remove("registers/last")
        self._settings.sync()

    def saved_servers(self) -> list[str]:
        """The shared registers opened, newest first: addresses without their password."""
        value = self._settings.value("registers/servers", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or [] if v]

    def remember_server(self, address: str) -> None:
        """`address` (as shown: never with its password) heads the saved connections."""
        saved = [a for a in self.saved_servers() if a != address]
        self._settings.setValue("registers/servers", [address, *saved][:MAX_RECENT])
        self._settings.sync()

    # Language ----------------------------------------------------------------------------

    def language(self) -> str | None:
        value = str(self._settings.value("ui/language", ""))
        return value if value in ("fr", "en") else None

    def set_language(self, lang: str) -> None:
        self._settings.setValue("ui/language", lang)
        self._settings.sync()

    # Files -------------------------------------------------------------------------------

    def save_folder(self) -> Path:
        """Where a save dialog opens: the folder last saved into, while it exists, else the
        user's Documents folder (never the program's own folder)."""
        last = str(self._settings.value("files/last_folder", ""))
        if last and Path(last).is_dir():
            return Path(last)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def remember_save_folder(self, folder: Path) -> None:
        self._settings.setValue("files/last_folder", str(folder))
        self._settings.sync()

    # Due lists --------------------------------------------------------------------------

    def dashboard_horizon(self) -> int | None:
        """The dashboard's "due within N days" chosen by this user (None: the register's)."""
        value = str(self._settings.value("dashboard/horizon", ""))
        return int(value) if value.isdigit() and MIN_HORIZON <= int(value) <= MAX_HORIZON \
            else None

    def set_dashboard_horizon(self, days: int) -> None:
        self._settings.setValue("dashboard/horizon", days)
        self._settings.sync()

    def due_period(self) -> tuple[str | None, Period | None]:
        """The period last chosen on the Échéances page: its kind ("month", "quarter",
        "year", "custom") and, for a custom one, its days."""
        kind = str(self._settings.value("deadlines/period", "")) or None
        try:
            custom = Period(date.fromisoformat(str(self._settings.value("deadlines/from"))),
                            date.fromisoformat(str(self._settings.value("deadlines/to"))))
        except (ValueError, UserError):  # never set, or edited by hand into nonsense
            custom = None
        return kind, custom

    def set_due_period(self, kind: str, custom: Period | None) -> None:
        self._settings.setValue("deadlines/period", kind)
        if custom is not None:
            self._settings.setValue("deadlines/from", custom.start.isoformat())
            self._settings.setValue("deadlines/to", custom.end.isoformat())
        self._settings.sync()

    # Layout ------------------------------------------------------------------------------

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return (self._bytes("window/geometry"), self._bytes("window/state"))

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)
        self._settings.sync()

    def table_layout(self, key: str) -> TableLayout | None:
        state = self._bytes(f"tables/{key}")
        if state is None:
            return None
        sized = self._settings.value(f"tables/{key}.sized", [])
        if isinstance(sized, str):  # QSettings gives a lone string for a one-item list
            sized = [sized]
        try:
            columns = int(str(self._settings.value(f"tables/{key}.columns", -1)))
            by_hand = [int(str(c)) for c in sized or [] if str(c).isdigit()]
        except ValueError:
            return None
        return TableLayout(state, by_hand, columns)

    def set_table_layout(self, key: str, layout: TableLayout) -> None:
        self._settings.setValue(f"tables/{key}", layout.state)
        self._settings.setValue(f"tables/{key}.sized", [str(c) for c in layout.sized_by_hand])
        self._settings.setValue(f"tables/{key}.columns", layout.columns)
        self._settings.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
