"""Integrity checks of a register file: SQLite's own, then the foreign keys."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class IntegrityReport:
    problems: tuple[str, ...]

    @property
    def sound(self) -> bool:
        return not self.problems


def check_file(path: Path, *, full: bool = True) -> IntegrityReport:
    """integrity_check (or the faster quick_check) and foreign_key_check, read-only."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            found = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
            problems = [] if found == ["ok"] else found
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
                problems.append(f"{table} #{rowid}: missing {parent}")
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    return IntegrityReport(tuple(problems))
