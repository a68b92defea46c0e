"""What a Le Cap report holds, as plain values: the PDF (cap_report_pdf.py) and the workbook
(cap_report_workbook.py) are written from it. Built by services/cap/reports.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ScoreLine:
    """A theme's or sub-theme's scores, between 0 and 1 (None: nothing answered there)."""

    code: str
    title: str
    score: float | None
    previous: float | None
    target: float | None
    is_theme: bool


@dataclass(frozen=True)
class AnswerLine:
    theme: str  # "1 Identité"
    subtheme: str  # "1.1 Principes et valeurs de l'ESS"
    code: str
    question: str
    level: int | None
    level_label: str  # the scale's word for the level ("En place"), "" when unanswered
    meaning: str  # what the level means for this indicator
    target: int
    previous: int | None
    comment: str
    evidence: str


@dataclass(frozen=True)
class PlanLine:
    indicator: str
    text: str
    owner: str
    due_on: date | None
    status: str  # in the report's language
    late: bool


@dataclass(frozen=True)
class MoveLine:
    """An indicator whose answer changed since the previous assessment."""

    code: str
    question: str
    before: str  # "1 Amorcé"; "—" when it was not answered
    after: str
    up: bool


@dataclass(frozen=True)
class CapReport:
    assessment_id: int
    subject: str  # the company's or group's name
    held_on: date
    status: str  # in the report's language
    participants: str
    reviewer: str  # "Name (third party — regional delegation)", or "" when not reviewed
    grid: str  # the grid's title and version
    provisional: bool  # the grid is not the federation's text
    scale: tuple[tuple[int, float, str], ...]  # (level, score, label)
    scores: tuple[ScoreLine, ...]  # themes, each followed by its sub-themes
    overall: float | None
    answers: tuple[AnswerLine, ...]
    plan: tuple[PlanLine, ...]
    previous_on: date | None
    printed_on: date
    answered: int
    total: int
    moves: tuple[MoveLine, ...] = ()  # what moved since the previous assessment

    @property
    def themes(self) -> tuple[ScoreLine, ...]:
        return tuple(line for line in self.scores if line.is_theme)
