"""The register read into the lines of the Excel register (exports/register_workbook.py).

The big sheets (audits, findings, the change history) are streamed: each is read while it is
written, row by row, so the export never holds 600,000 findings at once (it held every line of
every sheet, 732 MB at 20,000 companies). What an audit line needs from other tables (its
auditors, its finding counts) comes from selects ordered by audit, walked beside the audits in
step (a merge), not from dictionaries of 200,000 entries. Every select runs on the connection
given, in one transaction: the row counts announced to the writer are the rows it gets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.vocabulary import FindingLevel, LegalType
from cedre_desk.exports.register_workbook import (
    AuditLine,
    AuditorLine,
    ChangeLine,
    CoachingLine,
    CompanyLine,
    DecisionLine,
    DueLine,
    EngagementLine,
    FindingLine,
    GroupLine,
    MembershipLine,
    RegisterData,
    SessionLine,
)
from cedre_desk.exports.workbook_model import StreamedRows
from cedre_desk.services.groups import shares_on
from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    Auditor,
    CertificationGroup,
    Change,
    Coaching,
    CommitteeSession,
    Company,
    CompanyLegalType,
    Decision,
    Engagement,
    Finding,
    GroupMember,
    Referential,
    ReferentialVersion,
    Requirement,
)

_TYPE_ORDER = {legal_type: index for index, legal_type in enumerate(LegalType)}
_BATCH = 2_000  # rows fetched at a time from a streamed select


def version_names(conn: Connection) -> dict[int, str]:
    """Each referential version's display name: "CEDRE V3", "ISO 9001 2015"."""
    query = (sa.select(ReferentialVersion.id, Referential.code, ReferentialVersion.label)
             .join(Referential, Referential.id == ReferentialVersion.referential_id))
    return {vid: f"{code} {label}" for vid, code, label in conn.execute(query)}


def legal_types_by_company(conn: Connection) -> dict[int, str]:
    types: dict[int, list[LegalType]] = defaultdict(list)
    for company_id, legal_type in conn.execute(
            sa.select(CompanyLegalType.company_id, CompanyLegalType.legal_type)):
        types[company_id].append(legal_type)
    return {cid: ", ".join(t.value for t in sorted(ts, key=_TYPE_ORDER.__getitem__))
            for cid, ts in types.items()}


def due_lines(statuses: dict[int, CycleStatus], names: dict[int, tuple[str, str | None]],
              start: date | None = None, end: date | None = None) -> list[DueLine]:
    """Every event not done yet (within [start, end] when given), by date then company."""
    lines = []
    for company_id, status in statuses.items():
        scheme = status.certificate.scheme if status.certificate else None
        name, siret = names[company_id]
        for event in status.events:
            if event.done or (start and event.due < start) or (end and event.due > end):
                continue
            lines.append(DueLine(event.due, event.late, company_id, name, siret, event.kind,
                                 event.expected_session, status.state, scheme))
    lines.sort(key=lambda line: (line.due, line.company.casefold(), line.company_id))
    return lines


def register_lines(conn: Connection, statuses: dict[int, CycleStatus],
                   today: date) -> RegisterData:
    """The register's lines; the big sheets' are read when the writer iterates them, so
    `conn` must stay open (and in its transaction) until the workbook is written."""
    companies = _companies(conn, statuses, today)
    names = {c.id: (c.name, c.siret) for c in companies}
    group_names: dict[int, str] = dict(conn.execute(
        sa.select(CertificationGroup.id, CertificationGroup.name)).all())
    auditor_names: dict[int, str] = dict(conn.execute(sa.select(Auditor.id, Auditor.name)).all())
    return RegisterData(
        today=today,
        companies=companies,
        groups=[GroupLine(*row) for row in conn.execute(
            sa.select(CertificationGroup.id, CertificationGroup.name,
                      sa.func.count(GroupMember.company_id), CertificationGroup.notes)
            .outerjoin(GroupMember, sa.and_(GroupMember.group_id == CertificationGroup.id,
                                            shares_on(today)))
            .group_by(CertificationGroup.id).order_by(CertificationGroup.id))],
        memberships=_memberships(conn, names),
        auditors=[AuditorLine(*row) for row in conn.execute(
            sa.select(Auditor.id, Auditor.name, Auditor.email, Auditor.active)
            .order_by(Auditor.id))],
        coaching=[CoachingLine(auditor_names[a], c, *names[c], since)
                  for a, c, since in conn.execute(
                      sa.select(Coaching.auditor_id, Coaching.company_id, Coaching.since)
                      .order_by(Coaching.company_id, Coaching.auditor_id))],
        engagements=[
            EngagementLine(c, *names[c], started, auditor_names.get(coach or 0, ""), notes)
            for c, started, coach, notes in conn.execute(
                sa.select(Engagement.company_id, Engagement.started_on, Engagement.coach_id,
                          Engagement.notes)
                .order_by(Engagement.company_id, Engagement.started_on, Engagement.id))],
        audits=_audits(conn, names, group_names, auditor_names),
        findings=_findings(conn),
        sessions=[SessionLine(*row) for row in conn.execute(
            sa.select(CommitteeSession.held_on, CommitteeSession.place,
                      CommitteeSession.members, CommitteeSession.status)
            .order_by(CommitteeSession.held_on))],
        decisions=_decisions(conn, names, group_names),
        due=due_lines(statuses, names),
        changes=_streamed(conn, Change, ChangeLine, sa.select(
            Change.at, Change.user, Change.action, Change.table_name, Change.record_id,
            Change.field, Change.before, Change.after).order_by(Change.id)),
    )


def _count(conn: Connection, table: Any) -> int:
    return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def _rows(conn: Connection, query: sa.Select[Any]) -> Iterator[Any]:
    """`query`'s rows as they are fetched (a server-side cursor on PostgreSQL)."""
    return iter(conn.execute(query.execution_options(yield_per=_BATCH)))


def _streamed(conn: Connection, table: Any, line: Callable[..., Any],
              query: sa.Select[Any]) -> StreamedRows:
    return StreamedRows(_count(conn, table), lambda: (line(*row) for row in _rows(conn, query)))


def _memberships(conn: Connection, names: dict[int, tuple[str, str | None]]
                 ) -> list[MembershipLine]:
    """Every membership, former ones included, by group, then company, then entry."""
    lines = [MembershipLine(group, cid, *names[cid], joined, left)
             for group, cid, joined, left in conn.execute(
                 sa.select(CertificationGroup.name, GroupMember.company_id,
                           GroupMember.joined_on, GroupMember.left_on)
                 .join(CertificationGroup, CertificationGroup.id == GroupMember.group_id))]
    lines.sort(key=lambda line: (line.group.casefold(), line.group, line.company.casefold(),
                                 line.company_id))
    return lines


def _companies(conn: Connection, statuses: dict[int, CycleStatus],
               today: date) -> list[CompanyLine]:
    types = legal_types_by_company(conn)
    groups: dict[int, list[str]] = defaultdict(list)  # the groups of today only
    for company_id, name in conn.execute(
            sa.select(GroupMember.company_id, CertificationGroup.name)
            .join(CertificationGroup, CertificationGroup.id == GroupMember.group_id)
            .where(shares_on(today)).order_by(CertificationGroup.name)):
        groups[company_id].append(name)
    lines = []
    for row in conn.execute(
            sa.select(Company.id, Company.name, Company.siret, Company.region,
                      Company.department, Company.town, Company.contact_name, Company.email,
                      Company.phone, Company.member_since, Company.active, Company.notes)
            .order_by(Company.id)):
        (cid, name, siret, region, department, town, contact, email, phone, since, active,
         notes) = row
        status = statuses.get(cid)
        certificate = status.certificate if status else None
        lines.append(CompanyLine(
            cid, name, siret, types.get(cid, ""), region, department, town, contact, email,
            phone, since, active, "; ".join(groups.get(cid, ())),
            status.state if status else None, certificate.scheme if certificate else None,
            certificate.valid_until if certificate else None, notes))
    return lines


def _in_step(rows: Iterable[Sequence[Any]]) -> Callable[[int], list[Sequence[Any]]]:
    """A lookup into `rows` ordered by their first value (an audit id), for ids asked in
    increasing order: the rows of that id, read as the caller moves on."""
    source = iter(rows)
    pending = next(source, None)

    def take(audit_id: int) -> list[Sequence[Any]]:
        nonlocal pending
        while pending is not None and pending[0] < audit_id:
            pending = next(source, None)
        found = []
        while pending is not None and pending[0] == audit_id:
            found.append(pending)
            pending = next(source, None)
        return found

    return take


def _audits(conn: Connection, names: dict[int, tuple[str, str | None]],
            group_names: dict[int, str], auditor_names: dict[int, str]) -> StreamedRows:
    versions = version_names(conn)
    no_company: tuple[str, str | None] = ("", None)
    columns = (Audit.id, Audit.company_id, Audit.group_id, Audit.kind, Audit.version_id,
               Audit.iso_version_id, Audit.planned_on, Audit.start_on, Audit.end_on,
               Audit.status, Audit.duration_days, Audit.conclusion, Audit.recommendation)

    def produce() -> Iterator[AuditLine]:
        auditors = _in_step(_rows(conn, sa.select(AuditAuditor.audit_id, AuditAuditor.auditor_id)
                                  .order_by(AuditAuditor.audit_id, AuditAuditor.lead.desc(),
                                            AuditAuditor.auditor_id)))
        counts = _in_step(_rows(conn, sa.select(Finding.audit_id, Finding.level, sa.func.count())
                                .group_by(Finding.audit_id, Finding.level)
                                .order_by(Finding.audit_id)))
        for row in _rows(conn, sa.select(*columns).order_by(Audit.id)):
            (aid, cid, gid, kind, vid, iso, planned, start, end, status, duration, conclusion,
             recommendation) = row
            company, siret = names[cid] if cid is not None else no_company
            level = {found[1]: found[2] for found in counts(aid)}
            yield AuditLine(
                aid, cid, company, siret, group_names.get(gid or 0, ""), kind, versions[vid],
                versions.get(iso or 0, ""), planned, start, end, status, duration,
                "; ".join(auditor_names[found[1]] for found in auditors(aid)), conclusion,
                recommendation, *(level.get(lv, 0) for lv in FindingLevel))

    return StreamedRows(_count(conn, Audit), produce)


def _findings(conn: Connection) -> StreamedRows:
    versions = version_names(conn)
    subject = sa.func.coalesce(Company.name, CertificationGroup.name, "")
    query = (sa.select(Finding.audit_id, subject, Finding.position, Requirement.version_id,
                       Requirement.code, Requirement.title, Finding.level, Finding.text,
                       Finding.action, Finding.action_due, Finding.action_closed_on)
             .join(Audit, Audit.id == Finding.audit_id)
             .outerjoin(Company, Company.id == Audit.company_id)
             .outerjoin(CertificationGroup, CertificationGroup.id == Audit.group_id)
             .outerjoin(Requirement, Requirement.id == Finding.requirement_id)
             .order_by(Finding.audit_id, Finding.position, Finding.id))

    def produce() -> Iterator[FindingLine]:
        for aid, company, position, vid, code, title, level, text, action, due, closed \
                in _rows(conn, query):
            yield FindingLine(aid, company, position, versions.get(vid or 0, ""), code or "",
                              title or "", level, text, action, due, closed)

    return StreamedRows(_count(conn, Finding), produce)


def _decisions(conn: Connection, names: dict[int, tuple[str, str | None]],
               group_names: dict[int, str]) -> list[DecisionLine]:
    columns = (CommitteeSession.held_on, Decision.company_id, Decision.group_id,
               Decision.audit_id, Decision.outcome, Decision.scheme, Decision.certificate_number,
               Decision.valid_from, Decision.valid_until, Decision.conditions)
    query = (sa.select(*columns)
             .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
             .order_by(CommitteeSession.held_on, Decision.id))
    lines = []
    for on, cid, gid, aid, outcome, scheme, number, valid_from, valid_until, conditions in \
            conn.execute(query):
        company, siret = names[cid] if cid is not None else ("", None)
        lines.append(DecisionLine(on, cid, company, siret, group_names.get(gid or 0, ""), aid,
                                  outcome, scheme, number, valid_from, valid_until, conditions))
    return lines
