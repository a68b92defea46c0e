"""Integrity checks of a register file (SQLite's own, then the foreign keys), and the
read-only connection every check and every copy uses."""

from __future__ import annotations

import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

# SQLITE_READONLY and SQLITE_CANTOPEN: a WAL register in a read-only folder, where SQLite
# cannot create the shared-memory file a read needs.
_CANNOT_READ_IN_PLACE = (8, 14)


def file_uri(path: Path) -> str:
    """An SQLite URI for `path`: absolute, percent-encoded ('#', '?', '%' and spaces in names
    are common on Windows), and with an empty authority for UNC paths (\\\\server\\share)."""
    text = str(Path(path).resolve()).replace("\\", "/")
    if not text.startswith("/"):
        text = "/" + text  # C:/x -> /C:/x, as in file:///C:/x
    quoted = urllib.parse.quote(text, safe="/:")
    return "file:" + ("//" + quoted if quoted.startswith("//") else quoted)


def connect_read_only(path: Path, *, timeout: float = 5.0,
                      check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection that can never write `path`.

    In a read-only folder a WAL register cannot be read the usual way (SQLite needs to create
    its -shm file); when no -wal file holds unmerged changes the file is complete by itself,
    and is then opened as immutable.
    """
    uri = file_uri(path)
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout,
                           check_same_thread=check_same_thread)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        wal = Path(f"{path}-wal")
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code not in _CANNOT_READ_IN_PLACE or (wal.exists() and wal.stat().st_size > 0):
            raise
    except sqlite3.Error:
        conn.close()
        raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout,
                           check_same_thread=check_same_thread)


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
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        return IntegrityReport((str(exc),))
    try:
        found = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
        problems = [] if found == ["ok"] else found
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} #{rowid}: missing {parent}")
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        conn.close()
    return IntegrityReport(tuple(problems))
