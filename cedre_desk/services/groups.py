"""Groups certified together (collective certification) and their member companies."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.errors import ValidationError
from cedre_desk.services import validation
from cedre_desk.services.editing import apply, fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CapAssessment,
    CertificationGroup,
    Company,
    Decision,
    GroupMember,
)


class GroupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, name: str, member_ids: Iterable[int] = (), notes: str = "") -> int:
        name = _name(name)
        with self.db.transaction() as session:
            _refuse_same_name(session, name, None)
            group = CertificationGroup(name=name, notes=validation.clean_text(notes, "notes"))
            session.add(group)
            session.flush()
            assert group.id is not None
            _set_members(session, group.id, member_ids)
            return group.id

    def update(self, group_id: int, name: str, member_ids: Iterable[int], notes: str,
               expected_version: int) -> int:
        name = _name(name)
        with self.db.transaction() as session:
            group = fetch(session, CertificationGroup, group_id)
            _refuse_same_name(session, name, group_id)
            apply(group, {"name": name, "notes": validation.clean_text(notes, "notes")},
                  expected_version)
            _set_members(session, group_id, member_ids)
            return group.version

    def delete(self, group_id: int) -> None:
        with self.db.transaction() as session:
            fetch(session, CertificationGroup, group_id)
            used = any(
                session.scalar(sa.select(sa.func.count()).where(m.group_id == group_id))
                for m in (Audit, Decision, CapAssessment)
            )
            if used:
                raise ValidationError(
                    "Ce groupe a des audits, des décisions ou des auto-évaluations Le Cap : il ne "
                    "peut pas être supprimé.",
                    "This group has audits, decisions or Le Cap assessments: it cannot be "
                    "deleted.",
                )
            # The members leave through the session, so the history records each one (it
            # never sees the database's ON DELETE CASCADE), and before the group goes.
            _set_members(session, group_id, ())
            session.flush()
            session.delete(session.get(CertificationGroup, group_id))

    def members(self, group_id: int) -> list[int]:
        with self.db.reading() as session:
            return list(session.scalars(
                sa.select(GroupMember.company_id).where(GroupMember.group_id == group_id)))

    def rows(self) -> list[tuple[int, str, int]]:
        """(id, name, member count) of every group, by name."""
        query = (
            sa.select(CertificationGroup.id, CertificationGroup.name,
                      sa.func.count(GroupMember.company_id))
            .outerjoin(GroupMember, GroupMember.group_id == CertificationGroup.id)
            .group_by(CertificationGroup.id)
            .order_by(CertificationGroup.name)
        )
        with self.db.engine.connect() as conn:
            return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def _name(name: str) -> str:
    return validation.clean_text(name, "name", max_length=200, required=True,
                                 fr="Nom du groupe", en="Group name")


def _refuse_same_name(session: Session, name: str, own_id: int | None) -> None:
    query = sa.select(CertificationGroup.id).where(
        sa.func.lower(CertificationGroup.name) == name.lower())
    if own_id is not None:
        query = query.where(CertificationGroup.id != own_id)
    if session.scalar(query) is not None:
        raise ValidationError(f"Un groupe « {name} » existe déjà.",
                              f"A group '{name}' already exists.", field="name")


def _set_members(session: Session, group_id: int, member_ids: Iterable[int]) -> None:
    wanted = set(member_ids)
    for company_id in wanted:
        fetch(session, Company, company_id)
    current = set(session.scalars(
        sa.select(GroupMember.company_id).where(GroupMember.group_id == group_id)))
    for gone in current - wanted:
        session.delete(session.get(GroupMember, (group_id, gone)))
    for new in wanted - current:
        session.add(GroupMember(group_id=group_id, company_id=new))
