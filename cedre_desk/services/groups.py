"""Groups certified together (collective certification) and their member companies.

A membership has dates: a company joins a group on `joined_on` and leaves it on `left_on`
(both days included; None: member since always, member still). It shares the group's
decisions and audits dated within them only (`shares_on`), so a member leaving changes
nothing of what the group's past decisions and audits gave it, nor any past year's figures.

Leaving is recorded, not deleted: `remove_member` (or `update` with the day `on`) writes
`left_on` and keeps the membership, as a register keeps what was true. Deleting a membership
is a correction of an entry made by mistake (`update` without a day): it is refused when the
member shared a decision or an audit of the group through it, since that would rewrite the
past; the user gives the day it left instead. One period per company and group (the table's
key): a former member cannot join the same group again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.vocabulary import AuditStatus
from cedre_desk.errors import ConflictError, ValidationError, shown
from cedre_desk.exports.dates import day
from cedre_desk.services import validation
from cedre_desk.services.editing import apply, fetch
from cedre_desk.storage.cap_models import CapAssessment
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CertificationGroup,
    CommitteeSession,
    Company,
    Decision,
    GroupMember,
)


@dataclass(frozen=True)
class Membership:
    company_id: int
    joined_on: date | None
    left_on: date | None

    def holds_on(self, when: date) -> bool:
        return ((self.joined_on is None or self.joined_on <= when)
                and (self.left_on is None or when <= self.left_on))


@dataclass(frozen=True)
class GroupLine:
    """A group a company belongs or belonged to, and the days of its membership."""

    group_id: int
    name: str
    joined_on: date | None = None  # None: member since always
    left_on: date | None = None  # None: member still


def shares_on(when: Any) -> sa.ColumnElement[bool]:
    """SQL: the membership row of GroupMember holds on `when` (a date or a date column), so
    its company shares the group's decision or audit dated that day."""
    return sa.and_(sa.or_(GroupMember.joined_on.is_(None), GroupMember.joined_on <= when),
                   sa.or_(GroupMember.left_on.is_(None), GroupMember.left_on >= when))


class GroupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, name: str, member_ids: Iterable[int] = (), notes: str = "", *,
               joined_on: date | None = None) -> int:
        """A new group; its members join on `joined_on` (None: members since always)."""
        name = _name(name)
        with self.db.transaction() as session:
            _refuse_same_name(session, name, None)
            group = CertificationGroup(name=name, notes=validation.clean_text(notes, "notes"))
            session.add(group)
            session.flush()
            assert group.id is not None
            _set_members(session, group.id, member_ids, joined_on)
            return group.id

    def update(self, group_id: int, name: str, member_ids: Iterable[int], notes: str,
               expected_version: int, *, on: date | None = None) -> int:
        """`member_ids` are the members after the edit: the companies added join on `on`,
        those left out leave on `on`. Without `on`, they join since always and those left
        out are struck out as entered by mistake (refused when that would rewrite the past:
        see the module's notes)."""
        name = _name(name)
        with self.db.transaction() as session:
            group = fetch(session, CertificationGroup, group_id)
            _refuse_same_name(session, name, group_id)
            apply(group, {"name": name, "notes": validation.clean_text(notes, "notes")},
                  expected_version)
            _set_members(session, group_id, member_ids, on)
            return group.version

    def add_member(self, group_id: int, company_id: int, joined_on: date | None = None) -> None:
        with self.db.transaction() as session:
            fetch(session, CertificationGroup, group_id)
            current = set(_current(session, group_id))
            if company_id in current:
                raise ValidationError(
                    "Cette structure est déjà membre du groupe.",
                    "This company is already a member of the group.", field="members")
            _set_members(session, group_id, current | {company_id}, joined_on)

    def remove_member(self, group_id: int, company_id: int, left_on: date) -> None:
        """The company leaves the group on `left_on` (its last day as a member)."""
        with self.db.transaction() as session:
            fetch(session, CertificationGroup, group_id)
            current = set(_current(session, group_id))
            if company_id not in current:
                raise ValidationError(
                    "Cette structure n'est pas membre du groupe.",
                    "This company is not a member of the group.", field="members")
            _set_members(session, group_id, current - {company_id}, left_on)

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
            for member in session.scalars(
                    sa.select(GroupMember).where(GroupMember.group_id == group_id)).all():
                session.delete(member)
            session.flush()
            session.delete(session.get(CertificationGroup, group_id))

    def members(self, group_id: int, on: date | None = None) -> list[int]:
        """The group's members on the day `on`; without it, its members still (no end)."""
        query = sa.select(GroupMember.company_id).where(GroupMember.group_id == group_id)
        query = query.where(GroupMember.left_on.is_(None) if on is None else shares_on(on))
        with self.db.reading() as session:
            return list(session.scalars(query))

    def memberships(self, group_id: int) -> list[Membership]:
        """Every membership of the group, former ones included, by company id."""
        with self.db.reading() as session:
            return [Membership(cid, joined, left) for cid, joined, left in session.execute(
                sa.select(GroupMember.company_id, GroupMember.joined_on, GroupMember.left_on)
                .where(GroupMember.group_id == group_id).order_by(GroupMember.company_id))]

    def groups_of(self, company_id: int) -> list[GroupLine]:
        """The company's memberships, former ones included, by group name."""
        with self.db.reading() as session:
            return _groups_of(session, company_id)

    def set_memberships(self, company_id: int, wanted: Iterable[GroupLine],
                        read: Iterable[GroupLine]) -> None:
        """Give the company's memberships of the groups in `wanted` their days: a group it
        is not in yet is joined. `read` is what the form showed: a membership changed
        elsewhere since is refused, and nothing is written. One transaction; the change
        history records each day set."""
        with self.db.transaction() as session:
            fetch(session, Company, company_id)
            if _groups_of(session, company_id) != list(read):
                raise ConflictError(
                    "Les groupes de cette structure ont été modifiés ailleurs entre-temps : "
                    "rouvrez la fenêtre.",
                    "This company's groups were changed elsewhere meanwhile: open the window "
                    "again.")
            rows = {m.group_id: m for m in session.scalars(
                sa.select(GroupMember).where(GroupMember.company_id == company_id))}
            for line in wanted:
                validation.registered_date(line.joined_on, "joined_on",
                                           fr=f"« {shown(line.name)} », entrée dans le groupe",
                                           en=f"'{shown(line.name)}', joined the group on")
                validation.registered_date(line.left_on, "left_on",
                                           fr=f"« {shown(line.name)} », sortie du groupe",
                                           en=f"'{shown(line.name)}', left the group on")
                if (line.joined_on is not None and line.left_on is not None
                        and line.left_on < line.joined_on):
                    raise ValidationError(
                        f"« {line.name} » : la sortie ({day(line.left_on, 'fr')}) précède "
                        f"l'entrée ({day(line.joined_on, 'fr')}).",
                        f"'{line.name}': it left ({day(line.left_on, 'en')}) before it joined "
                        f"({day(line.joined_on, 'en')}).", field="left_on")
                member = rows.get(line.group_id)
                if member is None:
                    fetch(session, CertificationGroup, line.group_id)
                    session.add(GroupMember(group_id=line.group_id, company_id=company_id,
                                            joined_on=line.joined_on, left_on=line.left_on))
                elif (member.joined_on, member.left_on) != (line.joined_on, line.left_on):
                    member.joined_on, member.left_on = line.joined_on, line.left_on

    def rows(self) -> list[tuple[int, str, int]]:
        """(id, name, count of members still) of every group, by name."""
        query = (
            sa.select(CertificationGroup.id, CertificationGroup.name,
                      sa.func.count(GroupMember.company_id))
            .outerjoin(GroupMember, sa.and_(GroupMember.group_id == CertificationGroup.id,
                                            GroupMember.left_on.is_(None)))
            .group_by(CertificationGroup.id)
            .order_by(CertificationGroup.name)
        )
        with self.db.engine.connect() as conn:
            return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def _groups_of(session: Session, company_id: int) -> list[GroupLine]:
    return [GroupLine(*row) for row in session.execute(
        sa.select(CertificationGroup.id, CertificationGroup.name, GroupMember.joined_on,
                  GroupMember.left_on)
        .join(GroupMember, GroupMember.group_id == CertificationGroup.id)
        .where(GroupMember.company_id == company_id)
        .order_by(CertificationGroup.name, CertificationGroup.id))]


def _name(name: str) -> str:
    return validation.clean_text(name, "name", max_length=200, required=True,
                                 fr="Nom du groupe", en="Group name")


def _refuse_same_name(session: Session, name: str, own_id: int | None) -> None:
    query = sa.select(CertificationGroup.id).where(
        sa.func.lower(CertificationGroup.name) == name.lower())
    if own_id is not None:
        query = query.where(CertificationGroup.id != own_id)
    if session.scalar(query) is not None:
        raise ValidationError(f"Un groupe « {shown(name)} » existe déjà.",
                              f"A group '{shown(name)}' already exists.", field="name")


def _current(session: Session, group_id: int) -> list[int]:
    return list(session.scalars(sa.select(GroupMember.company_id).where(
        GroupMember.group_id == group_id, GroupMember.left_on.is_(None))))


def _set_members(session: Session, group_id: int, member_ids: Iterable[int],
                 on: date | None) -> None:
    """Make `member_ids` the group's members still: newcomers join on `on`, the others
    leave on `on` (struck out when `on` is None). Former members are left as they are."""
    validation.registered_date(on, "joined_on", fr="Date d'entrée ou de sortie du groupe",
                               en="Day joining or leaving the group")
    wanted = set(member_ids)
    names = {company_id: fetch(session, Company, company_id).name for company_id in wanted}
    rows = {m.company_id: m for m in session.scalars(
        sa.select(GroupMember).where(GroupMember.group_id == group_id))}
    for company_id, member in sorted(rows.items()):
        if member.left_on is not None or company_id in wanted:
            continue
        if on is None:
            _refuse_rewriting_the_past(session, member)
            session.delete(member)
            continue
        if member.joined_on is not None and on < member.joined_on:
            raise ValidationError(
                f"La date de sortie précède l'entrée dans le groupe "
                f"({day(member.joined_on, 'fr')}).",
                f"The day it left is before it joined the group "
                f"({day(member.joined_on, 'en')}).", field="left_on")
        member.left_on = on
    for company_id in sorted(wanted):
        former = rows.get(company_id)
        if former is None:
            session.add(GroupMember(group_id=group_id, company_id=company_id, joined_on=on))
        elif former.left_on is not None:
            raise ValidationError(
                f"« {shown(names[company_id])} » a quitté ce groupe le "
                f"{day(former.left_on, 'fr')} : "
                "une seconde adhésion au même groupe n'est pas prise en charge.",
                f"'{shown(names[company_id])}' left this group on {day(former.left_on, 'en')}: "
                "a second membership of the same group is not supported.", field="members")


def _refuse_rewriting_the_past(session: Session, member: GroupMember) -> None:
    """Striking out a membership through which the company shared a decision or an audit of
    the group would change what it was given: refused, the day it left is asked for."""
    decided = (sa.select(Decision.id)
               .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
               .join(GroupMember, GroupMember.group_id == Decision.group_id)
               .where(Decision.group_id == member.group_id,
                      GroupMember.company_id == member.company_id,
                      shares_on(CommitteeSession.held_on)))
    audited = (sa.select(Audit.id)
               .join(GroupMember, GroupMember.group_id == Audit.group_id)
               .where(Audit.group_id == member.group_id, Audit.status != AuditStatus.PLANNED,
                      GroupMember.company_id == member.company_id,
                      shares_on(sa.func.coalesce(Audit.end_on, Audit.start_on))))
    if session.scalar(sa.select(sa.or_(sa.exists(decided), sa.exists(audited)))):
        name = fetch(session, Company, member.company_id).name
        raise ValidationError(
            f"« {shown(name)} » a partagé des décisions ou des audits du groupe : indiquez la date "
            "de sa sortie plutôt que de l'effacer (l'historique du registre est conservé).",
            f"'{shown(name)}' shared decisions or audits of the group: give the day it left rather "
            "than striking it out (the register's history is kept).", field="members")
