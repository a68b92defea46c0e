"""SQL functions that the two engines spell differently, written once for the services."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction


class joined_texts(GenericFunction[str]):
    """The texts of a group joined with a separator, in no promised order: SQLite's
    group_concat, PostgreSQL's string_agg (PostgreSQL has no group_concat)."""

    type = sa.String()
    inherit_cache = True
    name = "joined_texts"


@compiles(joined_texts)
def _joined_texts_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    column, separator = list(element.clauses)
    return f"group_concat({compiler.process(column, **kw)}, {compiler.process(separator, **kw)})"


@compiles(joined_texts, "postgresql")
def _joined_texts_postgresql(element: Any, compiler: Any, **kw: Any) -> str:
    column, separator = list(element.clauses)
    return f"string_agg({compiler.process(column, **kw)}, {compiler.process(separator, **kw)})"
