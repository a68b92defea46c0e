"""Shared mechanics of edits: fetch-or-refuse, and the version check that keeps a change made
elsewhere from being silently overwritten."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from cedre_desk.errors import ConflictError, NotFound

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


def apply(obj: Any, values: Mapping[str, Any], expected_version: int | None) -> None:
    """Copy `values` onto `obj`'s columns, refusing if `obj` changed since it was read."""
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(
            "Cet enregistrement a été modifié ailleurs depuis que vous l'avez ouvert. "
            "Votre saisie est conservée : rechargez la fiche pour voir l'autre modification.",
            "This record was changed elsewhere since you opened it. "
            "Your input is kept: reload the record to see the other change.",
        )
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
    obj.version = (obj.version or 0) + 1
