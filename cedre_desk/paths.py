"""Where cedre-desk keeps its files: the per-user data folder, never next to the program.

CEDRE_DESK_HOME moves the whole data folder (tests, portable installs); CEDRE_DESK_DB names the
default register itself. `--db PATH` on the command line overrides both.
"""

from __future__ import annotations

import os
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
