"""The versions of Le Cap's grid a register keeps.

The shipped provisional grid (resources/cap/grid.json) is written into the register the first
time a grid is needed for a write (an assessment started, a sheet loaded): a migration never
reads the program's resources, and a register nobody runs Le Cap in stays as it was. A grid
loaded from a sheet becomes a new version; assessments keep the version they were answered on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.cap import CapGrid
from cedre_desk.errors import ValidationError
from cedre_desk.exports.cap_grid_workbook import write_cap_grid_workbook
from cedre_desk.imports.cap_grid import grid_from_text, grid_to_text, load_shipped_grid
from cedre_desk.imports.cap_grid_sheet import GridSheet, read_cap_grid_sheet
from cedre_desk.services.editing import fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import CapGridVersion


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
        _, grid = self.current()
        write_cap_grid_workbook(target, grid)
        return Path(target)

    def import_sheet(self, path: Path, *, today: date, label: str | None = None) -> GridSheet:
        """Read a grid from a sheet; when it has no problem, keep it as a new version (the
        one new assessments use). With problems, nothing is written."""
        _, shipped = self.current()
        label = (label or f"{Path(path).stem} {today.isoformat()}")[:60]
        sheet = read_cap_grid_sheet(Path(path), label=label, title=f"Le Cap — {Path(path).stem}",
                                    shipped=shipped)
        if sheet.grid is not None:
            with self.db.transaction() as session:
                ensure_shipped(session, today)
                add_grid(session, sheet.grid, today)
        return sheet


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
        raise ValidationError(f"Une grille « {grid.label} » existe déjà.",
                              f"A grid “{grid.label}” already exists.", field="label")
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
