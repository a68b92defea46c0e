"""An assessment's picture: its scores, the previous assessment's and the target's beside
them, and what moved since the previous one (the pure rule: audits/cap.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cedre_desk.audits.cap import CapGrid, Picture, picture, target_picture
from cedre_desk.services.cap.assessments import Assessment, CapAssessmentService
from cedre_desk.storage.database import Database


@dataclass(frozen=True)
class Move:
    """An indicator whose answer changed since the previous assessment."""

    code: str
    question: str
    before: int | None
    after: int | None

    @property
    def up(self) -> bool:
        return (self.after or 0) > (self.before or 0)


@dataclass(frozen=True)
class AssessmentPicture:
    assessment: Assessment
    current: Picture
    target: Picture
    previous: Assessment | None
    previous_picture: Picture | None
    moves: tuple[Move, ...]  # empty without a previous assessment

    @property
    def grid(self) -> CapGrid:
        return self.assessment.grid

    @property
    def previous_on(self) -> date | None:
        return self.previous.data.held_on if self.previous else None


class CapPictureService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def picture(self, assessment_id: int) -> AssessmentPicture:
        assessments = CapAssessmentService(self.db)
        current = assessments.get(assessment_id)
        previous_id = assessments.previous(assessment_id)
        previous = assessments.get(previous_id) if previous_id is not None else None
        return picture_of(current, previous)


def picture_of(current: Assessment, previous: Assessment | None) -> AssessmentPicture:
    grid = current.grid
    before = previous.levels() if previous else {}
    moves = tuple(Move(i.code, i.question, before.get(i.code), current.levels().get(i.code))
                  for i in grid.indicators()
                  if previous is not None and before.get(i.code) != current.levels().get(i.code))
    # The previous assessment is scored on the current grid: the same codes are the same
    # indicators (a new grid version keeps codes for what it keeps).
    return AssessmentPicture(current, picture(grid, current.levels()), target_picture(grid),
                             previous, picture(grid, before) if previous else None, moves)
