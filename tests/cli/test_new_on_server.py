"""`new --db postgresql://…` makes a register only in an empty database: a database that holds
a register (any of its tables, or Alembic's revision table) is refused, in French or English,
exit 1, and left exactly as it was; a register newer than the program is refused on a server
too. Run by the server pass of scripts/test (skipped without a server)."""

from __future__ import annotations

import sqlalchemy as sa

from cedre_desk.__main__ import main
from cedre_desk.storage.server import engine_url


def _contents(url: str) -> dict[str, object]:
    """What a refused command must not change: the tables, the revision, the rows."""
    engine = sa.create_engine(engine_url(url), poolclass=sa.NullPool)
    try:
        with engine.connect() as conn:
            tables = sorted(sa.inspect(conn).get_table_names())
            counts = {t: conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar()
                      for t in tables}
            revision = (conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                        if "alembic_version" in tables else None)
    finally:
        engine.dispose()
    return {"tables": tables, "counts": counts, "revision": revision}


def _execute(url: str, *statements: str) -> None:
    engine = sa.create_engine(engine_url(url), poolclass=sa.NullPool)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def test_new_on_a_register_is_refused_and_changes_nothing(server_url, capsys):
    assert main(["new", "--db", server_url]) == 0
    assert main(["demo", "--db", server_url, "--companies", "3"]) == 0
    capsys.readouterr()
    before = _contents(server_url)
    assert before["counts"]["company"] == 3  # type: ignore[index]

    assert main(["new", "--db", server_url]) == 1
    err = capsys.readouterr().err
    assert "contient déjà un registre" in err and "n'y a rien changé" in err
    assert "postgres" in err and "password" not in err
    assert main(["new", "--db", server_url, "--lang", "en"]) == 1
    assert "already holds a register" in capsys.readouterr().err
    assert _contents(server_url) == before


def test_new_refuses_a_database_with_only_the_revision_table_or_one_of_ours(server_url,
                                                                            capsys):
    _execute(server_url, "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
    assert main(["new", "--db", server_url]) == 1
    assert "contient déjà un registre" in capsys.readouterr().err
    _execute(server_url, "DROP TABLE alembic_version", "CREATE TABLE company (id int)")
    assert main(["new", "--db", server_url]) == 1
    assert "contient déjà un registre" in capsys.readouterr().err
    assert _contents(server_url)["tables"] == ["company"]


def test_new_refuses_a_database_holding_other_tables(server_url, capsys):
    _execute(server_url, "CREATE TABLE invoices (id int)")
    assert main(["new", "--db", server_url]) == 1
    assert "d'autres tables" in capsys.readouterr().err
    assert _contents(server_url)["tables"] == ["invoices"]


def test_a_register_newer_than_the_program_is_refused_by_every_command(server_url, capsys):
    assert main(["new", "--db", server_url]) == 0
    _execute(server_url, "UPDATE alembic_version SET version_num = '9999_future'")
    before = _contents(server_url)
    capsys.readouterr()
    assert main(["due", "--db", server_url]) == 1
    assert "version plus récente" in capsys.readouterr().err
    assert main(["due", "--db", server_url, "--lang", "en"]) == 1
    assert "newer version" in capsys.readouterr().err
    assert main(["new", "--db", server_url]) == 1  # a register is there, whatever its age
    assert _contents(server_url) == before
