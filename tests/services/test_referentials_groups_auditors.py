"""Referentials (catalogue, versions in force, sheets), groups and auditors."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from cedre_desk.errors import ValidationError
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ISO_9001, ReferentialService
from cedre_desk.services.register import ensure_catalogue
from cedre_desk.storage.models import Requirement

from .conftest import d


def test_the_catalogue_is_seeded_once_with_all_versions(db):
    versions = ReferentialService(db).versions()
    assert {(v.referential, v.label) for v in versions} == {
        (CEDRE, "V1"), (CEDRE, "V2"), (CEDRE, "V3"), (ISO_9001, "2015")}
    assert not any(v.official_text for v in versions)
    with db.engine.connect() as conn:
        before = conn.scalar(sa.select(sa.func.count()).select_from(Requirement))
    ensure_catalogue(db)
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Requirement)) == before




@pytest.mark.parametrize(("day", "label"), [("2005-06-01", "V1"), ("2012-06-13", "V2"),
                                            ("2015-11-19", "V2"), ("2015-11-20", "V3"),
                                            ("2026-11-22", "V3")])
def test_the_version_in_force_on_the_audit_date(db, day, label):
    assert ReferentialService(db).in_force(CEDRE, d(day)).label == label


def test_the_tree_lists_chapters_before_their_requirements(db):
    service = ReferentialService(db)
    iso = next(v for v in service.versions() if v.referential == ISO_9001)
    nodes = service.tree(iso.id)
    seen: set[int] = set()
    for node in nodes:
        assert node.parent_id is None or node.parent_id in seen
        seen.add(node.id)
    chapters = [n.code for n in nodes if n.parent_id is None]
    assert chapters[0].startswith("4") and chapters[-1].startswith("10")


def sheet(path: Path, rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(("Chapitre", "Code", "Intitulé", "Exigence"))
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_sheet_loads_a_versions_requirements_all_or_nothing(db, tmp_path):
    service = ReferentialService(db)
    v1 = next(v for v in service.versions() if v.label == "V1")
    good = sheet(tmp_path / "v1.xlsx", [("1", "1.1", "Projet", "La structure formalise..."),
                                        (None, "1.2", "Valeurs", "Les valeurs de l'ESS...")])
    before = len(service.tree(v1.id))
    dry = service.load_sheet(v1.id, good, dry_run=True)
    assert (dry.added, dry.problems) == (3, ())
    assert len(service.tree(v1.id)) == before  # a dry run writes nothing
    assert service.load_sheet(v1.id, good).added == 3
    assert len(service.tree(v1.id)) == before + 3
    again = service.load_sheet(v1.id, good)
    assert (again.added, again.updated) == (0, 0)

    bad = sheet(tmp_path / "bad.xlsx", [("2", "2.1", "Ok", "texte"), ("2", "2.1", "Doublon", "x")])
    result = service.load_sheet(v1.id, bad)
    assert result.added == 0 and result.problems
    assert len(service.tree(v1.id)) == before + 3


def test_groups_hold_members_and_refuse_duplicates(db):
    companies = CompanyService(db)
    a = companies.create(CompanyInput(name="VILLETTE EMPLOI"))
    b = companies.create(CompanyInput(name="VILLETTE EMPLOI SERVICE"))
    groups = GroupService(db)
    group_id = groups.create("APSV-VILLETTE EMPLOI", [a, b])
    assert sorted(groups.members(group_id)) == [a, b]
    assert groups.rows() == [(group_id, "APSV-VILLETTE EMPLOI", 2)]
    with pytest.raises(ValidationError):
        groups.create("apsv-villette emploi")
    groups.update(group_id, "APSV-VILLETTE EMPLOI", [a], "", expected_version=1)
    assert groups.members(group_id) == [a]
    assert companies.get(a).group_ids == (group_id,)


def test_auditors_names_are_unique_and_used_ones_are_kept(db):
    auditors = AuditorService(db)
    auditor_id = auditors.create("Marie Curie-Audit", "marie@example.org")
    with pytest.raises(ValidationError) as caught:
        auditors.create("marie curie-audit")
    assert caught.value.field == "name"
    with pytest.raises(ValidationError):
        auditors.create("X", email="nope")
    auditors.update(auditor_id, "Marie Curie-Audit", "m@example.org", False, expected_version=1)
    assert auditors.rows()[0].active is False
    auditors.delete(auditor_id)
    assert auditors.rows() == []
