"""What the window shows of a record's history: the record's rows, its parts' and those of the
records that belong to it (deleted ones too), and the names its values point to."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.history import HistoryService, deleted_values
from cedre_desk.services.referentials import ReferentialService
from cedre_desk.storage.models import Change

from .conftest import d


def facts(history) -> list[tuple[str, str, str, str | None, str | None]]:
    return [(r.action, r.table_name, r.field, r.before, r.after) for r in history.rows]


def audit_of(world, **changes) -> int:
    return AuditService(world.db).create(AuditInput(
        AuditKind.CERTIFICATION, world.v3, company_id=world.company_id,
        planned_on=d("2016-03-01"), auditor_ids=(world.auditor_id,), **changes))


def test_an_audit_s_history_has_its_findings_deleted_ones_too_and_its_auditors(world):
    audits = AuditService(world.db)
    audit = audit_of(world)
    other = audit_of(world)  # another audit of the same company: none of its rows
    version, data = audits.get(audit)
    audits.update(audit, replace(data, status=AuditStatus.DONE, start_on=d("2016-03-02")),
                  version)
    requirement = world.requirement(world.v3)
    kept = audits.add_finding(audit, FindingInput(FindingLevel.MINOR_NC, "Revue absente",
                                                  requirement))
    gone = audits.add_finding(audit, FindingInput(FindingLevel.STRENGTH, "Accueil"))
    audits.delete_finding(gone)
    audits.add_finding(other, FindingInput(FindingLevel.MAJOR_NC, "Autre audit"))

    history = HistoryService(world.db).record_history("audit", audit)

    rows = facts(history)
    assert ("update", "audit", "status", "planned", "done") in rows
    assert ("insert", "audit_auditor", "auditor_id", None, str(world.auditor_id)) in rows
    assert ("insert", "finding", "text", None, "Revue absente") in rows
    assert ("insert", "finding", "text", None, "Accueil") in rows
    deleted = [r for r in history.rows if r.action == "delete"]
    assert [(r.table_name, r.record_id) for r in deleted] == [("finding", str(gone))]
    assert deleted_values(deleted[0].before or "")["text"] == "Accueil"
    assert "Autre audit" not in str(rows)
    assert {r.record_id for r in history.rows if r.table_name == "finding"} == {
        str(kept), str(gone)}
    # the columns that only tie a part or a finding to the audit say nothing here
    assert all(r.field != "audit_id" for r in history.rows if r.table_name != "audit")
    assert [r.id for r in history.rows] == sorted(r.id for r in history.rows)
    assert history.names[("auditor_id", str(world.auditor_id))] == "Claire Auditrice"
    assert history.names[("version_id", str(world.v3))] == "CEDRE V3"
    assert history.names[("company_id", str(world.company_id))] == "GDID"
    node = next(n for n in ReferentialService(world.db).tree(world.v3) if n.id == requirement)
    assert history.names[("requirement_id", str(requirement))] == f"{node.code} {node.title}"


def test_a_session_s_history_has_its_decisions_cancelled_ones_too(world):
    committees = CommitteeService(world.db)
    audit = audit_of(world, start_on=d("2016-03-02"), status=AuditStatus.REPORT_SENT)
    june = committees.create_session(d("2016-06-09"), "Paris")
    committees.update_session(june, d("2016-06-09"), "Lyon", "", SessionStatus.HELD, 1)
    decision = committees.record_decision(DecisionInput(
        june, Outcome.GRANTED, Scheme.CEDRE, company_id=world.company_id, audit_id=audit))
    committees.delete_decision(decision)
    other = CompanyService(world.db).create(CompanyInput(name="EMS"))
    november = committees.create_session(d("2016-11-17"))

    history = HistoryService(world.db).record_history("committee_session", june)

    rows = facts(history)
    assert ("update", "committee_session", "place", "Paris", "Lyon") in rows
    assert ("insert", "decision", "outcome", None, "granted") in rows
    assert [r.table_name for r in history.rows if r.action == "delete"] == ["decision"]
    assert all(r.field != "session_id" for r in history.rows)
    assert history.names[("company_id", str(world.company_id))] == "GDID"
    assert ("company_id", str(other)) not in history.names
    assert HistoryService(world.db).record_history("committee_session", november).rows == [
        r for r in HistoryService(world.db).for_record("committee_session", november)
        if r.field != "id"]  # the record's number: the history is the record's anyway


def test_a_decision_s_own_history_names_its_session_by_its_date(world):
    committees = CommitteeService(world.db)
    audit = audit_of(world, start_on=d("2016-03-02"), status=AuditStatus.DONE)
    june = committees.create_session(d("2016-06-09"))
    decision = committees.record_decision(DecisionInput(
        june, Outcome.GRANTED, Scheme.CEDRE, company_id=world.company_id, audit_id=audit))

    history = HistoryService(world.db).record_history("decision", decision)

    assert ("insert", "decision", "session_id", None, str(june)) in facts(history)
    assert history.names[("session_id", str(june))] == "09/06/2016"


def test_findings_made_before_the_history_began_are_found_kept_or_deleted(world):
    """An audit and its findings brought in by an import have no insert rows: a finding kept
    comes from the finding table, a deleted one from the row of its deletion."""
    audits = AuditService(world.db)
    audit = audit_of(world)
    kept = audits.add_finding(audit, FindingInput(FindingLevel.MINOR_NC, "Revue absente"))
    gone = audits.add_finding(audit, FindingInput(FindingLevel.STRENGTH, "Accueil"))
    neighbour = audit_of(world)  # its findings' rows must not come in
    audits.add_finding(neighbour, FindingInput(FindingLevel.STRENGTH, "Voisin"))
    with world.db.engine.begin() as conn:  # as if imported: no history before this point
        conn.execute(sa.delete(Change))
    audits.delete_finding(gone)
    audits.delete_finding(audits.findings(neighbour)[0].id)

    history = HistoryService(world.db).record_history("audit", audit, private_connection=True)

    assert [(r.action, r.table_name, r.record_id) for r in history.rows] == [
        ("delete", "finding", str(gone))]
    assert history.subjects == {("finding", str(kept)): "Revue absente"}


def test_the_record_s_own_number_is_left_out(world):
    history = HistoryService(world.db).record_history("audit", audit_of(world))
    assert history.rows and all(r.field != "id" for r in history.rows)


def test_decisions_are_named_by_their_file(world):
    committees = CommitteeService(world.db)
    audit = audit_of(world, start_on=d("2016-03-02"), status=AuditStatus.DONE)
    june = committees.create_session(d("2016-06-09"))
    decision = committees.record_decision(DecisionInput(
        june, Outcome.GRANTED, Scheme.CEDRE, company_id=world.company_id, audit_id=audit))
    history = HistoryService(world.db).record_history("committee_session", june)
    assert history.subjects == {("decision", str(decision)): "GDID"}


def test_a_company_s_record_history_is_its_for_record_without_the_links(world):
    companies = CompanyService(world.db)
    record = companies.get(world.company_id)
    companies.update(world.company_id, replace(record.data, town="Istres"), record.version)
    history = HistoryService(world.db).record_history("company", world.company_id)
    assert ("update", "company", "town", "Salon de Provence", "Istres") in facts(history)
    assert [r for r in HistoryService(world.db).for_record("company", world.company_id)
            if r.field not in ("company_id", "id")] == history.rows


def test_a_cancelled_decision_of_a_session_made_before_the_history_began_is_found(world):
    """The session's first row of history is then an edit made after some of its decisions:
    those are looked for from the start of the history."""
    committees = CommitteeService(world.db)
    audit = audit_of(world, start_on=d("2016-03-02"), status=AuditStatus.DONE)
    june = committees.create_session(d("2016-06-09"), "Paris")
    with world.db.engine.begin() as conn:  # as if imported: no history before this point
        conn.execute(sa.delete(Change))
    decision = committees.record_decision(DecisionInput(
        june, Outcome.GRANTED, Scheme.CEDRE, company_id=world.company_id, audit_id=audit))
    committees.delete_decision(decision)
    committees.update_session(june, d("2016-06-09"), "Lyon", "", SessionStatus.PLANNED, 1)

    history = HistoryService(world.db).record_history("committee_session", june)

    assert ("delete", "decision") in [(r.action, r.table_name) for r in history.rows]
    assert ("insert", "decision", "outcome", None, "granted") in facts(history)
