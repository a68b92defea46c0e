"""A company's file: identity, groups, where it stands, its certification history (timeline),
its audits, its open corrective actions and the change history of its record.

A group's audits and decisions belong to each member (as the cycle rules count them), so they
appear in every member's file, marked with the group's name: those dated while it belonged to
the group (an undated planned audit: while it still belongs to it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel, Outcome, Scheme
from cedre_desk.services.cap.plan import ActionRow, CapPlanService
from cedre_desk.services.companies import CompanyRecord, CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import GroupLine, GroupService, shares_on
from cedre_desk.services.history import ChangeRow, HistoryService
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    Auditor,
    CommitteeSession,
    Decision,
    Engagement,
    Finding,
    GroupMember,
    Referential,
    ReferentialVersion,
    Requirement,
)

ENGAGEMENT, AUDIT, DECISION, CERTIFICATE = "engagement", "audit", "decision", "certificate"


@dataclass(frozen=True)
class TimelineEntry:
    on: date | None
    kind: str  # ENGAGEMENT, AUDIT, DECISION or CERTIFICATE
    record_id: int
    audit_kind: AuditKind | None = None
    audit_status: AuditStatus | None = None
    outcome: Outcome | None = None
    scheme: Scheme | None = None
    certificate_number: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    group: str = ""  # the group's name when the fact is the group's


@dataclass(frozen=True)
class AuditLine:
    id: int
    kind: AuditKind
    status: AuditStatus
    on: date | None  # held (start) date, else planned date
    version: str
    auditors: str
    findings: int
    minor_nc: int
    major_nc: int
    group: str = ""


@dataclass(frozen=True)
class OpenAction:
    finding_id: int
    audit_id: int
    audit_on: date | None
    level: FindingLevel
    requirement: str  # the requirement's code
    text: str
    action: str
    due: date | None
    late: bool


@dataclass(frozen=True)
class CompanyFile:
    record: CompanyRecord
    groups: list[GroupLine]  # former groups too, by name
    status: CycleStatus
    timeline: list[TimelineEntry]
    audits: list[AuditLine]
    open_actions: list[OpenAction]
    changes: list[ChangeRow]  # the record's change history, newest first
    cap_actions: list[ActionRow] = field(default_factory=list)  # open Le Cap plan actions


class CompanyFileService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def file(self, company_id: int, today: date) -> CompanyFile:
        record = CompanyService(self.db).get(company_id)  # NotFound when deleted meanwhile
        status = CycleService(self.db).status(company_id, today)
        groups = GroupService(self.db).groups_of(company_id)
        with self.db.engine.connect() as conn:
            group_names = {group.group_id: group.name for group in groups}
            owned = _owned(Audit, company_id, group_names, sa.func.coalesce(
                Audit.end_on, Audit.start_on, Audit.planned_on, date.max))
            audits = _audits(conn, owned, group_names)
            timeline = _timeline(conn, company_id, group_names, audits)
            actions = _open_actions(conn, owned, today)
        changes = [c for c in reversed(HistoryService(self.db).for_record("company", company_id))
                   if c.field != "company_id"]  # a legal type's link to the company itself
        cap_actions = CapPlanService(self.db).open_for_company(company_id, today)
        return CompanyFile(record, groups, status, timeline, audits, actions, changes,
                           cap_actions)


def _owned(model: type[Audit] | type[Decision], company_id: int, groups: dict[int, str],
           dated: sa.ColumnElement[date]) -> sa.ColumnElement[bool]:
    """The company's own rows and those of its groups `dated` while it belonged to them."""
    shared = sa.exists(sa.select(GroupMember.company_id).where(
        GroupMember.group_id == model.group_id, GroupMember.company_id == company_id,
        shares_on(dated)))
    return sa.or_(model.company_id == company_id,
                  sa.and_(model.group_id.in_(list(groups)), shared))


def _audits(conn: Connection, owned: sa.ColumnElement[bool],
            groups: dict[int, str]) -> list[AuditLine]:
    level_count = lambda level: sa.func.sum(sa.case((Finding.level == level, 1), else_=0))  # noqa: E731
    counts = (
        sa.select(Finding.audit_id, sa.func.count().label("total"),
                  level_count(FindingLevel.MINOR_NC).label("minor"),
                  level_count(FindingLevel.MAJOR_NC).label("major"))
        .group_by(Finding.audit_id).subquery()
    )
    query = (
        sa.select(Audit.id, Audit.kind, Audit.status,
                  sa.func.coalesce(Audit.start_on, Audit.planned_on), ReferentialVersion.label,
                  Referential.code, Audit.iso_version_id, sa.func.coalesce(counts.c.total, 0),
                  sa.func.coalesce(counts.c.minor, 0), sa.func.coalesce(counts.c.major, 0),
                  Audit.group_id)
        .join(ReferentialVersion, ReferentialVersion.id == Audit.version_id)
        .join(Referential, Referential.id == ReferentialVersion.referential_id)
        .outerjoin(counts, counts.c.audit_id == Audit.id)
        .where(owned)
        .order_by(sa.func.coalesce(Audit.start_on, Audit.planned_on).desc(), Audit.id.desc())
    )
    rows = conn.execute(query).all()
    auditors: dict[int, list[str]] = defaultdict(list)
    for audit_id, name in conn.execute(
            sa.select(AuditAuditor.audit_id, Auditor.name)
            .join(Auditor, Auditor.id == AuditAuditor.auditor_id)
            .where(AuditAuditor.audit_id.in_([r[0] for r in rows]))
            .order_by(AuditAuditor.lead.desc(), Auditor.name)):
        auditors[audit_id].append(name)
    iso_labels: dict[int, str] = dict(
        conn.execute(sa.select(ReferentialVersion.id, ReferentialVersion.label)).all())
    return [
        AuditLine(audit_id, kind, status, on,
                  f"{code} {label}" + (f" + ISO 9001 {iso_labels[iso]}" if iso else ""),
                  ", ".join(auditors.get(audit_id, [])), total, minor, major,
                  groups.get(group_id, "") if group_id is not None else "")
        for (audit_id, kind, status, on, label, code, iso, total, minor, major,
             group_id) in rows
    ]


def _timeline(conn: Connection, company_id: int, groups: dict[int, str],
              audits: list[AuditLine]) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(started_on, ENGAGEMENT, engagement_id)
        for engagement_id, started_on in conn.execute(
            sa.select(Engagement.id, Engagement.started_on)
            .where(Engagement.company_id == company_id))
    ]
    entries += [TimelineEntry(a.on, AUDIT, a.id, audit_kind=a.kind, audit_status=a.status,
                              group=a.group) for a in audits]
    columns = (Decision.id, CommitteeSession.held_on, Decision.outcome, Decision.scheme,
               Decision.certificate_number, Decision.valid_from, Decision.valid_until,
               Decision.group_id)
    decisions = (
        sa.select(*columns)
        .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
        .where(_owned(Decision, company_id, groups, CommitteeSession.held_on))
    )
    for row in conn.execute(decisions).all():
        decision_id, held_on, outcome, scheme, number, valid_from, valid_until, group_id = row
        group = groups.get(group_id, "") if group_id is not None else ""
        entries.append(TimelineEntry(held_on, DECISION, decision_id, outcome=outcome,
                                     scheme=scheme, group=group))
        if outcome.starts_certificate:
            entries.append(TimelineEntry(valid_from, CERTIFICATE, decision_id, scheme=scheme,
                                         certificate_number=number, valid_from=valid_from,
                                         valid_until=valid_until, group=group))
    order = {ENGAGEMENT: 0, AUDIT: 1, DECISION: 2, CERTIFICATE: 3}
    # Oldest first, as a history reads; undated planned audits last.
    entries.sort(key=lambda e: (e.on is None, e.on or date.min, order[e.kind], e.record_id))
    return entries


def _open_actions(conn: Connection, owned: sa.ColumnElement[bool],
                  today: date) -> list[OpenAction]:
    """Findings that call for a corrective action (a nonconformity, or an action written)
    and are not closed yet, the most pressing first."""
    needs_action = sa.or_(
        Finding.level.in_([FindingLevel.MINOR_NC, FindingLevel.MAJOR_NC]), Finding.action != "")
    query = (
        sa.select(Finding.id, Finding.audit_id, sa.func.coalesce(Audit.start_on,
                                                                 Audit.planned_on),
                  Finding.level, sa.func.coalesce(Requirement.code, ""), Finding.text,
                  Finding.action, Finding.action_due)
        .join(Audit, Audit.id == Finding.audit_id)
        .outerjoin(Requirement, Requirement.id == Finding.requirement_id)
        .where(owned, needs_action, Finding.action_closed_on.is_(None))
        .order_by(Finding.action_due.is_(None), Finding.action_due, Finding.id)
    )
    return [OpenAction(fid, aid, on, level, code, text, action, due,
                       due is not None and today > due)
            for fid, aid, on, level, code, text, action, due in conn.execute(query)]
