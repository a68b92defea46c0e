"""Auditors, the companies each coached, and engagements (a company entering the process)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.errors import ValidationError, shown
from cedre_desk.services import validation
from cedre_desk.services.editing import apply, fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    AuditAuditor,
    Auditor,
    Coaching,
    Company,
    Engagement,
    GroupMember,
)


@dataclass(frozen=True)
class AuditorRow:
    id: int
    name: str
    email: str
    active: bool
    version: int


class AuditorService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, name: str, email: str = "", active: bool = True) -> int:
        values = _clean(name, email, active)
        with self.db.transaction() as session:
            _refuse_same_name(session, str(values["name"]), None)
            auditor = Auditor(**values)
            session.add(auditor)
            session.flush()
            assert auditor.id is not None
            return auditor.id

    def update(self, auditor_id: int, name: str, email: str, active: bool,
               expected_version: int) -> int:
        values = _clean(name, email, active)
        with self.db.transaction() as session:
            auditor = fetch(session, Auditor, auditor_id)
            _refuse_same_name(session, str(values["name"]), auditor_id)
            apply(auditor, values, expected_version)
            return auditor.version

    def delete(self, auditor_id: int) -> None:
        with self.db.transaction() as session:
            fetch(session, Auditor, auditor_id)
            if session.scalar(sa.select(sa.func.count()).where(
                    AuditAuditor.auditor_id == auditor_id)):
                raise ValidationError(
                    "Cet auditeur a conduit des audits : marquez-le inactif plutôt que de le "
                    "supprimer.",
                    "This auditor conducted audits: mark them inactive instead of deleting.",
                )
            _release(session, auditor_id)
            session.delete(session.get(Auditor, auditor_id))

    def rows(self) -> list[AuditorRow]:
        query = sa.select(Auditor.id, Auditor.name, Auditor.email, Auditor.active,
                          Auditor.version).order_by(Auditor.name)
        with self.db.engine.connect() as conn:
            return [AuditorRow(*r) for r in conn.execute(query)]

    def add_coaching(self, auditor_id: int, company_id: int, since: date | None = None) -> None:
        validation.registered_date(since, "since", fr="Accompagnement depuis",
                                   en="Coaching since")
        with self.db.transaction() as session:
            fetch(session, Auditor, auditor_id)
            fetch(session, Company, company_id)
            if session.get(Coaching, (auditor_id, company_id)) is None:
                session.add(Coaching(auditor_id=auditor_id, company_id=company_id, since=since))

    def remove_coaching(self, auditor_id: int, company_id: int) -> None:
        with self.db.transaction() as session:
            link = session.get(Coaching, (auditor_id, company_id))
            if link is not None:
                session.delete(link)

    def coached(self, auditor_ids: Iterable[int], *, company_id: int | None = None,
                group_id: int | None = None) -> list[str]:
        """Names of those auditors who coached the company (or a member of the group): they
        must not audit it. A coach is known from a coaching link or from an engagement."""
        with self.db.reading() as session:
            return coaches_among(session, tuple(auditor_ids), company_id, group_id)

    def engage(self, company_id: int, started_on: date, coach_id: int | None = None,
               notes: str = "") -> int:
        """Record that a company enters the process (démarche qualité), with its coach."""
        validation.registered_date(started_on, "started_on", fr="Entrée dans la démarche",
                                   en="Engagement start")
        with self.db.transaction() as session:
            fetch(session, Company, company_id)
            if coach_id is not None:
                fetch(session, Auditor, coach_id)
            engagement = Engagement(company_id=company_id, coach_id=coach_id,
                                    started_on=started_on,
                                    notes=validation.clean_text(notes, "notes"))
            session.add(engagement)
            session.flush()
            assert engagement.id is not None
            return engagement.id


def _release(session: Session, auditor_id: int) -> None:
    """Do through the session what the database would do silently when the auditor goes (ON
    DELETE CASCADE on coaching, SET NULL on an engagement's coach), so the history records
    each coaching link deleted and each engagement losing its coach; flushed before the
    auditor's own delete, which must find nothing left pointing at it."""
    for link in session.scalars(sa.select(Coaching).where(Coaching.auditor_id == auditor_id)):
        session.delete(link)
    for engagement in session.scalars(
            sa.select(Engagement).where(Engagement.coach_id == auditor_id)):
        apply(engagement, {"coach_id": None}, None)  # a new version: an open form must reload
    session.flush()


def coaches_among(session: Session, auditor_ids: tuple[int, ...], company_id: int | None,
                  group_id: int | None) -> list[str]:
    if not auditor_ids:
        return []
    if group_id is not None:
        companies: sa.Select = sa.select(GroupMember.company_id).where(
            GroupMember.group_id == group_id)
    else:
        companies = sa.select(sa.literal(company_id))
    coach_ids = sa.union(
        sa.select(Coaching.auditor_id).where(Coaching.company_id.in_(companies)),
        sa.select(Engagement.coach_id).where(Engagement.company_id.in_(companies)),
    ).subquery()
    return list(session.scalars(
        sa.select(Auditor.name).where(Auditor.id.in_(auditor_ids))
        .where(Auditor.id.in_(sa.select(coach_ids.c[0]))).order_by(Auditor.name)))


def _refuse_same_name(session: Session, name: str, own_id: int | None) -> None:
    query = sa.select(Auditor.id).where(sa.func.lower(Auditor.name) == name.lower())
    if own_id is not None:
        query = query.where(Auditor.id != own_id)
    if session.scalar(query) is not None:
        raise ValidationError(f"Un auditeur « {shown(name)} » existe déjà.",
                              f"An auditor '{shown(name)}' already exists.", field="name")


def _clean(name: str, email: str, active: bool) -> dict[str, object]:
    return {
        "name": validation.clean_text(name, "name", max_length=200, required=True,
                                      fr="Nom", en="Name"),
        "email": validation.email(email),
        "active": active,
    }
