"""The versions of Le Cap's grid a register keeps.

The shipped provisional grid (resources/cap/grid.json) is written into the register the first
time a grid is needed for a write (an assessment started, a sheet loaded): a migration never
reads the program's resources, and a register nobody runs Le Cap in stays as it was. A grid
loaded from a sheet becomes a new version; assessments keep the version they were answered on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.cap import CapGrid, CapIndicator
from cedre_desk.errors import ValidationError, shown
from cedre_desk.imports.cap_grid import (
    grid_as_json,
    grid_from_text,
    grid_to_text,
    load_shipped_grid,
    parse_grid,
)
from cedre_desk.services.editing import fetch
from cedre_desk.storage.cap_models import CapGridVersion
from cedre_desk.storage.database import Database

if TYPE_CHECKING:
    from cedre_desk.imports.cap_grid_sheet import GridSheet


class CapGridService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def current(self) -> tuple[int | None, CapGrid]:
        """(id, grid) of the newest grid of the register; (None, shipped) when it has none."""
        with self.db.reading() as session:
            row = _newest(session)
            if row is None:
                return None, load_shipped_grid()
            assert row.id is not None
            return row.id, grid_from_text(row.definition, row.label)

    def get(self, grid_id: int) -> CapGrid:
        with self.db.reading() as session:
            row = fetch(session, CapGridVersion, grid_id)
            return grid_from_text(row.definition, row.label)

    def versions(self) -> list[tuple[int, str, str, date]]:
        """(id, label, title, loaded on) of every grid version, newest first."""
        with self.db.reading() as session:
            return [(int(r.id or 0), r.label, r.title, r.loaded_on) for r in session.scalars(
                sa.select(CapGridVersion).order_by(CapGridVersion.id.desc()))]

    def export_sheet(self, target: Path) -> Path:
        """The current grid as a workbook the import reads back."""
        # The sheet's writer and reader when asked for: the window's start reads late
        # actions through this package and needs neither.
        from cedre_desk.exports.cap_grid_workbook import write_cap_grid_workbook

        _, grid = self.current()
        write_cap_grid_workbook(target, grid)
        return Path(target)

    def import_sheet(self, path: Path, *, today: date, label: str | None = None) -> GridSheet:
        """Read a grid from a sheet; when it has no problem, keep it as a new version (the
        one new assessments use). With problems, nothing is written."""
        from cedre_desk.imports.cap_grid_sheet import read_cap_grid_sheet

        _, shipped = self.current()
        label = (label or f"{Path(path).stem} {today.isoformat()}")[:60]
        sheet = read_cap_grid_sheet(Path(path), label=label, title=f"Le Cap — {Path(path).stem}",
                                    shipped=shipped)
        if sheet.grid is not None:
            with self.db.transaction() as session:
                ensure_shipped(session, today)
                add_grid(session, sheet.grid, today)
        return sheet

    def save_edited(self, grid: CapGrid, *, today: date) -> int:
        """Keep a grid edited in the window as a new version (the one new assessments use),
        in one transaction; the version it was edited from stays, with its assessments.
        Refused whole, with the indicator named, when a text is missing or a code repeats."""
        clean = _checked(grid)
        with self.db.transaction() as session:
            ensure_shipped(session, today)
            row = add_grid(session, clean, today)
            assert row.id is not None
            return row.id


def ensure_shipped(session: Session, today: date) -> int:
    """The newest grid's id, writing the shipped grid first when the register has none."""
    row = _newest(session)
    if row is None:
        row = add_grid(session, load_shipped_grid(), today)
    assert row.id is not None
    return row.id


def add_grid(session: Session, grid: CapGrid, today: date) -> CapGridVersion:
    taken = session.scalar(sa.select(CapGridVersion.id).where(
        sa.func.lower(CapGridVersion.label) == grid.label.lower()))
    if taken is not None:
        raise ValidationError(f"Une grille « {shown(grid.label)} » existe déjà.",
                              f"A grid “{shown(grid.label)}” already exists.", field="label")
    row = CapGridVersion(label=grid.label, title=grid.title[:200], loaded_on=today,
                         official_text=grid.official_text, definition=grid_to_text(grid))
    session.add(row)
    session.flush()
    return row


def grid_of(session: Session, grid_id: int) -> CapGrid:
    row = fetch(session, CapGridVersion, grid_id)
    return grid_from_text(row.definition, row.label)


def _newest(session: Session) -> CapGridVersion | None:
    return session.scalars(sa.select(CapGridVersion).order_by(CapGridVersion.id.desc())
                           .limit(1)).first()


def _checked(grid: CapGrid) -> CapGrid:
    """The grid with its texts trimmed, or a ValidationError saying what is wrong where."""
    label = " ".join(grid.label.split())
    if not label:
        raise ValidationError("Nom de la version : champ obligatoire.",
                              "Version name: required.", field="label")
    if len(label) > 60:
        raise ValidationError("Nom de la version : 60 caractères au plus.",
                              "Version name: at most 60 characters.", field="label")
    # theme, sub-theme and indicator codes share one namespace (resources/cap/README.md)
    seen = {t.code.casefold() for t in grid.themes}
    seen |= {s.code.casefold() for t in grid.themes for s in t.subthemes}
    for theme in grid.themes:
        for sub in theme.subthemes:
            if not sub.indicators:
                raise ValidationError(
                    f"Sous-thème {sub.code} « {shown(sub.title)} » : il lui faut au moins un "
                    "indicateur.", f"Sub-theme {sub.code} “{shown(sub.title_en)}”: it needs at "
                    "least one indicator.", field="indicators")
            for indicator in sub.indicators:
                _check_indicator(indicator, len(grid.scale), seen)
    data = grid_as_json(grid) | {"label": label}
    for indicator in (i for t in data["themes"] for s in t["subthemes"]
                      for i in s["indicators"]):
        indicator.update(code=indicator["code"].strip(), question=indicator["question"].strip(),
                         levels=[text.strip() for text in indicator["levels"]],
                         action=indicator["action"].strip())
    return parse_grid(data, label)  # the format's own checks: a bug if they fail here


def _check_indicator(indicator: CapIndicator, levels: int, seen: set[str]) -> None:
    code = indicator.code.strip()
    named_fr = f"Indicateur {code or '(sans code)'}"
    named_en = f"Indicator {code or '(no code)'}"
    if not code:
        raise ValidationError(f"{named_fr} : code obligatoire.", f"{named_en}: code required.",
                              field="code")
    if code.casefold() in seen:
        raise ValidationError(f"{named_fr} : ce code est déjà pris dans la grille.",
                              f"{named_en}: this code is already used in the grid.",
                              field="code")
    seen.add(code.casefold())
    if not indicator.question.strip():
        raise ValidationError(f"{named_fr} : question obligatoire.",
                              f"{named_en}: question required.", field="question")
    if len(indicator.levels) != levels or not all(t.strip() for t in indicator.levels):
        raise ValidationError(f"{named_fr} : il faut dire ce que veut dire chaque niveau.",
                              f"{named_en}: say what each level means.", field="levels")
    if not 0 <= indicator.target < levels:
        raise ValidationError(f"{named_fr} : la cible doit être un niveau de l'échelle.",
                              f"{named_en}: the target must be a level of the scale.",
                              field="target")
    if not indicator.action.strip():
        raise ValidationError(f"{named_fr} : action suggérée obligatoire.",
                              f"{named_en}: suggested action required.", field="action")
