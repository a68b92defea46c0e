"""The SQLite triggers that keep `stored_status` in step with the facts.

A company's cycle status is derived from its decisions, audits, engagement, group membership,
the committee sessions and the settings; `stored_status` keeps it between starts
(services.status_store). These triggers delete a company's stored row in the very transaction
that changes one of those facts, whatever writes it (a service, an import, another SQLite
tool), so a stored status is never read for facts it was not computed from. SQLite only: on
another database the program computes statuses and leaves the table empty.

No migration script creates these triggers: migrate.upgrade drops them all before running the
scripts (a batch table rebuild would otherwise silently drop the triggers on the rebuilt table,
or fail outright on a table named in another table's trigger body), then creates them all from
this module and empties `stored_status`, in the same transaction. So changing the set of
triggers here needs no migration script of its own; it reaches a register at its next upgrade
(an up-to-date register is not upgraded: ship the change with a migration, even an empty one,
if registers already at the head must get it at once).
"""

from __future__ import annotations

# The companies whose status a row of each table bears on, for the row R (OLD or NEW);
# None: every company. Audit columns not listed (notes, duration...) leave statuses alone.
_OWNERS: dict[str, tuple[str | None, str | None]] = {
    "decision": (None, "company_id = {r}.company_id OR company_id IN "
                       "(SELECT company_id FROM group_member WHERE group_id = {r}.group_id)"),
    "audit": ("company_id, group_id, kind, status, planned_on, start_on, end_on",
              "company_id = {r}.company_id OR company_id IN "
              "(SELECT company_id FROM group_member WHERE group_id = {r}.group_id)"),
    "engagement": ("company_id", "company_id = {r}.company_id"),
    "group_member": (None, "company_id = {r}.company_id"),
    "committee_session": ("held_on", None),
    "setting": (None, None),
}

_EVENTS = (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",)))

# Every trigger name ends so: a register's stored-status triggers are found by it.
NAME_SUFFIX = "_stored_status"


def _name(table: str, event: str) -> str:
    return f"tr_{table}_{event.lower()}{NAME_SUFFIX}"


TRIGGER_NAMES: tuple[str, ...] = tuple(
    _name(table, event) for table in _OWNERS for event, _rows in _EVENTS)


def trigger_statements() -> list[str]:
    """CREATE TRIGGER statements for every stored-status trigger."""
    statements = []
    for table, (columns, owners) in _OWNERS.items():
        for event, rows in _EVENTS:
            on = f"UPDATE OF {columns}" if event == "UPDATE" and columns else event
            where = " OR ".join(f"({owners.format(r=r)})" for r in rows) if owners else None
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {on} ON {table} "
                f"BEGIN DELETE FROM stored_status{f' WHERE {where}' if where else ''}; END"
            )
    return statements


def drop_statements(names: tuple[str, ...] | list[str] = TRIGGER_NAMES) -> list[str]:
    """DROP TRIGGER IF EXISTS statements: by default for every trigger this module makes."""
    return ['DROP TRIGGER IF EXISTS "{}"'.format(name.replace('"', '""')) for name in names]


# The same rule, read by the PostgreSQL triggers (storage/server_status_triggers.py).
OWNERS = _OWNERS
EVENTS = _EVENTS
trigger_name = _name
