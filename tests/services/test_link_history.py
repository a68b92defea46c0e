"""The links between records (an audit's auditors, a company's legal types and groups) leave
in the history exactly what changed: nothing when a save leaves them as they were, a "delete"
with the link's values when one goes, an "update" of `lead` when the lead auditor changes.
A deletion records every row it takes with it, and undoing a company's deletion brings its
links back."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import sqlalchemy as sa

from cedre_desk.audits.vocabulary import AuditKind, FindingLevel, LegalType
from cedre_desk.errors import ValidationError
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import ReferentialService
from cedre_desk.storage.models import Change, Coaching, Engagement, RequirementMapping

from .conftest import d

Fact = tuple[str, str, str, str | None, str | None]


def changes_since(db, last_id: int, table: str) -> list[Fact]:
    """(action, record_id, field, before, after) of `table`'s history rows after `last_id`."""
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(Change.action, Change.record_id, Change.field, Change.before, Change.after)
            .where(Change.id > last_id, Change.table_name == table).order_by(Change.id))]


def last_change(db) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.coalesce(sa.func.max(Change.id), 0))) or 0


def audit_with(world, *auditor_ids: int) -> int:
    return AuditService(world.db).create(AuditInput(
        AuditKind.CERTIFICATION, world.v3, company_id=world.company_id,
        planned_on=d("2016-03-01"), auditor_ids=auditor_ids))


def save_with(world, audit_id: int, *auditor_ids: int, **changes) -> None:
    audits = AuditService(world.db)
    version, data = audits.get(audit_id)
    audits.update(audit_id, replace(data, auditor_ids=auditor_ids, **changes), version)


def auditors(world, *names: str) -> list[int]:
    return [AuditorService(world.db).create(name) for name in names]


# An audit's auditors ---------------------------------------------------------------------------

def test_saving_an_audit_whose_auditors_did_not_change_records_no_auditor_row(world):
    bruno, = auditors(world, "Bruno Auditeur")
    audit = audit_with(world, world.auditor_id, bruno)
    before = last_change(world.db)

    save_with(world, audit, world.auditor_id, bruno, conclusion="Bon audit")

    assert changes_since(world.db, before, "audit_auditor") == []
    assert changes_since(world.db, before, "audit")  # the edit itself is recorded
    assert AuditService(world.db).get(audit)[1].auditor_ids == (world.auditor_id, bruno)


def test_removing_an_auditor_records_one_delete_with_the_link_s_values(world):
    bruno, = auditors(world, "Bruno Auditeur")
    audit = audit_with(world, world.auditor_id, bruno)
    before = last_change(world.db)

    save_with(world, audit, world.auditor_id)

    rows = changes_since(world.db, before, "audit_auditor")
    assert [(action, record, field) for action, record, field, _, _ in rows] == [
        ("delete", f"{audit}/{bruno}", "")]
    assert json.loads(rows[0][3] or "") == {
        "audit_id": str(audit), "auditor_id": str(bruno), "lead": "0"}
    assert AuditService(world.db).get(audit)[1].auditor_ids == (world.auditor_id,)


def test_changing_the_lead_records_updates_of_lead_only(world):
    bruno, = auditors(world, "Bruno Auditeur")
    audit = audit_with(world, bruno, world.auditor_id)  # the later id leads
    before = last_change(world.db)

    save_with(world, audit, world.auditor_id, bruno)  # the earlier id leads now

    assert sorted(changes_since(world.db, before, "audit_auditor")) == [
        ("update", f"{audit}/{world.auditor_id}", "lead", "0", "1"),
        ("update", f"{audit}/{bruno}", "lead", "1", "0"),
    ]
    assert AuditService(world.db).get(audit)[1].auditor_ids == (world.auditor_id, bruno)


def test_a_new_lead_in_place_of_a_removed_one_records_its_insert_and_the_delete(world):
    """The one-lead index must not refuse the new lead while the former one is still stored."""
    bruno, chloe = auditors(world, "Bruno Auditeur", "Chloé Auditrice")
    audit = audit_with(world, bruno, world.auditor_id)
    before = last_change(world.db)

    save_with(world, audit, chloe, world.auditor_id)

    rows = changes_since(world.db, before, "audit_auditor")
    assert {(action, record) for action, record, *_ in rows} == {
        ("delete", f"{audit}/{bruno}"), ("insert", f"{audit}/{chloe}")}
    assert ("insert", f"{audit}/{chloe}", "lead", None, "1") in rows
    assert AuditService(world.db).get(audit)[1].auditor_ids == (chloe, world.auditor_id)


# A company's legal types and groups ------------------------------------------------------------

def test_deleting_a_company_records_the_deletion_of_its_legal_types_and_memberships(world):
    companies = CompanyService(world.db)
    company = companies.create(CompanyInput(name="EMS", legal_types=(LegalType.AI, LegalType.EI)))
    group = GroupService(world.db).create("GES Provence", [company, world.company_id])
    before = last_change(world.db)

    companies.delete(company)

    types = changes_since(world.db, before, "company_legal_type")
    assert sorted((action, record) for action, record, *_ in types) == [
        ("delete", f"{company}/AI"), ("delete", f"{company}/EI")]
    members = changes_since(world.db, before, "group_member")
    assert [(action, record) for action, record, *_ in members] == [
        ("delete", f"{group}/{company}")]
    assert json.loads(members[0][3] or "") == {"group_id": str(group),
                                                "company_id": str(company),
                                                "joined_on": None, "left_on": None}
    assert GroupService(world.db).members(group) == [world.company_id]


def test_deleting_a_company_records_the_deletion_of_its_coaching_links(world):
    companies = CompanyService(world.db)
    company = companies.create(CompanyInput(name="EMS"))
    AuditorService(world.db).add_coaching(world.auditor_id, company, d("2015-01-05"))
    before = last_change(world.db)

    companies.delete(company)

    rows = changes_since(world.db, before, "coaching")
    assert [(action, record) for action, record, *_ in rows] == [
        ("delete", f"{world.auditor_id}/{company}")]
    assert json.loads(rows[0][3] or "")["since"] == "2015-01-05"


def test_changing_legal_types_and_members_records_only_what_changed(world):
    """A guard: these helpers already compared stored and wanted links before this test."""
    companies = CompanyService(world.db)
    groups = GroupService(world.db)
    other = companies.create(CompanyInput(name="EMS"))
    group = groups.create("GES Provence", [world.company_id, other])
    record = companies.get(world.company_id)
    before = last_change(world.db)

    companies.update(world.company_id, replace(record.data, legal_types=(LegalType.ACI,)),
                     record.version)
    groups.update(group, "GES Provence", [world.company_id], "", 1)
    groups.update(group, "GES Provence", [world.company_id], "Notes", 2)

    # an insert has one row per field: one (action, record) pair per link changed
    assert {(a, r) for a, r, *_ in changes_since(world.db, before, "company_legal_type")} == {
        ("delete", f"{world.company_id}/AI"), ("insert", f"{world.company_id}/ACI")}
    assert [(a, r) for a, r, *_ in changes_since(world.db, before, "group_member")] == [
        ("delete", f"{group}/{other}")]


# Deleting a record records every row the deletion takes with it --------------------------------

def test_deleting_a_group_records_its_members_leaving(world):
    groups = GroupService(world.db)
    other = CompanyService(world.db).create(CompanyInput(name="EMS"))
    group = groups.create("GES Provence", [world.company_id, other])
    before = last_change(world.db)

    groups.delete(group)

    assert sorted((a, r) for a, r, *_ in changes_since(world.db, before, "group_member")) == [
        ("delete", f"{group}/{world.company_id}"), ("delete", f"{group}/{other}")]
    assert [a for a, *_ in changes_since(world.db, before, "certification_group")] == ["delete"]


def test_deleting_an_audit_records_its_findings_and_auditor_links(world):
    bruno, = auditors(world, "Bruno Auditeur")
    audit = audit_with(world, world.auditor_id, bruno)
    audits = AuditService(world.db)
    findings = [audits.add_finding(audit, FindingInput(FindingLevel.SENSITIVE, text))
                for text in ("Affichage absent", "Registre incomplet")]
    before = last_change(world.db)

    audits.delete(audit)

    assert sorted((a, r) for a, r, *_ in changes_since(world.db, before, "finding")) == [
        ("delete", str(finding)) for finding in sorted(findings)]
    links = changes_since(world.db, before, "audit_auditor")
    assert sorted((a, r) for a, r, *_ in links) == [
        ("delete", f"{audit}/{world.auditor_id}"), ("delete", f"{audit}/{bruno}")]
    assert {json.loads(row[3] or "")["lead"] for row in links} == {"0", "1"}


def test_deleting_an_auditor_records_their_coaching_and_the_engagements_losing_their_coach(
        world):
    bruno, = auditors(world, "Bruno Auditeur")
    service = AuditorService(world.db)
    service.add_coaching(bruno, world.company_id, d("2015-01-05"))
    engagement = service.engage(world.company_id, d("2015-02-01"), coach_id=bruno)
    before = last_change(world.db)

    service.delete(bruno)

    assert [(a, r) for a, r, *_ in changes_since(world.db, before, "coaching")] == [
        ("delete", f"{bruno}/{world.company_id}")]
    # ON DELETE SET NULL changes a field of another record: an update like any edit
    assert changes_since(world.db, before, "engagement") == [
        ("update", str(engagement), "coach_id", str(bruno), None)]
    with world.db.engine.connect() as conn:
        assert conn.scalar(sa.select(Engagement.coach_id).where(
            Engagement.id == engagement)) is None


def test_deleting_a_chapter_records_its_requirements_and_their_mappings(world):
    tree = ReferentialService(world.db).tree(world.iso)  # the CEDRE ones have chapters only
    chapter = next(n for n in tree if n.parent_id is None
                   and sum(m.parent_id == n.id for m in tree) >= 2)
    children = sorted(n.id for n in tree if n.parent_id == chapter.id)
    former = next(n.id for n in ReferentialService(world.db).tree(world.v3))
    with world.db.transaction() as session:  # the shipped catalogue maps nothing yet
        session.add(RequirementMapping(from_id=former, to_id=children[0]))
        session.add(RequirementMapping(from_id=chapter.id, to_id=former))
    before = last_change(world.db)

    ReferentialService(world.db).delete_requirement(chapter.id)

    rows = changes_since(world.db, before, "requirement")
    assert sorted(int(r) for a, r, *_ in rows if a == "delete") == sorted(
        [chapter.id, *children])
    assert sorted((a, r) for a, r, *_ in changes_since(world.db, before, "requirement_mapping")
                  ) == sorted([("delete", f"{former}/{children[0]}"),
                               ("delete", f"{chapter.id}/{former}")])
    assert {n.id for n in ReferentialService(world.db).tree(world.iso)}.isdisjoint(
        [chapter.id, *children])


def test_a_chapter_whose_requirement_carries_a_finding_is_kept_whole(world):
    tree = ReferentialService(world.db).tree(world.iso)
    chapter = next(n for n in tree if n.parent_id is None and any(
        m.parent_id == n.id for m in tree))
    child = next(n.id for n in tree if n.parent_id == chapter.id)
    audit = AuditService(world.db).create(AuditInput(
        AuditKind.CERTIFICATION, world.v3, iso_version_id=world.iso,
        company_id=world.company_id, planned_on=d("2016-03-01")))
    AuditService(world.db).add_finding(audit, FindingInput(
        FindingLevel.SENSITIVE, "Revue de direction absente", requirement_id=child))
    before = last_change(world.db)

    with pytest.raises(ValidationError, match="1 finding"):
        ReferentialService(world.db).delete_requirement(chapter.id)

    assert changes_since(world.db, before, "requirement") == []
    assert ReferentialService(world.db).tree(world.iso) == tree


# Undoing a company's deletion ------------------------------------------------------------------

def test_restoring_a_deleted_company_brings_back_its_coaching_links(world):
    companies = CompanyService(world.db)
    company = companies.create(CompanyInput(name="EMS"))
    bruno, = auditors(world, "Bruno Auditeur")
    service = AuditorService(world.db)
    service.add_coaching(world.auditor_id, company, d("2015-01-05"))
    service.add_coaching(bruno, company)
    record = companies.delete(company)
    before = last_change(world.db)

    companies.restore(record)

    assert {(a, r) for a, r, *_ in changes_since(world.db, before, "coaching")} == {
        ("insert", f"{world.auditor_id}/{company}"), ("insert", f"{bruno}/{company}")}
    assert service.coached([world.auditor_id, bruno], company_id=company) == [
        "Bruno Auditeur", "Claire Auditrice"]
    with world.db.engine.connect() as conn:
        assert conn.scalar(sa.select(Coaching.since).where(
            Coaching.auditor_id == world.auditor_id, Coaching.company_id == company)
        ) == d("2015-01-05")


def test_restoring_leaves_out_the_links_to_records_deleted_meanwhile(world):
    """Had the company stayed, deleting the group or the auditor would have taken its links."""
    companies = CompanyService(world.db)
    company = companies.create(CompanyInput(name="EMS"))
    bruno, = auditors(world, "Bruno Auditeur")
    groups = GroupService(world.db)
    kept, gone = (groups.create(name, [company]) for name in ("GES Provence", "GES Alpes"))
    AuditorService(world.db).add_coaching(world.auditor_id, company)
    AuditorService(world.db).add_coaching(bruno, company)
    record = companies.delete(company)
    groups.delete(gone)
    AuditorService(world.db).delete(bruno)

    companies.restore(record)

    assert companies.get(company).group_ids == (kept,)
    assert AuditorService(world.db).coached([world.auditor_id, bruno], company_id=company) == [
        "Claire Auditrice"]
