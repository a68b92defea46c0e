"""The columns' building blocks shared by the register's table modules (storage/models.py,
storage/cap_models.py), and the one metadata their tables join.

Constraint names follow one naming convention, so migrations can refer to them on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

from cedre_desk.storage.list_values import ListValue

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = SQLModel.metadata


class RegisterTable(SQLModel):
    """The base of the register's table classes (`class Company(RegisterTable, table=True)`).

    SQLModel makes each table class a pydantic model too, and pydantic builds its validator
    and serializer when the class is made, paid at every start of the window and every
    command. The program never validates nor dumps a table class through pydantic (it builds
    them from its own checked inputs and reads them through SQLAlchemy), so that build is put
    off until first asked for (pydantic's `defer_build`), which is never in practice. With
    the annotations of the table modules left unquoted (no `from __future__ import
    annotations`: pydantic and SQLAlchemy no longer evaluate them from text), defining the 23
    tables went from 0.13 to 0.11 s of CPU; the rest is SQLAlchemy's declarative mapping
    (docs/performance.md). Not a table itself."""

    model_config = SQLModelConfig(defer_build=True)


# SQLite otherwise gives a deleted row's id to the next new row, and the change history of
# the deleted record would read as the history of the new one.
NO_ID_REUSE = {"sqlite_autoincrement": True}


def enum_column(enum: type[StrEnum], *, nullable: bool = False, primary_key: bool = False) -> Any:
    """A text column holding one of the enum's values, guarded by a named CHECK constraint."""
    return Field(
        sa_column=sa.Column(
            ListValue(
                enum,
                name=enum.__name__.lower(),
                native_enum=False,
                create_constraint=True,
                length=max(len(m.value) for m in enum),
                values_callable=lambda e: [m.value for m in e],
                validate_strings=True,
            ),
            nullable=nullable,
            primary_key=primary_key,
        )
    )


def foreign_key(target: str, *, nullable: bool = False, ondelete: str = "RESTRICT") -> Any:
    return Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
        )
    )


def version_column() -> Any:
    """The edit counter that guards a form's save against a change made elsewhere."""
    return Field(
        default=1,
        sa_column=sa.Column(sa.Integer, nullable=False, default=1, server_default=sa.text("1")),
    )


def text_column(*, nullable: bool = False, default: str = "") -> Any:
    return Field(default=default, sa_column=sa.Column(sa.Text, nullable=nullable))
