"""Le Cap's picture: scores averaged upward, with worked examples."""

from __future__ import annotations

import pytest

from cedre_desk.audits.cap import (
    CapGrid,
    CapIndicator,
    CapLevel,
    CapSubtheme,
    CapTheme,
    below_target,
    picture,
    target_picture,
)

SCALE = (CapLevel(0, 0.0, "Non engagé", "Not started"), CapLevel(1, 0.25, "Amorcé", "Started"),
         CapLevel(2, 0.5, "En place", "In place"), CapLevel(3, 1.0, "Maîtrisé", "Mastered"))


def _indicator(code: str, target: int = 2) -> CapIndicator:
    return CapIndicator(code, f"Question {code} ?", ("a", "b", "c", "d"), target, f"Agir {code}")


GRID = CapGrid("test-1", "Grille de test", "tests", False, SCALE, (
    CapTheme("1", "Identité", "Identity", (
        CapSubtheme("1.1", "Valeurs", "Values", (_indicator("1.1.1"), _indicator("1.1.2"),
                                                  _indicator("1.1.3", target=3))),
        CapSubtheme("1.2", "Projet", "Project", (_indicator("1.2.1"),)),
    )),
    CapTheme("2", "Services", "Services", (
        CapSubtheme("2.1", "Personnes", "People", (_indicator("2.1.1", target=1),)),
    )),
))


def test_the_issues_worked_example_averages_answered_indicators_then_sub_themes():
    # 1.1: answers 3 and 1, one left blank: (1 + 0.25) / 2 = 0.625; 1.2: 0.5.
    # Theme 1: (0.625 + 0.5) / 2 = 0.5625; theme 2: 0; overall (0.5625 + 0) / 2.
    result = picture(GRID, {"1.1.1": 3, "1.1.2": 1, "1.1.3": None, "1.2.1": 2, "2.1.1": 0})
    assert result.subthemes == {"1.1": 0.625, "1.2": 0.5, "2.1": 0.0}
    assert result.themes == {"1": 0.5625, "2": 0.0}
    assert result.overall == pytest.approx(0.28125)
    assert (result.answered, result.total) == (4, 5)


def test_a_theme_is_the_mean_of_its_sub_themes_not_of_its_indicators():
    # Three indicators at 1 in 1.1 and one at 0 in 1.2: the sub-themes weigh the same.
    result = picture(GRID, {"1.1.1": 3, "1.1.2": 3, "1.1.3": 3, "1.2.1": 0})
    assert result.themes["1"] == 0.5  # not 0.75, the mean of the four indicators


def test_nothing_answered_gives_no_score_rather_than_zero():
    result = picture(GRID, {})
    assert result.subthemes == {"1.1": None, "1.2": None, "2.1": None}
    assert result.themes == {"1": None, "2": None}
    assert result.overall is None


def test_a_sub_theme_without_answers_does_not_pull_its_theme_down():
    result = picture(GRID, {"1.2.1": 3})
    assert result.themes["1"] == 1.0


def test_an_answer_for_a_code_the_grid_lacks_is_ignored():
    assert picture(GRID, {"9.9.9": 3}).answered == 0


def test_the_target_picture_answers_every_indicator_at_its_target():
    target = target_picture(GRID)
    assert target.subthemes["1.1"] == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert target.themes["2"] == 0.25


def test_the_plan_comes_from_the_answers_below_their_target_in_grid_order():
    answers = {"2.1.1": 0, "1.1.3": 2, "1.1.1": 2, "1.2.1": None}
    assert [i.code for i in below_target(GRID, answers)] == ["1.1.3", "2.1.1"]


def test_a_level_off_the_scale_is_refused():
    with pytest.raises(ValueError):
        picture(GRID, {"1.1.1": 7})
