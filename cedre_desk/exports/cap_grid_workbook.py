"""A Le Cap grid written as a workbook the grid import reads back (imports/cap_grid_sheet.py):
a "Grille" sheet, one row per indicator, and an "Échelle" sheet with the scale.

The quality manager exports the grid, edits it in Excel (or pastes the federation's own
indicators into it) and imports it again as a new version of the grid.
"""

from __future__ import annotations

from pathlib import Path

from cedre_desk.audits.cap import CapGrid
from cedre_desk.exports.workbook_model import Column, Sheet, WorkbookReport
from cedre_desk.exports.workbook_writer import write_workbook


def grid_sheets(grid: CapGrid) -> list[Sheet]:
    levels = [Column(f"Niveau {s.level}", width=30) for s in grid.scale]
    columns = [Column("Thème", width=22), Column("Sous-thème", width=24),
               Column("Code", width=8), Column("Question", width=50), *levels,
               Column("Cible", "int", width=8), Column("Action suggérée", width=45)]
    rows = [(theme.title, sub.title, i.code, i.question, *i.levels, i.target, i.action)
            for theme in grid.themes for sub in theme.subthemes for i in sub.indicators]
    scale = Sheet("Échelle", "Echelle", [Column("Niveau", "int", 8), Column("Libellé", width=20),
                                         Column("Libellé (EN)", width=20),
                                         Column("Score", "number", 8)],
                  [(s.level, s.label, s.label_en, s.score) for s in grid.scale])
    return [Sheet("Grille", "Grille", columns, rows), scale]


def write_cap_grid_workbook(target: Path, grid: CapGrid) -> WorkbookReport:
    return write_workbook(target, grid_sheets(grid), title=grid.title)
