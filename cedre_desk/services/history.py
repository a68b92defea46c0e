"""Reading the change history: who changed which field of which record, from what to what.

The history is written by the storage layer in the same transaction as every change (see
storage.history); here it is only read. There is no way to change or delete it through the
program. Rows are read with Core selects into plain dataclasses (the history of a busy
register runs to hundreds of thousands of rows).

What the window shows of a record (`record_history`) also takes in the records that belong to
it (an audit's findings, a session's decisions, deleted ones included) and the names of the
records its values point to (an auditor's name rather than a number).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import col

from cedre_desk.audits.dates import format_fr
from cedre_desk.services.audit_list import reading_connection
from cedre_desk.storage.cap_models import CapAction, CapAnswer, CapGridVersion
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    Auditor,
    CertificationGroup,
    Change,
    CommitteeSession,
    Company,
    Decision,
    Finding,
    Referential,
    ReferentialVersion,
    Requirement,
)

# Tables whose rows are parts of a record of another table, keyed "<owner id>/<...>": a
# company's legal types belong to its history, an audit's auditors to the audit's.
_PARTS: dict[str, tuple[str, ...]] = {
    "company": ("company_legal_type",),
    "audit": ("audit_auditor",),
}

_Child = type[Finding] | type[Decision] | type[CapAnswer] | type[CapAction]

# Records that belong to a record of another table through a column naming it: an audit's
# findings, a session's decisions, a Le Cap assessment's answers and plan actions. Their
# history is part of the owner's in `record_history`.
_CHILDREN: dict[str, tuple[tuple[str, _Child, str], ...]] = {
    "audit": (("finding", Finding, "audit_id"),),
    "committee_session": (("decision", Decision, "session_id"),),
    "cap_assessment": (("cap_answer", CapAnswer, "assessment_id"),
                       ("cap_action", CapAction, "assessment_id")),
}

# The column of a part or child naming its owner: in the owner's history it says nothing.
OWNER_KEYS = {"company_legal_type": "company_id", "audit_auditor": "audit_id",
               "finding": "audit_id", "decision": "session_id",
               "cap_answer": "assessment_id", "cap_action": "assessment_id"}

# Columns holding the id of another record, shown by that record's name.
_REFERENCES = {
    "version_id": "version", "iso_version_id": "version", "auditor_id": "auditor",
    "coach_id": "auditor", "company_id": "company", "group_id": "group",
    "requirement_id": "requirement", "session_id": "session", "audit_id": "audit",
    "grid_id": "cap_grid",
}

_IN_CHUNK = 500  # ids per IN (...) list, well under any database's limit of parameters


@dataclass(frozen=True)
class ChangeRow:
    id: int
    at: datetime  # UTC, as stored
    user: str
    action: str  # insert, update, delete
    table_name: str
    record_id: str
    field: str
    before: str | None
    after: str | None

    @property
    def local_at(self) -> datetime:
        """The moment in the computer's local time, for display."""
        return self.at.replace(tzinfo=UTC).astimezone()


@dataclass(frozen=True)
class RecordHistory:
    """A record's history as the window shows it."""

    rows: list[ChangeRow]  # oldest first: the record's, its parts' and its children's
    # (column, stored value) -> the name to show: ("auditor_id", "3") -> "Claire Auditrice"
    names: dict[tuple[str, str], str]
    # (table, id) of a child still there -> what names it: a finding's text, the company or
    # group a decision is on (a deleted one's comes from its history)
    subjects: dict[tuple[str, str], str] = field(default_factory=dict)


_COLUMNS = (Change.id, Change.at, Change.user, Change.action, Change.table_name,
            Change.record_id, Change.field, Change.before, Change.after)


class HistoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def for_record(self, table: str, record_id: int | str, *,
                   with_parts: bool = True) -> list[ChangeRow]:
        """The history of one record, oldest first; with its parts' (a company's legal types)
        unless `with_parts` is False."""
        return self._read(sa.select(*_COLUMNS).where(
            self._own(table, str(record_id), with_parts=with_parts)).order_by(Change.id))

    @staticmethod
    def _own(table: str, key: str, *, with_parts: bool = True) -> sa.ColumnElement[bool]:
        """The rows of one record, and of its parts unless `with_parts` is False."""
        condition = sa.and_(Change.table_name == table, Change.record_id == key)
        parts = _PARTS.get(table, ()) if with_parts else ()
        if parts:
            pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
            condition = sa.or_(condition, sa.and_(Change.table_name.in_(parts),
                                                  Change.record_id.like(pattern, escape="\\")))
        return condition

    @staticmethod
    def _rows(conn: Connection, condition: sa.ColumnElement[bool]) -> list[ChangeRow]:
        return [ChangeRow(*row) for row in conn.execute(sa.select(*_COLUMNS).where(condition))]

    def record_history(self, table: str, record_id: int | str, *,
                       private_connection: bool = False) -> RecordHistory:
        """The history of one record with its parts and the records that belong to it (an
        audit's findings, a session's decisions: deleted ones too), without the rows that only
        repeat which record they are about (its number, the column tying it to its owner),
        with the names of the records its values point to and of its children.
        `private_connection` when called from a worker thread (see services.audit_list)."""
        key = str(record_id)
        with reading_connection(self.db, private=private_connection) as conn, conn.begin():
            rows = [r for r in self._rows(conn, self._own(table, key))
                    if r.table_name == table or r.field != OWNER_KEYS.get(r.table_name)]
            subjects: dict[tuple[str, str], str] = {}
            for child, model, column in _CHILDREN.get(table, ()):
                ids = sorted(_child_ids(conn, table, key, child, model, column))
                for start in range(0, len(ids), _IN_CHUNK):
                    chunk = ids[start:start + _IN_CHUNK]
                    condition = sa.and_(Change.table_name == child, Change.record_id.in_(chunk))
                    rows += [r for r in self._rows(conn, condition) if r.field != column]
                    subjects.update(_subjects(conn, child, chunk))
            rows = [r for r in rows if not (r.action == "insert" and r.field == "id")]
            rows.sort(key=lambda r: r.id)
            return RecordHistory(rows, _names(conn, rows), subjects)

    def all_rows(self) -> list[ChangeRow]:
        """The whole history, oldest first (for the Excel register)."""
        return self._read(sa.select(*_COLUMNS).order_by(Change.id))

    def _read(self, query: sa.Select) -> list[ChangeRow]:
        with self.db.engine.connect() as conn:
            return [ChangeRow(*row) for row in conn.execute(query)]


def _child_ids(conn: Connection, table: str, key: str, child: str, model: _Child,
               column: str) -> set[str]:
    """The ids of the `child` records that belong, or belonged, to record `key` of `table`.

    The ones still there come from the child table itself. A deleted one is known only by its
    history: the row of its creation holds the owner's id in `column`, the row of its deletion
    holds it in the JSON of what it was (storage.history writes `"column": "id"`), and a
    child made before the history began (imported) has only the latter. No index serves these
    look-ups, so the rows are read from the owner's creation on (ids only grow, and a child is
    made after its owner), and without naming the child table, which would make the planner
    walk that table's whole (table_name, record_id) index instead. Measured on a history of
    1.8 million rows: a few milliseconds for an audit made lately, 0.4 s for one made before
    the history began (the whole history is read); the window reads it off the GUI thread.
    """
    owner_column = getattr(model, column)
    ids = {str(i) for i in conn.scalars(sa.select(model.id).where(owner_column == int(key)))}
    # From the owner's creation on; from the start when it was made before the history began
    # (an import of old, the demo): its first row is then a later edit, children may be older.
    first = conn.scalar(sa.select(sa.func.min(Change.id)).where(
        Change.table_name == table, Change.record_id == key,
        Change.action.in_(("insert", "import")))) or 0
    made = sa.and_(Change.field == column, Change.after == key)
    deleted = sa.and_(Change.action == "delete",
                      Change.before.contains(json.dumps({column: key}).strip("{}"),
                                             autoescape=True))
    found = conn.execute(sa.select(Change.table_name, Change.record_id, Change.action,
                                   Change.before)
                         .where(col(Change.id) >= first, sa.or_(made, deleted)))
    ids.update(record for name, record, action, before in found if name == child and (
        action != "delete" or deleted_values(before or "").get(column) == key))
    return ids


def _subjects(conn: Connection, child: str, ids: list[str]) -> dict[tuple[str, str], str]:
    """What names each child still there: a finding's text, a decision's company or group,
    a Le Cap answer's indicator, a plan action's text."""
    numbers = [int(i) for i in ids]
    query: sa.Select[Any]
    if child == "finding":
        query = sa.select(Finding.id, Finding.text).where(Finding.id.in_(numbers))
    elif child == "cap_answer":
        query = sa.select(CapAnswer.id, CapAnswer.indicator).where(CapAnswer.id.in_(numbers))
    elif child == "cap_action":
        query = sa.select(CapAction.id, CapAction.text).where(CapAction.id.in_(numbers))
    else:
        query = (sa.select(Decision.id, sa.func.coalesce(Company.name, CertificationGroup.name))
                 .outerjoin(Company, Company.id == Decision.company_id)
                 .outerjoin(CertificationGroup, CertificationGroup.id == Decision.group_id)
                 .where(Decision.id.in_(numbers)))
    return {(child, str(number)): text for number, text in conn.execute(query) if text}


def _names(conn: Connection, rows: Iterable[ChangeRow]) -> dict[tuple[str, str], str]:
    """The names of the records the rows' values point to, deleted rows' values included."""
    wanted: dict[str, set[int]] = {}

    def want(field: str, value: object) -> None:
        kind = _REFERENCES.get(field)
        if kind is not None and value not in (None, "") and str(value).isdigit():
            wanted.setdefault(kind, set()).add(int(str(value)))

    for row in rows:
        want(row.field, row.before)
        want(row.field, row.after)
        if row.action == "delete" and row.before:
            for field, value in deleted_values(row.before).items():
                want(field, value)
    found: dict[str, dict[int, str]] = {kind: {} for kind in wanted}
    for kind, ids in wanted.items():
        query = _NAME_QUERIES[kind]()
        listed = sorted(ids)
        for start in range(0, len(listed), _IN_CHUNK):
            chunk = listed[start:start + _IN_CHUNK]
            for record_id, *parts in conn.execute(query.where(
                    query.selected_columns[0].in_(chunk))):
                name = _name(parts)
                if name:
                    found[kind][record_id] = name
    return {(field, str(record_id)): name
            for field, kind in _REFERENCES.items() if kind in found
            for record_id, name in found[kind].items()}


def _name(parts: list[object]) -> str:
    return " ".join(format_fr(p) if isinstance(p, date) else str(p) for p in parts if p)


_NAME_QUERIES = {
    "version": lambda: sa.select(ReferentialVersion.id, Referential.code,
                                 ReferentialVersion.label).join(
        Referential, Referential.id == ReferentialVersion.referential_id),
    "auditor": lambda: sa.select(Auditor.id, Auditor.name),
    "company": lambda: sa.select(Company.id, Company.name),
    "group": lambda: sa.select(CertificationGroup.id, CertificationGroup.name),
    "requirement": lambda: sa.select(Requirement.id, Requirement.code, Requirement.title),
    "session": lambda: sa.select(CommitteeSession.id, CommitteeSession.held_on),
    # an audit by the day it was held (or planned): what a decision's file shows of it
    "audit": lambda: sa.select(Audit.id, sa.func.coalesce(Audit.start_on, Audit.planned_on,
                                                          type_=sa.Date)),
    "cap_grid": lambda: sa.select(CapGridVersion.id, CapGridVersion.label),
}


def deleted_values(before: str) -> dict[str, str | None]:
    """The values a deleted record had, as its delete row keeps them (JSON of text)."""
    try:
        values = json.loads(before)
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}
