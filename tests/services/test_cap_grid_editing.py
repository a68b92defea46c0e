"""Le Cap's grid edited in the window: saved as a new version in one transaction, recorded in
the change history; assessments keep the version they were answered on; bad input refused
whole with the indicator named."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from cedre_desk.audits.cap import CapGrid, CapIndicator
from cedre_desk.errors import ValidationError
from cedre_desk.services.cap.assessments import Answer, AssessmentInput, CapAssessmentService
from cedre_desk.services.cap.grids import CapGridService
from cedre_desk.services.history import HistoryService

TODAY = date(2026, 11, 22)


def _edit_first(grid: CapGrid, label: str, **changes: object) -> CapGrid:
    """The grid with its first indicator changed."""
    theme = grid.themes[0]
    sub = theme.subthemes[0]
    first = replace(sub.indicators[0], **changes)
    sub = replace(sub, indicators=(first, *sub.indicators[1:]))
    theme = replace(theme, subthemes=(sub, *theme.subthemes[1:]))
    return replace(grid, label=label, themes=(theme, *grid.themes[1:]))


def test_an_edited_grid_is_a_new_version_and_old_assessments_keep_theirs(world):
    grids = CapGridService(world.db)
    assessments = CapAssessmentService(world.db)
    before = assessments.create(AssessmentInput(date(2026, 3, 1), company_id=world.company_id),
                                today=TODAY)
    assessments.save_answers(before, [Answer("1.1.1", 1)])
    old_id, old = grids.current()
    edited = _edit_first(old, "  grille régionale  ", question="  Les valeurs sont-elles "
                         "affichées ?", target=3, action="Afficher les valeurs.")
    new_id = grids.save_edited(edited, today=TODAY)

    assert new_id != old_id and grids.current()[0] == new_id
    saved = grids.get(new_id)
    assert saved.label == "grille régionale"  # trimmed
    first = saved.indicators()[0]
    assert (first.question, first.target, first.action) == (
        "Les valeurs sont-elles affichées ?", 3, "Afficher les valeurs.")
    assert saved.indicators()[1:] == old.indicators()[1:]
    assert not saved.official_text
    assert assessments.get(before).grid.indicators()[0].question == old.indicators()[0].question
    after = assessments.create(AssessmentInput(TODAY, company_id=world.company_id), today=TODAY)
    assert assessments.get(after).grid_id == new_id
    history = HistoryService(world.db).for_record("cap_grid", new_id)
    assert {(c.action, c.field, c.after) for c in history} >= {
        ("insert", "label", "grille régionale")}


def test_the_first_edit_keeps_the_shipped_grid_as_the_version_before(world):
    grids = CapGridService(world.db)
    _, shipped = grids.current()
    grids.save_edited(_edit_first(shipped, "ma grille", target=1), today=TODAY)
    assert [label for _, label, _, _ in grids.versions()] == ["ma grille", "provisoire-2026-1"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"question": "  "}, "Indicator 1.1.1: question required."),
    ({"action": ""}, "Indicator 1.1.1: suggested action required."),
    ({"levels": ("a", "b", " ", "d")}, "Indicator 1.1.1: say what each level means."),
    ({"code": "1.1.2"}, "Indicator 1.1.2: this code is already used in the grid."),
    ({"code": "1.2"}, "Indicator 1.2: this code is already used in the grid."),  # a sub-theme's
    ({"code": " "}, "Indicator (no code): code required."),
    ({"target": 4}, "Indicator 1.1.1: the target must be a level of the scale."),
])
def test_a_bad_indicator_is_refused_whole_and_named(world, changes, message):
    grids = CapGridService(world.db)
    _, grid = grids.current()
    with pytest.raises(ValidationError) as refused:
        grids.save_edited(_edit_first(grid, "refusée", **changes), today=TODAY)
    assert refused.value.en == message
    assert refused.value.fr.startswith("Indicateur")
    assert grids.versions() == []  # not even the shipped grid was written


def test_a_sub_theme_left_empty_a_taken_name_or_no_name_is_refused(world):
    grids = CapGridService(world.db)
    _, grid = grids.current()
    theme = grid.themes[0]
    emptied = replace(grid, label="vide", themes=(
        replace(theme, subthemes=(replace(theme.subthemes[0], indicators=()),
                                  *theme.subthemes[1:])), *grid.themes[1:]))
    with pytest.raises(ValidationError, match="needs at least one indicator"):
        grids.save_edited(emptied, today=TODAY)
    with pytest.raises(ValidationError, match="Version name: required"):
        grids.save_edited(replace(grid, label="   "), today=TODAY)
    with pytest.raises(ValidationError, match="already exists"):
        grids.save_edited(replace(grid, label="PROVISOIRE-2026-1"), today=TODAY)
    assert [v[1] for v in grids.versions()] == []  # the transaction wrote nothing


def test_an_indicator_added_is_answered_on_the_new_version(world):
    grids = CapGridService(world.db)
    _, grid = grids.current()
    theme = grid.themes[0]
    sub = theme.subthemes[0]
    added = CapIndicator("1.1.9", "Nouvelle question ?", ("a", "b", "c", "d"), 2, "Agir.")
    grown = replace(grid, label="avec 1.1.9", themes=(
        replace(theme, subthemes=(replace(sub, indicators=(added, *sub.indicators)),
                                  *theme.subthemes[1:])), *grid.themes[1:]))
    grids.save_edited(grown, today=TODAY)
    assessments = CapAssessmentService(world.db)
    new = assessments.create(AssessmentInput(TODAY, company_id=world.company_id), today=TODAY)
    assessments.save_answers(new, [Answer("1.1.9", 1)])
    assert assessments.get(new).levels() == {"1.1.9": 1}
    assert assessments.get(new).grid.indicators()[0].code == "1.1.9"
