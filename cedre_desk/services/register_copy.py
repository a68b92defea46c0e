"""Moving a whole register between a file and a server (`cedre-desk-cli copy`), verified.

The target must be new: a file that does not exist yet, or an empty server database. Its
schema is made by the same migrations, every row of every table is copied (the change history
included), then each table is read back on both sides: its row count and a checksum of its
content (rows in key order, values as text) must be equal, or nothing is kept. On a server the
schema, the rows and the check are one transaction; a file target is deleted when anything
fails. The ids are copied as they are, then a server's id sequences are moved past them.

Stored statuses are derived data (services.status_store): they are not copied, the target
computes them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.errors import RegisterError
from cedre_desk.services.register import open_or_create
from cedre_desk.storage import server
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import StoredStatus, metadata
from cedre_desk.storage.opening import open_register
from cedre_desk.storage.sequences import advance_sequences

_CHUNK = 1_000
_DERIVED = {StoredStatus.__tablename__}


@dataclass(frozen=True)
class TableCheck:
    table: str
    rows: int
    checksum: str


def copied_tables() -> list[sa.Table]:
    """The register's tables, parents before children, derived data left out."""
    return [t for t in metadata.sorted_tables if t.name not in _DERIVED]


def copy_register(source: Path | str, target: Path | str) -> list[TableCheck]:
    """Copy the register at `source` into the new register `target` (a path or a server
    URL); the tables' checks, equal on both sides. RegisterError, and nothing kept at the
    target, when it cannot be done."""
    if str(source) == str(target):
        raise RegisterError("La source et la cible de la copie sont le même registre.",
                            "The copy's source and target are the same register.")
    origin = open_or_create(source, create=False, read_only=True)
    try:
        with origin.engine.connect() as reading:
            if server.is_server_url(target):
                return _to_server(reading, str(target))
            return _to_file(reading, Path(target))
    finally:
        origin.close()


def _to_server(reading: Connection, url: str) -> list[TableCheck]:
    shown = server.describe(url)
    engine = server.server_engine(url)
    try:
        with engine.begin() as writing:
            server.upgrade_in(writing, create=True, shown=shown)
            if any(writing.scalar(sa.select(sa.func.count()).select_from(t))
                   for t in copied_tables()):
                raise RegisterError(f"{shown} : cette base contient déjà un registre.",
                                    f"{shown}: this database already holds a register.")
            return _copy(reading, writing)
    finally:
        engine.dispose()


def _to_file(reading: Connection, path: Path) -> list[TableCheck]:
    if path.exists():
        raise RegisterError(f"{path} : ce fichier existe déjà ; la copie se fait dans un "
                            "nouveau fichier.",
                            f"{path}: this file already exists; the copy goes to a new file.")
    made: Database = open_register(path, create=True)
    try:
        with made.engine.begin() as writing:
            writing.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            return _copy(reading, writing)
    except BaseException:
        made.close()
        path.unlink(missing_ok=True)  # never leave a half-made register behind
        raise
    finally:
        made.close()


def _copy(reading: Connection, writing: Connection) -> list[TableCheck]:
    checks = []
    for table in copied_tables():
        for chunk in _chunks(_rows(reading, table)):
            writing.execute(table.insert(), chunk)
    advance_sequences(writing)
    for table in copied_tables():
        source, target = _check(reading, table), _check(writing, table)
        if source != target:
            raise RegisterError(
                f"La copie de la table {table.name} diffère de l'original ({source.rows} "
                f"lignes contre {target.rows}) : rien n'a été gardé.",
                f"The copy of table {table.name} differs from the original ({source.rows} "
                f"rows against {target.rows}): nothing was kept.")
        checks.append(source)
    return checks


def _rows(conn: Connection, table: sa.Table) -> list[dict[str, Any]]:
    rows = [dict(r) for r in conn.execute(sa.select(table).order_by(*table.primary_key))
            .mappings()]
    parents = [fk for fk in table.foreign_keys if fk.column.table is table]
    if not parents:
        return rows
    # A tree in one table (requirements under chapters): each parent before its children.
    column = parents[0].parent.name
    key = parents[0].column.name
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    waiting = rows
    while waiting:
        ready = [r for r in waiting if r[column] is None or r[column] in placed]
        if not ready:
            raise RegisterError(f"La table {table.name} contient une boucle de parents.",
                                f"Table {table.name} holds a loop of parents.")
        ordered.extend(ready)
        placed.update(r[key] for r in ready)
        ready_ids = {id(r) for r in ready}
        waiting = [r for r in waiting if id(r) not in ready_ids]
    return ordered


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start:start + _CHUNK]


def _text(value: Any) -> str:
    """One value as the same text whichever engine returned it."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _check(conn: Connection, table: sa.Table) -> TableCheck:
    """The table's row count and a checksum of its rows, sorted here: the engines may order
    texts differently (PostgreSQL by its collation, SQLite by bytes)."""
    columns = sorted(table.columns, key=lambda c: c.name)
    lines = sorted("\x1f".join(_text(v) for v in row) for row in conn.execute(
        sa.select(*columns)))
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode())
        digest.update(b"\x1e")
    return TableCheck(table.name, len(lines), digest.hexdigest())
