"""Le Cap assessments: who ran it, when, who reviewed it, and the answer to each indicator.

An assessment can be saved half-done (answers left blank) and resumed; it is marked completed
by hand. Every write goes through the register session, so the change history records each
answer and each field like every other record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.cap import CapGrid
from cedre_desk.errors import ValidationError, shown
from cedre_desk.services import validation
from cedre_desk.services.cap.grids import ensure_shipped, grid_of
from cedre_desk.services.editing import apply, fetch
from cedre_desk.storage.cap_models import CapAction, CapAnswer, CapAssessment
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import CertificationGroup, Company, GroupMember

THIRD_PARTY, PEER = "third_party", "peer"
REVIEWER_KINDS = ("", THIRD_PARTY, PEER)
IN_PROGRESS, COMPLETED = "in_progress", "completed"
REVIEWER_WORDS = {"": ("non relue", "not reviewed"), THIRD_PARTY: ("tiers", "third party"),
                  PEER: ("pair", "peer")}
STATUS_WORDS = {IN_PROGRESS: ("en cours", "in progress"), COMPLETED: ("terminée", "completed")}


@dataclass(frozen=True)
class AssessmentInput:
    held_on: date
    company_id: int | None = None
    group_id: int | None = None
    participants: str = ""
    reviewer_name: str = ""
    reviewer_kind: str = ""  # "", THIRD_PARTY or PEER
    reviewer_role: str = ""  # e.g. "délégation régionale", "formatrice"
    notes: str = ""


@dataclass(frozen=True)
class Answer:
    indicator: str
    level: int | None = None  # None: not answered yet
    comment: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class Assessment:
    id: int
    version: int
    data: AssessmentInput
    status: str
    grid_id: int
    grid: CapGrid
    subject: str  # the company's or the group's name
    answers: dict[str, Answer] = field(default_factory=dict)

    def levels(self) -> dict[str, int | None]:
        return {code: a.level for code, a in self.answers.items()}


@dataclass(frozen=True)
class AssessmentLine:
    id: int
    held_on: date
    subject: str
    company_id: int | None
    group_id: int | None
    status: str
    reviewer_kind: str
    reviewer_name: str
    answered: int


class CapAssessmentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, data: AssessmentInput, *, today: date) -> int:
        """A new assessment on the register's newest grid (the shipped one the first time)."""
        with self.db.transaction() as session:
            columns = _clean(session, data)
            row = CapAssessment(grid_id=ensure_shipped(session, today), status=IN_PROGRESS,
                                **columns)
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def update(self, assessment_id: int, data: AssessmentInput, expected_version: int) -> int:
        with self.db.transaction() as session:
            row = fetch(session, CapAssessment, assessment_id)
            apply(row, _clean(session, data), expected_version)
            return row.version

    def save_answers(self, assessment_id: int, answers: Iterable[Answer]) -> None:
        """Write the answers given (others stay as they were); an answer with no level,
        comment nor evidence is removed."""
        with self.db.transaction() as session:
            row = fetch(session, CapAssessment, assessment_id)
            _write_answers(session, row, answers)
            row.version += 1  # answers are part of the assessment: another editor must reload

    def save(self, assessment_id: int, data: AssessmentInput, answers: Iterable[Answer],
             status: str, expected_version: int) -> int:
        """The editor's save, in one transaction: the header, the answers changed and the
        status; refused whole when the assessment changed elsewhere since it was read."""
        if status not in STATUS_WORDS:
            raise ValueError(f"unknown status {status!r}")
        with self.db.transaction() as session:
            row = fetch(session, CapAssessment, assessment_id)
            apply(row, {**_clean(session, data), "status": status}, expected_version)
            _write_answers(session, row, answers)
            return row.version

    def set_status(self, assessment_id: int, status: str, expected_version: int) -> int:
        if status not in STATUS_WORDS:
            raise ValueError(f"unknown status {status!r}")
        with self.db.transaction() as session:
            row = fetch(session, CapAssessment, assessment_id)
            apply(row, {"status": status}, expected_version)
            return row.version

    def delete(self, assessment_id: int) -> None:
        """Delete an assessment, its answers and its plan."""
        with self.db.transaction() as session:
            row = fetch(session, CapAssessment, assessment_id)
            # Through the session, so the history records each one (it never sees the
            # database's ON DELETE CASCADE).
            for model in (CapAnswer, CapAction):
                for child in session.scalars(sa.select(model).where(
                        model.assessment_id == assessment_id)):
                    session.delete(child)
            session.flush()
            session.delete(row)

    def get(self, assessment_id: int) -> Assessment:
        with self.db.reading() as session:
            return read_assessment(session, assessment_id)

    def lines(self, *, company_id: int | None = None) -> list[AssessmentLine]:
        """Every assessment, newest first; with `company_id`, the company's own and those of
        the groups it belongs to."""
        with self.db.reading() as session:
            return _lines(session, company_id)

    def subjects(self) -> list[tuple[str, int, str]]:
        """("company" or "group", id, name) of who can run Le Cap, companies first, by name."""
        with self.db.reading() as session:
            companies = session.execute(sa.select(Company.id, Company.name).order_by(
                sa.func.lower(Company.name), Company.id)).all()
            groups = session.execute(sa.select(CertificationGroup.id, CertificationGroup.name)
                                     .order_by(sa.func.lower(CertificationGroup.name))).all()
        return [("company", i, n) for i, n in companies] + [("group", i, n) for i, n in groups]

    def previous(self, assessment_id: int) -> int | None:
        """The same company's (or group's) assessment held before this one, if any."""
        with self.db.reading() as session:
            row = fetch(session, CapAssessment, assessment_id)
            owner = (CapAssessment.company_id == row.company_id if row.company_id is not None
                     else CapAssessment.group_id == row.group_id)
            return session.scalar(
                sa.select(CapAssessment.id)
                .where(owner, CapAssessment.id != assessment_id, sa.or_(
                    CapAssessment.held_on < row.held_on,
                    sa.and_(CapAssessment.held_on == row.held_on,
                            CapAssessment.__table__.c.id < assessment_id)))
                .order_by(CapAssessment.held_on.desc(), CapAssessment.id.desc()).limit(1))

    def latest_for(self, company_name: str, on: date | None = None) -> int:
        """The latest assessment of the company named (its own, else its groups'), or the one
        held on `on`; refused with a clear message when there is none."""
        with self.db.reading() as session:
            ids = session.scalars(sa.select(Company.id).where(
                sa.func.lower(Company.name) == company_name.strip().lower())).all()
            if len(ids) != 1:
                what = "aucune structure" if not ids else f"{len(ids)} structures"
                what_en = "no company" if not ids else f"{len(ids)} companies"
                raise ValidationError(f"{what.capitalize()} ne s'appelle "
                                      f"« {shown(company_name)} ».",
                                      f"{what_en.capitalize()} named “{shown(company_name)}”.",
                                      field="company")
            lines = [line for line in _lines(session, ids[0])
                     if on is None or line.held_on == on]
        if not lines:
            when_fr = f" le {on:%d/%m/%Y}" if on else ""
            when_en = f" on {on.isoformat()}" if on else ""
            raise ValidationError(
                f"« {shown(company_name)} » n'a pas d'auto-évaluation Le Cap{when_fr}.",
                f"“{shown(company_name)}” has no Le Cap assessment{when_en}.", field="date")
        own = [line for line in lines if line.company_id is not None]
        return (own or lines)[0].id


def _write_answers(session: Session, row: CapAssessment, answers: Iterable[Answer]) -> None:
    grid = grid_of(session, row.grid_id)
    stored = {a.indicator: a for a in session.scalars(
        sa.select(CapAnswer).where(CapAnswer.assessment_id == row.id))}
    for answer in answers:
        clean = _clean_answer(grid, answer)
        existing = stored.get(clean.indicator)
        empty = clean.level is None and not clean.comment and not clean.evidence
        if existing is None and not empty:
            session.add(CapAnswer(assessment_id=row.id, **_answer_columns(clean)))
        elif existing is not None and empty:
            session.delete(existing)
        elif existing is not None:
            for key, value in _answer_columns(clean).items():
                if getattr(existing, key) != value:
                    setattr(existing, key, value)


def read_assessment(session: Session, assessment_id: int) -> Assessment:
    row = fetch(session, CapAssessment, assessment_id)
    assert row.id is not None
    answers = {a.indicator: Answer(a.indicator, a.level, a.comment, a.evidence)
               for a in session.scalars(sa.select(CapAnswer).where(
                   CapAnswer.assessment_id == assessment_id))}
    data = AssessmentInput(row.held_on, row.company_id, row.group_id, row.participants,
                           row.reviewer_name, row.reviewer_kind, row.reviewer_role, row.notes)
    return Assessment(row.id, row.version, data, row.status, row.grid_id,
                      grid_of(session, row.grid_id), _subject(session, row), answers)


def _subject(session: Session, row: CapAssessment) -> str:
    if row.company_id is not None:
        return fetch(session, Company, row.company_id).name
    assert row.group_id is not None
    return fetch(session, CertificationGroup, row.group_id).name


def _lines(session: Session, company_id: int | None) -> list[AssessmentLine]:
    answered = (sa.select(CapAnswer.assessment_id, sa.func.count().label("n"))
                .where(CapAnswer.level.is_not(None)).group_by(CapAnswer.assessment_id)
                .subquery())
    query = (
        sa.select(CapAssessment.id, CapAssessment.held_on,
                  sa.func.coalesce(Company.name, CertificationGroup.name),
                  CapAssessment.company_id, CapAssessment.group_id, CapAssessment.status,
                  CapAssessment.reviewer_kind, CapAssessment.reviewer_name,
                  sa.func.coalesce(answered.c.n, 0))
        .outerjoin(Company, Company.id == CapAssessment.company_id)
        .outerjoin(CertificationGroup, CertificationGroup.id == CapAssessment.group_id)
        .outerjoin(answered, answered.c.assessment_id == CapAssessment.id)
        .order_by(CapAssessment.held_on.desc(), CapAssessment.id.desc())
    )
    if company_id is not None:
        groups = sa.select(GroupMember.group_id).where(GroupMember.company_id == company_id)
        query = query.where(sa.or_(CapAssessment.company_id == company_id,
                                   CapAssessment.group_id.in_(groups)))
    return [AssessmentLine(*row) for row in session.execute(query).all()]


def _clean(session: Session, data: AssessmentInput) -> dict[str, object]:
    if (data.company_id is None) == (data.group_id is None):
        raise ValidationError("Choisissez une structure ou un groupe.",
                              "Choose a company or a group.", field="company")
    if data.company_id is not None:
        fetch(session, Company, data.company_id)
    if data.group_id is not None:
        fetch(session, CertificationGroup, data.group_id)
    if data.held_on is None:
        raise ValidationError("Date : champ obligatoire.", "Date: required.", field="held_on")
    if data.reviewer_kind not in REVIEWER_KINDS:
        raise ValidationError("Relecteur : tiers ou pair.", "Reviewer: third party or peer.",
                              field="reviewer_kind")
    name = validation.clean_text(data.reviewer_name, "reviewer_name", max_length=200,
                                 fr="Nom du relecteur", en="Reviewer's name")
    if data.reviewer_kind and not name:
        raise ValidationError("Nom du relecteur : champ obligatoire quand il y a un relecteur.",
                              "Reviewer's name: required when there is a reviewer.",
                              field="reviewer_name")
    return {
        "company_id": data.company_id, "group_id": data.group_id, "held_on": data.held_on,
        "participants": validation.clean_text(data.participants, "participants"),
        "reviewer_name": name, "reviewer_kind": data.reviewer_kind,
        "reviewer_role": validation.clean_text(data.reviewer_role, "reviewer_role",
                                               max_length=200, fr="Rôle du relecteur",
                                               en="Reviewer's role"),
        "notes": validation.clean_text(data.notes, "notes"),
    }


def _clean_answer(grid: CapGrid, answer: Answer) -> Answer:
    if grid.indicator(answer.indicator) is None:
        raise ValidationError(f"Indicateur « {shown(answer.indicator)} » absent de la grille.",
                              f"Indicator “{shown(answer.indicator)}” is not in the grid.",
                              field="indicator")
    if answer.level is not None and not 0 <= answer.level < len(grid.scale):
        raise ValidationError(
            f"Indicateur {answer.indicator} : niveau {answer.level} hors de l'échelle "
            f"(0 à {len(grid.scale) - 1}).",
            f"Indicator {answer.indicator}: level {answer.level} is off the scale "
            f"(0 to {len(grid.scale) - 1}).", field="level")
    return Answer(answer.indicator, answer.level,
                  validation.clean_text(answer.comment, "comment"),
                  validation.clean_text(answer.evidence, "evidence"))


def _answer_columns(answer: Answer) -> dict[str, object]:
    return {"indicator": answer.indicator, "level": answer.level, "comment": answer.comment,
            "evidence": answer.evidence}
