"""What undo and redo rest on: audits (with their findings), committee sessions and decisions
taken as records, deleted, put back under the same ids, and brought back to a former state,
each refused when the record changed elsewhere meanwhile (no Qt; both engines)."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.errors import ConflictError, NotFound, ValidationError
from cedre_desk.services.audit_records import AuditRecords
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committee_records import CommitteeRecords
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.due import CycleService
from cedre_desk.services.history import HistoryService
from cedre_desk.storage.models import StoredStatus

from .conftest import d


def audit_input(world, **changes) -> AuditInput:
    values = dict(kind=AuditKind.CERTIFICATION, version_id=world.v2, company_id=world.company_id,
                  start_on=d("2013-04-02"), end_on=d("2013-04-03"), status=AuditStatus.DONE,
                  duration_days=2, auditor_ids=(world.auditor_id,), conclusion="Bon audit")
    values.update(changes)
    return AuditInput(**values)


def audit_with_findings(world) -> int:
    audits = AuditService(world.db)
    audit_id = audits.create(audit_input(world))
    audits.add_finding(audit_id, FindingInput(FindingLevel.STRENGTH, "Projet social clair",
                                              world.requirement(world.v2)))
    audits.add_finding(audit_id, FindingInput(
        FindingLevel.MINOR_NC, "Revue de direction absente", world.requirement(world.v2),
        action="Tenir la revue", action_due=d("2013-09-30")))
    return audit_id


def test_a_deleted_audit_comes_back_with_its_findings_under_the_same_ids(world):
    records = AuditRecords(world.db)
    audit_id = audit_with_findings(world)
    before = records.take(audit_id)

    deleted = records.delete(audit_id, before)
    assert deleted == before
    with pytest.raises(NotFound):
        records.take(audit_id)
    restored = records.restore(deleted)

    assert restored == before  # same ids, contents, auditors and versions
    assert [f.text for f in AuditService(world.db).findings(audit_id)] == [
        "Projet social clair", "Revue de direction absente"]
    history = HistoryService(world.db).record_history("audit", audit_id).rows
    deletes = [r.table_name for r in history if r.action == "delete"]
    assert sorted(deletes) == ["audit", "audit_auditor", "finding", "finding"]
    inserts = [r.table_name for r in history if r.action == "insert" and r.field == "text"]
    assert inserts == ["finding"] * 4  # added, then put back


def test_undoing_a_creation_is_refused_once_the_audit_got_findings_elsewhere(world):
    records = AuditRecords(world.db)
    audit_id = AuditService(world.db).create(audit_input(world))
    created = records.take(audit_id)
    AuditService(world.db).add_finding(audit_id, FindingInput(FindingLevel.STRENGTH, "Ajout"))

    with pytest.raises(ConflictError) as refused:
        records.delete(audit_id, created)

    assert "1 constat(s) ont été ajoutés" in refused.value.fr
    assert "1 finding(s) were added" in refused.value.en
    assert len(records.take(audit_id).findings) == 1  # nothing changed


def test_an_audit_a_decision_rests_on_is_not_deleted(world):
    records = AuditRecords(world.db)
    audit_id = AuditService(world.db).create(audit_input(world))
    created = records.take(audit_id)
    committees = CommitteeService(world.db)
    session_id = committees.create_session(d("2013-06-13"))
    committees.record_decision(DecisionInput(session_id, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=audit_id))
    with pytest.raises(ValidationError) as refused:
        records.delete(audit_id, created)
    assert "décision" in refused.value.fr and "decision" in refused.value.en
    assert records.take(audit_id) == created


def test_an_edit_is_undone_and_redone_findings_included(world):
    audits, records = AuditService(world.db), AuditRecords(world.db)
    audit_id = audit_with_findings(world)
    before = records.take(audit_id)
    first, second = before.findings
    # One save of the editor: the audit changed, a finding changed, one removed, one added.
    audits.update(audit_id, audit_input(world, conclusion="Revu", duration_days=3),
                  before.version)
    audits.update_finding(second.id, replace(second.data, action="Revue faite"),
                          second.version)
    audits.delete_finding(first.id)
    added = audits.add_finding(audit_id, FindingInput(FindingLevel.MAJOR_NC, "Nouveau"))
    after = records.take(audit_id)

    undone = records.rewrite(before, after)
    assert undone.same_content(before)
    assert [f.id for f in undone.findings] == [first.id, second.id]
    assert audits.get(audit_id)[1].conclusion == "Bon audit"

    redone = records.rewrite(after, undone)
    assert redone.same_content(after)
    assert {f.id for f in redone.findings} == {second.id, added}


def test_an_undo_after_a_change_made_elsewhere_is_refused_and_overwrites_nothing(world):
    audits, records = AuditService(world.db), AuditRecords(world.db)
    audit_id = audit_with_findings(world)
    before = records.take(audit_id)
    audits.update(audit_id, audit_input(world, conclusion="Mien"), before.version)
    after = records.take(audit_id)
    # Someone else saves the audit (another user on the server, the command line).
    audits.update(audit_id, audit_input(world, conclusion="Le sien"), after.version)

    with pytest.raises(ConflictError) as refused:
        records.rewrite(before, after)
    assert "modifié ailleurs" in refused.value.fr and "rien n'a été changé" in refused.value.fr
    assert "changed elsewhere" in refused.value.en
    with pytest.raises(ConflictError):
        records.delete(audit_id, after)
    assert audits.get(audit_id)[1].conclusion == "Le sien"


def test_a_finding_changed_elsewhere_refuses_the_undo(world):
    audits, records = AuditService(world.db), AuditRecords(world.db)
    audit_id = audit_with_findings(world)
    before = records.take(audit_id)
    audits.update(audit_id, audit_input(world, conclusion="Mien"), before.version)
    after = records.take(audit_id)
    finding = after.findings[0]
    audits.update_finding(finding.id, replace(finding.data, text="Ailleurs"), finding.version)

    with pytest.raises(ConflictError):
        records.rewrite(before, after)
    assert audits.findings(audit_id)[0].text == "Ailleurs"
    assert audits.get(audit_id)[1].conclusion == "Mien"


# Sessions -------------------------------------------------------------------------------

def test_a_deleted_session_comes_back_under_its_id(db):
    committees, records = CommitteeService(db), CommitteeRecords(db)
    session_id = committees.create_session(d("2013-06-13"), "Paris", "Mme A, M. B",
                                           SessionStatus.HELD)
    record = records.take_session(session_id)
    committees.delete_session(session_id, record.version)
    assert records.restore_session(record) == session_id
    assert records.take_session(session_id) == record


def test_a_session_changed_elsewhere_is_not_deleted_by_an_undo(db):
    committees, records = CommitteeService(db), CommitteeRecords(db)
    session_id = committees.create_session(d("2013-06-13"), "Paris")
    created = records.take_session(session_id)
    committees.update_session(session_id, d("2013-06-13"), "Lyon", "", SessionStatus.PLANNED,
                              created.version)
    with pytest.raises(ConflictError):
        committees.delete_session(session_id, created.version)
    assert records.take_session(session_id).place == "Lyon"


def test_a_session_put_back_on_a_day_taken_meanwhile_is_refused(db):
    committees, records = CommitteeService(db), CommitteeRecords(db)
    session_id = committees.create_session(d("2013-06-13"), "Paris")
    record = records.take_session(session_id)
    committees.delete_session(session_id)
    committees.create_session(d("2013-06-13"), "Lyon")
    with pytest.raises(ValidationError) as refused:
        records.restore_session(record)
    assert "13/06/2013" in refused.value.fr


def test_a_session_that_got_a_decision_is_kept(world):
    committees = CommitteeService(world.db)
    session_id = committees.create_session(d("2013-06-13"))
    version = CommitteeRecords(world.db).take_session(session_id).version
    committees.record_decision(DecisionInput(session_id, Outcome.MAINTAINED, Scheme.CEDRE,
                                             company_id=world.company_id))
    with pytest.raises(ValidationError):
        committees.delete_session(session_id, version)


# Decisions ------------------------------------------------------------------------------

def stored_statuses(db) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(StoredStatus)) or 0


def test_a_cancelled_decision_comes_back_with_its_certificate_and_due_dates(world):
    committees, records = CommitteeService(world.db), CommitteeRecords(world.db)
    cycle = CycleService(world.db)
    audit_id = AuditService(world.db).create(audit_input(world))
    session_id = committees.create_session(d("2013-06-13"))
    decision_id = committees.record_decision(DecisionInput(
        session_id, Outcome.GRANTED, Scheme.CEDRE, company_id=world.company_id,
        audit_id=audit_id, conditions="Revoir la revue de direction"))
    day = d("2014-03-01")
    granted = cycle.status(world.company_id, day)
    assert granted.state is CompanyState.CERTIFIED
    record = records.take_decision(decision_id)
    assert record.certificate_number == "CEDRE-2013-0001"

    committees.delete_decision(decision_id, record.version)
    assert stored_statuses(world.db) == 0  # the stored status went with the decision
    assert cycle.status(world.company_id, day).state is not CompanyState.CERTIFIED
    assert records.restore_decision(record) == decision_id

    assert records.take_decision(decision_id) == record
    assert stored_statuses(world.db) == 0  # invalidated again: computed from the facts
    assert cycle.status(world.company_id, day) == granted


def test_a_decision_is_not_put_back_beside_another_one_on_the_same_file(world):
    committees, records = CommitteeService(world.db), CommitteeRecords(world.db)
    session_id = committees.create_session(d("2013-06-13"))
    decision = DecisionInput(session_id, Outcome.MAINTAINED, Scheme.CEDRE,
                             company_id=world.company_id)
    record = records.take_decision(committees.record_decision(decision))
    committees.delete_decision(record.id, record.version)
    committees.record_decision(replace(decision, outcome=Outcome.DEFERRED))
    with pytest.raises(ValidationError) as refused:
        records.restore_decision(record)
    assert "entre-temps" in refused.value.fr and "meanwhile" in refused.value.en


def test_a_company_changed_elsewhere_is_not_deleted_by_an_undo(world):
    from cedre_desk.services.companies import CompanyService

    companies = CompanyService(world.db)
    created = companies.get(world.company_id)
    companies.update(world.company_id, replace(created.data, town="Istres"), created.version)
    with pytest.raises(ConflictError) as refused:
        companies.delete(world.company_id, created.version)
    assert "rien n'a été changé" in refused.value.fr
    assert companies.get(world.company_id).data.town == "Istres"
