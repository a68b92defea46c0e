"""The one engine factory.

SQLite is set up in a single connect listener: foreign keys on, a busy timeout, a durable
journal (WAL on a local disk; the rollback journal on a network drive, where WAL's shared
memory does not work), and real transactions: pysqlite's own transaction handling is turned
off so that BEGIN is emitted by SQLAlchemy, which makes DDL in migrations transactional too.

SQLite's errors the user can act on (a full disk, a read-only file, a register busy beyond the
timeout, a vanished network drive) become a RegisterError in one place, the engine's error
hook: every statement, commit and connection of every service goes through it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from cedre_desk.storage.disk_errors import sqlite_error
from cedre_desk.storage.filesystem import is_network_path, is_writable
from cedre_desk.storage.integrity import connect_read_only

BUSY_TIMEOUT_MS = 5000


def _lower(text: object) -> object:
    return text.lower() if isinstance(text, str) else text


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


WRITE_OPTION = "cedre_write"  # execution option: this transaction will write (BEGIN IMMEDIATE)


def make_engine(
    target: Path | str,
    *,
    foreign_keys: bool = True,
    read_only: bool = False,
) -> Engine:
    """An engine on a register: a SQLite file path, or a database URL (PostgreSQL).

    `read_only` engines never write (PRAGMA query_only); when the file or its folder is not
    writable they also open the file read-only, which SQLite needs to read it at all.
    """
    if isinstance(target, str) and "://" in target:
        return sa.create_engine(target, pool_pre_ping=True)
    path = Path(target)
    journal = "DELETE" if is_network_path(path) else "WAL"
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only and not is_writable(path):
        def connect() -> sqlite3.Connection:
            return connect_read_only(path, timeout=timeout, check_same_thread=False)
    else:
        def connect() -> sqlite3.Connection:
            # A path given as such, not in a URL: '?' and '#' in names stay names.
            return sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
    engine = sa.create_engine(sqlite_url(path), creator=connect)

    @sa.event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        # lower() folds every letter's case, as PostgreSQL's does ('É' -> 'é'); SQLite's own
        # folds ASCII only, so duplicate names were told apart by engine.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute(f"PRAGMA journal_mode={journal}")
            # FULL: a transaction whose commit returned survives a power cut, in WAL too.
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection):
        # A write transaction takes the write lock at once: begun deferred, it would be
        # refused at its first write (SQLITE_BUSY, no waiting) had another connection
        # committed since its first read. Reads stay deferred and never block a writer.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @sa.event.listens_for(engine, "handle_error")
    def _translate(context):
        translated = sqlite_error(context.original_exception, path)
        if translated is not None:
            raise translated from context.original_exception

    return engine
