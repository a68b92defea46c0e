"""Referentials, their versions and requirement trees; loading a version's requirements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.cycle import version_in_force
from cedre_desk.errors import ValidationError
from cedre_desk.imports.requirement_sheet import SheetRequirement, read_requirement_sheet
from cedre_desk.services.editing import fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Finding,
    Referential,
    ReferentialVersion,
    Requirement,
    RequirementMapping,
)

CEDRE = "CEDRE"
ISO_9001 = "ISO 9001"


@dataclass(frozen=True)
class VersionInfo:
    id: int
    referential: str
    label: str
    title: str
    adopted_on: date
    official_text: bool

    @property
    def name(self) -> str:
        return f"{self.referential} {self.label}"


@dataclass(frozen=True)
class RequirementNode:
    id: int
    parent_id: int | None
    code: str
    title: str
    text: str


@dataclass(frozen=True)
class LoadResult:
    added: int
    updated: int
    problems: tuple[tuple[int, str, str], ...]  # (row, French, English)


def _version_query() -> sa.Select:
    return (
        sa.select(ReferentialVersion.id, Referential.code, ReferentialVersion.label,
                  ReferentialVersion.title, ReferentialVersion.adopted_on,
                  ReferentialVersion.official_text)
        .join(Referential, Referential.id == ReferentialVersion.referential_id)
        .order_by(Referential.code, ReferentialVersion.adopted_on)
    )


def require_version(session: Session, version_id: int) -> VersionInfo:
    row = session.execute(_version_query().where(ReferentialVersion.id == version_id)).first()
    if row is None:
        fetch(session, ReferentialVersion, version_id)  # raises the NotFound message
    assert row is not None
    return VersionInfo(*row)


class ReferentialService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def versions(self) -> list[VersionInfo]:
        with self.db.engine.connect() as conn:
            return [VersionInfo(*row) for row in conn.execute(_version_query())]

    def in_force(self, referential: str, on: date) -> VersionInfo | None:
        """The version of `referential` in force on a date (a V2 company renews against V3)."""
        candidates = [v for v in self.versions() if v.referential == referential]
        return version_in_force([(v, v.adopted_on) for v in candidates], on)

    def tree(self, version_id: int) -> list[RequirementNode]:
        """A version's chapters and requirements, parents before their children, in order."""
        query = (
            sa.select(Requirement.id, Requirement.parent_id, Requirement.code,
                      Requirement.title, Requirement.text)
            .where(Requirement.version_id == version_id)
            .order_by(Requirement.parent_id.is_not(None), Requirement.position, Requirement.id)
        )
        with self.db.engine.connect() as conn:
            return [RequirementNode(*row) for row in conn.execute(query)]

    def load_sheet(self, version_id: int, path: Path, *, dry_run: bool = False) -> LoadResult:
        """Load a version's requirements from the federation's Excel sheet: all or nothing."""
        sheet = read_requirement_sheet(path)
        problems = tuple((p.row_number, p.fr, p.en) for p in sheet.problems)
        if problems:
            return LoadResult(0, 0, problems)
        with self.db.transaction() as session:
            fetch(session, ReferentialVersion, version_id)
            added, updated = _merge(session, version_id, sheet.rows)
            if dry_run:
                session.rollback()
            return LoadResult(added, updated, ())

    def delete_requirement(self, requirement_id: int) -> None:
        """Delete a requirement with the ones under it and their mappings; refused while a
        finding is on any of them."""
        with self.db.transaction() as session:
            requirement = fetch(session, Requirement, requirement_id)
            levels = _subtree(session, requirement_id)
            ids = [node_id for level in levels for node_id in level]
            used = session.scalar(sa.select(sa.func.count()).select_from(Finding).where(
                Finding.requirement_id.in_(ids)))
            if used:
                raise ValidationError(
                    f"L'exigence {requirement.code} porte {used} constat(s) : elle est gardée.",
                    f"Requirement {requirement.code} carries {used} finding(s): it is kept.",
                )
            _delete_through_session(session, levels)


def _subtree(session: Session, requirement_id: int) -> list[list[int]]:
    """A requirement's id, then its children's, then theirs...: one list per level."""
    levels, seen = [[requirement_id]], {requirement_id}
    while children := [child for child in session.scalars(
            sa.select(Requirement.id).where(Requirement.parent_id.in_(levels[-1])))
            if child not in seen]:  # a damaged register's loop must not loop forever
        levels.append(children)
        seen.update(children)
    return levels


def _delete_through_session(session: Session, levels: list[list[int]]) -> None:
    """Delete these requirements and their mappings as ORM objects, so the change history
    records each row: it never sees the database's ON DELETE CASCADE. The mappings go first,
    then the deepest level up, one flush each: a parent deleted before its child would take
    the child with it behind the session's back."""
    ids = [node_id for level in levels for node_id in level]
    for mapping in session.scalars(sa.select(RequirementMapping).where(sa.or_(
            RequirementMapping.from_id.in_(ids), RequirementMapping.to_id.in_(ids)))):
        session.delete(mapping)
    session.flush()
    for level in reversed(levels):
        for node in session.scalars(sa.select(Requirement).where(Requirement.id.in_(level))):
            session.delete(node)
        session.flush()


def _merge(session: Session, version_id: int,
           rows: Sequence[SheetRequirement]) -> tuple[int, int]:
    """Add or update chapters and requirements by code; never delete (findings refer to them)."""
    existing = {
        r.code: r for r in session.scalars(
            sa.select(Requirement).where(Requirement.version_id == version_id))
    }
    added = updated = 0
    for position, row in enumerate(rows):
        chapter = existing.get(row.chapter)
        if chapter is None:
            chapter = Requirement(version_id=version_id, code=row.chapter, title=row.chapter,
                                  position=len(existing))
            session.add(chapter)
            session.flush()
            existing[row.chapter] = chapter
            added += 1
        node = existing.get(row.code)
        if node is None:
            node = Requirement(version_id=version_id, parent_id=chapter.id, code=row.code,
                               title=row.title, text=row.text, position=position)
            session.add(node)
            existing[row.code] = node
            added += 1
        elif (node.title, node.text, node.parent_id) != (row.title, row.text, chapter.id):
            node.title, node.text, node.parent_id = row.title, row.text, chapter.id
            updated += 1
    return added, updated
