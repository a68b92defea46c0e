"""A register on a PostgreSQL server: opened by URL, made by the same migrations, refused
when newer, read-only for a role the server lets only read. Run by the server pass of
scripts/test (skipped without a server)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cedre_desk.cli.parser import parse_arguments
from cedre_desk.errors import RegisterError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register, open_or_create
from cedre_desk.storage import migrate
from cedre_desk.storage.database import READER_ROLE
from cedre_desk.storage.server import describe, engine_url, open_server


def test_a_url_stays_a_url_on_the_command_line():
    args = parse_arguments(["--db", "postgresql://anne@serveur/registre", "due"])
    assert args.db == "postgresql://anne@serveur/registre"


def test_only_postgresql_urls_are_accepted_and_passwords_are_never_shown():
    assert engine_url("postgresql://a@h/r").drivername == "postgresql+psycopg"
    assert engine_url("postgresql+psycopg://a@h/r").drivername == "postgresql+psycopg"
    assert "secret" not in describe("postgresql://anne:secret@serveur/registre")
    with pytest.raises(RegisterError, match="non prise en charge"):
        engine_url("mysql://a@h/r")


def test_new_makes_the_schema_and_the_catalogue_then_it_opens_again(server_url):
    db = create_register(server_url, user="anne")
    try:
        assert db.path is None and not db.read_only
        company = CompanyService(db).create(CompanyInput(name="GDID", town="Salon"))
    finally:
        db.close()
    again = open_or_create(server_url, create=False)
    try:
        assert CompanyService(again).get(company).data.name == "GDID"
        with again.reading() as session:
            revision = session.execute(sa.text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() == migrate.head_revision()
    finally:
        again.close()


def test_an_empty_database_is_not_opened_without_new(server_url):
    with pytest.raises(RegisterError, match="aucun registre"):
        open_or_create(server_url, create=False)


def test_a_register_newer_than_the_program_is_refused(server_url):
    create_register(server_url).close()
    engine = sa.create_engine(engine_url(server_url))
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(RegisterError, match="plus récente"):
        open_server(server_url)


def test_a_reader_role_opens_read_only_and_the_server_refuses_its_writes(server_url):
    create_register(server_url).close()
    engine = sa.create_engine(engine_url(server_url))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS lectrice_test")
        conn.exec_driver_sql("CREATE ROLE lectrice_test LOGIN")
        conn.exec_driver_sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO lectrice_test")
    url = engine_url(server_url).set(username="lectrice_test").render_as_string(
        hide_password=False)
    try:
        db = open_server(url)
        try:
            assert db.read_only and db.read_only_reason == READER_ROLE
            with pytest.raises(RegisterError, match="consulter"):
                CompanyService(db).create(CompanyInput(name="X", town="Y"))
            # the server itself refuses, whatever the program would do
            with pytest.raises(RegisterError, match="consulter"), db.engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM company")
        finally:
            db.close()
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM lectrice_test")
            conn.exec_driver_sql("DROP ROLE lectrice_test")
        engine.dispose()


def test_the_history_names_the_database_user(server_url):
    from cedre_desk.storage.models import Change

    db = create_register(server_url)  # no user given: the server's login is the one named
    try:
        CompanyService(db).create(CompanyInput(name="GDID", town="Salon"))
        with db.reading() as session:
            login = session.execute(sa.text("SELECT current_user")).scalar()
            users = set(session.scalars(sa.select(Change.user)
                                        .where(Change.table_name == "company")))
    finally:
        db.close()
    assert users == {login}


def test_a_text_too_long_for_the_server_is_a_message_not_a_crash(db):
    from cedre_desk.errors import UserError

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps any length")
    with pytest.raises(UserError, match="plus long"), db.transaction() as session:
        session.execute(sa.text("INSERT INTO auditor (name, email, version, active) "
                                "VALUES ('x', :email, 1, true)"), {"email": "a" * 300})
