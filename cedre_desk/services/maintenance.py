"""Keeping a register sound: checks (and, with the data-safety work, backups and restores)."""

from __future__ import annotations

from pathlib import Path

from cedre_desk.storage.integrity import IntegrityReport, check_file


def check_register(path: Path) -> IntegrityReport:
    """The full check: SQLite's integrity_check and the foreign keys."""
    return check_file(path, full=True)
