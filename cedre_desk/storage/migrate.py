"""Schema migrations, run when a register is opened.

Order of work: refuse a register written by a newer version; make a verified backup; migrate
with foreign keys off (a batch table rebuild with them on would cascade-delete rows); check
foreign keys before committing. The whole upgrade is one transaction: it happens or not.

The stored-status triggers (storage/status_triggers.py) belong to no migration script: they are
dropped before the scripts run and all created again after them, and the stored statuses are
forgotten (a migration may change what the facts mean; they are recomputed on the next read).
A script may thus rebuild any table in batch mode: nothing trips on the triggers, and whatever
it did, the register ends with exactly the current triggers and no stale status.

Alembic costs ≈0.15 s and ≈12 MB to import, and a register is nearly always up to date: its
`alembic_version` is read with one plain select and compared with HEAD_REVISION, and Alembic is
imported only when they differ (a migration to run, or a revision to look up).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from cedre_desk.errors import RegisterError
from cedre_desk.storage.backup import PRE_MIGRATION, backup_register
from cedre_desk.storage.engine import make_engine
from cedre_desk.storage.status_triggers import NAME_SUFFIX, drop_statements, trigger_statements

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions, the schema this version of cedre-desk writes.
# A new migration must move it: tests/storage/test_migrate_head.py reads the scripts' head.
HEAD_REVISION = "0005"

_SCRIPTS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def head_revision() -> str:
    """The schema this program writes (no Alembic: the constant the tests hold to the
    scripts)."""
    return HEAD_REVISION


def scripts_head() -> str:
    """The head of the migration scripts, read by Alembic."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The register's revision; None for a register not made yet (no alembic_version)."""
    if connection.dialect.name == "sqlite":
        found = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first() is not None
    else:  # a server register (storage/server.py)
        found = connection.dialect.has_table(connection, "alembic_version")
    if not found:
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) > 1:  # branches: cedre-desk's history is a single line
        raise RegisterError(
            "Le registre porte plusieurs versions de schéma : il n'a pas été écrit par "
            "cedre-desk.",
            "The register bears several schema versions: it was not written by cedre-desk.")
    return rows[0][0] if rows else None


def is_known(revision: str) -> bool:
    if revision == head_revision():
        return True
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def refuse_if_newer(revision: str | None, name: str) -> None:
    if revision is not None and not is_known(revision):
        raise RegisterError(
            f"Le registre {name} a été écrit par une version plus récente de cedre-desk "
            f"(schéma {revision}). Installez la dernière version pour l'ouvrir.",
            f"The register {name} was written by a newer version of cedre-desk "
            f"(schema {revision}). Install the latest version to open it.",
        )


def upgrade(path: Path, *, make_backup: bool = True) -> Path | None:
    """Bring the register at `path` to the current schema; returns the backup made, if any."""
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            connection.rollback()
        refuse_if_newer(revision, path.name)
        if revision == head_revision():
            return None
        from alembic import command

        backup = backup_register(path, PRE_MIGRATION) if make_backup and revision else None
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            _drop_status_triggers(connection)
            command.upgrade(config, "head")
            _renew_status_triggers(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                tables = ", ".join(sorted({row[0] for row in broken}))
                raise RegisterError(
                    f"La mise à jour du registre laisserait des liens rompus ({tables}) : "
                    "rien n'a été changé.",
                    f"Upgrading the register would leave broken links ({tables}): "
                    "nothing was changed.",
                )
        return backup
    finally:
        engine.dispose()


def _drop_status_triggers(connection: Connection) -> None:
    """Drop every stored-status trigger, this version's and any the register has by that
    name from another version, so that no script trips on them."""
    if connection.dialect.name != "sqlite":
        return
    found = [row[0] for row in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'") if row[0].endswith(NAME_SUFFIX)]
    for statement in drop_statements(found):
        connection.exec_driver_sql(statement)


def _renew_status_triggers(connection: Connection) -> None:
    """After the scripts: exactly this version's triggers, and no stored status."""
    if connection.dialect.name != "sqlite":
        return
    _drop_status_triggers(connection)  # any a script made itself
    for statement in trigger_statements():
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql("DELETE FROM stored_status")
