"""Verified backup copies of a register.

A copy is made with SQLite's online backup API (consistent even while the register is open),
written to a temporary file, checked with quick_check, and only then renamed into place: a
backup that exists is a backup that opens.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from cedre_desk.errors import RegisterError
from cedre_desk.paths import backups_dir

PRE_MIGRATION = "avant-migration"


def quick_check(path: Path) -> bool:
    """True when SQLite's quick_check finds the file sound."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def backup_file(source: Path, target: Path) -> Path:
    """Copy the register `source` to `target`, verified; the target appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, closing(
            sqlite3.connect(partial)
        ) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        if not quick_check(partial):
            raise RegisterError(
                f"La copie de sauvegarde de {source.name} n'a pas passé la vérification.",
                f"The backup copy of {source.name} failed its check.",
            )
        with partial.open("rb") as f:
            os.fsync(f.fileno())
        partial.replace(target)
    except sqlite3.DatabaseError as exc:
        raise RegisterError(
            f"Impossible de sauvegarder {source.name} : {exc}",
            f"Cannot back up {source.name}: {exc}",
        ) from exc
    except OSError as exc:
        raise RegisterError(
            f"Impossible d'écrire la sauvegarde dans {target.parent} : {exc.strerror}",
            f"Cannot write the backup to {target.parent}: {exc.strerror}",
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    return target


def backup_name(register: Path, reason: str = "", now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")  # noqa: DTZ005 - local time names
    suffix = f"_{reason}" if reason else ""
    return backups_dir(register) / f"{register.stem}_{stamp}{suffix}.sqlite"


def backup_register(register: Path, reason: str = "") -> Path:
    return backup_file(register, backup_name(register, reason))
