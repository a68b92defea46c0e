"""A shared register on a PostgreSQL server: the door `open_register` takes for a URL.

What differs from a register file, and why:
- No writer's lock: many people write the register at once; concurrent edits of one record
  are checked by the server's transactions and the records' versions, not by a file lock.
- No file backup and no file checks: a server's copies are the federation's job (pg_dump, see
  docs/shared-register.md), and the server keeps its own data sound.
- The schema is made and upgraded by the same Alembic migrations, under a transaction-scoped
  advisory lock so that two programs starting at once do not both run them.
- Whether a user may write is the server's decision (the roles of docs/shared-register.md):
  a role that may not change the companies opens the register read-only, and says so.

Accepted forms: postgresql://user@host/register, postgresql+psycopg://…, and a unix socket
as libpq writes it: postgresql://user@/register?host=/run/folder&port=5432.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from cedre_desk.errors import ConflictError, RegisterError, UserError
from cedre_desk.storage import migrate
from cedre_desk.storage.database import ASKED, READER_ROLE, Database
from cedre_desk.storage.server_roles import (
    create_roles,
    database_and_owner,
    may_create_roles,
    roles_sql,
)
from cedre_desk.storage.server_status_triggers import (
    drop_status_triggers,
    renew_status_triggers,
)

SCHEMES = ("postgresql", "postgresql+psycopg")

# Any number will do, as long as no other program on the server takes the same lock: the
# first bytes of "cedre-desk".
_MIGRATION_LOCK = 0x6365_6472_6564


def is_server_url(target: object) -> bool:
    """Whether `target` names a register on a server rather than a file."""
    # Any URL: engine_url refuses, with a message, the schemes other than PostgreSQL's.
    return isinstance(target, str) and "://" in target


def engine_url(url: str) -> sa.URL:
    """The URL with the driver the program ships (psycopg 3), whatever form was given."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise RegisterError(f"Adresse de registre invalide : {url}",
                            f"Invalid register address: {url}") from exc
    if parsed.drivername not in SCHEMES:
        raise RegisterError(f"Adresse de registre non prise en charge : {url}",
                            f"Unsupported register address: {url}")
    return parsed.set(drivername="postgresql+psycopg")


def server_url(host: str, port: int | None, database: str, user: str,
               password: str | None = None) -> str:
    """The URL of a register on a server from its parts (the window's saved connection);
    a host that begins with '/' is a unix socket's folder."""
    socket = host.startswith("/")
    query = ({"host": host} | ({"port": str(port)} if port else {})) if socket else {}
    url = sa.URL.create("postgresql", username=user or None, password=password or None,
                        host=None if socket else (host or None),
                        port=None if socket else port, database=database, query=query)
    return url.render_as_string(hide_password=False)


def describe(url: str) -> str:
    """The URL as shown to users and saved by the window: never the password (not even
    masked, so that one address is shown the same with or without it)."""
    parsed = engine_url(url)
    return sa.URL.create(parsed.drivername, username=parsed.username, host=parsed.host,
                         port=parsed.port, database=parsed.database,
                         query=parsed.query).render_as_string(hide_password=True)


def server_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine on the server; its connection errors become a RegisterError in both
    languages (a server down, a login refused, a connection dropped mid-save)."""
    shown = describe(url)
    options: dict[str, Any] = {}
    if read_only:  # the server itself refuses any write in these sessions
        options["options"] = "-c default_transaction_read_only=on"
    # READ COMMITTED, PostgreSQL's default: edits of different records never block each other
    # (SERIALIZABLE refused one of two edits of two companies: the duplicate-name check reads
    # the whole table). An edit locks its row before checking its version
    # (services.editing.apply); the stored statuses read their facts SERIALIZABLE
    # (services.status_store).
    engine = sa.create_engine(engine_url(url), pool_pre_ping=True, connect_args=options)

    @sa.event.listens_for(engine, "handle_error")
    def _translate(context):
        translated = server_error(context.original_exception, shown)
        if translated is not None:
            raise translated from context.original_exception

    return engine


def server_error(exc: BaseException, shown: str) -> UserError | None:
    """The server's errors the user can act on, in both languages; None for the others."""
    import psycopg

    if isinstance(exc, DBAPIError):
        exc = exc.orig or exc
    refused = psycopg.errors.InsufficientPrivilege | psycopg.errors.ReadOnlySqlTransaction
    if isinstance(exc, refused):
        return RegisterError(
            f"{shown} : votre compte sur le serveur ne peut que consulter ce registre ; rien n'a "
            "été modifié.",
            f"{shown}: your account on the server may only view this register; nothing was "
            "changed.")
    if isinstance(exc, psycopg.errors.StringDataRightTruncation):
        # The services check every length they know; this one came through unchecked.
        return UserError(
            "Un texte est plus long que ce que le registre partagé accepte : rien n'a été "
            "enregistré. Raccourcissez-le puis enregistrez à nouveau.",
            "A text is longer than the shared register accepts: nothing was saved. Shorten "
            "it, then save again.")
    if isinstance(exc, psycopg.errors.SerializationFailure | psycopg.errors.DeadlockDetected):
        return ConflictError(
            "Ces données ont été modifiées au même moment par un autre utilisateur : rien n'a "
            "été enregistré. Votre saisie est conservée : rechargez puis enregistrez à nouveau.",
            "This data was changed at the same moment by another user: nothing was saved. "
            "Your input is kept: reload, then save again.")
    if isinstance(exc, psycopg.OperationalError) and not isinstance(
            exc, psycopg.errors.LockNotAvailable):
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return RegisterError(
            f"{shown} : le serveur du registre ne répond pas ou refuse la connexion ({detail}). "
            "Rien n'a été modifié ; réessayez quand il sera joignable.",
            f"{shown}: the register's server does not answer or refuses the connection "
            f"({detail}). Nothing was changed; try again when it can be reached.")
    return None


def stored_revision(connection: Connection) -> str | None:
    return migrate.current_revision(connection)


def may_write(connection: Connection) -> bool:
    """Whether the server lets this role change the register (the writer role does)."""
    return bool(connection.exec_driver_sql(
        "SELECT has_table_privilege(current_user, 'company', 'UPDATE')").scalar())


def database_user(connection: Connection) -> str:
    return str(connection.exec_driver_sql("SELECT current_user").scalar())


def refuse_unless_empty(connection: Connection, shown: str) -> None:
    """A new register is made only in an empty database: never over a register (any of its
    tables, or Alembic's revision table), nor beside another program's tables."""
    from cedre_desk.storage.models import metadata

    present = set(sa.inspect(connection).get_table_names())
    ours = sorted(present & {*metadata.tables, "alembic_version"})
    if ours:
        raise RegisterError(
            f"{shown} : cette base contient déjà un registre (tables {', '.join(ours[:3])}…) ; "
            "« new » ne le remplace jamais et n'y a rien changé. Ouvrez-le sans « new », ou "
            "faites le nouveau registre dans une base vide (CREATE DATABASE).",
            f"{shown}: this database already holds a register (tables {', '.join(ours[:3])}…); "
            "'new' never replaces one and changed nothing. Open it without 'new', or make "
            "the new register in an empty database (CREATE DATABASE).")
    if present:
        raise RegisterError(
            f"{shown} : cette base contient déjà d'autres tables ; un registre se crée "
            "dans une base vide.",
            f"{shown}: this database already holds other tables; a register is made "
            "in an empty database.")


def upgrade(engine: Engine, *, create: bool, shown: str, new: bool = False,
            roles: bool = False) -> None:
    """Bring the server's register to this program's schema, in one transaction (PostgreSQL
    runs DDL in transactions): made from nothing when `create`, refused when newer or when the
    database holds something other than a register; only in an empty database when `new`;
    with the writer and reader roles (storage.server_roles) when `roles`."""
    with engine.begin() as connection:
        upgrade_in(connection, create=create, shown=shown, new=new)
        if roles:
            create_roles(connection)


def refuse_unless_may_create_roles(connection: Connection, shown: str) -> None:
    """`new --roles` by an account that may not create roles: refused before anything is
    made, with the SQL an administrator runs instead."""
    if may_create_roles(connection):
        return
    database, owner = database_and_owner(connection)
    script = ";\n".join(roles_sql(database, owner)) + ";"
    raise RegisterError(
        f"{shown} : votre compte ({owner}) ne peut pas créer de rôles ; rien n'a été fait. "
        f"Demandez à un administrateur du serveur d'exécuter, dans la base {database} :"
        f"\n\n{script}\n\npuis relancez « new » sans --roles (avant ou après, ces droits "
        "valent aussi pour les tables que les mises à jour ajouteront).",
        f"{shown}: your account ({owner}) may not create roles; nothing was done. Ask an "
        f"administrator of the server to run, in the database {database}:\n\n{script}\n\n"
        "then run 'new' again without --roles (before or after, these rights also cover the "
        "tables later upgrades add).")


def upgrade_in(connection: Connection, *, create: bool, shown: str, new: bool = False) -> None:
    """`upgrade`, in the caller's transaction (the copy makes the schema and fills it in one)."""
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
    if new:  # under the lock: two `new` at once make one register, the other is refused
        refuse_unless_empty(connection, shown)
    revision = stored_revision(connection)
    migrate.refuse_if_newer(revision, shown)
    if revision == migrate.head_revision():
        return
    if revision is None:
        if not create:
            raise RegisterError(f"{shown} : aucun registre dans cette base.",
                                f"{shown}: no register in this database.")
        refuse_unless_empty(connection, shown)
    from alembic import command

    config = migrate.alembic_config()
    config.attributes["connection"] = connection
    drop_status_triggers(connection)  # as on SQLite: no script trips on them
    command.upgrade(config, "head")
    renew_status_triggers(connection)


def open_server(url: str, *, create: bool = False, read_only: bool = False,
                user: str | None = None, new: bool = False, roles: bool = False) -> Database:
    """Open the register in the server database `url`: made there when `create` and the
    database is empty, upgraded when older, refused when newer. Read-only when asked, or when
    the server gives this role no right to write (READER_ROLE). `new` (the `new` command)
    refuses any database that is not empty, and changes nothing in it; with `roles`, it also
    makes the writer and reader roles, or refuses first when this account may not."""
    shown = describe(url)
    engine = server_engine(url)
    create = create or new
    try:
        with engine.connect() as connection:
            if new:
                refuse_unless_empty(connection, shown)
            if new and roles:
                refuse_unless_may_create_roles(connection, shown)
            writer = may_write(connection) if stored_revision(connection) else True
            db_user = database_user(connection)
        reason = ASKED if read_only else (None if writer else READER_ROLE)
        if reason is None:
            upgrade(engine, create=create, shown=shown, new=new, roles=new and roles)
        else:
            with engine.connect() as connection:
                revision = stored_revision(connection)
            migrate.refuse_if_newer(revision, shown)
            if revision != migrate.head_revision():
                raise RegisterError(
                    f"{shown} : ce registre doit d'abord être mis à jour par un compte qui peut "
                    "l'écrire." if revision else f"{shown} : aucun registre dans cette base.",
                    f"{shown}: this register must first be upgraded by an account that may "
                    "write it." if revision else f"{shown}: no register in this database.")
    except BaseException:
        engine.dispose()
        raise
    if reason is not None:
        engine.dispose()
        engine = server_engine(url, read_only=True)
    return Database(engine, None, user or db_user, read_only=reason is not None,
                    read_only_reason=reason, location=shown)
