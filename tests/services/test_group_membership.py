"""Group membership has dates: a member shares the group's decisions and audits dated while
it belongs to the group (joined_on through left_on, both included; None: since always, still),
and a past year's figures never change when a member leaves (services/groups.py)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, CompanyState, Outcome, Scheme
from cedre_desk.errors import ConflictError, ValidationError
from cedre_desk.services import due
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.company_file import (
    AUDIT,
    CERTIFICATE,
    DECISION,
    CompanyFileService,
)
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import GroupLine, GroupService, Membership
from cedre_desk.services.history import HistoryService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.settings import SettingsService
from cedre_desk.services.statistics import StatisticsService
from cedre_desk.storage.models import StoredStatus

d = date.fromisoformat


class Register:
    def __init__(self, db):
        self.db = db
        self.groups = GroupService(db)
        self.committees = CommitteeService(db)
        self.sessions: dict[str, int] = {}

    def company(self, name: str) -> int:
        return CompanyService(self.db).create(CompanyInput(name=name))

    def audit(self, kind: AuditKind, on: str, group_id: int) -> int:
        version = ReferentialService(self.db).in_force(CEDRE, d(on))
        return AuditService(self.db).create(AuditInput(
            kind, version.id, group_id=group_id, start_on=d(on), status=AuditStatus.DONE))

    def decide(self, on: str, outcome: Outcome, group_id: int, audit: int | None = None) -> int:
        if on not in self.sessions:
            self.sessions[on] = self.committees.create_session(d(on))
        return self.committees.record_decision(DecisionInput(
            self.sessions[on], outcome, Scheme.CEDRE, group_id=group_id, audit_id=audit))

    def certify_alone(self, company_id: int, audit_on: str, on: str) -> None:
        version = ReferentialService(self.db).in_force(CEDRE, d(audit_on))
        audit = AuditService(self.db).create(AuditInput(
            AuditKind.CERTIFICATION, version.id, company_id=company_id, start_on=d(audit_on),
            status=AuditStatus.DONE))
        if on not in self.sessions:
            self.sessions[on] = self.committees.create_session(d(on))
        self.committees.record_decision(DecisionInput(
            self.sessions[on], Outcome.GRANTED, Scheme.CEDRE, company_id=company_id,
            audit_id=audit))

    def grant(self, group_id: int, audit_on: str, on: str) -> int:
        audit = self.audit(AuditKind.CERTIFICATION, audit_on, group_id)
        return self.decide(on, Outcome.GRANTED, group_id, audit)


@pytest.fixture
def register(db) -> Register:
    return Register(db)


def test_member_shares_group_decisions_only_while_member(register: Register, db):
    always = register.company("APSV-VILLETTE EMPLOI")
    later = register.company("VILLETTE EMPLOI SERVICE")
    gone = register.company("VILLETTE EMPLOI")
    groups = register.groups
    group = groups.create("GES Villette", [always])
    groups.add_member(group, later, d("2014-01-01"))
    groups.add_member(group, gone)
    groups.remove_member(group, gone, d("2013-03-01"))
    register.grant(group, "2013-05-02", "2013-06-13")
    register.audit(AuditKind.FOLLOW_UP, "2014-05-15", group)

    statuses = CycleService(db).statuses(d("2014-06-30"), keep=False)

    assert statuses[always].state is CompanyState.CERTIFIED
    # Joined after the grant: it shares the follow-up, not the certificate.
    assert statuses[later].certificate is None
    assert statuses[later].state is CompanyState.ENGAGED
    # Left before the grant: the certificate is not its.
    assert statuses[gone].certificate is None
    timeline = lambda cid: [e.kind for e in CompanyFileService(db).file(  # noqa: E731
        cid, d("2014-06-30")).timeline if e.group]
    assert DECISION in timeline(always)
    assert DECISION not in timeline(later) and DECISION not in timeline(gone)
    # Its follow-up audit is in the file of the member that joined before it, not the other's.
    assert timeline(later) == ["audit"] and timeline(gone) == []


def test_a_member_that_leaves_keeps_the_decisions_of_its_time_not_the_audits_after(
        register: Register, db):
    stays, leaves = register.company("GDID"), register.company("EMS")
    group = register.groups.create("GES du Sud", [stays, leaves])
    register.grant(group, "2013-05-02", "2013-06-13")
    register.groups.remove_member(group, leaves, d("2014-01-31"))
    register.audit(AuditKind.FOLLOW_UP, "2014-05-15", group)

    statuses = CycleService(db).statuses(d("2014-07-01"), keep=False)

    assert statuses[stays].certificate == statuses[leaves].certificate
    assert statuses[stays].certificate is not None
    assert statuses[stays].events[0].done
    # Gone, it is due nothing: the group's follow-up is neither its nor owed by it.
    assert (statuses[leaves].state, statuses[leaves].events) == (CompanyState.LEFT_GROUP, ())
    timeline = CompanyFileService(db).file(leaves, d("2014-07-01")).timeline
    assert [entry.kind for entry in timeline] == [AUDIT, DECISION, CERTIFICATE]  # not 2014's


def _stored(db) -> set[int]:
    with db.engine.connect() as conn:
        return set(conn.scalars(sa.select(StoredStatus.company_id)))


def test_member_that_left_its_group_on_31_january_2014_is_no_longer_certified_from_1_february(
        register: Register, db):
    """docs/cycle.md, 8: the group's certificate (13/06/2013, through 12/06/2016) is EMS's
    only while it belongs to the group, in the due list, the stored statuses, its file and
    the yearly figures."""
    stays, leaves = register.company("GDID"), register.company("EMS")
    group = register.groups.create("GES du Sud", [stays, leaves])
    register.grant(group, "2013-05-02", "2013-06-13")
    cycle = CycleService(db)
    assert {row.company_id for row in cycle.due(d("2014-01-15"))} == {stays, leaves}
    assert _stored(db) == {stays, leaves}

    register.groups.remove_member(group, leaves, d("2014-01-31"))

    assert _stored(db) == {stays}  # the membership changed: its stored status is forgotten
    assert cycle.status(leaves, d("2014-01-31")).state is CompanyState.CERTIFIED
    # Stored for 31/01, that status must not be read for 01/02.
    assert leaves in _stored(db)
    left = cycle.status(leaves, d("2014-02-01"))
    assert (left.state, left.left_group_on, left.events) == (
        CompanyState.LEFT_GROUP, d("2014-01-31"), ())
    assert {row.company_id for row in cycle.due(d("2014-02-01"))} == {stays}
    file = CompanyFileService(db).file(leaves, d("2014-02-01"))
    assert file.status == left
    assert file.groups == [GroupLine(group, "GES du Sud", None, d("2014-01-31"))]
    figures = StatisticsService(db)
    assert figures.yearly(2013).total.certified_at_year_end == 2
    assert figures.yearly(2014).total.certified_at_year_end == 1


def test_past_year_figures_unchanged_when_member_leaves(register: Register, db):
    h, i = register.company("H in the group"), register.company("I in the group")
    group = register.groups.create("GES Villette", [h, i])
    register.grant(group, "2015-05-04", "2015-06-11")
    register.audit(AuditKind.FOLLOW_UP, "2015-10-02", group)
    figures = StatisticsService(db)
    before = figures.yearly(2015).as_json()
    assert (before["newly_certified"], before["certified_at_year_end"],
            before["follow_up_audits"]) == (2, 2, 1)

    register.groups.remove_member(group, i, d("2016-03-01"))
    register.audit(AuditKind.FOLLOW_UP, "2016-05-02", group)

    assert figures.yearly(2015).as_json() == before
    assert register.groups.members(group) == [h]
    assert sorted(register.groups.members(group, on=d("2015-12-31"))) == sorted([h, i])


def test_leaving_is_recorded_in_the_register_and_its_history(register: Register, db):
    a, b = register.company("A"), register.company("B")
    group = register.groups.create("GES", [a, b], joined_on=d("2012-01-01"))
    register.groups.remove_member(group, b, d("2016-03-01"))

    assert register.groups.memberships(group) == [
        Membership(a, d("2012-01-01"), None), Membership(b, d("2012-01-01"), d("2016-03-01"))]
    assert register.groups.rows() == [(group, "GES", 1)]
    changes = HistoryService(db).for_record("group_member", f"{group}/{b}")
    assert [(c.action, c.field, c.after) for c in changes if c.action == "update"] == [
        ("update", "left_on", "2016-03-01")]


def test_an_edit_with_a_day_adds_and_removes_members_on_that_day(register: Register, db):
    a, b, c = (register.company(name) for name in "ABC")
    group = register.groups.create("GES", [a, b])
    register.groups.update(group, "GES", [a, c], "", 1, on=d("2017-01-01"))
    assert register.groups.memberships(group) == [
        Membership(a, None, None), Membership(b, None, d("2017-01-01")),
        Membership(c, d("2017-01-01"), None)]


def test_striking_out_a_member_that_shared_a_decision_is_refused(register: Register, db):
    a, b = register.company("A"), register.company("B")
    group = register.groups.create("GES", [a, b])
    register.grant(group, "2015-05-04", "2015-06-11")
    with pytest.raises(ValidationError) as refused:
        register.groups.update(group, "GES", [a], "", 1)
    assert "date de sa sortie" in refused.value.fr
    assert sorted(register.groups.members(group)) == sorted([a, b])
    # A member entered by mistake, who shared nothing, is struck out.
    c = register.company("C")
    register.groups.add_member(group, c, d("2016-01-01"))
    register.groups.update(group, "GES", [a, b], "", 1)
    assert sorted(register.groups.members(group)) == sorted([a, b])


@pytest.mark.parametrize("case", ["left before joined", "joins again", "leaves twice",
                                  "already a member"])
def test_impossible_memberships_are_refused_and_change_nothing(register: Register, db, case):
    a, b = register.company("A"), register.company("B")
    groups = register.groups
    group = groups.create("GES", [a], joined_on=d("2015-01-01"))
    groups.add_member(group, b)
    groups.remove_member(group, b, d("2016-01-01"))
    before = groups.memberships(group)
    with pytest.raises(ValidationError):
        if case == "left before joined":
            groups.remove_member(group, a, d("2014-12-31"))
        elif case == "joins again":
            groups.add_member(group, b, d("2017-01-01"))
        elif case == "leaves twice":
            groups.remove_member(group, b, d("2017-01-01"))
        else:
            groups.add_member(group, a, d("2017-01-01"))
    assert groups.memberships(group) == before


def test_the_facts_filter_keeps_the_statuses_with_dated_members(register: Register, db):
    """services.due reads fewer audits for a day (`_counts_since`): with membership dates it
    must still give the statuses that reading every audit gives."""
    a, b, c = (register.company(name) for name in "ABC")
    group = register.groups.create("GES", [a])
    register.groups.add_member(group, b, d("2015-01-01"))
    register.groups.add_member(group, c)
    register.grant(group, "2013-05-02", "2013-06-13")
    register.groups.remove_member(group, c, d("2014-03-01"))
    for on in ("2014-05-15", "2015-05-20"):
        register.audit(AuditKind.FOLLOW_UP, on, group)
    # Certified alone after leaving, its own follow-up held before the group's next grant:
    # that grant is not its, so it must not hide this audit.
    register.certify_alone(c, "2014-05-05", "2014-06-12")
    version = ReferentialService(db).in_force(CEDRE, d("2015-05-20"))
    AuditService(db).create(AuditInput(AuditKind.FOLLOW_UP, version.id, company_id=c,
                                       start_on=d("2015-05-21"), status=AuditStatus.DONE))
    register.grant(group, "2016-04-04", "2016-06-09")
    settings = SettingsService(db).load()
    with db.engine.connect() as conn:
        for today in (d("2014-06-30"), d("2015-12-31"), d("2016-12-31")):
            filtered = due._read_facts(conn, None, today)
            everything = due._read_facts(conn, None)
            assert ({cid: due._status(cid, filtered, settings, today) for cid in (a, b, c)}
                    == {cid: due._status(cid, everything, settings, today)
                        for cid in (a, b, c)}), today
        assert conn.scalar(sa.text("SELECT count(*) FROM group_member")) == 3
    status = CycleService(db).statuses(d("2016-12-31"), [c], keep=False)[c]
    assert status.certificate is not None and status.certificate.decided_on == d("2014-06-12")
    assert [event.done for event in status.events if event.ordinal > 0][:1] == [True]


def test_a_group_audit_report_lists_the_members_on_the_audit_day(register: Register, db):
    from cedre_desk.services.exporting import ExportService

    stays, gone, late = (register.company(name) for name in ("GDID", "EMS", "ISIS"))
    group = register.groups.create("GES du Sud", [stays, gone])
    register.groups.add_member(group, late, d("2016-01-01"))
    register.groups.remove_member(group, gone, d("2015-12-31"))
    audit = register.audit(AuditKind.FOLLOW_UP, "2015-11-02", group)

    report = ExportService(db).audit_report_data(audit, d("2016-02-01"))

    assert [site.name for site in report.sites] == ["EMS", "GDID"]


def test_a_company_s_membership_days_are_set_in_one_transaction_with_their_history(
        register: Register, db):
    ems, gdid = register.company("EMS"), register.company("GDID")
    south = register.groups.create("GES du Sud", [ems, gdid])
    north = register.groups.create("GES du Nord")
    groups = register.groups
    read = groups.groups_of(ems)
    assert read == [GroupLine(south, "GES du Sud")]

    groups.set_memberships(ems, [GroupLine(south, "GES du Sud", d("2012-01-01"),
                                           d("2014-01-31")),
                                 GroupLine(north, "GES du Nord", d("2014-02-01"))], read)

    assert groups.groups_of(ems) == [
        GroupLine(north, "GES du Nord", d("2014-02-01")),
        GroupLine(south, "GES du Sud", d("2012-01-01"), d("2014-01-31"))]
    changes = HistoryService(db).for_record("group_member", f"{south}/{ems}")
    assert {(c.field, c.after) for c in changes if c.action == "update"} == {
        ("joined_on", "2012-01-01"), ("left_on", "2014-01-31")}
    # What the form read is no longer so: refused, nothing written.
    with pytest.raises(ConflictError):
        groups.set_memberships(ems, [GroupLine(south, "GES du Sud")], read)
    # A day it left before it joined: refused whole, the other group's day not written.
    now = groups.groups_of(ems)
    with pytest.raises(ValidationError) as refused:
        groups.set_memberships(ems, [GroupLine(north, "GES du Nord", d("2014-03-01")),
                                     GroupLine(south, "GES du Sud", d("2014-01-31"),
                                               d("2013-01-31"))], now)
    assert refused.value.field == "left_on" and "précède" in refused.value.fr
    assert groups.groups_of(ems) == now
