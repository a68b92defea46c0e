"""The full check of a register, as `cedre-desk check` and Outils > Vérifier le registre run
it: SQLite's integrity_check and the foreign keys (storage.integrity), then the values this
program never writes: a status, a kind, a level outside its list (a flipped byte turning
'closed' into 'clo)ed'). SQLite's own check does not look at them (its version bundled with
Python does not test CHECK constraints), and such a value would stop every read that meets it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

from cedre_desk.errors import shown
from cedre_desk.storage import models  # noqa: F401 - the tables, for SQLModel.metadata
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.integrity import IntegrityReport, check_file, connect_read_only
from cedre_desk.storage.register_file import refuse_if_not_a_register

_SHOWN_PER_COLUMN = 20


def check_register(path: Path) -> IntegrityReport:
    """The full check of a register (a file that is not one is refused: NotARegisterError);
    raises the cause when it cannot run to its end (storage.integrity)."""
    # A register whose tables cannot be listed: the check below says what it finds.
    with contextlib.suppress(DamagedRegisterError):
        refuse_if_not_a_register(path)
    report = check_file(path, full=True)
    if not report.sound and any("malformed" in p or "not a database" in p
                                for p in report.problems):
        return report  # the values cannot be read reliably: SQLite's findings say enough
    return IntegrityReport(report.problems + tuple(unknown_values(path)))


def enum_columns() -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, column, the values cedre-desk writes) for every column holding a list value."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.Enum):
                found.append((table.name, column.name, tuple(column.type.enums)))
    return found


def unknown_values(path: Path) -> list[str]:
    """One line per row holding a value this program never writes."""
    problems: list[str] = []
    try:
        with closing(connect_read_only(path)) as conn:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table, column, allowed in enum_columns():
                if table not in tables:
                    continue
                marks = ", ".join("?" * len(allowed))
                rows = conn.execute(
                    f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL '
                    f'AND "{column}" NOT IN ({marks}) LIMIT {_SHOWN_PER_COLUMN + 1}',
                    allowed).fetchall()
                for rowid, value in rows[:_SHOWN_PER_COLUMN]:
                    problems.append(f"{table} #{rowid}: {column} = {shown(repr(value))} "
                                    "(valeur inconnue / unknown value)")
                if len(rows) > _SHOWN_PER_COLUMN:
                    problems.append(f"{table}: {column}, … (plus / more)")
    except sqlite3.DatabaseError as exc:
        problems.append(str(exc))
    return problems
