"""The yearly figures the federation publishes in its activity report, computed from the register.

For a year Y, "the year" is 1 January to 31 December of Y, and a decision's date is the date
of the committee session that took it. A decision or an audit of a group counts for each
company that was a member of the group on its day (membership dates: services/groups.py), so
a member leaving changes no past year's figures. The figures (keys of the JSON output):

- `newly_certified`: companies with a GRANTED decision in the year (a company that starts
  again after its certificate expired counts again);
- `entered`: companies whose engagement in the process (démarche qualité) started in the year;
- `renewed`: companies with a RENEWED decision in the year;
- `preparing_renewal`: companies certified on 31 December (below) whose certificate expires
  during the next year: their renewal audit and committee are ahead of them;
- `follow_up_audits`: follow-up audits done in the year (held, reported or closed, dated by
  their end, else their start); an audit of a group counts once;
- `certified_at_year_end`: companies holding a valid certificate on 31 December, as the cycle
  rules say on that day (`company_status` with today = 31 December): certified, renewal due,
  or follow-up late (a late follow-up does not void a certificate); suspended, lapsed,
  expired and withdrawn certificates do not count;
- `certified_by_scheme`: the same, split by the certificate's scheme ("CEDRE",
  "CEDRE ISO 9001");
- `active_members`: companies marked active that were members on 31 December (no
  "member since" date, or one on or before it);
- `certified_share`: certified_at_year_end / active_members, rounded to 4 decimals (0 when
  there is no active member).

`by_region` and `by_type` give the same company figures per region and per legal type (a
company with two types counts under both; follow-up audits count once per region or type of
the audited companies), with `certified_share` over that region's or type's active members.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, CompanyState, Outcome, Scheme
from cedre_desk.exports.statistics_figures import Figures, YearlyFigures
from cedre_desk.exports.statistics_files import write_statistics_pdf, write_statistics_workbook
from cedre_desk.exports.workbook_writer import WorkbookReport
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import Membership
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CommitteeSession,
    Company,
    CompanyLegalType,
    Decision,
    Engagement,
    GroupMember,
)

VALID_STATES = frozenset({CompanyState.CERTIFIED, CompanyState.RENEWAL_DUE,
                          CompanyState.FOLLOW_UP_LATE})
_DONE = [s for s in AuditStatus if s.is_done]


class StatisticsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def yearly(self, year: int) -> YearlyFigures:
        year_end = date(year, 12, 31)
        statuses = CycleService(self.db).statuses(year_end, keep=False)
        with self.db.engine.connect() as conn:
            members = _members(conn)
            companies = conn.execute(sa.select(Company.id, Company.region, Company.active,
                                               Company.member_since)).all()
            types: dict[int, list[str]] = defaultdict(list)
            for cid, legal_type in conn.execute(
                    sa.select(CompanyLegalType.company_id, CompanyLegalType.legal_type)):
                types[cid].append(legal_type.value)
            granted = _decided(conn, year, Outcome.GRANTED, members)
            renewed = _decided(conn, year, Outcome.RENEWED, members)
            entered = set(conn.scalars(sa.select(Engagement.company_id).where(
                Engagement.started_on.between(date(year, 1, 1), year_end))))
            follow_ups = _follow_ups(conn, year, members)

        certified: dict[int, Scheme] = {}
        preparing: set[int] = set()
        for cid, status in statuses.items():
            if status.state in VALID_STATES and status.certificate is not None:
                certified[cid] = status.certificate.scheme
                if status.certificate.valid_until.year == year + 1:
                    preparing.add(cid)
        active = {cid for cid, _region, is_active, since in companies
                  if is_active and (since is None or since <= year_end)}

        def figures(ids: set[int]) -> Figures:
            held = sum(1 for audit_companies in follow_ups if audit_companies & ids)
            return _figures(ids, granted, entered, renewed, preparing, held, certified, active)

        everyone = {cid for cid, *_ in companies}
        regions: dict[str, set[int]] = defaultdict(set)
        by_type: dict[str, set[int]] = defaultdict(set)
        for cid, region, *_ in companies:
            regions[region or "—"].add(cid)
            for legal_type in types.get(cid, []):
                by_type[legal_type].add(cid)
        total = _figures(everyone, granted, entered, renewed, preparing, len(follow_ups),
                         certified, active)
        return YearlyFigures(
            year=year, total=total,
            by_region={name: figures(ids) for name, ids in sorted(regions.items())},
            by_type={name: figures(ids) for name, ids in sorted(by_type.items())},
        )

    def write_workbook(self, year: int, target: Path, *, lang: str = "fr") -> WorkbookReport:
        return write_statistics_workbook(Path(target), self.yearly(year), lang=lang)

    def write_pdf(self, year: int, target: Path, *, printed_on: date, lang: str = "fr") -> Path:
        return write_statistics_pdf(Path(target), self.yearly(year), printed_on=printed_on,
                                    lang=lang)


def _figures(ids: set[int], granted: set[int], entered: set[int], renewed: set[int],
             preparing: set[int], follow_ups: int, certified: dict[int, Scheme],
             active: set[int]) -> Figures:
    certified_here = [certified[cid] for cid in ids if cid in certified]
    active_here = len(ids & active)
    share = round(len(certified_here) / active_here, 4) if active_here else 0.0
    return Figures(
        newly_certified=len(ids & granted), entered=len(ids & entered),
        renewed=len(ids & renewed), preparing_renewal=len(ids & preparing),
        follow_up_audits=follow_ups, certified_at_year_end=len(certified_here),
        certified_by_scheme={scheme.value: certified_here.count(scheme) for scheme in Scheme},
        active_members=active_here, certified_share=share,
    )


_Members = dict[int, list[Membership]]


def _members(conn: Connection) -> _Members:
    members: _Members = defaultdict(list)
    for group_id, company_id, joined_on, left_on in conn.execute(sa.select(
            GroupMember.group_id, GroupMember.company_id, GroupMember.joined_on,
            GroupMember.left_on)):
        members[group_id].append(Membership(company_id, joined_on, left_on))
    return members


def _owners(company_id: int | None, group_id: int | None, on: date,
            members: _Members) -> Iterable[int]:
    """The company a decision or audit dated `on` is for: its own, or its group's members
    on that day."""
    if company_id is not None:
        return [company_id]
    return [m.company_id for m in members.get(group_id or 0, []) if m.holds_on(on)]


def _decided(conn: Connection, year: int, outcome: Outcome, members: _Members) -> set[int]:
    query = (sa.select(Decision.company_id, Decision.group_id, CommitteeSession.held_on)
             .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
             .where(Decision.outcome == outcome,
                    CommitteeSession.held_on.between(date(year, 1, 1), date(year, 12, 31))))
    return {owner for cid, gid, on in conn.execute(query)
            for owner in _owners(cid, gid, on, members)}


def _follow_ups(conn: Connection, year: int, members: _Members) -> list[set[int]]:
    """The companies concerned by each follow-up audit done in the year, one set per audit."""
    held_on = sa.func.coalesce(Audit.end_on, Audit.start_on)
    query = sa.select(Audit.company_id, Audit.group_id, held_on.label("held_on")).where(
        Audit.kind == AuditKind.FOLLOW_UP, Audit.status.in_(_DONE),
        held_on.between(date(year, 1, 1), date(year, 12, 31)))
    return [set(_owners(cid, gid, on, members)) for cid, gid, on in conn.execute(query)]
