"""The shipped Le Cap grid, its JSON format, and the grid's sheet both ways."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest

from cedre_desk.exports.cap_grid_workbook import write_cap_grid_workbook
from cedre_desk.imports.cap_grid import (
    grid_as_json,
    grid_from_text,
    grid_to_text,
    load_shipped_grid,
    parse_grid,
)
from cedre_desk.imports.cap_grid_sheet import read_cap_grid_sheet


def test_the_shipped_grid_has_the_four_themes_and_eleven_sub_themes():
    grid = load_shipped_grid()
    assert [t.title for t in grid.themes] == [
        "Identité", "Services rendus", "Supports", "Amélioration et mutation"]
    assert [len(t.subthemes) for t in grid.themes] == [2, 3, 4, 2]
    assert grid.official_text is False
    assert all(len(s.indicators) >= 2 for t in grid.themes for s in t.subthemes)
    assert all(len(i.levels) == len(grid.scale) for i in grid.indicators())


def test_the_grid_survives_its_json_text():
    grid = load_shipped_grid()
    assert grid_from_text(grid_to_text(grid)) == grid


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d["themes"][0]["subthemes"][0]["indicators"][0].update(target=9), "target"),
    (lambda d: d["scale"][1].update(score=0), "rise"),
    (lambda d: d["themes"][1]["subthemes"][0]["indicators"][0].update(code="1.1.1"), "twice"),
    (lambda d: d["themes"][0]["subthemes"][0]["indicators"][0]["levels"].pop(), "one meaning"),
    (lambda d: d.update(titre="x"), "unknown key"),
])
def test_a_broken_grid_is_refused_saying_where(breakage, message):
    data = copy.deepcopy(grid_as_json(load_shipped_grid()))
    breakage(data)
    with pytest.raises(ValueError, match=message):
        parse_grid(data)


def test_the_exported_sheet_reads_back_as_the_same_grid(tmp_path: Path):
    shipped = load_shipped_grid()
    write_cap_grid_workbook(tmp_path / "grille.xlsx", shipped)
    read = read_cap_grid_sheet(tmp_path / "grille.xlsx", label=shipped.label,
                               title=shipped.title, shipped=shipped)
    assert read.problems == ()
    assert read.grid is not None
    assert read.grid.themes == shipped.themes
    assert read.grid.scale == shipped.scale


def test_a_sheet_with_bad_rows_gives_no_grid_and_names_each_row(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(("Thème", "Sous-thème", "Code", "Question", "Niveau 0", "Niveau 1", "Cible",
                  "Action suggérée"))
    sheet.append(("Identité", "Valeurs", "A1", "Les valeurs sont-elles écrites ?", "Non", "Oui",
                  1, "Les écrire."))
    sheet.append((None, None, "A1", "Doublon ?", "Non", "Oui", 1, "Agir."))
    sheet.append((None, None, "A2", "Sans cible ?", "Non", "Oui", 5, "Agir."))
    book.save(tmp_path / "mauvaise.xlsx")
    read = read_cap_grid_sheet(tmp_path / "mauvaise.xlsx", label="x", title="x",
                               shipped=load_shipped_grid())
    assert read.grid is None
    assert [(p.row_number, p.en) for p in read.problems] == [
        (3, "Duplicate code “A1” (already on row 2)."), (4, "Target missing or off the scale.")]


def test_a_two_level_sheet_gets_an_even_scale_and_target_by_label(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Grille"
    sheet.append(("Theme", "Sub-theme", "Code", "Question", "Level 0", "Level 1", "Target",
                  "Suggested action"))
    sheet.append(("Identité", "Projet", "P1", "Un projet écrit ?", "Non", "Oui", "1",
                  "L'écrire."))
    book.save(tmp_path / "deux.xlsx")
    read = read_cap_grid_sheet(tmp_path / "deux.xlsx", label="x", title="x",
                               shipped=load_shipped_grid())
    assert read.grid is not None
    assert [s.score for s in read.grid.scale] == [0.0, 1.0]
    assert read.grid.themes[0].title_en == "Identity"  # the shipped theme's English title
    assert read.grid.themes[0].subthemes[0].code == "1.1"
