"""The audit list's rows: one per audit, owner names, version labels, auditors, counts."""

from __future__ import annotations

import dataclasses
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


def test_the_lead_comes_first_then_the_others_by_auditor_id_one_text_per_team(world):
    auditors = AuditorService(world.db)
    bernard = auditors.create("Bernard Auditeur")
    alice = auditors.create("Alice Auditrice")
    audits = AuditService(world.db)
    first, second = (audits.create(AuditInput(
        AuditKind.INTERNAL, world.v3, company_id=world.company_id, planned_on=d(day),
        auditor_ids=(alice, bernard, world.auditor_id))) for day in ("2020-01-01", "2021-01-01"))
    alone = audits.create(AuditInput(AuditKind.INTERNAL, world.v3, company_id=world.company_id,
                                     planned_on=d("2022-01-01"), auditor_ids=(bernard,)))

    rows = {r.id: r for r in AuditListService(world.db).rows()}

    # The lead (given first), then the others in the order of their ids (Claire's is the
    # lowest), as the audit's own record lists them.
    assert rows[first].auditors == "Alice Auditrice, Claire Auditrice, Bernard Auditeur"
    assert rows[second].auditors is rows[first].auditors  # one text for the team
    assert rows[alone].auditors == "Bernard Auditeur"


def _reference_rows(db) -> list[tuple]:
    """The list as a plain reading of the tables gives it, one lookup per audit (what the
    service computed before it streamed and shared its values)."""
    import sqlalchemy as sa

    from cedre_desk.storage.models import (
        Audit,
        AuditAuditor,
        Auditor,
        CertificationGroup,
        Company,
        Finding,
        Referential,
        ReferentialVersion,
    )
    with db.engine.connect() as conn:
        companies = {c.id: c for c in conn.execute(sa.select(Company.id, Company.name,
                                                             Company.siret, Company.town))}
        groups = dict(conn.execute(sa.select(CertificationGroup.id, CertificationGroup.name)).all())
        labels = {v.id: f"{v.code} {v.label}" for v in conn.execute(
            sa.select(ReferentialVersion.id, Referential.code, ReferentialVersion.label)
            .join(Referential, Referential.id == ReferentialVersion.referential_id))}
        teams: dict[int, list[tuple[bool, int, str]]] = {}
        for audit_id, lead, auditor_id, name in conn.execute(
                sa.select(AuditAuditor.audit_id, AuditAuditor.lead, AuditAuditor.auditor_id,
                          Auditor.name).join(Auditor, Auditor.id == AuditAuditor.auditor_id)):
            teams.setdefault(audit_id, []).append((not lead, auditor_id, name))
        findings: dict[int, list[str]] = {}
        for audit_id, level in conn.execute(sa.select(Finding.audit_id, Finding.level)):
            findings.setdefault(audit_id, []).append(level)
        audits = conn.execute(sa.select(Audit).order_by(Audit.id)).all()
    rows = []
    for a in audits:
        company = companies.get(a.company_id)
        version = labels[a.version_id]
        if a.iso_version_id is not None:
            version += " + " + labels[a.iso_version_id]
        levels = findings.get(a.id, [])
        rows.append((
            a.id, a.company_id, a.group_id,
            company.name if company else groups[a.group_id],
            (company.siret or "") if company else "", (company.town or "") if company else "",
            a.kind, a.status, a.start_on or a.planned_on, a.version_id, version,
            ", ".join(name for *_, name in sorted(teams.get(a.id, []))),
            len(levels), levels.count(FindingLevel.MINOR_NC), levels.count(FindingLevel.MAJOR_NC),
        ))
    return rows


def test_the_streamed_read_gives_what_a_plain_reading_gives_on_a_demo_register(db, monkeypatch):
    from datetime import date

    from cedre_desk.services import audit_list
    from cedre_desk.services.demo import generate_demo

    generate_demo(db, companies=60, seed=3, today=date(2026, 3, 1))
    monkeypatch.setattr(audit_list, "PARTITION", 7)  # many partitions, as at full scale
    rows = AuditListService(db).rows()
    assert [tuple(r) for r in rows] == _reference_rows(db)
    assert any(" + ISO 9001" in r.version for r in rows)
    assert any(", " in r.auditors for r in rows) and any(r.group_id for r in rows)
    assert any(r.findings for r in rows) and any(not r.findings for r in rows)


def test_a_reload_shares_the_rows_that_did_not_change(world, monkeypatch):
    from cedre_desk.services import audit_list

    monkeypatch.setattr(audit_list, "PARTITION", 2)
    audits = AuditService(world.db)
    ids = [audits.create(AuditInput(AuditKind.INTERNAL, world.v3, company_id=world.company_id,
                                    planned_on=d(f"2020-0{m}-01"))) for m in range(1, 8)]
    service = AuditListService(world.db)
    before = service.rows()
    audits.delete(ids[1])
    version, data = audits.get(ids[4])
    audits.update(ids[4], dataclasses.replace(data, planned_on=d("2021-01-01")), version)
    added = audits.create(AuditInput(AuditKind.MOCK, world.v2, company_id=world.company_id,
                                     planned_on=d("2022-01-01")))

    after = service.rows(reuse=before)

    assert after == service.rows()  # the same rows as a fresh read
    shared = {r.id for r in after if any(r is old for old in before)}
    assert shared == set(ids) - {ids[1], ids[4], added}


def test_on_a_server_the_audits_come_through_a_server_side_cursor(db):
    """psycopg's ordinary cursor holds a select's whole result: the 200,000 audits' rows sat
    in the driver beside the rows being built (a shared register's window peaked at 306 MB,
    over its 300 MB); a server-side cursor hands them over a partition at a time."""
    from datetime import date

    import pytest
    import sqlalchemy as sa

    from cedre_desk.services.demo import generate_demo

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's cursor fetches as asked already")
    generate_demo(db, companies=5, seed=3, today=date(2026, 3, 1))
    cursors: list[str] = []

    def note(_conn, cursor, statement, *_args) -> None:
        if "FROM audit" in statement:
            cursors.append(type(cursor).__name__)

    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        assert AuditListService(db).rows()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)
    assert "ServerCursor" in cursors
