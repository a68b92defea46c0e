"""The one engine factory.

SQLite is set up in a single connect listener: foreign keys on, a busy timeout, a durable
journal (WAL on a local disk; the rollback journal on a network drive, where WAL's shared
memory does not work), and real transactions: pysqlite's own transaction handling is turned
off so that BEGIN is emitted by SQLAlchemy, which makes DDL in migrations transactional too.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from cedre_desk.storage.filesystem import is_network_path

BUSY_TIMEOUT_MS = 5000


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(
    target: Path | str,
    *,
    foreign_keys: bool = True,
    read_only: bool = False,
) -> Engine:
    """An engine on a register: a SQLite file path, or a database URL (PostgreSQL)."""
    if isinstance(target, str) and "://" in target:
        return sa.create_engine(target, pool_pre_ping=True)
    path = Path(target)
    journal = "DELETE" if is_network_path(path) else "WAL"
    engine = sa.create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
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
        connection.exec_driver_sql("BEGIN")

    return engine
