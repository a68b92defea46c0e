"""The demonstration register: consistent, valid, deterministic, and every state on show."""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cedre_desk.audits.cycle import (
    AuditFact,
    Certificate,
    DecisionFact,
    certificate_validity,
    company_status,
    version_in_force,
)
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
)
from cedre_desk.errors import UserError
from cedre_desk.services.demo import DemoSummary, generate_demo
from cedre_desk.services.demo import names as demo_names
from cedre_desk.services.register import create_register
from cedre_desk.storage.database import Database

TODAY = date(2026, 3, 16)
COMPANIES = 60
TABLES = ("company", "company_legal_type", "certification_group", "group_member", "auditor",
          "coaching", "committee_session", "engagement", "audit", "audit_auditor", "finding",
          "decision")


@pytest.fixture
def demo(db: Database) -> tuple[Database, DemoSummary]:
    return db, generate_demo(db, companies=COMPANIES, seed=3, today=TODAY)


def rows(db: Database, sql: str) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.exec_driver_sql(sql).all())


def count(db: Database, sql: str) -> int:
    return int(rows(db, sql)[0][0])


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def day(text: Any) -> date:
    return text if isinstance(text, date) else date.fromisoformat(text)


# --- counts and integrity ------------------------------------------------------------------


def test_counts_match_the_summary(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    expected = {
        "company": summary.companies, "company_legal_type": summary.legal_types,
        "certification_group": summary.groups, "group_member": summary.group_members,
        "auditor": summary.auditors, "coaching": summary.coachings,
        "committee_session": summary.sessions, "engagement": summary.engagements,
        "audit": summary.audits, "audit_auditor": summary.audit_auditors,
        "finding": summary.findings, "decision": summary.decisions,
    }
    assert {t: count(db, f"SELECT count(*) FROM {t}") for t in TABLES} == expected
    assert summary.companies == COMPANIES
    assert summary.auditors == 3  # one per 25 companies, at least 3
    assert summary.sessions == 2 * (TODAY.year + 1 - 2005 + 1)
    assert summary.groups >= 1
    assert sum(summary.states.values()) == COMPANIES
    # The change history is not written for the demo (the catalogue's seeding is in it).
    listed = ", ".join(f"'{t}'" for t in TABLES)
    assert count(db, f"SELECT count(*) FROM change WHERE table_name IN ({listed})") == 0
    # About three findings per done certification, follow-up or renewal audit.
    done = count(db, "SELECT count(*) FROM audit WHERE status != 'planned' "
                     "AND kind IN ('certification', 'follow_up', 'renewal')")
    findings = count(db, "SELECT count(*) FROM finding JOIN audit ON audit.id = audit_id "
                         "WHERE kind IN ('certification', 'follow_up', 'renewal')")
    assert 2.5 <= findings / done <= 4.5


@pytest.mark.sqlite_only(reason="PRAGMA checks of the file; a server enforces foreign keys "
                                "itself and keeps its own pages sound")
def test_the_register_is_sound(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_sirets_are_valid_and_unique(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    sirets = [r[0] for r in rows(db, "SELECT siret FROM company")]
    given = [s for s in sirets if s is not None]
    assert all(re.fullmatch(r"[0-9]{14}", s) and luhn_ok(s) and luhn_ok(s[:9]) for s in given)
    assert len(set(given)) == len(given)
    assert 0 < len(sirets) - len(given) < len(sirets) * 0.3  # about 10 % have none


def test_audits_and_decisions_concern_a_company_or_a_group(
        demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    for table in ("audit", "decision"):
        assert count(db, f"SELECT count(*) FROM {table} "
                         "WHERE (company_id IS NULL) = (group_id IS NULL)") == 0
        assert count(db, f"SELECT count(*) FROM {table} WHERE group_id IS NOT NULL") > 0
    sizes = [r[0] for r in rows(db, "SELECT count(*) FROM group_member GROUP BY group_id")]
    assert sizes and all(2 <= n <= 4 for n in sizes)


def test_findings_rest_on_the_audited_versions(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    assert count(db, """
        SELECT count(*) FROM finding f
        JOIN audit a ON a.id = f.audit_id
        JOIN requirement r ON r.id = f.requirement_id
        WHERE r.version_id != a.version_id
          AND (a.iso_version_id IS NULL OR r.version_id != a.iso_version_id)""") == 0
    assert count(db, "SELECT count(*) FROM finding WHERE requirement_id IS NULL") == 0
    # Nonconformities carry a corrective action and its deadline, most of them closed.
    actions = rows(db, "SELECT level, action, action_due, action_closed_on FROM finding")
    nc_levels = (FindingLevel.MINOR_NC, FindingLevel.MAJOR_NC)
    ncs = [a for a in actions if a[0] in nc_levels]
    assert ncs and all(a[1] and a[2] for a in ncs)
    assert all(not a[1] and a[2] is None for a in actions if a[0] not in nc_levels)
    assert sum(a[3] is not None for a in ncs) > len(ncs) / 2


def test_audits_follow_the_version_in_force(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    versions = rows(db, """
        SELECT v.id, r.code, v.adopted_on FROM referential_version v
        JOIN referential r ON r.id = v.referential_id""")
    cedre = [(vid, day(adopted)) for vid, code, adopted in versions if code == "CEDRE"]
    audits = rows(db, "SELECT coalesce(start_on, planned_on), version_id, iso_version_id, "
                      "status FROM audit")
    for on, version_id, _iso, status in audits:
        assert version_id == version_in_force(cedre, day(on))
        if status != AuditStatus.PLANNED:
            assert day(on) < TODAY
    assert any(iso is not None for *_, iso, _ in audits)
    # Each audit has one lead auditor.
    assert count(db, "SELECT count(*) FROM audit WHERE id NOT IN "
                     "(SELECT audit_id FROM audit_auditor WHERE lead)") == 0
    assert count(db, "SELECT count(*) FROM (SELECT audit_id FROM audit_auditor WHERE lead "
                     "GROUP BY audit_id HAVING count(*) > 1) AS teams") == 0


def test_no_auditor_audits_a_company_they_coached(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    assert count(db, "SELECT count(*) FROM coaching") > 0
    assert count(db, """
        SELECT count(*) FROM audit_auditor aa
        JOIN audit a ON a.id = aa.audit_id
        JOIN coaching c ON c.auditor_id = aa.auditor_id
        WHERE c.company_id = a.company_id
           OR c.company_id IN (SELECT company_id FROM group_member WHERE group_id = a.group_id)
    """) == 0


# --- decisions and the cycle ---------------------------------------------------------------


def test_decisions_follow_the_cycle_rules(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    settings = CycleSettings()
    decisions = rows(db, """
        SELECT d.company_id, d.group_id, s.held_on, s.status, d.outcome, d.scheme,
               d.valid_from, d.valid_until, d.certificate_number, a.kind, a.status,
               coalesce(a.end_on, a.start_on)
        FROM decision d JOIN committee_session s ON s.id = d.session_id
        LEFT JOIN audit a ON a.id = d.audit_id
        ORDER BY s.held_on, d.id""")
    previous: dict[tuple[int | None, int | None], Certificate] = {}
    numbers = []
    for (company, group, held, session_status, outcome, scheme, valid_from, valid_until,
         number, kind, audit_status, audit_end) in decisions:
        held, outcome, scheme = day(held), Outcome(outcome), Scheme(scheme)
        assert session_status == "held" and held < TODAY
        if audit_status is not None:  # a decision rests on an audit held before it
            assert audit_status != AuditStatus.PLANNED and day(audit_end) <= held
        if outcome.starts_certificate:
            expected = certificate_validity(outcome, held, previous.get((company, group)),
                                            settings)
            assert (day(valid_from), day(valid_until)) == expected
            assert kind == (AuditKind.CERTIFICATION if outcome is Outcome.GRANTED
                            else AuditKind.RENEWAL)
            prefix = "CEDRE-ISO" if scheme is Scheme.CEDRE_ISO_9001 else "CEDRE"
            assert re.fullmatch(rf"{prefix}-{held.year}-\d{{4}}", number)
            numbers.append(number)
            previous[(company, group)] = Certificate(scheme, held, *expected)
        else:
            assert valid_from is None and valid_until is None and number is None
    assert len(numbers) == len(set(numbers))
    outcomes = Counter(Outcome(d[4]) for d in decisions)
    assert {Outcome.GRANTED, Outcome.RENEWED, Outcome.SUSPENDED, Outcome.WITHDRAWN} <= set(
        outcomes)


def read_states(db: Database, today: date) -> Counter[CompanyState]:
    """Each company's computed state from the facts read back (a group's count for its
    members), the way the register's cycle service reads them."""
    members: dict[int, list[int]] = defaultdict(list)
    for group, company in rows(db, "SELECT group_id, company_id FROM group_member"):
        members[group].append(company)

    def owners(company: int | None, group: int | None) -> list[int]:
        return [company] if company is not None else members[group or 0]

    decisions: dict[int, list[DecisionFact]] = defaultdict(list)
    for company, group, on, outcome, scheme, valid_from, valid_until in rows(db, """
            SELECT d.company_id, d.group_id, s.held_on, d.outcome, d.scheme, d.valid_from,
                   d.valid_until
            FROM decision d JOIN committee_session s ON s.id = d.session_id
            ORDER BY s.held_on, d.id"""):
        fact = DecisionFact(day(on), Outcome(outcome), Scheme(scheme),
                            valid_from and day(valid_from), valid_until and day(valid_until))
        for owner in owners(company, group):
            decisions[owner].append(fact)
    audits: dict[int, list[AuditFact]] = defaultdict(list)
    for company, group, kind, status, planned, done_on in rows(db, """
            SELECT company_id, group_id, kind, status, planned_on,
                   coalesce(end_on, start_on) FROM audit"""):
        status = AuditStatus(status)
        fact = AuditFact(AuditKind(kind), status, planned and day(planned),
                         day(done_on) if status.is_done else None)
        for owner in owners(company, group):
            audits[owner].append(fact)
    engaged = {r[0] for r in rows(db, "SELECT company_id FROM engagement")}
    sessions = [day(r[0]) for r in rows(db, "SELECT held_on FROM committee_session")]
    states: Counter[CompanyState] = Counter()
    for (company,) in rows(db, "SELECT id FROM company"):
        status = company_status(decisions[company], audits[company],
                                company in engaged or bool(audits[company]), sessions,
                                CycleSettings(), today)
        states[status.state] += 1
    return states


def test_every_state_is_on_show(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    states = read_states(db, TODAY)
    assert states == Counter(summary.states)
    for state in (CompanyState.CERTIFIED, CompanyState.FOLLOW_UP_LATE, CompanyState.SUSPENDED,
                  CompanyState.WITHDRAWN, CompanyState.ENGAGED):
        assert states[state] > 0, state
    assert states[CompanyState.LAPSED] + states[CompanyState.EXPIRED] > 0


# --- determinism and refusal ---------------------------------------------------------------


def dump(db: Database) -> dict[str, list[Any]]:
    return {t: rows(db, f"SELECT * FROM {t} ORDER BY 1, 2") for t in TABLES}


def test_same_seed_same_register_other_seed_other_register(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = create_register(tmp_path / f"{name}.sqlite")
        generate_demo(db, companies=COMPANIES, seed=seed, today=TODAY)
        dumps.append(dump(db))
        db.close()
    assert dumps[0] == dumps[1]
    assert dumps[0]["company"] != dumps[2]["company"]
    assert dumps[0]["audit"] != dumps[2]["audit"]


def test_refuses_a_register_that_holds_companies(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with pytest.raises(UserError) as error:
        generate_demo(db, companies=10, seed=1, today=TODAY)
    assert "vide" in error.value.fr and "empty" in error.value.en
    assert count(db, "SELECT count(*) FROM company") == summary.companies


# --- the federation's proportions ----------------------------------------------------------


def test_default_size_follows_the_federation(db: Database) -> None:
    summary = generate_demo(db, seed=1, today=TODAY)
    assert summary.companies == 530
    by_type = Counter(LegalType(r[0]) for r in rows(db, "SELECT legal_type FROM "
                                                        "company_legal_type"))
    # Each company's first type follows DOMAIN.md's counts; some carry a second one.
    for legal_type, expected in demo_names.TYPE_COUNTS:
        assert by_type[legal_type] >= expected
    assert count(db, "SELECT count(*) FROM (SELECT company_id FROM company_legal_type "
                     "GROUP BY company_id HAVING count(*) = 2) AS pairs") > 0
    departments = {(region, d) for region, _, deps in demo_names.REGIONS for d, _ in deps}
    places = rows(db, "SELECT region, department, email, contact_name, active FROM company")
    assert all((p[0], p[1]) in departments for p in places)
    assert all(p[2].endswith("@example.org") for p in places)
    inactive = sum(not p[4] for p in places)
    assert 0.02 * 530 <= inactive <= 0.10 * 530
    # CEDRE ISO 9001 for about a quarter of the certificates given since late 2013.
    schemes = Counter(r[0] for r in rows(db, """
        SELECT d.scheme FROM decision d JOIN committee_session s ON s.id = d.session_id
        WHERE d.outcome IN ('granted', 'renewed') AND s.held_on >= '2013-11-01'"""))
    share = schemes[Scheme.CEDRE_ISO_9001] / sum(schemes.values())
    assert 0.12 <= share <= 0.45


def test_a_renewal_whose_last_session_holds_a_follow_up_decision_comes_next_session(
        db: Database) -> None:
    """Seed 1 at 5,000 companies has a restored certificate ending 11/06/2014, two days
    before June 2014's session, and a decision of its at the session before: the demo
    stopped on "one decision per file and session" once sessions had their real days."""
    summary = generate_demo(db, companies=5_000, seed=1, today=date(2026, 11, 22))
    assert summary.companies == 5_000


@pytest.mark.slow
def test_twenty_thousand_companies_in_under_a_minute(db: Database) -> None:
    started = time.perf_counter()
    summary = generate_demo(db, companies=20_000, seed=1, today=TODAY)
    elapsed = time.perf_counter() - started
    assert summary.companies == 20_000
    assert summary.audits > 150_000 and summary.findings > 450_000
    assert elapsed < 60, f"{elapsed:.1f} s"
