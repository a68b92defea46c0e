"""The demo's bulk writer: rows as plain dicts, ids handed out here, Core executemany inserts."""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    Auditor,
    CertificationGroup,
    Coaching,
    CommitteeSession,
    Company,
    CompanyLegalType,
    Decision,
    Engagement,
    Finding,
    GroupMember,
)

CHUNK_ROWS = 50_000


class RowWriter:
    """Row buffers per table, flushed parents first; ids handed out here (`last_ids`), rows
    written counted per table (`written`, for the demo's summary)."""

    ORDER = (Company, CompanyLegalType, CertificationGroup, GroupMember, Auditor, Coaching,
             CommitteeSession, Engagement, Audit, AuditAuditor, Finding)

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[Any, list[dict[str, Any]]] = {model: [] for model in self.ORDER}
        self.last_ids: Counter[Any] = Counter()
        self.written: Counter[Any] = Counter()
        self.pending = 0

    def add(self, model: Any, row: dict[str, Any]) -> None:
        self.rows[model].append(row)
        self.pending += 1

    def next_id(self, model: Any) -> int:
        self.last_ids[model] += 1
        return self.last_ids[model]

    def maybe_flush(self) -> None:
        if self.pending >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        for model in self.ORDER:
            self.insert(model, self.rows[model])
            self.rows[model] = []
        self.pending = 0

    def insert(self, model: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(sa.insert(model.__table__), rows)
            self.written[model] += len(rows)


def advance_sequences(conn: Connection) -> None:
    """On PostgreSQL, move the id sequences past the ids given here, so that the next row a
    user adds does not collide with the demo's. (SQLite takes max(id) + 1 by itself.)"""
    if conn.dialect.name != "postgresql":
        return
    for model in (Company, CertificationGroup, Auditor, CommitteeSession, Engagement, Audit,
                  Finding, Decision):
        table = model.__tablename__
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce(max(id), 0) + 1, false) FROM {table}"))
