"""The test registers on a PostgreSQL server (see tests/conftest.py).

CEDRE_DESK_TEST_DB=postgresql runs the register tests against the server whose admin URL is
CEDRE_DESK_TEST_PG (postgresql://postgres@/postgres?host=SOCKET_FOLDER&port=PORT). A register
is made once per session as a template; each test gets its own copy (CREATE DATABASE …
TEMPLATE: a file copy on the server, a few tens of milliseconds) and drops it after.
"""

from __future__ import annotations

import itertools
import os

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

ENGINE_VARIABLE = "CEDRE_DESK_TEST_DB"
SERVER_VARIABLE = "CEDRE_DESK_TEST_PG"

_numbers = itertools.count(1)
_admin: sa.Engine | None = None


def on_server() -> bool:
    return os.environ.get(ENGINE_VARIABLE, "sqlite") == "postgresql"


def server_admin_url() -> str | None:
    return os.environ.get(SERVER_VARIABLE) or None


def skip_on_server(items: list[pytest.Item]) -> None:
    """On the server pass: skip what is about the register file, and what opens no register
    of the test's own (engine-independent, already run in the SQLite pass)."""
    if server_admin_url() is None:
        raise pytest.UsageError(f"{ENGINE_VARIABLE}=postgresql needs {SERVER_VARIABLE}")
    same = pytest.mark.skip(reason="opens no register through the engine fixtures: "
                                   "the SQLite pass runs it")
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        elif not {"db", "server_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(same)


def database_url(name: str) -> str:
    admin = server_admin_url()
    assert admin is not None
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def _admin_engine() -> sa.Engine:
    global _admin
    if _admin is None:
        admin = server_admin_url()
        assert admin is not None
        url = make_url(admin).set(drivername="postgresql+psycopg")
        _admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    return _admin


def _create(name: str, template: str | None = None) -> None:
    with _admin_engine().connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = ""
        if template:
            copy = f' TEMPLATE "{template}"'
            # PostgreSQL 15's default copies through the WAL: ten times slower (0.9 s against
            # 0.08 s here) for a small database on a server with fsync off.
            if conn.dialect.server_version_info >= (15,):
                copy += " STRATEGY FILE_COPY"
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')


def drop_database(name: str) -> None:
    with _admin_engine().connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _name(kind: str) -> str:
    return f"cedre_{kind}_{os.getpid()}_{next(_numbers)}"


def make_template() -> str:
    from cedre_desk.services.register import create_register

    name = _name("template")
    _create(name)
    create_register(database_url(name), user="testeur").close()
    return name


def empty_database() -> tuple[str, str]:
    name = _name("empty")
    _create(name)
    return database_url(name), name


def server_register(template: str) -> object:
    """A fresh register, copied from the template, opened as the `db` fixture's."""
    from cedre_desk.storage.server import open_server

    name = _name("test")
    _create(name, template)
    database = open_server(database_url(name), user="testeur")
    database.test_database_name = name  # type: ignore[attr-defined]
    return database


def drop_register(database: object) -> None:
    database.close()  # type: ignore[attr-defined]
    drop_database(database.test_database_name)  # type: ignore[attr-defined]
