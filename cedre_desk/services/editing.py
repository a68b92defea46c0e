"""Shared mechanics of edits: fetch-or-refuse, and the version check that keeps a change made
elsewhere from being silently overwritten."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.errors import ConflictError, NotFound
from cedre_desk.storage.models import Change

T = TypeVar("T")

_WHAT = {
    "company": ("structure", "company"),
    "certification_group": ("groupe", "group"),
    "auditor": ("auditeur", "auditor"),
    "audit": ("audit", "audit"),
    "finding": ("constat", "finding"),
    "committee_session": ("session de comité", "committee session"),
    "decision": ("décision", "decision"),
    "engagement": ("engagement", "engagement"),
    "referential_version": ("version de référentiel", "referential version"),
    "requirement": ("exigence", "requirement"),
}


def fetch(session: Session, model: type[T], record_id: int) -> T:
    obj = session.get(model, record_id)
    if obj is None:
        fr, en = _WHAT.get(model.__tablename__, ("enregistrement", "record"))
        raise NotFound(
            f"{fr.capitalize()} n° {record_id} introuvable : supprimé(e) entre-temps ?",
            f"{en.capitalize()} #{record_id} not found: it may have been deleted.",
        )
    return obj


def apply(obj: Any, values: Mapping[str, Any], expected_version: int | None, *,
          input_kept: bool = True) -> None:
    """Copy `values` onto `obj`'s columns, refusing if `obj` changed since it was read."""
    check_version(obj, expected_version, input_kept=input_kept)
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
    obj.version = (obj.version or 0) + 1


def check_version(obj: Any, expected_version: int | None, *, input_kept: bool = True) -> None:
    """Refuse (ConflictError, naming who changed it and when) if `obj` is no longer at
    `expected_version`: a change made elsewhere is never silently overwritten, nor deleted.
    `input_kept` False for a change with no form behind it (an undo, a redo)."""
    if expected_version is not None and sa.inspect(obj).session is not None:
        session = sa.inspect(obj).session
        if session.get_bind().dialect.name == "postgresql":
            # Many writers on a server: wait for a save of this record in progress elsewhere,
            # then check the version it left (READ COMMITTED reads it once committed).
            session.refresh(obj, with_for_update=True)
    if expected_version is not None and obj.version != expected_version:
        who_fr, who_en = last_change_by(obj)
        if not input_kept:
            raise ConflictError(
                f"Cet enregistrement a été modifié ailleurs entre-temps{who_fr} : rien n'a été "
                "changé. Actualisez (F5) pour voir l'autre modification.",
                f"This record was changed elsewhere meanwhile{who_en}: nothing was changed. "
                "Refresh (F5) to see the other change.",
            )
        raise ConflictError(
            f"Cet enregistrement a été modifié ailleurs depuis que vous l'avez ouvert{who_fr}. "
            "Votre saisie est conservée : rechargez la fiche pour voir l'autre modification.",
            f"This record was changed elsewhere since you opened it{who_en}. "
            "Your input is kept: reload the record to see the other change.",
        )


def last_change_by(obj: Any) -> tuple[str, str]:
    """' (modifié par NAME à HH:MM)' / ' (modified by NAME at HH:MM)' from the change history
    (the person's name; on a server, the database user), or nothing when it does not say."""
    session = sa.inspect(obj).session
    identity = sa.inspect(obj).identity
    if session is None or identity is None:
        return "", ""
    row = session.execute(
        sa.select(Change.user, Change.at)
        .where(Change.table_name == obj.__tablename__,
               Change.record_id == "/".join(str(v) for v in identity))
        .order_by(Change.id.desc()).limit(1)).first()
    if row is None:
        return "", ""
    user, at = row
    local = at.replace(tzinfo=UTC).astimezone()  # the history is kept in UTC
    day = "" if local.date() == datetime.now(UTC).astimezone().date() else f" le {local:%d/%m/%Y}"
    day_en = "" if not day else f" on {local:%d/%m/%Y}"
    return (f" (modifié par {user}{day} à {local:%H:%M})",
            f" (modified by {user}{day_en} at {local:%H:%M})")
