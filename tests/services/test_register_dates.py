"""One rule for the dates a register holds (audits/date_limits.py), used by every entrance:
the forms' saves (the services), the import, the window's date fields. So a register's own
export always imports back: a register holding a session, an audit, an engagement, a
coaching or a group membership (a former one too) on 01/01/1990 (the first day of the rule)
and a member since 01/01/1900 round-trips whole; a day before them, or more than ten years
ahead, is refused at the save with its field and its range in French and English, and nothing
changes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from cedre_desk.audits.date_limits import DATE_LIMITS
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.errors import ValidationError
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.groups import GroupLine, GroupService
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.register import create_register
from cedre_desk.storage.models import (
    Audit,
    Coaching,
    CommitteeSession,
    Company,
    Decision,
    Engagement,
    Finding,
    GroupMember,
)

FIRST = date(1990, 1, 1)  # the first certification date the rule takes
FIRST_MEMBER = date(1900, 1, 1)  # the first membership date
TODAY = date.today()  # the services judge a save against the user's day


def _early_register(db) -> None:
    """Every kind of dated record, on the first day the rule takes."""
    companies, auditors = CompanyService(db), AuditorService(db)
    company = companies.create(CompanyInput(name="ATELIER DU LAC", town="Annecy",
                                            legal_types=(LegalType.AI,),
                                            member_since=FIRST_MEMBER))
    other = companies.create(CompanyInput(name="RÉGIE NORD", town="Bourgoin",
                                          member_since=FIRST))
    auditor = auditors.create("Paul Martin")
    coach = auditors.create("Jeanne Blanc")
    auditors.add_coaching(coach, company, since=FIRST)
    auditors.engage(other, FIRST, coach_id=coach)
    v1 = next(v.id for v in ReferentialService(db).versions()
              if v.referential == CEDRE and v.label == "V1")
    audits = AuditService(db)
    audit = audits.create(AuditInput(AuditKind.CERTIFICATION, v1, company_id=company,
                                     planned_on=FIRST, start_on=FIRST, end_on=FIRST,
                                     status=AuditStatus.DONE, duration_days=1,
                                     auditor_ids=(auditor,)))
    audits.add_finding(audit, FindingInput(FindingLevel.MINOR_NC, "Revue de direction absente",
                                           action="Tenir la revue", action_due=FIRST,
                                           action_closed_on=FIRST))
    committees = CommitteeService(db)
    session = committees.create_session(FIRST, "Paris", status=SessionStatus.HELD)
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=company, audit_id=audit))
    groups = GroupService(db)
    lake, north = groups.create("GES Lac"), groups.create("GES Nord")
    groups.set_memberships(company, [GroupLine(lake, "GES Lac", FIRST, FIRST)], [])
    groups.set_memberships(other, [GroupLine(lake, "GES Lac", FIRST, FIRST + timedelta(1)),
                                   GroupLine(north, "GES Nord", FIRST + timedelta(2), None)],
                           [])


def _rows(db) -> dict[str, list[tuple]]:
    """The dated records, as a register holds them (ids aside)."""
    with db.engine.connect() as conn:
        return {
            "companies": sorted(conn.execute(sa.select(Company.name, Company.member_since))),
            "sessions": sorted(conn.execute(sa.select(CommitteeSession.held_on,
                                                      CommitteeSession.place))),
            "audits": sorted(conn.execute(sa.select(Audit.kind, Audit.planned_on,
                                                    Audit.start_on, Audit.end_on))),
            "findings": sorted(conn.execute(sa.select(Finding.text, Finding.action_due,
                                                      Finding.action_closed_on))),
            "decisions": sorted(conn.execute(sa.select(Decision.outcome, Decision.valid_from,
                                                       Decision.valid_until))),
            "engagements": sorted(conn.execute(sa.select(Engagement.started_on))),
            "coaching": sorted(conn.execute(sa.select(Coaching.since))),
            "memberships": sorted(conn.execute(
                sa.select(Company.name, GroupMember.joined_on, GroupMember.left_on)
                .join(GroupMember, GroupMember.company_id == Company.id))),
        }


def _sheets(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path, read_only=True)
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    workbook.close()
    return sheets


def test_a_register_with_dates_at_the_edge_of_the_rule_imports_its_own_export(db, tmp_path):
    _early_register(db)
    first = tmp_path / "registre.xlsx"
    ExportService(db).register(first, today=TODAY)
    copy = create_register(tmp_path / "copie.sqlite")
    try:
        result = ImportService(copy).run(first, today=TODAY)  # the default rule, no setting
        assert result.ok and result.written, result.problems
        assert _rows(copy) == _rows(db)
        assert _rows(copy)["sessions"] == [(FIRST, "Paris")]
        second = tmp_path / "copie.xlsx"
        ExportService(copy).register(second, today=TODAY)
    finally:
        copy.close()
    before, after = _sheets(first), _sheets(second)
    assert list(before) == list(after)
    for title in before:
        if title != "Historique":  # the import itself is new history
            assert before[title] == after[title], title


def test_the_rule_is_the_one_of_the_import():
    """The services, the import and the date fields read the same `DATE_LIMITS`."""
    assert DATE_LIMITS.dates(TODAY, "held_on")[0] == FIRST
    assert DATE_LIMITS.dates(TODAY, "member_since")[0] == FIRST_MEMBER
    assert DATE_LIMITS.dates(TODAY, "audit_start") == DATE_LIMITS.dates(TODAY)


BEFORE = FIRST - timedelta(days=1)
AHEAD = DATE_LIMITS.dates(TODAY)[1] + timedelta(days=1)


def _saves(db):
    """Each entrance of a dated record, as the forms call it: (what, save(day))."""
    company = CompanyService(db).create(CompanyInput(name="ISIS", town="Istres"))
    auditor = AuditorService(db).create("Paul Martin")
    group = GroupService(db).create("GES Provence")
    v3 = next(v.id for v in ReferentialService(db).versions()
              if v.referential == CEDRE and v.label == "V3")
    audit = AuditService(db).create(AuditInput(AuditKind.FOLLOW_UP, v3, company_id=company,
                                               planned_on=FIRST))
    return {
        "member_since": lambda day: CompanyService(db).create(CompanyInput(
            name="EMS", town="Montauban", member_since=day)),
        "session": lambda day: CommitteeService(db).create_session(day),
        "planned_on": lambda day: AuditService(db).create(AuditInput(
            AuditKind.FOLLOW_UP, v3, company_id=company, planned_on=day)),
        "start_on": lambda day: AuditService(db).create(AuditInput(
            AuditKind.FOLLOW_UP, v3, company_id=company, start_on=day, end_on=day,
            status=AuditStatus.DONE)),
        "action_due": lambda day: AuditService(db).add_finding(audit, FindingInput(
            FindingLevel.MINOR_NC, "Constat", action="Agir", action_due=day)),
        "engagement": lambda day: AuditorService(db).engage(company, day),
        "coaching": lambda day: AuditorService(db).add_coaching(auditor, company, since=day),
        "membership": lambda day: GroupService(db).set_memberships(
            company, [GroupLine(group, "GES Provence", day, None)], []),
    }


def _counts(db) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {model.__name__: conn.scalar(sa.select(sa.func.count()).select_from(model))
                for model in (Company, CommitteeSession, Audit, Finding, Engagement, Coaching,
                              GroupMember)}


@pytest.mark.parametrize("what", ["member_since", "session", "planned_on", "start_on",
                                  "action_due", "engagement", "coaching", "membership"])
def test_a_date_the_register_does_not_hold_is_refused_at_the_save(db, what):
    save = _saves(db)[what]
    before = _counts(db)
    first = FIRST_MEMBER if what == "member_since" else FIRST
    for day in (first - timedelta(days=1), AHEAD):
        with pytest.raises(ValidationError) as refused:
            save(day)
        first_fr, last_fr = f"{first:%d/%m/%Y}", f"{AHEAD - timedelta(days=1):%d/%m/%Y}"
        assert f"{day:%d/%m/%Y} hors de la plage admise ({first_fr} au {last_fr}) : faute " \
            "de frappe ?" in refused.value.fr
        assert f"{day.isoformat()} outside the range allowed ({first.isoformat()} to " \
            f"{(AHEAD - timedelta(days=1)).isoformat()}): a typing slip?" in refused.value.en
        assert _counts(db) == before  # nothing changed
    save(first)  # the first day of the rule is taken


def test_a_session_moved_before_the_rule_is_refused_and_kept(db):
    committees = CommitteeService(db)
    session = committees.create_session(FIRST, "Paris")
    with pytest.raises(ValidationError, match="Date de la session : 31/12/1989 hors de la"):
        committees.update_session(session, BEFORE, "Paris", "", SessionStatus.PLANNED, 1)
    assert [s.held_on for s in committees.sessions()] == [FIRST]
