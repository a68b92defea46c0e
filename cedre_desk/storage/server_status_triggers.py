"""The stored-status triggers of storage/status_triggers.py, written for PostgreSQL.

The same rule from the same table (`status_triggers.OWNERS`): a change to a fact a company's
status is derived from deletes that company's stored status in the same transaction. PostgreSQL
triggers call a function; each trigger gets its own, named as the trigger is. Like SQLite's,
they belong to no migration script: server.upgrade drops them all before the scripts run and
creates them all after, then forgets every stored status.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from cedre_desk.storage.status_triggers import EVENTS, NAME_SUFFIX, OWNERS, trigger_name


def trigger_statements() -> list[str]:
    """A function and a row trigger calling it, for every stored-status trigger."""
    statements = []
    for table, (columns, owners) in OWNERS.items():
        for event, rows in EVENTS:
            name = trigger_name(table, event)
            on = f"UPDATE OF {columns}" if event == "UPDATE" and columns else event
            where = " OR ".join(f"({owners.format(r=r)})" for r in rows) if owners else None
            statements.append(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"DELETE FROM stored_status{f' WHERE {where}' if where else ''}; "
                "RETURN NULL; END $$")
            statements.append(
                f"CREATE TRIGGER {name} AFTER {on} ON {table} FOR EACH ROW "
                f"EXECUTE FUNCTION {name}()")
    return statements


def drop_status_triggers(connection: Connection) -> None:
    """Drop every stored-status trigger the database has (this version's or another's) and
    its function."""
    found = connection.exec_driver_sql(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND right(t.tgname, %(n)s) = %(suffix)s",
        {"n": len(NAME_SUFFIX), "suffix": NAME_SUFFIX}).fetchall()
    for trigger, table in found:
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"')
        connection.exec_driver_sql(f'DROP FUNCTION IF EXISTS "{trigger}"()')


def renew_status_triggers(connection: Connection) -> None:
    """After the scripts: exactly this version's triggers, and no stored status."""
    drop_status_triggers(connection)
    for statement in trigger_statements():
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql("DELETE FROM stored_status")
