"""Ids given explicitly, and the next id a server hands out.

Imports and the demo write rows with the ids they chose (in bulk, from max(id) + 1). SQLite
takes max(id) + 1 for the next row by itself; PostgreSQL draws ids from a sequence that such
inserts never move, so the next row a user adds would take an id already used. After writing
explicit ids, call `advance_sequences` in the same transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.storage.models import metadata


def advance_sequences(conn: Connection) -> None:
    """On PostgreSQL, move every table's id sequence past its largest id (nothing to do on
    SQLite)."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        column = table.columns.get("id")
        if column is None or not column.primary_key or not isinstance(column.type, sa.Integer):
            continue
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"coalesce(max(id), 0) + 1, false) FROM {table.name}"))
