"""A company's file: identity, groups, timeline, audits, open actions, change history."""

from __future__ import annotations

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.company_file import (
    AUDIT,
    CERTIFICATE,
    DECISION,
    ENGAGEMENT,
    CompanyFileService,
)
from cedre_desk.services.groups import GroupLine, GroupService

from .conftest import d


def test_the_file_tells_the_company_s_certification_story(world):
    audits, committees = AuditService(world.db), CommitteeService(world.db)
    coach = AuditorService(world.db).create("Marc Coach")
    AuditorService(world.db).engage(world.company_id, d("2012-09-01"), coach)
    audit = audits.create(AuditInput(AuditKind.CERTIFICATION, world.v2,
                                     company_id=world.company_id, start_on=d("2013-04-02"),
                                     status=AuditStatus.DONE, auditor_ids=(world.auditor_id,)))
    audits.add_finding(audit, FindingInput(FindingLevel.MINOR_NC, "Revue absente",
                                           world.requirement(world.v2), action="Tenir la revue",
                                           action_due=d("2013-09-30")))
    audits.add_finding(audit, FindingInput(FindingLevel.STRENGTH, "Projet clair"))
    closed = audits.add_finding(audit, FindingInput(FindingLevel.MAJOR_NC, "Écart", action="X",
                                                    action_closed_on=d("2013-05-01")))
    session = committees.create_session(d("2013-06-13"), status=SessionStatus.HELD)
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=audit))
    group = GroupService(world.db).create("GES du Sud", [world.company_id])

    file = CompanyFileService(world.db).file(world.company_id, d("2013-10-01"))

    assert file.record.data.name == "GDID"
    assert file.groups == [GroupLine(group, "GES du Sud")]
    assert file.status.state is CompanyState.CERTIFIED
    assert [(e.kind, e.on) for e in file.timeline] == [
        (ENGAGEMENT, d("2012-09-01")), (AUDIT, d("2013-04-02")), (DECISION, d("2013-06-13")),
        (CERTIFICATE, d("2013-06-13"))]
    certificate = file.timeline[-1]
    assert (certificate.certificate_number, certificate.valid_until) == (
        "CEDRE-2013-0001", d("2016-06-12"))
    [line] = file.audits
    assert (line.kind, line.version, line.auditors) == (AuditKind.CERTIFICATION, "CEDRE V2",
                                                       "Claire Auditrice")
    assert (line.findings, line.minor_nc, line.major_nc) == (3, 1, 1)
    [action] = file.open_actions  # the strength needs none, the closed one is closed
    assert action.finding_id != closed
    assert (action.action, action.due, action.late) == ("Tenir la revue", d("2013-09-30"), True)


def test_a_group_s_audits_and_decisions_appear_in_each_member_s_file(world):
    member = CompanyService(world.db).create(CompanyInput(name="VILLETTE EMPLOI"))
    group = GroupService(world.db).create("APSV-VILLETTE", [member])
    AuditService(world.db).create(AuditInput(AuditKind.CERTIFICATION, world.v3, group_id=group,
                                             planned_on=d("2016-03-01")))
    file = CompanyFileService(world.db).file(member, d("2016-01-01"))
    [line] = file.audits
    assert (line.group, line.status) == ("APSV-VILLETTE", AuditStatus.PLANNED)
    assert [(e.kind, e.group) for e in file.timeline] == [(AUDIT, "APSV-VILLETTE")]
    assert CompanyFileService(world.db).file(world.company_id, d("2016-01-01")).audits == []


def test_the_change_history_of_the_record_newest_first(world):
    companies = CompanyService(world.db)
    version = companies.get(world.company_id).version
    data = companies.get(world.company_id).data
    companies.update(world.company_id, type(data)(**{**vars(data), "town": "Istres"}), version)

    changes = CompanyFileService(world.db).file(world.company_id, d("2020-01-01")).changes

    assert (changes[0].action, changes[0].field, changes[0].before, changes[0].after) == (
        "update", "town", "Salon de Provence", "Istres")
    assert {c.field for c in changes if c.action == "insert"} >= {"name", "town"}
    assert any(c.table_name == "company_legal_type" for c in changes)
    assert all(c.field != "company_id" for c in changes)
    assert all(c.user == "testeur" for c in changes)
