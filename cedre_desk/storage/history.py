"""The change history, written for every change that goes through a register session.

An `after_flush` listener reads what the flush changed, attribute by attribute, and inserts
one `change` row per field in the same transaction: a change and its history are committed
together or not at all, and no service can forget to record one.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.orm import Session, UOWTransaction

from cedre_desk.storage.models import Change

# Bookkeeping columns, not facts of the record.
_SKIPPED = {"version"}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _record_id(obj: Any) -> str:
    identity = inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join(_text(v) or "" for v in identity)


def _rows(session: Session) -> list[dict[str, Any]]:
    user = session.info.get("user", "")
    at = datetime.now(UTC).replace(tzinfo=None)  # stored as UTC
    rows: list[dict[str, Any]] = []

    def add(action: str, obj: Any, field: str, before: Any, after: Any) -> None:
        rows.append(
            dict(at=at, user=user, action=action, table_name=obj.__tablename__,
                 record_id=_record_id(obj), field=field, before=_text(before), after=_text(after))
        )

    for obj in session.new:
        if isinstance(obj, Change):
            continue
        for attr in inspect(obj).mapper.column_attrs:
            value = getattr(obj, attr.key)
            if attr.key not in _SKIPPED and value not in (None, ""):
                add("insert", obj, attr.key, None, value)
    for obj in session.dirty:
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIPPED:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                before = hist.deleted[0] if hist.deleted else None
                after = hist.added[0] if hist.added else None
                if _text(before) != _text(after):
                    add("update", obj, attr.key, before, after)
    for obj in session.deleted:
        values = {
            a.key: _text(getattr(obj, a.key))
            for a in inspect(obj).mapper.column_attrs
            if a.key not in _SKIPPED
        }
        add("delete", obj, "", json.dumps(values, ensure_ascii=False), None)
    return rows


def record_changes(session: Session, _flush_context: UOWTransaction) -> None:
    rows = _rows(session)
    if rows:
        session.connection().execute(sa.insert(Change), rows)


def install(session_class: type[Session]) -> None:
    sa.event.listen(session_class, "after_flush", record_changes)
