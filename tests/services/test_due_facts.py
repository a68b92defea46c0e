"""Reading the cycle facts for the due list (`services.due._read_facts`).

With `today`, only the audits that can still count on that day are read: those held after the
owner's last granting or renewing decision taken by `today`. Every test here checks that this
changes no status against reading every audit; the hand-built cases each fail if the filter
is made too aggressive in one way (a group's audits kept from its LATEST member's day only,
a member's group decisions forgotten, decisions after `today` taken into account, "engaged"
taken from the filtered audits).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import hypothesis
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from sqlalchemy.engine import Connection

from cedre_desk.audits.certificates import CycleError
from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services import due
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.settings import SettingsService
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CertificationGroup,
    CommitteeSession,
    Company,
    Decision,
    Engagement,
    GroupMember,
    ReferentialVersion,
)

DEMO_TODAY = date(2026, 3, 16)

Result = CycleStatus | str  # a status, or the message of the CycleError it raised


def _outcome(company_id: int, facts: Any, settings: Any, today: date) -> Result:
    try:
        return due._status(company_id, facts, settings, today)
    except CycleError as error:
        return f"CycleError: {error}"


def both_ways(
    conn: Connection, db: Database, today: date, company_ids: list[int] | None = None
) -> tuple[dict[int, Result], dict[int, Result], int, int]:
    """Every company's status read with the filter and without it, and how many audit facts
    each way read (so a test can tell the filter did leave something out)."""
    settings = SettingsService(db).load()
    ids = company_ids if company_ids is not None else list(conn.scalars(sa.select(Company.id)))
    filtered = due._read_facts(conn, company_ids, today)
    everything = due._read_facts(conn, company_ids)
    return (
        {cid: _outcome(cid, filtered, settings, today) for cid in ids},
        {cid: _outcome(cid, everything, settings, today) for cid in ids},
        sum(map(len, filtered.audits.values())),
        sum(map(len, everything.audits.values())),
    )


class Facts:
    """Facts written straight into the tables, on one connection (rolled back by the caller)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.version_id = conn.scalar(sa.select(sa.func.min(ReferentialVersion.id)))
        self.sessions: dict[date, int] = {}
        self.names = Counter[str]()

    def _insert(self, model: Any, **values: Any) -> int:
        result = self.conn.execute(sa.insert(model.__table__).values(**values))
        return int(result.inserted_primary_key[0])

    def company(self, name: str = "Structure") -> int:
        self.names[name] += 1
        return self._insert(Company, name=f"{name} {self.names[name]}", region="",
                            department="", town="", contact_name="", email="", phone="",
                            active=True, notes="", version=1)

    def group(self, *members: int) -> int:
        self.names["group"] += 1
        group_id = self._insert(CertificationGroup, name=f"Groupe {self.names['group']}",
                                notes="", version=1)
        for member in members:
            self.conn.execute(sa.insert(GroupMember.__table__).values(
                group_id=group_id, company_id=member))
        return group_id

    def session(self, on: date) -> int:
        if on not in self.sessions:
            self.sessions[on] = self._insert(CommitteeSession, held_on=on, place="",
                                             members="", status=SessionStatus.HELD, version=1)
        return self.sessions[on]

    def decision(self, on: date, outcome: Outcome, *, company: int | None = None,
                 group: int | None = None, valid: tuple[date, date] | None = None) -> None:
        valid_from, valid_until = valid if valid is not None else (None, None)
        self._insert(Decision, session_id=self.session(on), company_id=company,
                     group_id=group, outcome=outcome, scheme=Scheme.CEDRE,
                     valid_from=valid_from, valid_until=valid_until, conditions="", version=1)

    def audit(self, kind: AuditKind, held_on: date | None, *, company: int | None = None,
              group: int | None = None, status: AuditStatus = AuditStatus.DONE,
              start_only: bool = False) -> None:
        start, end = (held_on, None) if start_only else (held_on, held_on)
        if status is AuditStatus.PLANNED:
            start = end = None
        self._insert(Audit, company_id=company, group_id=group, kind=kind,
                     version_id=self.version_id, planned_on=held_on, start_on=start,
                     end_on=end, status=status, duration_days=1.0, conclusion="",
                     recommendation="", version=1)

    def engagement(self, company: int, on: date) -> None:
        self._insert(Engagement, company_id=company, started_on=on, notes="", version=1)


@pytest.fixture
def facts(db: Database) -> Iterator[Facts]:
    with db.engine.connect() as conn:
        transaction = conn.begin()
        yield Facts(conn)
        transaction.rollback()


def same_statuses(facts: Facts, db: Database, today: date) -> dict[int, Result]:
    filtered, everything, _, _ = both_ways(facts.conn, db, today)
    assert filtered == everything
    return filtered


def follow_ups_done(status: Result) -> list[bool]:
    assert isinstance(status, CycleStatus)
    return [event.done for event in status.events if event.ordinal > 0]


# --- the demo register ---------------------------------------------------------------------


def test_the_filter_changes_no_status_on_the_demo_register(db: Database) -> None:
    generate_demo(db, companies=300, seed=5, today=DEMO_TODAY)
    states: Counter[CompanyState] = Counter()
    with db.engine.connect() as conn:
        ids = list(conn.scalars(sa.select(Company.id)))
        assert conn.scalar(sa.select(sa.func.count()).select_from(GroupMember)) > 0
        # Today, past days (with decisions and audits after them), and a day to come.
        for today in (DEMO_TODAY, date(2025, 1, 1), date(2021, 6, 30), date(2017, 11, 30),
                      date(2014, 2, 1), date(2009, 1, 1), date(2028, 6, 1)):
            filtered, everything, read, all_read = both_ways(conn, db, today)
            assert filtered == everything, today
            assert read < all_read, today  # the filter did leave audits out
            states.update(s.state for s in filtered.values() if isinstance(s, CycleStatus))
            # Read for a few companies only, the same statuses again.
            some = ids[::7]
            scoped, _, _, _ = both_ways(conn, db, today, some)
            assert scoped == {cid: filtered[cid] for cid in some}, today
    # The register shows most states, so most paths through the rules were compared.
    assert {CompanyState.CERTIFIED, CompanyState.ENGAGED, CompanyState.WITHDRAWN,
            CompanyState.FOLLOW_UP_LATE, CompanyState.RENEWAL_DUE} <= set(states)


# --- the edges, one by one -----------------------------------------------------------------


def test_audits_after_the_decision_count_and_earlier_ones_do_not(facts: Facts,
                                                                  db: Database) -> None:
    company = facts.company()
    facts.decision(date(2015, 6, 11), Outcome.GRANTED, company=company)
    facts.audit(AuditKind.FOLLOW_UP, date(2015, 6, 11), company=company)  # same day: no
    facts.audit(AuditKind.FOLLOW_UP, date(2015, 6, 12), company=company)  # next day: yes
    statuses = same_statuses(facts, db, date(2017, 1, 1))
    assert follow_ups_done(statuses[company]) == [True, False]


def test_a_renewal_leaves_the_old_certificate_audits_behind(facts: Facts,
                                                           db: Database) -> None:
    company = facts.company()
    facts.decision(date(2012, 6, 14), Outcome.GRANTED, company=company)
    for year in (2013, 2014):
        facts.audit(AuditKind.FOLLOW_UP, date(year, 5, 2), company=company)
    facts.audit(AuditKind.RENEWAL, date(2015, 3, 3), company=company)
    facts.decision(date(2015, 6, 11), Outcome.RENEWED, company=company)
    facts.audit(AuditKind.FOLLOW_UP, date(2016, 5, 2), company=company)
    statuses = same_statuses(facts, db, date(2017, 8, 1))
    assert follow_ups_done(statuses[company]) == [True, False]
    # Before the renewal, the first certificate had both follow-ups and its renewal audit.
    before = same_statuses(facts, db, date(2015, 6, 1))[company]
    assert follow_ups_done(before) == [True, True]
    assert isinstance(before, CycleStatus)
    assert [e.done for e in before.events if e.kind is EventKind.RENEWAL_AUDIT] == [True]


def test_decisions_after_today_do_not_move_the_day(facts: Facts, db: Database) -> None:
    """On a past day, a later renewal is not taken yet: the audits between count."""
    company = facts.company()
    facts.decision(date(2012, 6, 14), Outcome.GRANTED, company=company)
    facts.audit(AuditKind.FOLLOW_UP, date(2013, 5, 2), company=company)
    facts.decision(date(2015, 6, 11), Outcome.RENEWED, company=company)
    statuses = same_statuses(facts, db, date(2014, 1, 1))
    assert follow_ups_done(statuses[company]) == [True, False]


def test_a_group_certificate_counts_the_group_audits_for_each_member(facts: Facts,
                                                                     db: Database) -> None:
    first, second = facts.company(), facts.company()
    group = facts.group(first, second)
    facts.decision(date(2014, 11, 20), Outcome.GRANTED, group=group)
    facts.audit(AuditKind.FOLLOW_UP, date(2015, 10, 1), group=group)
    statuses = same_statuses(facts, db, date(2016, 1, 1))
    assert follow_ups_done(statuses[first]) == [True, False]
    assert follow_ups_done(statuses[second]) == [True, False]


def test_group_audits_count_from_the_earliest_member_day(facts: Facts, db: Database) -> None:
    """One member certified on its own later: the group's audits still count for the other
    member from the group's decision on."""
    stays, leaves = facts.company(), facts.company()
    group = facts.group(stays, leaves)
    facts.decision(date(2014, 11, 20), Outcome.GRANTED, group=group)
    facts.audit(AuditKind.FOLLOW_UP, date(2015, 10, 1), group=group)
    facts.audit(AuditKind.FOLLOW_UP, date(2016, 10, 1), group=group)
    facts.decision(date(2016, 6, 9), Outcome.GRANTED, company=leaves)
    statuses = same_statuses(facts, db, date(2017, 1, 1))
    assert follow_ups_done(statuses[stays]) == [True, True]
    assert follow_ups_done(statuses[leaves]) == [True, False]


def test_a_company_in_two_groups_takes_the_latest_decision_of_either(facts: Facts,
                                                                     db: Database) -> None:
    company, other = facts.company(), facts.company()
    old, new = facts.group(company, other), facts.group(company)
    facts.decision(date(2013, 11, 21), Outcome.GRANTED, group=old)
    facts.decision(date(2015, 11, 19), Outcome.GRANTED, group=new)
    facts.audit(AuditKind.FOLLOW_UP, date(2014, 10, 1), group=old)
    facts.audit(AuditKind.FOLLOW_UP, date(2016, 10, 1), group=new)
    facts.audit(AuditKind.FOLLOW_UP, date(2016, 10, 2), company=other)
    statuses = same_statuses(facts, db, date(2017, 1, 1))
    assert follow_ups_done(statuses[company]) == [True, False]
    assert follow_ups_done(statuses[other]) == [True, True]


def test_audits_left_out_still_make_a_company_engaged(facts: Facts, db: Database) -> None:
    """The rules take a company with cycle audits as engaged: with no certifying decision
    every such audit is left out, and "engaged" must not depend on them."""
    own, member, later = facts.company(), facts.company(), facts.company()
    group = facts.group(member)
    facts.audit(AuditKind.FOLLOW_UP, date(2015, 10, 1), company=own)
    facts.audit(AuditKind.RENEWAL, date(2015, 10, 1), group=group, start_only=True)
    facts.audit(AuditKind.FOLLOW_UP, date(2015, 10, 1), company=later)
    facts.decision(date(2016, 6, 9), Outcome.GRANTED, company=later)  # not taken yet
    nothing = facts.company()
    statuses = same_statuses(facts, db, date(2016, 1, 1))
    states = {cid: s.state for cid, s in statuses.items() if isinstance(s, CycleStatus)}
    assert states == {own: CompanyState.ENGAGED, member: CompanyState.ENGAGED,
                      later: CompanyState.ENGAGED, nothing: CompanyState.NOT_ENGAGED}


def test_the_facts_are_shared_between_companies(facts: Facts, db: Database) -> None:
    """The same stored values make one fact object (they are frozen), whoever they are for."""
    first, second = facts.company(), facts.company()
    group = facts.group(first)
    for company in (first, second):
        facts.decision(date(2014, 11, 20), Outcome.GRANTED, company=company)
        facts.audit(AuditKind.FOLLOW_UP, date(2015, 10, 1), company=company)
    facts.decision(date(2015, 11, 19), Outcome.MAINTAINED, group=group)
    facts.decision(date(2015, 11, 19), Outcome.MAINTAINED, company=second)
    read = due._read_facts(facts.conn, None, date(2016, 1, 1))
    assert read.decisions[first][0] is read.decisions[second][0]
    assert read.decisions[first][1] is read.decisions[second][1]
    assert read.audits[first][0] is read.audits[second][0]


# --- any history ---------------------------------------------------------------------------

SESSION_DAYS = [date(2010, 6, 10), date(2011, 11, 17), date(2013, 6, 13), date(2014, 11, 20),
                date(2016, 6, 9), date(2017, 11, 23), date(2019, 6, 13), date(2020, 11, 19)]
# Days are drawn around the sessions, where the boundaries are: the day before, of and after
# a decision, and the months after it when follow-ups fall due and are held.
shifts = st.one_of(st.sampled_from([-1, 0, 1, 2]), st.integers(-60, 1300))
sessions = st.integers(0, len(SESSION_DAYS) - 1)
# Mostly what moves the cycle: certificates, and the audits held under them.
outcomes = st.one_of(st.sampled_from([Outcome.GRANTED, Outcome.RENEWED]), st.sampled_from(Outcome))
audit_kinds = st.one_of(st.sampled_from([AuditKind.FOLLOW_UP, AuditKind.RENEWAL]),
                        st.sampled_from(AuditKind))
audit_statuses = st.one_of(st.just(AuditStatus.DONE), st.sampled_from(AuditStatus))


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    """A few companies and groups, each file with its own decisions and the audits held
    around them (a group's audits and decisions count for its members)."""
    companies = draw(st.integers(min_value=1, max_value=4))
    groups = draw(st.lists(st.sets(st.integers(0, companies - 1),
                                   min_size=min(2, companies), max_size=3), max_size=2))
    owners = [("company", i) for i in range(companies)] + [("group", g)
                                                           for g in range(len(groups))]
    decisions, audits = [], []
    for owner in owners:
        taken = sorted(draw(st.sets(sessions, max_size=3)))
        for session in taken:
            outcome = draw(outcomes)
            valid = None
            if outcome.starts_certificate and draw(st.booleans()):
                start = SESSION_DAYS[session] + timedelta(days=draw(st.integers(0, 400)))
                valid = (start, add_months(start, 36) - timedelta(days=1))
            decisions.append((SESSION_DAYS[session], outcome, owner, valid))
        for _ in range(draw(st.integers(0, 3))):
            anchor = draw(st.sampled_from(taken) if taken else sessions)
            held_on = SESSION_DAYS[anchor] + timedelta(days=draw(shifts))
            audits.append((draw(audit_kinds), draw(audit_statuses), held_on, owner,
                           draw(st.booleans())))
    engaged = draw(st.sets(st.integers(0, companies - 1), max_size=2))
    today = SESSION_DAYS[draw(sessions)] + timedelta(days=draw(shifts))
    return dict(companies=companies, groups=groups, decisions=decisions, audits=audits,
                engaged=engaged, today=today)


def check_history(db: Database, history: dict[str, Any]) -> None:
    with db.engine.connect() as conn:
        transaction = conn.begin()  # each example rolled back: the register stays empty
        try:
            facts = Facts(conn)
            companies = [facts.company() for _ in range(history["companies"])]
            groups = [facts.group(*(companies[m] for m in sorted(members)))
                      for members in history["groups"]]

            def owner(of: tuple[str, int]) -> dict[str, int]:
                kind, index = of
                return {"company": companies[index]} if kind == "company" else {
                    "group": groups[index]}

            for on, outcome, of, valid in history["decisions"]:
                facts.decision(on, outcome, valid=valid, **owner(of))
            for kind, status, held_on, of, start_only in history["audits"]:
                facts.audit(kind, held_on, status=status, start_only=start_only, **owner(of))
            for index in history["engaged"]:
                facts.engagement(companies[index], date(2009, 1, 1))
            filtered, everything, _, _ = both_ways(conn, db, history["today"])
            assert filtered == everything
            scoped, _, _, _ = both_ways(conn, db, history["today"], companies[:1])
            assert scoped == {companies[0]: everything[companies[0]]}
        finally:
            transaction.rollback()


_ONE_REGISTER = [HealthCheck.function_scoped_fixture]  # fine: each example is rolled back


@hypothesis.settings(max_examples=150, deadline=None, suppress_health_check=_ONE_REGISTER)
@given(history=histories())
def test_the_filter_changes_no_status_whatever_the_history(db: Database,
                                                           history: dict[str, Any]) -> None:
    check_history(db, history)


@pytest.mark.slow
@hypothesis.settings(max_examples=4000, deadline=None, suppress_health_check=_ONE_REGISTER)
@given(history=histories())
def test_the_filter_changes_no_status_whatever_the_history_long(
        db: Database, history: dict[str, Any]) -> None:
    check_history(db, history)
