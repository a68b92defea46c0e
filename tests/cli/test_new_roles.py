"""`new --db postgresql://… --roles`: the writer and reader roles made with their rights when
the account may create roles; else refused before anything is made, with the SQL an
administrator runs, which works. A reader sees everything and the server refuses its writes;
the command line says read-only. Run by the server pass of scripts/test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from cedre_desk.__main__ import main
from cedre_desk.errors import RegisterError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.storage.database import READER_ROLE
from cedre_desk.storage.server import engine_url, open_server
from cedre_desk.storage.server_roles import READERS, WRITERS

LOGINS = ("anne_redac", "lea_lectrice", "petit_compte")


def _admin(url: str) -> sa.Engine:
    return sa.create_engine(engine_url(url), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)


def _as(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


@pytest.fixture
def logins(server_url: str) -> Iterator[sa.Engine]:
    """Login roles for the test; dropped after (the database first: it holds their rights)."""
    from tests import engines

    admin = _admin(server_url)
    yield admin
    admin.dispose()
    engines.drop_database(make_url(server_url).database or "")
    server = _admin(engines.server_admin_url() or "")
    with server.connect() as conn:
        for login in LOGINS:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {login}")
    server.dispose()


def _tables(url: str) -> list[str]:
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            return sorted(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_new_with_roles_gives_writers_and_readers_their_rights(server_url, logins, capsys):
    assert main(["new", "--db", server_url, "--roles"]) == 0
    assert "cedre_writers" in capsys.readouterr().out
    with logins.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE anne_redac LOGIN IN ROLE {WRITERS}")
        conn.exec_driver_sql(f"CREATE ROLE lea_lectrice LOGIN IN ROLE {READERS}")

    writer = open_server(_as(server_url, "anne_redac"))
    try:
        assert not writer.read_only
        company = CompanyService(writer).create(CompanyInput(name="GDID", town="Salon"))
    finally:
        writer.close()

    reader = open_server(_as(server_url, "lea_lectrice"))
    try:
        assert reader.read_only and reader.read_only_reason == READER_ROLE
        assert CompanyService(reader).get(company).data.name == "GDID"  # sees everything
        with pytest.raises(RegisterError, match="consulter"):
            CompanyService(reader).create(CompanyInput(name="X", town="Y"))
    finally:
        reader.close()
    # the server refuses, whatever the program: a plain connection as the reader
    plain = sa.create_engine(engine_url(_as(server_url, "lea_lectrice")), poolclass=sa.NullPool)
    try:
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), \
                plain.begin() as conn:
            conn.exec_driver_sql("UPDATE company SET town = 'Z'")
    finally:
        plain.dispose()

    # the command line: the reader lists, and is refused a change, in its language
    capsys.readouterr()
    assert main(["due", "--db", _as(server_url, "lea_lectrice")]) == 0
    assert main(["demo", "--db", _as(server_url, "lea_lectrice"), "--companies", "2"]) == 1
    assert "consulter" in capsys.readouterr().err


def test_new_with_roles_by_an_account_that_may_not_is_refused_with_the_sql(server_url, logins,
                                                                          capsys):
    database = make_url(server_url).database
    with logins.connect() as conn:
        conn.exec_driver_sql("CREATE ROLE petit_compte LOGIN")  # no CREATEROLE
        conn.exec_driver_sql(f'ALTER DATABASE "{database}" OWNER TO petit_compte')
    url = _as(server_url, "petit_compte")

    assert main(["new", "--db", url, "--roles"]) == 1
    err = capsys.readouterr().err
    assert "ne peut pas créer de rôles" in err and "rien n'a été fait" in err
    assert f"CREATE ROLE {WRITERS}" in err and "ALTER DEFAULT PRIVILEGES" in err
    assert _tables(server_url) == []  # nothing made
    assert main(["new", "--db", url, "--roles", "--lang", "en"]) == 1
    assert "may not create roles" in capsys.readouterr().err

    # the administrator runs the SQL given, then the account makes the register without it
    script = err[err.index("DO $$"):err.index("\n\npuis")]
    with logins.connect() as conn:
        conn.exec_driver_sql(f'ALTER DATABASE "{database}" OWNER TO postgres')
    with _admin(server_url).connect() as conn:
        for statement in script.split(";\n"):
            conn.exec_driver_sql(statement.rstrip(";"))
        conn.exec_driver_sql(f'ALTER DATABASE "{database}" OWNER TO petit_compte')
        conn.exec_driver_sql("CREATE ROLE lea_lectrice LOGIN IN ROLE " + READERS)
    assert main(["new", "--db", url]) == 0
    reader = open_server(_as(server_url, "lea_lectrice"))
    try:
        assert reader.read_only and reader.read_only_reason == READER_ROLE
        assert CompanyService(reader).rows() == []
    finally:
        reader.close()


def test_roles_are_for_a_shared_register_only(tmp_path, capsys):
    assert main(["new", "--db", str(tmp_path / "r.sqlite"), "--roles"]) == 1
    assert "--roles" in capsys.readouterr().err
    assert not (tmp_path / "r.sqlite").exists()
