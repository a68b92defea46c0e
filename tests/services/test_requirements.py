"""Editing one requirement's title and text, guarded against a change made elsewhere."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cedre_desk.audits.vocabulary import AuditKind, FindingLevel
from cedre_desk.errors import ConflictError, NotFound, ValidationError
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.referentials import ReferentialService
from cedre_desk.services.requirements import RequirementService, RequirementText
from cedre_desk.storage.models import Change

from .conftest import d


def test_a_requirement_is_edited_and_its_history_kept(world):
    service = RequirementService(world.db)
    requirement_id = world.requirement(world.v3)
    read = service.get(requirement_id).content
    saved = service.update_requirement(
        requirement_id, RequirementText("  Gouvernance partagée ", read.title_en, "Le texte."),
        read)
    assert saved == RequirementText("Gouvernance partagée", read.title_en, "Le texte.")
    assert service.get(requirement_id).content == saved
    node = next(n for n in ReferentialService(world.db).tree(world.v3) if n.id == requirement_id)
    assert (node.title, node.text) == ("Gouvernance partagée", "Le texte.")
    with world.db.engine.connect() as conn:
        fields = set(conn.scalars(sa.select(Change.field).where(
            Change.table_name == "requirement", Change.record_id == str(requirement_id),
            Change.action == "update")))
    assert fields == {"title", "text"}


def test_a_change_made_elsewhere_is_not_overwritten(world):
    service = RequirementService(world.db)
    requirement_id = world.requirement(world.v3)
    read = service.get(requirement_id).content
    service.update_requirement(requirement_id, RequirementText("Autre", "", ""), read)
    with pytest.raises(ConflictError):
        service.update_requirement(requirement_id, RequirementText("Mien", "", ""), read)
    assert service.get(requirement_id).content.title == "Autre"


def test_a_title_is_required_and_nothing_changes(world):
    service = RequirementService(world.db)
    requirement_id = world.requirement(world.v3)
    read = service.get(requirement_id).content
    with pytest.raises(ValidationError) as refused:
        service.update_requirement(requirement_id, RequirementText("  ", "", "x"), read)
    assert refused.value.field == "title"
    assert service.get(requirement_id).content == read
    with pytest.raises(NotFound):
        service.get(10**6)


def test_the_tree_counts_the_findings_on_each_node(world):
    requirement_id = world.requirement(world.v2)
    audits = AuditService(world.db)
    audit_id = audits.create(AuditInput(AuditKind.INTERNAL, world.v2, company_id=world.company_id,
                                        planned_on=d("2013-01-10")))
    for _ in range(2):
        audits.add_finding(audit_id, FindingInput(FindingLevel.IMPROVEMENT, "x", requirement_id))
    rows = RequirementService(world.db).tree(world.v2)
    assert [r.id for r in rows] == [n.id for n in ReferentialService(world.db).tree(world.v2)]
    assert {r.id: r.findings for r in rows if r.findings} == {requirement_id: 2}
    assert RequirementService(world.db).get(requirement_id).findings == 2
    assert all(r.title_en for r in rows)  # the catalogue gives English titles


def test_a_version_says_where_its_structure_comes_from(world):
    source = RequirementService(world.db).version_source(world.v2)
    assert not source.official_text
    assert "ISO 9001" in source.source  # the inference it rests on
    with pytest.raises(NotFound):
        RequirementService(world.db).version_source(10**6)
