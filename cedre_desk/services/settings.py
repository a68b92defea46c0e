"""The cycle settings stored in the register (one row per field; absent rows take defaults)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cedre_desk.audits.settings import CycleSettings
from cedre_desk.errors import ValidationError
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Setting

# Before the expected sessions had a day, only their months were stored under this key.
_LEGACY_MONTHS = "expected_session_months"


def read_settings(connection: Connection | Session) -> CycleSettings:
    """The stored settings, defaults filling what was never changed."""
    stored: dict[str, str] = dict(
        (key, value) for key, value in connection.execute(sa.select(Setting.key, Setting.value)))
    values: dict[str, Any] = {}
    for f in fields(CycleSettings):
        if f.name in stored:
            values[f.name] = _frozen(json.loads(stored[f.name]))
    if "expected_sessions" not in values and _LEGACY_MONTHS in stored:
        values["expected_sessions"] = _legacy_sessions(json.loads(stored[_LEGACY_MONTHS]))
    return CycleSettings(**values)


def _frozen(value: Any) -> Any:
    """JSON lists as tuples, nested ones too: the settings are frozen and hashed."""
    return tuple(_frozen(item) for item in value) if isinstance(value, list) else value


def _legacy_sessions(months: list[int]) -> tuple[tuple[int, int], ...]:
    """Months stored by an older version: each keeps its default day where it has one (the
    third Thursday of November), the second Thursday otherwise."""
    defaults = dict(CycleSettings().expected_sessions)
    return tuple((month, defaults.get(month, 2)) for month in sorted(set(months)))


class SettingsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self) -> CycleSettings:
        with self.db.engine.connect() as conn:
            return read_settings(conn)

    def save(self, **changes: Any) -> CycleSettings:
        """Change some settings; the whole set is checked before anything is written."""
        try:
            settings = replace(self.load(), **changes)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"Réglage refusé : {exc}", f"Setting refused: {exc}") from exc
        with self.db.transaction() as session:
            for key, value in asdict(settings).items():
                row = session.get(Setting, key)
                text = json.dumps(value)
                if row is None:
                    session.add(Setting(key=key, value=text))
                elif row.value != text:
                    row.value = text
            legacy = session.get(Setting, _LEGACY_MONTHS)
            if legacy is not None:  # superseded by expected_sessions, now written
                session.delete(legacy)
        return settings
