"""Columns read as the text SQLite stores, on either engine.

The lists and the due list read dates and enumerated values as their stored text and convert
each distinct value once (SQLAlchemy's per-value Date and Enum conversions cost seconds at
200,000 rows). SQLite hands that text back as it is; PostgreSQL returns a DATE column as a
`date`, which this type turns into the same ISO text ('2024-02-29'), so that one reading code
serves both engines. On SQLite it adds nothing: no converter is installed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class StoredText(sa.types.TypeDecorator[str]):
    """A column read as SQLite's stored text (a date as its ISO day)."""

    impl = sa.String
    cache_ok = True

    def result_processor(self, dialect: sa.Dialect, coltype: object) -> Any:
        return None if dialect.name == "sqlite" else _iso


def stored_text(column: Any) -> Any:
    """`column` read as its stored text, whatever the engine."""
    return sa.type_coerce(column, StoredText)
