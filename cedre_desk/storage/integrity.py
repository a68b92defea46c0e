"""Integrity checks of a register file (SQLite's own, then the foreign keys), and the
read-only connection every check and every copy uses.

A check either runs to its end and says what it found (IntegrityReport), or raises the cause
that stopped it (a full disk, a permission, an I/O failure: storage.disk_errors): a check that
could not run never calls a register damaged.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from cedre_desk.storage.disk_errors import SQLITE_CORRUPT, SQLITE_NOTADB, sqlite_error

# SQLITE_READONLY and SQLITE_CANTOPEN: a WAL register in a read-only folder, where SQLite
# cannot create the shared-memory file a read needs.
_CANNOT_READ_IN_PLACE = (8, 14)
# SQLITE_IOERR_SHMOPEN, _SHMSIZE, _SHMMAP: the same file it cannot make or grow on a full disk.
_CANNOT_MAP_SHARED_MEMORY = (4618, 4874, 5386)


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
        code = getattr(exc, "sqlite_errorcode", 0)
        shared_memory = code & 0xFF in _CANNOT_READ_IN_PLACE or code in _CANNOT_MAP_SHARED_MEMORY
        if not shared_memory or (wal.exists() and wal.stat().st_size > 0):
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


def check_file(path: Path, *, full: bool = True, foreign_keys: bool = True,
               structure: bool = True) -> IntegrityReport:
    """integrity_check (or the faster quick_check, which does not compare indexes with their
    tables) and foreign_key_check, read-only; `structure` false leaves the first out (it ran
    already). Raises the cause when the check cannot run to its end; SQLite finding the
    file's own structure unreadable is a finding (damage)."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        return IntegrityReport((str(exc),)) if _is_damage(exc) else _raise_cause(exc, path)
    try:
        found = [row[0] for row in conn.execute(f"PRAGMA {pragma}")] if structure else ["ok"]
        problems = [] if found == ["ok"] else found
        if foreign_keys:
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
                problems.append(f"{table} #{rowid}: missing {parent}")
    except sqlite3.DatabaseError as exc:
        if not _is_damage(exc):
            _raise_cause(exc, path)
        problems = [str(exc)]
    finally:
        conn.close()
    return IntegrityReport(tuple(problems))


def _is_damage(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _raise_cause(exc: sqlite3.Error, path: Path) -> IntegrityReport:
    """The check could not run: say why (a bug, when SQLite's reason is not one the user can
    act on)."""
    raise sqlite_error(exc, path) or exc from exc
