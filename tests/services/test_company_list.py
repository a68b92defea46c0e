"""The companies list: identity, version of the latest audit, computed state and next event."""

from __future__ import annotations

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.company_list import CompanyListService
from cedre_desk.services.groups import GroupService

from .conftest import d


def certify(world, company_id, version_id, audit_on, session_on, scheme=Scheme.CEDRE,
            iso_version_id=None):
    audit = AuditService(world.db).create(AuditInput(
        AuditKind.CERTIFICATION, version_id, company_id=company_id, start_on=audit_on,
        status=AuditStatus.DONE, iso_version_id=iso_version_id))
    session = CommitteeService(world.db).create_session(session_on, status=SessionStatus.HELD)
    CommitteeService(world.db).record_decision(DecisionInput(
        session, Outcome.GRANTED, scheme, company_id=company_id, audit_id=audit))
    return audit


def test_a_certified_company_shows_its_scheme_version_state_and_next_event(world):
    certify(world, world.company_id, world.v3, d("2016-04-02"), d("2016-06-09"),
            Scheme.CEDRE_ISO_9001, iso_version_id=world.iso)
    other = CompanyService(world.db).create(CompanyInput(
        name="AGIRE 76", legal_types=(LegalType.ETTI, LegalType.AI), town="Bolbec",
        department="76", region="Haute-Normandie"))

    rows = {r.id: r for r in CompanyListService(world.db).rows(d("2017-07-01"))}

    gdid = rows[world.company_id]
    assert (gdid.name, gdid.town, gdid.department) == ("GDID", "Salon de Provence", "13")
    assert gdid.scheme is Scheme.CEDRE_ISO_9001
    assert gdid.version == "V3 + ISO 9001 2015"
    assert gdid.state is CompanyState.FOLLOW_UP_LATE
    assert (gdid.next_event, gdid.next_due, gdid.late) == (
        EventKind.FOLLOW_UP_1, d("2017-06-09"), True)
    agire = rows[other]
    assert set(agire.legal_types) == {"AI", "ETTI"}
    assert (agire.region, agire.scheme, agire.version) == ("Haute-Normandie", None, "")
    assert (agire.state, agire.next_event, agire.next_due) == (CompanyState.NOT_ENGAGED,
                                                               None, None)


def test_rows_come_by_name_and_can_be_limited_to_some_companies(world):
    companies = CompanyService(world.db)
    b = companies.create(CompanyInput(name="b lower case"))
    a = companies.create(CompanyInput(name="AAA"))
    service = CompanyListService(world.db)
    assert [r.name for r in service.rows(d("2020-01-01"))] == ["AAA", "GDID", "b lower case"]
    assert [r.id for r in service.rows(d("2020-01-01"), [b, a])] == [a, b]


def test_the_version_is_the_latest_audit_s_own_or_of_a_group(world):
    certify(world, world.company_id, world.v2, d("2013-04-02"), d("2013-06-13"))
    member = CompanyService(world.db).create(CompanyInput(name="VILLETTE EMPLOI"))
    group = GroupService(world.db).create("APSV-VILLETTE", [member, world.company_id])
    AuditService(world.db).create(AuditInput(AuditKind.FOLLOW_UP, world.v3, group_id=group,
                                             planned_on=d("2016-03-01")))
    rows = {r.id: r for r in CompanyListService(world.db).rows(d("2015-01-01"))}
    assert rows[member].version == "V3"
    assert rows[world.company_id].version == "V3"  # the group's audit is the later one
    assert rows[member].state is CompanyState.ENGAGED


def test_statuses_computed_by_the_caller_are_used_and_completed(world):
    certify(world, world.company_id, world.v3, d("2016-04-02"), d("2016-06-09"))
    service = CompanyListService(world.db)
    from cedre_desk.services.due import CycleService

    earlier = CycleService(world.db).statuses(d("2016-07-01"))
    added = CompanyService(world.db).create(CompanyInput(name="Nouvelle"))
    rows = {r.id: r for r in service.rows(d("2017-07-01"), statuses=earlier)}
    assert rows[world.company_id].state is CompanyState.CERTIFIED  # the statuses given
    assert rows[added].state is CompanyState.NOT_ENGAGED  # computed for the newcomer


def test_on_the_same_day_the_group_s_audit_is_taken_the_first_group_by_id(world):
    audits = AuditService(world.db)
    groups = GroupService(world.db)
    first = groups.create("Groupe A", [world.company_id])
    second = groups.create("Groupe B", [world.company_id])
    for version, owner in ((world.v2, dict(company_id=world.company_id)),
                           (world.v3, dict(group_id=second)), (world.v3, dict(group_id=first))):
        audits.create(AuditInput(AuditKind.INTERNAL, version, planned_on=d("2020-03-01"),
                                 iso_version_id=world.iso if owner.get("group_id") == first
                                 else None, **owner))
    [row] = [r for r in CompanyListService(world.db).rows(d("2020-01-01"))
             if r.id == world.company_id]
    assert row.version == "V3 + ISO 9001 2015"  # the audit of "Groupe A", created last


def _reference_latest(db) -> dict[int, tuple[int, int | None]]:
    """Each company's latest audit, its groups' included, by plain Python over every audit:
    by day (end, start or planned), then by id; on the same day a group's audit (the first
    group by id) before the company's own."""
    import sqlalchemy as sa

    from cedre_desk.storage.models import Audit, GroupMember

    with db.engine.connect() as conn:
        audits = conn.execute(sa.select(Audit.id, Audit.company_id, Audit.group_id,
                                        Audit.version_id, Audit.iso_version_id, Audit.end_on,
                                        Audit.start_on, Audit.planned_on)).all()
        members = conn.execute(sa.select(GroupMember.group_id, GroupMember.company_id)).all()
    latest: dict[tuple[str, int], tuple] = {}
    for a in audits:
        owner = ("company", a.company_id) if a.company_id else ("group", a.group_id)
        key = (a.end_on or a.start_on or a.planned_on, a.id)
        if owner not in latest or key > latest[owner][0]:
            latest[owner] = (key, a.version_id, a.iso_version_id)
    candidates: dict[int, list[tuple]] = {}
    for group_id, company_id in sorted(members):
        if ("group", group_id) in latest:
            candidates.setdefault(company_id, []).append(latest["group", group_id])
    for (kind, owner_id), found in latest.items():
        if kind == "company":
            candidates.setdefault(owner_id, []).append(found)
    result = {}
    for company_id, found in candidates.items():
        best = found[0]
        for other in found[1:]:
            if other[0][0] > best[0][0]:  # a later day only: the first one keeps a tie
                best = other
        result[company_id] = (best[1], best[2])
    return result


def test_the_latest_versions_read_in_sql_match_a_plain_reading_on_a_demo_register(db):
    from cedre_desk.services.company_list import _latest_versions
    from cedre_desk.services.demo import generate_demo

    generate_demo(db, companies=60, seed=3, today=d("2026-03-01"))
    with db.engine.connect() as conn:
        found = _latest_versions(conn)
    assert found == _reference_latest(db)
    assert len(found) > 40 and any(iso for _, iso in found.values())
