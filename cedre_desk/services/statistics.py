"""The yearly figures the federation publishes in its activity report, computed from the register.

For a year Y, "the year" is 1 January to 31 December of Y, and a decision's date is the date
of the committee session that took it. The day asked for is the day: nothing dated after 31
December counts, so a past year's figures stay as they were. A decision or an audit of a group
counts for each company that was a member of the group on its day (membership dates:
services/groups.py), so a member leaving changes no past year's figures. The figures (keys of
the JSON output):

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
- `active_members`: companies that were members on 31 December (no "member since" date, or
  one on or before it) and active then: marked active as the register stood at the end of
  that day (the change history tells the flag's value before any later change, so marking a
  company inactive today changes no past year), or certified or engaged in the process on
  that day (a company in the process is an active member);
- `certified_share`: certified_at_year_end / active_members, rounded to 4 decimals (0 when
  there is no active member);
- `engaged_at_year_end`: companies engaged in the process on 31 December and not yet
  certified: an engagement started, or an audit of theirs (or of their group while they were
  in it) dated, on or before that day; no certificate by then, not withdrawn; members on that
  day (no "member since", or one on or before it).

`by_region` and `by_type` give the same company figures per region and per legal type (a
company with two types counts under both; follow-up audits count once per region or type of
the audited companies), with `certified_share` over that region's or type's active members.

The lists, as the activity report prints them: `newly_certified_lines`, per scheme, one line
per granting decision of the year, in the order of the sessions (then by name): the company,
or for a group's decision its members on that day, with legal types, town and department;
`engaged_companies`, the companies of `engaged_at_year_end` by name.

`le_cap`: the companies that ran Le Cap in the year (`companies`: an assessment of theirs held
in the year, or of their group while they were in it; counted once), of which `reviewed` by a
third party or a peer (`third_party`, else `peer`), `reviewed_share` = reviewed / companies
(4 decimals, 0 when none ran it); `by_region` the same per region, for the regions where a
company ran it (services/cap/figures.py).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    LegalType,
    Outcome,
    Scheme,
)
from cedre_desk.exports.statistics_figures import (
    PUBLISHED_SCHEMES,
    CapFigures,
    Figures,
    ListedCompany,
    PublishedLine,
    YearlyFigures,
)
from cedre_desk.exports.statistics_files import write_statistics_pdf, write_statistics_workbook
from cedre_desk.exports.workbook_model import WorkbookReport
from cedre_desk.services.cap.figures import CapRegionFigures, cap_year_figures
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import Membership
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CertificationGroup,
    Change,
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
_TYPE_ORDER = {legal_type.value: n for n, legal_type in enumerate(LegalType)}


@dataclass(frozen=True)
class _Counted:
    """The companies each company figure counts, for the whole register."""

    granted: set[int]
    entered: set[int]
    renewed: set[int]
    preparing: set[int]
    certified: dict[int, Scheme]
    active: set[int]
    engaged: set[int]


class StatisticsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def yearly(self, year: int) -> YearlyFigures:
        first_day, year_end = date(year, 1, 1), date(year, 12, 31)
        statuses = CycleService(self.db).statuses(year_end, keep=False)
        with self.db.engine.connect() as conn:
            members = _members(conn)
            companies = conn.execute(sa.select(
                Company.id, Company.region, Company.active, Company.member_since, Company.name,
                Company.town, Company.department)).all()
            types: dict[int, list[str]] = defaultdict(list)
            for cid, legal_type in conn.execute(
                    sa.select(CompanyLegalType.company_id, CompanyLegalType.legal_type)):
                types[cid].append(legal_type.value)
            active_then = _active_at_end_of(conn, year,
                                            {cid: active for cid, _r, active, *_ in companies})
            grants = _decisions(conn, year, Outcome.GRANTED)
            renewed = {owner for cid, gid, on, _ in _decisions(conn, year, Outcome.RENEWED)
                       for owner in _owners(cid, gid, on, members)}
            entered = set(conn.scalars(sa.select(Engagement.company_id).where(
                Engagement.started_on.between(first_day, year_end))))
            follow_ups = _follow_ups(conn, year, members)
            engaged_by_then = _engaged_by(conn, year_end, members)
            group_names: dict[int, str] = {gid: name for gid, name in conn.execute(
                sa.select(CertificationGroup.id, CertificationGroup.name))}

        certified: dict[int, Scheme] = {}
        preparing: set[int] = set()
        for cid, status in statuses.items():
            if status.state in VALID_STATES and status.certificate is not None:
                certified[cid] = status.certificate.scheme
                if status.certificate.valid_until.year == year + 1:
                    preparing.add(cid)
        members_then = {cid for cid, _region, _active, since, *_ in companies
                        if since is None or since <= year_end}
        engaged = {cid for cid in engaged_by_then & members_then
                   if statuses[cid].certificate is None
                   and statuses[cid].state is not CompanyState.WITHDRAWN}
        counted = _Counted(
            granted={owner for cid, gid, on, _ in grants
                     for owner in _owners(cid, gid, on, members)},
            entered=entered, renewed=renewed, preparing=preparing, certified=certified,
            active={cid for cid in members_then
                    if active_then[cid] or cid in certified or cid in engaged},
            engaged=engaged)

        def figures(ids: set[int]) -> Figures:
            held = sum(1 for audit_companies in follow_ups if audit_companies & ids)
            return _figures(ids, counted, held)

        regions: dict[str, set[int]] = defaultdict(set)
        by_type: dict[str, set[int]] = defaultdict(set)
        for cid, region, *_ in companies:
            regions[region or "—"].add(cid)
            for legal_type in types.get(cid, []):
                by_type[legal_type].add(cid)
        listed = {cid: ListedCompany(name, tuple(sorted(types.get(cid, []),
                                                        key=_TYPE_ORDER.__getitem__)),
                                     town, department)
                  for cid, _region, _active, _since, name, town, department in companies}
        cap = cap_year_figures(self.db, year)
        return YearlyFigures(
            year=year, total=_figures({cid for cid, *_ in companies}, counted, len(follow_ups)),
            by_region={name: figures(ids)
                       for name, ids in sorted(regions.items(), key=lambda r: _plain(r[0]))},
            by_type={name: figures(ids) for name, ids in sorted(by_type.items())},
            newly_certified_lines=_published_lines(grants, members, listed, group_names),
            engaged=tuple(sorted((listed[cid] for cid in engaged), key=_by_name)),
            cap=_cap(cap.total),
            cap_by_region=dict(sorted(((region.region or "—", _cap(region))
                                       for region in cap.regions), key=lambda r: _plain(r[0]))),
        )

    def write_workbook(self, year: int, target: Path, *, lang: str = "fr") -> WorkbookReport:
        return write_statistics_workbook(Path(target), self.yearly(year), lang=lang)

    def write_pdf(self, year: int, target: Path, *, printed_on: date, lang: str = "fr") -> Path:
        return write_statistics_pdf(Path(target), self.yearly(year), printed_on=printed_on,
                                    lang=lang)


def _figures(ids: set[int], counted: _Counted, follow_ups: int) -> Figures:
    certified_here = [counted.certified[cid] for cid in ids if cid in counted.certified]
    active_here = len(ids & counted.active)
    share = round(len(certified_here) / active_here, 4) if active_here else 0.0
    return Figures(
        newly_certified=len(ids & counted.granted), entered=len(ids & counted.entered),
        renewed=len(ids & counted.renewed), preparing_renewal=len(ids & counted.preparing),
        follow_up_audits=follow_ups, certified_at_year_end=len(certified_here),
        certified_by_scheme={scheme.value: certified_here.count(scheme) for scheme in Scheme},
        active_members=active_here, certified_share=share,
        engaged_at_year_end=len(ids & counted.engaged),
    )


def _cap(figures: CapRegionFigures) -> CapFigures:
    return CapFigures(figures.companies, figures.third_party, figures.peer)


def _by_name(company: ListedCompany) -> tuple[str, str]:
    """As a reader looks a name up: "AI Étape" with the E's, not after the Z's."""
    return _plain(company.name)


def _plain(name: str) -> tuple[str, str]:
    """A name's sort key: "Île-de-France" with the I's; "—" (no region) last, as it was."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold(), name


def _published_lines(grants: list[tuple[int | None, int | None, date, Scheme]],
                     members: _Members, listed: dict[int, ListedCompany],
                     group_names: dict[int, str]) -> dict[str, tuple[PublishedLine, ...]]:
    """One line per granting decision, its companies by name; a company already on its
    scheme's list (granted twice in the year) is not listed again."""
    lines: dict[str, list[tuple[date, PublishedLine]]] = {s: [] for s in PUBLISHED_SCHEMES}
    seen: set[tuple[str, int]] = set()
    for cid, gid, on, scheme in grants:
        owners = [o for o in _owners(cid, gid, on, members) if (scheme.value, o) not in seen]
        if not owners:
            continue
        seen.update((scheme.value, o) for o in owners)
        companies = tuple(sorted((listed[o] for o in owners), key=_by_name))
        group = group_names.get(gid) if gid is not None else None
        lines[scheme.value].append((on, PublishedLine(companies, group)))
    return {scheme: tuple(line for _, line in sorted(
                found, key=lambda item: (item[0], _by_name(item[1].companies[0]))))
            for scheme, found in lines.items()}


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


def _decisions(conn: Connection, year: int,
               outcome: Outcome) -> list[tuple[int | None, int | None, date, Scheme]]:
    """(company, group, day, scheme) of the year's decisions with `outcome`."""
    query = (sa.select(Decision.company_id, Decision.group_id, CommitteeSession.held_on,
                       Decision.scheme)
             .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
             .where(Decision.outcome == outcome,
                    CommitteeSession.held_on.between(date(year, 1, 1), date(year, 12, 31)))
             .order_by(CommitteeSession.held_on, Decision.id))
    return [(cid, gid, on, scheme) for cid, gid, on, scheme in conn.execute(query)]


def _follow_ups(conn: Connection, year: int, members: _Members) -> list[set[int]]:
    """The companies concerned by each follow-up audit done in the year, one set per audit."""
    held_on = sa.func.coalesce(Audit.end_on, Audit.start_on)
    query = sa.select(Audit.company_id, Audit.group_id, held_on.label("held_on")).where(
        Audit.kind == AuditKind.FOLLOW_UP, Audit.status.in_(_DONE),
        held_on.between(date(year, 1, 1), date(year, 12, 31)))
    return [set(_owners(cid, gid, on, members)) for cid, gid, on in conn.execute(query)]


def _active_at_end_of(conn: Connection, year: int, now: dict[int, bool]) -> dict[int, bool]:
    """Each company's `active` flag as the register stood at the end of 31 December of
    `year` (the history's times are UTC): its value `now`, unless the change history records
    a change of it since; then the value the first of those changes replaced."""
    flags = dict(now)
    year_over = datetime(year + 1, 1, 1, tzinfo=UTC).replace(tzinfo=None)  # stored naive UTC
    changes = conn.execute(
        sa.select(Change.record_id, Change.before)
        .where(Change.table_name == Company.__tablename__, Change.field == "active",
               Change.action == "update", Change.at >= year_over)
        .order_by(Change.at.desc(), Change.id.desc()))
    for record_id, before in changes:  # newest first: the first change's value is kept
        if record_id.isdigit() and int(record_id) in flags:
            flags[int(record_id)] = before == "1"
    return flags


def _engaged_by(conn: Connection, day: date, members: _Members) -> set[int]:
    """Companies with an engagement started, or an audit (of any kind, planned ones by their
    planned day) dated, on or before `day`: in the process by then, certified or not."""
    engaged = set(conn.scalars(sa.select(Engagement.company_id).where(
        Engagement.started_on <= day)))
    dated = sa.func.coalesce(Audit.end_on, Audit.start_on, Audit.planned_on)
    for cid, gid, on in conn.execute(
            sa.select(Audit.company_id, Audit.group_id, dated.label("on")).where(dated <= day)):
        engaged.update(_owners(cid, gid, on, members))
    return engaged
