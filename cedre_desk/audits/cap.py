"""Le Cap, the federation's self-assessment: its grid as plain values, and the picture.

The grid has themes, each with sub-themes, each with indicators. An indicator is answered on
the grid's scale (levels 0, 1, 2...), each level worth a score between 0 and 1 (the shipped
scale: 0, 0.25, 0.5, 1, as OWASP SAMMwise scores its answers). `picture` averages upward, as
SAMMwise does: a sub-theme scores the mean of its answered indicators, a theme the mean of its
scored sub-themes. An indicator left unanswered (an assessment saved half-done) counts for
nothing: it neither lowers nor raises a score, and a sub-theme with no answer has no score.

Pure: no database, no files, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class CapLevel:
    level: int
    score: float  # between 0 and 1, rising with the level
    label: str
    label_en: str


@dataclass(frozen=True)
class CapIndicator:
    code: str
    question: str
    levels: tuple[str, ...]  # what each level of the scale means for this indicator
    target: int  # the level aimed at
    action: str  # the action suggested when the answer is below the target


@dataclass(frozen=True)
class CapSubtheme:
    code: str
    title: str
    title_en: str
    indicators: tuple[CapIndicator, ...]


@dataclass(frozen=True)
class CapTheme:
    code: str
    title: str
    title_en: str
    subthemes: tuple[CapSubtheme, ...]


@dataclass(frozen=True)
class CapGrid:
    label: str  # the grid's version, e.g. "2015-provisoire-1"
    title: str
    source: str
    official_text: bool
    scale: tuple[CapLevel, ...]
    themes: tuple[CapTheme, ...]

    def indicators(self) -> tuple[CapIndicator, ...]:
        return tuple(i for t in self.themes for s in t.subthemes for i in s.indicators)

    def indicator(self, code: str) -> CapIndicator | None:
        return next((i for i in self.indicators() if i.code == code), None)

    def score_of(self, level: int) -> float:
        for step in self.scale:
            if step.level == level:
                return step.score
        raise ValueError(f"level {level} is not on the grid's scale")

    def where(self, code: str) -> tuple[CapTheme, CapSubtheme] | None:
        """The theme and sub-theme an indicator belongs to."""
        for theme in self.themes:
            for sub in theme.subthemes:
                if any(i.code == code for i in sub.indicators):
                    return theme, sub
        return None


@dataclass(frozen=True)
class Picture:
    """Scores between 0 and 1 (None: nothing answered there), by sub-theme and theme code."""

    subthemes: dict[str, float | None]
    themes: dict[str, float | None]
    overall: float | None  # the mean of the scored themes
    answered: int
    total: int


def picture(grid: CapGrid, answers: Mapping[str, int | None]) -> Picture:
    """The picture of a set of answers (indicator code -> level, None when unanswered).

    Worked example: a sub-theme with three indicators answered 3, 1 and (none) on the shipped
    scale scores (1 + 0.25) / 2 = 0.625; its theme, with another sub-theme at 0.5, scores
    (0.625 + 0.5) / 2 = 0.5625. An answer for a code the grid lacks is ignored.
    """
    subthemes: dict[str, float | None] = {}
    themes: dict[str, float | None] = {}
    answered = 0
    for theme in grid.themes:
        sub_scores: list[float] = []
        for sub in theme.subthemes:
            scores = [grid.score_of(level) for i in sub.indicators
                      if (level := answers.get(i.code)) is not None]
            answered += len(scores)
            subthemes[sub.code] = _mean(scores)
            if scores:
                sub_scores.append(_mean(scores) or 0.0)
        themes[theme.code] = _mean(sub_scores)
    scored = [score for score in themes.values() if score is not None]
    return Picture(subthemes, themes, _mean(scored), answered, len(grid.indicators()))


def target_picture(grid: CapGrid) -> Picture:
    """The picture the targets draw: every indicator answered at its target level."""
    return picture(grid, {i.code: i.target for i in grid.indicators()})


def below_target(grid: CapGrid, answers: Mapping[str, int | None]) -> list[CapIndicator]:
    """The answered indicators below their target, in the grid's order: the plan's sources."""
    return [i for i in grid.indicators()
            if (level := answers.get(i.code)) is not None and level < i.target]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
