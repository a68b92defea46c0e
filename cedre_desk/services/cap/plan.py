"""The progress plan of an assessment: an action for every indicator answered below its
target (the grid's suggested text, editable), with an owner, a deadline and a status; more
actions can be added by hand. Late actions show on the company's file and the dashboard, like
corrective actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.cap import below_target
from cedre_desk.errors import ValidationError
from cedre_desk.services import validation
from cedre_desk.services.cap.assessments import read_assessment
from cedre_desk.services.editing import apply, fetch
from cedre_desk.storage.cap_models import CapAction, CapAssessment
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import CertificationGroup, Company, GroupMember

OPEN, IN_PROGRESS, DONE, DROPPED = "open", "in_progress", "done", "dropped"
ACTION_STATUSES = (OPEN, IN_PROGRESS, DONE, DROPPED)
STILL_OPEN = (OPEN, IN_PROGRESS)
ACTION_WORDS = {OPEN: ("à faire", "to do"), IN_PROGRESS: ("en cours", "in progress"),
                DONE: ("faite", "done"), DROPPED: ("abandonnée", "dropped")}


@dataclass(frozen=True)
class ActionInput:
    text: str
    owner: str = ""
    due_on: date | None = None
    status: str = OPEN
    indicator: str = ""  # the indicator it answers; empty for an action added by hand


@dataclass(frozen=True)
class ActionRow:
    id: int
    version: int
    assessment_id: int
    data: ActionInput
    late: bool


@dataclass(frozen=True)
class LateAction:
    """An open Le Cap action past its deadline, with the company file its line opens."""

    action_id: int
    assessment_id: int
    subject: str  # the company's or group's name
    company_id: int | None  # the company, or the group's first member by name
    indicator: str
    text: str
    owner: str
    due_on: date


class CapPlanService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def build(self, assessment_id: int) -> int:
        """Add an action for every indicator below its target that has none yet; returns
        how many were added. Actions already there (edited or not) are kept as they are."""
        with self.db.transaction() as session:
            assessment = read_assessment(session, assessment_id)
            taken = set(session.scalars(sa.select(CapAction.indicator).where(
                CapAction.assessment_id == assessment_id)))
            position = _next_position(session, assessment_id)
            added = 0
            for indicator in below_target(assessment.grid, assessment.levels()):
                if indicator.code in taken:
                    continue
                session.add(CapAction(assessment_id=assessment_id, indicator=indicator.code,
                                      text=indicator.action, status=OPEN,
                                      position=position + added))
                added += 1
            return added

    def add(self, assessment_id: int, data: ActionInput) -> int:
        with self.db.transaction() as session:
            fetch(session, CapAssessment, assessment_id)
            row = CapAction(assessment_id=assessment_id,
                            position=_next_position(session, assessment_id), **_clean(data))
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def update(self, action_id: int, data: ActionInput, expected_version: int) -> int:
        with self.db.transaction() as session:
            row = fetch(session, CapAction, action_id)
            apply(row, _clean(data), expected_version)
            return row.version

    def delete_action(self, action_id: int) -> None:
        with self.db.transaction() as session:
            session.delete(fetch(session, CapAction, action_id))

    def actions(self, assessment_id: int, today: date) -> list[ActionRow]:
        with self.db.reading() as session:
            rows = session.scalars(sa.select(CapAction).where(
                CapAction.assessment_id == assessment_id).order_by(CapAction.position,
                                                                   CapAction.id))
            return [_row(r, today) for r in rows]

    def late(self, today: date, *, company_id: int | None = None) -> list[LateAction]:
        """Open actions past their deadline, oldest deadline first; with `company_id`, those
        of the company's own assessments and of its groups'."""
        with self.db.reading() as session:
            return _late(session, today, company_id)

    def open_for_company(self, company_id: int, today: date) -> list[ActionRow]:
        """The company's open actions (its own assessments' and its groups'), most pressing
        first: what its file shows beside the open corrective actions."""
        with self.db.reading() as session:
            rows = session.scalars(
                sa.select(CapAction).join(CapAssessment,
                                          CapAssessment.id == CapAction.assessment_id)
                .where(_owned(company_id), CapAction.status.in_(STILL_OPEN))
                .order_by(CapAction.due_on.is_(None), CapAction.due_on, CapAction.id))
            return [_row(r, today) for r in rows]


def _row(row: CapAction, today: date) -> ActionRow:
    assert row.id is not None
    late = row.due_on is not None and row.due_on < today and row.status in STILL_OPEN
    return ActionRow(row.id, row.version, row.assessment_id,
                     ActionInput(row.text, row.owner, row.due_on, row.status, row.indicator),
                     late)


def _owned(company_id: int) -> sa.ColumnElement[bool]:
    groups = sa.select(GroupMember.group_id).where(GroupMember.company_id == company_id)
    return sa.or_(CapAssessment.company_id == company_id, CapAssessment.group_id.in_(groups))


def _late(session: Session, today: date, company_id: int | None) -> list[LateAction]:
    query = (
        sa.select(CapAction.id, CapAction.assessment_id,
                  sa.func.coalesce(Company.name, CertificationGroup.name),
                  CapAssessment.company_id, CapAssessment.group_id, CapAction.indicator,
                  CapAction.text, CapAction.owner, CapAction.due_on)
        .join(CapAssessment, CapAssessment.id == CapAction.assessment_id)
        .outerjoin(Company, Company.id == CapAssessment.company_id)
        .outerjoin(CertificationGroup, CertificationGroup.id == CapAssessment.group_id)
        .where(CapAction.status.in_(STILL_OPEN), CapAction.__table__.c.due_on < today)
        .order_by(CapAction.due_on, CapAction.id)
    )
    if company_id is not None:
        query = query.where(_owned(company_id))
    rows = session.execute(query).all()
    first = _first_members(session, {r[4] for r in rows if r[4] is not None})
    return [LateAction(aid, asid, subject, cid if cid is not None else first.get(gid or 0),
                       indicator, text, owner, due)
            for aid, asid, subject, cid, gid, indicator, text, owner, due in rows]


def _first_members(session: Session, group_ids: set[int]) -> dict[int, int]:
    first: dict[int, int] = {}
    if group_ids:
        for group_id, company_id in session.execute(
                sa.select(GroupMember.group_id, GroupMember.company_id)
                .join(Company, Company.id == GroupMember.company_id)
                .where(GroupMember.group_id.in_(group_ids)).order_by(Company.name, Company.id)):
            first.setdefault(group_id, company_id)
    return first


def _next_position(session: Session, assessment_id: int) -> int:
    last = session.scalar(sa.select(sa.func.max(CapAction.position)).where(
        CapAction.assessment_id == assessment_id))
    return 0 if last is None else last + 1


def _clean(data: ActionInput) -> dict[str, object]:
    if data.status not in ACTION_STATUSES:
        raise ValidationError("Statut d'action inconnu.", "Unknown action status.",
                              field="status")
    return {
        "text": validation.clean_text(data.text, "text", required=True, fr="Action",
                                      en="Action"),
        "owner": validation.clean_text(data.owner, "owner", max_length=200, fr="Responsable",
                                       en="Owner"),
        "due_on": data.due_on, "status": data.status,
        "indicator": validation.clean_text(data.indicator, "indicator", max_length=40),
    }
