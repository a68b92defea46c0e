"""The audit list's rows: one per audit, owner names, version labels, auditors, counts."""

from __future__ import annotations

import threading

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel
from cedre_desk.services.audit_list import AuditListService
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService

from .conftest import d


def test_a_company_audit_row_carries_what_the_list_shows(world):
    second = AuditorService(world.db).create("Bernard Auditeur")
    audits = AuditService(world.db)
    audit_id = audits.create(AuditInput(
        AuditKind.CERTIFICATION, world.v3, company_id=world.company_id, iso_version_id=world.iso,
        start_on=d("2016-03-02"), end_on=d("2016-03-03"), planned_on=d("2016-02-01"),
        status=AuditStatus.DONE, auditor_ids=(world.auditor_id, second)))
    requirement = world.requirement(world.v3)
    for level in (FindingLevel.STRENGTH, FindingLevel.MINOR_NC, FindingLevel.MINOR_NC,
                  FindingLevel.MAJOR_NC):
        audits.add_finding(audit_id, FindingInput(level, "constat", requirement))

    [row] = AuditListService(world.db).rows()

    assert row.id == audit_id
    assert (row.company_id, row.group_id) == (world.company_id, None)
    assert (row.owner, row.town) == ("GDID", "Salon de Provence")
    assert (row.kind, row.status) == (AuditKind.CERTIFICATION, AuditStatus.DONE)
    assert row.on == d("2016-03-02")  # held: its start date, not the planned one
    assert row.version_id == world.v3
    assert row.version == "CEDRE V3 + ISO 9001 2015"
    assert row.auditors == "Claire Auditrice, Bernard Auditeur"  # the lead first
    assert (row.findings, row.minor_nc, row.major_nc) == (4, 2, 1)


def test_a_planned_group_audit_without_findings(world):
    other = CompanyService(world.db).create(CompanyInput(name="VILLETTE EMPLOI", town="Paris",
                                                         siret="73282932000074"))
    group_id = GroupService(world.db).create("Groupe Villette", [other])
    AuditService(world.db).create(AuditInput(AuditKind.FOLLOW_UP, world.v2, group_id=group_id,
                                             planned_on=d("2014-06-01")))
    [row] = AuditListService(world.db).rows()
    assert (row.company_id, row.group_id, row.owner) == (None, group_id, "Groupe Villette")
    assert (row.siret, row.town, row.auditors) == ("", "", "")
    assert row.on == d("2014-06-01")
    assert row.version == "CEDRE V2"
    assert (row.findings, row.minor_nc, row.major_nc) == (0, 0, 0)


def test_rows_come_in_id_order_and_a_private_connection_reads_the_same(world):
    audits = AuditService(world.db)
    ids = [audits.create(AuditInput(AuditKind.INTERNAL, world.v3, company_id=world.company_id,
                                    planned_on=d(f"2020-0{m}-01"))) for m in (3, 1, 2)]
    service = AuditListService(world.db)
    assert [r.id for r in service.rows()] == sorted(ids)

    read_elsewhere: list = []
    worker = threading.Thread(
        target=lambda: read_elsewhere.extend(service.rows(private_connection=True)))
    worker.start()
    worker.join()
    assert read_elsewhere == service.rows()
