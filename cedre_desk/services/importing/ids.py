"""The ids an import gives its new records: never one a deleted record had.

An import writes its rows in bulk with ids it chose, so it must know the next free one
itself. max(id) + 1 is not it: a record deleted from the end of a table leaves its id behind
the largest one left. Both engines remember the highest id ever handed out, and the import
starts past it: SQLite's AUTOINCREMENT tables keep it in `sqlite_sequence`, PostgreSQL in each
table's id sequence. After writing, each sequence is moved past the ids given, and never
back: the storage's `advance_sequences` sets a sequence to max(id) + 1, which would give a
deleted record's id again to the next record typed in the window.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def next_ids(conn: Connection, tables: Iterable[sa.Table]) -> dict[str, int]:
    """table name -> the first id never used in it (deleted records included)."""
    return {table.name: max(_largest(conn, table), _highest_given(conn, table.name)) + 1
            for table in tables}


def advance_past_given(conn: Connection, tables: Iterable[sa.Table]) -> None:
    """On PostgreSQL, move each table's id sequence past its largest id, never back (SQLite
    moves its AUTOINCREMENT counter past an id inserted by hand by itself)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        sequence = _sequence(conn, table.name)
        if sequence is None:
            continue
        following = max(_largest(conn, table), _highest_given(conn, table.name)) + 1
        conn.execute(sa.text("SELECT setval(CAST(:sequence AS regclass), :following, false)"),
                     {"sequence": sequence, "following": following})


def _largest(conn: Connection, table: sa.Table) -> int:
    return int(conn.scalar(sa.select(sa.func.max(table.c.id))) or 0)


def _highest_given(conn: Connection, name: str) -> int:
    """The highest id the engine has handed out for the table, 0 when none."""
    if conn.dialect.name == "sqlite":
        if not conn.scalar(sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                   "AND name = 'sqlite_sequence'")):
            return 0  # made with the first AUTOINCREMENT table: none yet
        seq = conn.scalar(sa.text("SELECT seq FROM sqlite_sequence WHERE name = :name"),
                          {"name": name})
        return int(seq or 0)
    if conn.dialect.name == "postgresql":
        sequence = _sequence(conn, name)
        if sequence is None:
            return 0
        last_value, is_called = conn.execute(sa.text(
            f"SELECT last_value, is_called FROM {sequence}")).one()
        return int(last_value) if is_called else int(last_value) - 1
    return 0


def _sequence(conn: Connection, name: str) -> str | None:
    """The id sequence's qualified name, as PostgreSQL quotes it."""
    return conn.scalar(sa.select(sa.func.pg_get_serial_sequence(name, "id")))
