"""The stored-status triggers are renewed by every upgrade, whatever its scripts did.

Migrations here are pretend ones, written into a copy of the migration folder that
migrate.alembic_config is pointed at (as tests/safety/crash_worker.py does).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from alembic.config import Config

from cedre_desk.audits.vocabulary import AuditKind
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.register import create_register
from cedre_desk.storage import migrate
from cedre_desk.storage.opening import open_register
from cedre_desk.storage.status_triggers import TRIGGER_NAMES, trigger_statements

FIXTURES = Path(__file__).parents[1] / "fixtures" / "registers"

REVISION = '''"""pretend later migration"""
import sqlalchemy as sa
from alembic import op

revision = "0003_pretend"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade():
{body}


def downgrade():
    pass
'''

BATCH_AUDIT = '''    with op.batch_alter_table("audit", recreate="always") as batch:
        batch.add_column(sa.Column("room", sa.Text(), nullable=True))'''
BATCH_GROUP_MEMBER = '''    with op.batch_alter_table("group_member", recreate="always") as batch:
        batch.add_column(sa.Column("since", sa.Date(), nullable=True))'''
NOTHING = "    pass"


@pytest.fixture
def later_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Call it with an upgrade() body: that script becomes the head registers migrate to."""
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(migrate.__file__).with_name("migrations"), scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))

    def config() -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(scripts))
        return cfg

    def add(body: str) -> None:
        (scripts / "versions" / "0003_pretend.py").write_text(
            REVISION.format(head=migrate.HEAD_REVISION, body=body), encoding="utf-8")
        monkeypatch.setattr(migrate, "alembic_config", config)
        monkeypatch.setattr(migrate, "head_revision", lambda: "0003_pretend")

    return add


def status_triggers(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as conn:
        return {name: sql for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            if name.endswith("_stored_status")}


def stored(path: Path) -> set[int]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT company_id FROM stored_status")}


def store_statuses(path: Path, companies: list[int]) -> None:
    """Rows as services.status_store writes them (their content does not matter here)."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executemany(
            "INSERT INTO stored_status (company_id, rules, valid_from, valid_until, status) "
            "VALUES (?, 'rules', '2026-01-01', NULL, '{}')", [(c,) for c in companies])


def a_register_with_facts(path: Path) -> tuple[list[int], int, int]:
    """Three companies, the first two in a group, an audit of the third; all stored."""
    db = create_register(path, user="testeur")
    companies = [CompanyService(db).create(CompanyInput(name=f"Structure {i}", town="Riom",
                                                        department="63"))
                 for i in range(3)]
    group = GroupService(db).create("Groupe", companies[:2])
    version = next(v.id for v in ReferentialService(db).versions()
                   if v.referential == CEDRE and v.label == "V3")
    audit = AuditService(db).create(AuditInput(AuditKind.INTERNAL, version,
                                               company_id=companies[2],
                                               planned_on=date(2026, 3, 1)))
    db.close()
    store_statuses(path, companies)
    return companies, group, audit


def test_a_new_register_has_exactly_the_current_triggers(register_path: Path):
    create_register(register_path).close()
    found = status_triggers(register_path)
    assert sorted(found) == sorted(TRIGGER_NAMES)
    assert len(TRIGGER_NAMES) == 18
    assert sorted(found.values()) == sorted(trigger_statements())


@pytest.mark.parametrize("body", [BATCH_AUDIT, BATCH_GROUP_MEMBER],
                         ids=["audit", "group_member"])
def test_a_batch_migration_keeps_every_trigger_working(register_path: Path, later_migration,
                                                       body: str):
    """Before the triggers were renewed by migrate.upgrade, rebuilding audit lost its
    triggers (stale statuses shown) and rebuilding group_member failed outright."""
    companies, group, audit = a_register_with_facts(register_path)
    later_migration(body)
    migrate.upgrade(register_path, make_backup=False)
    assert sorted(status_triggers(register_path)) == sorted(TRIGGER_NAMES)

    store_statuses(register_path, companies)
    with closing(sqlite3.connect(register_path)) as conn, conn:
        conn.execute("UPDATE audit SET planned_on = '2026-04-01' WHERE id = ?", (audit,))
    assert stored(register_path) == set(companies[:2]), "the audit's company is forgotten"
    with closing(sqlite3.connect(register_path)) as conn, conn:
        conn.execute("DELETE FROM group_member WHERE group_id = ? AND company_id = ?",
                      (group, companies[0]))
    assert stored(register_path) == {companies[1]}


def test_a_register_from_before_the_stored_statuses_goes_through_a_batch_migration(
        tmp_path: Path, later_migration):
    """From schema 0001, the scripts 0002 then 0003 run in one go: 0002 must not leave
    triggers that 0003's rebuild of group_member trips on."""
    path = tmp_path / "ancien.sqlite"
    shutil.copyfile(FIXTURES / "schema-0001.sqlite", path)
    later_migration(BATCH_GROUP_MEMBER)
    migrate.upgrade(path, make_backup=False)
    assert sorted(status_triggers(path)) == sorted(TRIGGER_NAMES)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            "0003_pretend")
        assert "since" in {row[1] for row in conn.execute("PRAGMA table_info(group_member)")}


def test_an_upgrade_forgets_every_stored_status(register_path: Path, later_migration):
    """A migration may change what the facts mean: no status computed before it is kept."""
    companies, _group, _audit = a_register_with_facts(register_path)
    assert stored(register_path) == set(companies)
    later_migration(NOTHING)
    migrate.upgrade(register_path, make_backup=False)
    assert stored(register_path) == set()


def test_an_upgrade_leaves_exactly_the_current_triggers(register_path: Path, later_migration):
    """Triggers of another version (one gone since, one defined otherwise) are replaced."""
    create_register(register_path).close()
    with closing(sqlite3.connect(register_path)) as conn, conn:
        conn.execute("CREATE TRIGGER tr_company_update_stored_status AFTER UPDATE ON company "
                     "BEGIN DELETE FROM stored_status; END")
        conn.execute("DROP TRIGGER tr_audit_update_stored_status")
        conn.execute("CREATE TRIGGER tr_audit_update_stored_status AFTER UPDATE OF notes "
                     "ON audit BEGIN DELETE FROM stored_status; END")
    later_migration(NOTHING)
    migrate.upgrade(register_path, make_backup=False)
    found = status_triggers(register_path)
    assert sorted(found) == sorted(TRIGGER_NAMES)
    assert sorted(found.values()) == sorted(trigger_statements())


def test_an_up_to_date_register_keeps_its_stored_statuses(register_path: Path):
    """Renewing happens only when a migration ran: opening writes nothing otherwise."""
    companies, _group, _audit = a_register_with_facts(register_path)
    assert migrate.upgrade(register_path) is None
    open_register(register_path).close()
    assert stored(register_path) == set(companies)
