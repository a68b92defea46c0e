"""Reading and editing one requirement of a referential version (its title and text).

The `requirement` table has no edit counter, so the check that nothing changed elsewhere since
the form was filled compares the stored title, English title and text with those the form
read: if any differs, the save is refused (ConflictError) and the form keeps the user's input.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from cedre_desk.errors import ConflictError
from cedre_desk.services import validation
from cedre_desk.services.editing import fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Finding, ReferentialVersion, Requirement


@dataclass(frozen=True)
class RequirementText:
    """What a requirement's form edits; also what it read, for the check on saving."""

    title: str
    title_en: str
    text: str


@dataclass(frozen=True)
class RequirementRecord:
    id: int
    version_id: int
    parent_id: int | None
    code: str
    content: RequirementText
    findings: int  # findings recorded against it


@dataclass(frozen=True)
class VersionSource:
    """Where a version's structure comes from, and whether it is the federation's own text."""

    official_text: bool
    source: str


@dataclass(frozen=True)
class TreeRow:
    """One node of a version's requirement tree, with the English title and finding count."""

    id: int
    parent_id: int | None
    code: str
    title: str
    title_en: str
    findings: int


class RequirementService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, requirement_id: int) -> RequirementRecord:
        with self.db.reading() as session:
            node = fetch(session, Requirement, requirement_id)
            assert node.id is not None
            findings = session.scalar(sa.select(sa.func.count()).where(
                Finding.requirement_id == requirement_id)) or 0
            return RequirementRecord(node.id, node.version_id, node.parent_id, node.code,
                                     RequirementText(node.title, node.title_en, node.text),
                                     findings)

    def version_source(self, version_id: int) -> VersionSource:
        with self.db.reading() as session:
            version = fetch(session, ReferentialVersion, version_id)
            return VersionSource(version.official_text, version.source)

    def tree(self, version_id: int, *, count_findings: bool = True) -> list[TreeRow]:
        """A version's nodes, parents before their children, each level in its order; with
        the findings recorded on each (counting them reads every finding: a form that only
        offers the requirements asks without)."""
        findings: sa.ColumnElement = sa.literal(0)
        query = sa.select(Requirement.id, Requirement.parent_id, Requirement.code,
                          Requirement.title, Requirement.title_en)
        if count_findings:
            used = (
                sa.select(Finding.requirement_id, sa.func.count().label("n"))
                .where(Finding.requirement_id.in_(
                    sa.select(Requirement.id).where(Requirement.version_id == version_id)))
                .group_by(Finding.requirement_id)
                .subquery()
            )
            findings = sa.func.coalesce(used.c.n, 0)
            query = query.outerjoin(used, used.c.requirement_id == Requirement.id)
        query = (query.add_columns(findings)
                 .where(Requirement.version_id == version_id)
                 .order_by(Requirement.parent_id.is_not(None), Requirement.position,
                           Requirement.id))
        with self.db.engine.connect() as conn:
            return [TreeRow(*row) for row in conn.execute(query)]

    def update_requirement(self, requirement_id: int, new: RequirementText,
                           read: RequirementText) -> RequirementText:
        """Save a requirement's title, English title and text; `read` is what the form
        showed before the edit. Returns what is now stored."""
        cleaned = RequirementText(
            title=validation.clean_text(new.title, "title", max_length=500, required=True,
                                        fr="Titre", en="Title"),
            title_en=validation.clean_text(new.title_en, "title_en", max_length=500,
                                           fr="Titre anglais", en="English title"),
            text=validation.clean_text(new.text, "text", fr="Texte", en="Text"),
        )
        with self.db.transaction() as session:
            node = fetch(session, Requirement, requirement_id)
            if RequirementText(node.title, node.title_en, node.text) != read:
                raise ConflictError(
                    f"L'exigence {node.code} a été modifiée ailleurs depuis que vous l'avez "
                    "ouverte. Votre saisie est conservée : rechargez-la pour voir l'autre "
                    "modification.",
                    f"Requirement {node.code} was changed elsewhere since you opened it. "
                    "Your input is kept: reload it to see the other change.",
                )
            for key, value in vars(cleaned).items():
                if getattr(node, key) != value:
                    setattr(node, key, value)
            return cleaned
