"""The two database roles of a shared register: one writes it, one only reads it. The server
enforces them (GRANTs), whatever program connects; the program opens a reader's register
read-only (storage.server.may_write).

`new --db postgresql://… --roles` creates them when the connecting account may create roles
(CREATEROLE or superuser); otherwise it refuses before making anything, with the SQL an
administrator runs instead (`roles_sql`). The default privileges make the tables a later
migration adds readable and writable by the same roles, with no new GRANT after an upgrade.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

WRITERS = "cedre_writers"
READERS = "cedre_readers"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def roles_sql(database: str, owner: str) -> list[str]:
    """The statements that make the two roles and give them their rights on `database`,
    whose tables `owner` makes (the account that runs `new` and the upgrades)."""
    db, who = _quoted(database), _quoted(owner)
    both = f"{WRITERS}, {READERS}"
    return [
        *(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
          f"CREATE ROLE {role} NOLOGIN; END IF; END $$" for role in (WRITERS, READERS)),
        f"GRANT CONNECT ON DATABASE {db} TO {both}",
        f"GRANT USAGE ON SCHEMA public TO {both}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {WRITERS}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {WRITERS}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READERS}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {who} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {WRITERS}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {who} IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {WRITERS}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {who} IN SCHEMA public "
        f"GRANT SELECT ON TABLES TO {READERS}",
    ]


def may_create_roles(connection: Connection) -> bool:
    return bool(connection.exec_driver_sql(
        "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user").scalar())


def database_and_owner(connection: Connection) -> tuple[str, str]:
    row = connection.exec_driver_sql("SELECT current_database(), current_user").one()
    return str(row[0]), str(row[1])


def create_roles(connection: Connection) -> None:
    """The two roles and their rights, in the caller's transaction."""
    database, owner = database_and_owner(connection)
    for statement in roles_sql(database, owner):
        connection.exec_driver_sql(statement)
