"""`cedre-desk-cli copy`: a register moved from a file to a server and back, verified, all or
nothing (the server side runs in the PostgreSQL pass of scripts/test)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from cedre_desk.__main__ import main
from cedre_desk.errors import RegisterError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.register import create_register
from cedre_desk.services.register_copy import copied_tables, copy_register
from cedre_desk.storage.server import engine_url


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.sqlite"
    db = create_register(path, user="testeur")
    generate_demo(db, companies=25, seed=2, today=date(2026, 11, 22))
    CompanyService(db).update(1, CompanyService(db).get(1).data, 1)  # some history
    db.close()
    return path


def test_a_file_goes_to_a_server_and_back_with_every_row_and_its_history(
        demo_file, server_url, tmp_path, capsys):
    assert main(["copy", "--from", str(demo_file), "--to", server_url]) == 0
    assert "vérifié" in capsys.readouterr().out
    back = tmp_path / "retour.sqlite"
    checks = copy_register(server_url, back)
    assert {c.table for c in checks} == {t.name for t in copied_tables()}
    assert next(c for c in checks if c.table == "change").rows > 0
    # what came back is what left: the same checks on the first file
    there = copy_register(back, tmp_path / "encore.sqlite")
    assert there == checks
    # the server hands out new ids after the copied ones
    shared = create_register(server_url)
    try:
        new_id = CompanyService(shared).create(CompanyInput(name="NOUVELLE", town="Arles"))
        assert new_id > 25
    finally:
        shared.close()


def test_a_server_database_that_holds_a_register_is_not_overwritten(demo_file, server_url):
    create_register(server_url).close()
    with pytest.raises(RegisterError, match="déjà un registre"):
        copy_register(demo_file, server_url)


def test_an_existing_file_is_never_the_target(demo_file, tmp_path):
    other = tmp_path / "autre.sqlite"
    other.write_bytes(b"")
    with pytest.raises(RegisterError, match="existe déjà"):
        copy_register(demo_file, other)


def test_a_failed_copy_leaves_nothing_behind(demo_file, server_url, monkeypatch):
    from cedre_desk.services import register_copy

    def broken(conn, table):
        check = original(conn, table)
        if table.name == "change" and conn.dialect.name == "postgresql":
            return register_copy.TableCheck(check.table, check.rows + 1, check.checksum)
        return check

    original = register_copy._check
    monkeypatch.setattr(register_copy, "_check", broken)
    with pytest.raises(RegisterError, match="change"):
        copy_register(demo_file, server_url)
    engine = sa.create_engine(engine_url(server_url))
    try:
        assert sa.inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_a_file_copy_is_verified_too(demo_file, tmp_path):
    checks = copy_register(demo_file, tmp_path / "copie.sqlite")
    assert sum(c.rows for c in checks) > 100
