"""Reading the change history: who changed which field of which record, from what to what.

The history is written by the storage layer in the same transaction as every change (see
storage.history); here it is only read. There is no way to change or delete it through the
program. Rows are read with Core selects into plain dataclasses (the history of a busy
register runs to hundreds of thousands of rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Change

# Tables whose rows are parts of a record of another table, keyed "<owner id>/<...>": a
# company's legal types belong to its history, an audit's auditors to the audit's.
_PARTS: dict[str, tuple[str, ...]] = {
    "company": ("company_legal_type",),
    "audit": ("audit_auditor",),
}


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


_COLUMNS = (Change.id, Change.at, Change.user, Change.action, Change.table_name,
            Change.record_id, Change.field, Change.before, Change.after)


class HistoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def for_record(self, table: str, record_id: int | str, *,
                   with_parts: bool = True) -> list[ChangeRow]:
        """The history of one record, oldest first; with its parts' (a company's legal types)
        unless `with_parts` is False."""
        key = str(record_id)
        condition = sa.and_(Change.table_name == table, Change.record_id == key)
        parts = _PARTS.get(table, ()) if with_parts else ()
        if parts:
            pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
            condition = sa.or_(condition, sa.and_(Change.table_name.in_(parts),
                                                  Change.record_id.like(pattern, escape="\\")))
        return self._read(sa.select(*_COLUMNS).where(condition).order_by(Change.id))

    def all_rows(self) -> list[ChangeRow]:
        """The whole history, oldest first (for the Excel register)."""
        return self._read(sa.select(*_COLUMNS).order_by(Change.id))

    def _read(self, query: sa.Select) -> list[ChangeRow]:
        with self.db.engine.connect() as conn:
            return [ChangeRow(*row) for row in conn.execute(query)]
