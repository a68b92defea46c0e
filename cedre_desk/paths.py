"""Where cedre-desk keeps its files: the per-user data folder, never next to the program.

CEDRE_DESK_HOME moves the whole data folder (tests, portable installs); CEDRE_DESK_DB names the
default register itself. `--db PATH` on the command line overrides both.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import platformdirs

APP_NAME = "cedre-desk"
REGISTER_FILE = "registre.cedre.sqlite"


def data_dir() -> Path:
    home = os.environ.get("CEDRE_DESK_HOME")
    base = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return base


def default_register() -> Path:
    override = os.environ.get("CEDRE_DESK_DB")
    return Path(override) if override else data_dir() / REGISTER_FILE


def backups_dir(register: Path) -> Path:
    """Backups sit beside the register, in a folder named after it: they travel together."""
    return register.parent / f"{register.name}.backups"


def log_dir() -> Path:
    return data_dir() / "logs"


def write_log(kind: str, text: str) -> Path:
    """A new log file `<kind>-<date>-<time>-<pid>.log` in the logs folder, readable by the
    user alone (a traceback may quote the register's data), never one already there: two
    crashes in the same second get two files. Raises OSError when it cannot be written."""
    folder = log_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = f"{kind}-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"  # noqa: DTZ005 - local
    number = 1
    while True:
        path = folder / (f"{stem}.log" if number == 1 else f"{stem}-{number}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            number += 1
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
