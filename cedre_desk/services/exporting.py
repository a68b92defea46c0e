"""Exports: the register read with Core selects into plain lines, handed to cedre_desk.exports.

Every read is a handful of selects into tuples, grouped in Python (no ORM objects, no
per-row query: at 600,000 findings the whole read takes a second or two). Computed columns
(a company's state, its due events) come from the cycle rules through `CycleService`, so an
export says exactly what the window says.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.vocabulary import FindingLevel, LegalType, Scheme
from cedre_desk.errors import ValidationError
from cedre_desk.exports.audit_report import AuditReport, ReportFinding, Site
from cedre_desk.exports.audit_report_files import write_audit_report
from cedre_desk.exports.calendar_events import CalendarEvent, Period
from cedre_desk.exports.calendar_files import write_calendar_pdf, write_calendar_workbook, write_ics
from cedre_desk.exports.file_names import document_name
from cedre_desk.exports.files import Progress, no_progress
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
    RegisterData,
    SessionLine,
    write_register,
)
from cedre_desk.exports.workbook_model import WorkbookReport
from cedre_desk.services.due import CycleService
from cedre_desk.services.editing import fetch
from cedre_desk.services.groups import shares_on
from cedre_desk.storage.database import Database
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

CALENDAR_SUFFIXES = (".xlsx", ".pdf", ".ics")
_TYPE_ORDER = {legal_type: index for index, legal_type in enumerate(LegalType)}


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


class ExportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def register(self, target: Path, *, today: date, lang: str = "fr",
                 progress: Progress = no_progress) -> WorkbookReport:
        """The whole register as an Excel workbook at `target`."""
        return write_register(Path(target), self.register_data(today), lang=lang,
                              progress=progress)

    def audit_report(self, audit_id: int, target: Path, *, today: date,
                     lang: str = "fr") -> Path:
        """The PDF report of one audit at `target`."""
        return write_audit_report(Path(target), self.audit_report_data(audit_id, today),
                                  lang=lang)

    def audit_report_name(self, audit_id: int, lang: str = "fr") -> str:
        """The name a save dialog proposes for the audit's report: "Rapport d'audit -
        Atelier Ébène d'Orléans - 2026-11-17.pdf" (its company or group, its last day)."""
        with self.db.reading() as session:
            audit = fetch(session, Audit, audit_id)
            if audit.group_id is not None:
                subject = session.get(CertificationGroup, audit.group_id).name
            else:
                subject = session.get(Company, audit.company_id).name
            on = audit.end_on or audit.start_on or audit.planned_on
        words = "Audit report" if lang == "en" else "Rapport d'audit"
        return document_name(words, subject, on, suffix=".pdf")

    def calendar_events(self, period: Period, *, today: date) -> list[CalendarEvent]:
        """The due events of `period` (not done yet), with those already late whatever their
        date (Period.lists), by date then company."""
        statuses = CycleService(self.db).statuses(today)
        with self.db.engine.connect() as conn:
            companies = {cid: (name, siret, town) for cid, name, siret, town in conn.execute(
                sa.select(Company.id, Company.name, Company.siret, Company.town))}
        events = []
        for company_id, status in statuses.items():
            certificate = status.certificate
            if certificate is None:
                continue
            name, siret, town = companies[company_id]
            for event in status.events:
                if event.done or not period.lists(event.due, late=event.late):
                    continue
                events.append(CalendarEvent(
                    event.due, company_id, name, siret, town, event.kind, event.ordinal,
                    event.late, event.expected_session, status.state, certificate.scheme,
                    certificate.valid_from))
        events.sort(key=lambda e: (e.due, e.company.casefold(), e.company_id))
        return events

    def calendar(self, target: Path, *, period: Period, today: date, lang: str = "fr",
                 reminder_days: int = 30, generated_at: datetime | None = None,
                 progress: Progress = no_progress) -> Path:
        """The calendar of `period` at `target`: .xlsx, .pdf or .ics after its suffix."""
        target = Path(target)
        suffix = target.suffix.lower()
        if suffix not in CALENDAR_SUFFIXES:
            raise ValidationError(
                f"Format de calendrier inconnu « {target.suffix} » : .xlsx, .pdf ou .ics.",
                f"Unknown calendar format “{target.suffix}”: .xlsx, .pdf or .ics.",
                field="path")
        if period.end < period.start:
            raise ValidationError("La fin de la période précède son début.",
                                  "The period ends before it starts.", field="end")
        events = self.calendar_events(period, today=today)
        if suffix == ".xlsx":
            write_calendar_workbook(target, events, period, lang=lang, progress=progress)
        elif suffix == ".pdf":
            write_calendar_pdf(target, events, period, printed_on=today, lang=lang)
        else:
            stamp = generated_at or datetime.now(UTC)
            write_ics(target, events, period, generated_at=stamp, reminder_days=reminder_days,
                      lang=lang)
        return target

    # Reading ------------------------------------------------------------------------------

    def register_data(self, today: date) -> RegisterData:
        statuses = CycleService(self.db).statuses(today)
        with self.db.engine.connect() as conn:
            companies = _companies(conn, statuses)
            names = {c.id: (c.name, c.siret) for c in companies}
            group_names: dict[int, str] = dict(conn.execute(
                sa.select(CertificationGroup.id, CertificationGroup.name)).all())
            auditor_names: dict[int, str] = dict(conn.execute(
                sa.select(Auditor.id, Auditor.name)).all())
            audits = _audits(conn, names, group_names, auditor_names)
            audit_subjects = {a.id: a.company or a.group for a in audits}
            return RegisterData(
                today=today,
                companies=companies,
                groups=_groups(conn),
                auditors=[AuditorLine(*row) for row in conn.execute(
                    sa.select(Auditor.id, Auditor.name, Auditor.email, Auditor.active)
                    .order_by(Auditor.id))],
                coaching=[CoachingLine(auditor_names[a], c, *names[c], since)
                          for a, c, since in conn.execute(
                              sa.select(Coaching.auditor_id, Coaching.company_id, Coaching.since)
                              .order_by(Coaching.company_id, Coaching.auditor_id))],
                engagements=[
                    EngagementLine(c, *names[c], started, auditor_names.get(coach or 0, ""),
                                   notes)
                    for c, started, coach, notes in conn.execute(
                        sa.select(Engagement.company_id, Engagement.started_on,
                                  Engagement.coach_id, Engagement.notes)
                        .order_by(Engagement.company_id, Engagement.started_on, Engagement.id))],
                audits=audits,
                findings=_findings(conn, audit_subjects),
                sessions=[SessionLine(*row) for row in conn.execute(
                    sa.select(CommitteeSession.held_on, CommitteeSession.place,
                              CommitteeSession.members, CommitteeSession.status)
                    .order_by(CommitteeSession.held_on))],
                decisions=_decisions(conn, names, group_names),
                due=due_lines(statuses, names),
                changes=[ChangeLine(*row) for row in conn.execute(
                    sa.select(Change.at, Change.user, Change.action, Change.table_name,
                              Change.record_id, Change.field, Change.before, Change.after)
                    .order_by(Change.id))],
            )

    def audit_report_data(self, audit_id: int, today: date) -> AuditReport:
        with self.db.reading() as session:
            audit = fetch(session, Audit, audit_id)
            conn = session.connection()
            versions = version_names(conn)
            group = ""
            if audit.group_id is not None:
                group = session.get(CertificationGroup, audit.group_id).name
                # The sites audited: the members on the audit's day (undated: members still).
                on = audit.end_on or audit.start_on or audit.planned_on
                member_ids = list(conn.scalars(sa.select(GroupMember.company_id).where(
                    GroupMember.group_id == audit.group_id,
                    shares_on(on) if on is not None else GroupMember.left_on.is_(None))))
            else:
                member_ids = [audit.company_id]
            sites = [Site(*row) for row in conn.execute(
                sa.select(Company.name, Company.siret, Company.town, Company.department)
                .where(Company.id.in_(member_ids)).order_by(Company.name))]
            auditors = list(conn.scalars(
                sa.select(Auditor.name).join(AuditAuditor, AuditAuditor.auditor_id == Auditor.id)
                .where(AuditAuditor.audit_id == audit_id)
                .order_by(AuditAuditor.lead.desc(), Auditor.name)))
            return AuditReport(
                audit_id=audit_id, subject=group or (sites[0].name if sites else ""),
                group=group, sites=sites, scheme=_scheme(audit), version=versions[
                    audit.version_id], iso_version=versions.get(audit.iso_version_id or 0, ""),
                kind=audit.kind, status=audit.status, planned_on=audit.planned_on,
                start_on=audit.start_on, end_on=audit.end_on, duration_days=audit.duration_days,
                auditors=auditors, findings=_report_findings(conn, audit),
                conclusion=audit.conclusion, recommendation=audit.recommendation,
                printed_on=today,
            )


def _scheme(audit: Audit) -> Scheme:
    return Scheme.CEDRE_ISO_9001 if audit.iso_version_id is not None else Scheme.CEDRE


def _companies(conn: Connection, statuses: dict[int, CycleStatus]) -> list[CompanyLine]:
    types = legal_types_by_company(conn)
    groups: dict[int, list[str]] = defaultdict(list)
    for company_id, name in conn.execute(
            sa.select(GroupMember.company_id, CertificationGroup.name)
            .join(CertificationGroup, CertificationGroup.id == GroupMember.group_id)
            .order_by(CertificationGroup.name)):
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


def _groups(conn: Connection) -> list[GroupLine]:
    query = (sa.select(CertificationGroup.id, CertificationGroup.name,
                       sa.func.count(GroupMember.company_id), CertificationGroup.notes)
             .outerjoin(GroupMember, GroupMember.group_id == CertificationGroup.id)
             .group_by(CertificationGroup.id).order_by(CertificationGroup.id))
    return [GroupLine(*row) for row in conn.execute(query)]


def _audits(conn: Connection, names: dict[int, tuple[str, str | None]],
            group_names: dict[int, str], auditor_names: dict[int, str]) -> list[AuditLine]:
    versions = version_names(conn)
    auditors: dict[int, list[str]] = defaultdict(list)
    for audit_id, auditor_id in conn.execute(
            sa.select(AuditAuditor.audit_id, AuditAuditor.auditor_id)
            .order_by(AuditAuditor.audit_id, AuditAuditor.lead.desc(), AuditAuditor.auditor_id)):
        auditors[audit_id].append(auditor_names[auditor_id])
    counts: dict[int, dict[FindingLevel, int]] = defaultdict(dict)
    for audit_id, level, count in conn.execute(
            sa.select(Finding.audit_id, Finding.level, sa.func.count())
            .group_by(Finding.audit_id, Finding.level)):
        counts[audit_id][level] = count
    lines = []
    no_company: tuple[str, str | None] = ("", None)
    columns = (Audit.id, Audit.company_id, Audit.group_id, Audit.kind, Audit.version_id,
               Audit.iso_version_id, Audit.planned_on, Audit.start_on, Audit.end_on,
               Audit.status, Audit.duration_days, Audit.conclusion, Audit.recommendation)
    for row in conn.execute(sa.select(*columns).order_by(Audit.id)):
        (aid, cid, gid, kind, vid, iso, planned, start, end, status, duration, conclusion,
         recommendation) = row
        company, siret = names[cid] if cid is not None else no_company
        level = counts.get(aid, {})
        lines.append(AuditLine(
            aid, cid, company, siret, group_names.get(gid or 0, ""), kind, versions[vid],
            versions.get(iso or 0, ""), planned, start, end, status, duration,
            "; ".join(auditors.get(aid, ())), conclusion, recommendation,
            *(level.get(lv, 0) for lv in FindingLevel)))
    return lines


def _findings(conn: Connection, subjects: dict[int, str]) -> list[FindingLine]:
    versions = version_names(conn)
    query = (sa.select(Finding.audit_id, Finding.position, Requirement.version_id,
                       Requirement.code, Requirement.title, Finding.level, Finding.text,
                       Finding.action, Finding.action_due, Finding.action_closed_on)
             .outerjoin(Requirement, Requirement.id == Finding.requirement_id)
             .order_by(Finding.audit_id, Finding.position, Finding.id))
    return [FindingLine(aid, subjects.get(aid, ""), position, versions.get(vid or 0, ""),
                        code or "", title or "", level, text, action, due, closed)
            for aid, position, vid, code, title, level, text, action, due, closed
            in conn.execute(query)]


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


def _report_findings(conn: Connection, audit: Audit) -> list[ReportFinding]:
    """The audit's findings, the audited CEDRE version's chapters first, then ISO 9001's, each
    in the referential's order; findings on no requirement last."""
    versions = version_names(conn)
    chapter = sa.orm.aliased(Requirement)
    query = (sa.select(Requirement.version_id, sa.func.coalesce(chapter.code, Requirement.code),
                       sa.func.coalesce(chapter.title, Requirement.title),
                       Requirement.code, Requirement.title, Requirement.text, Finding.level,
                       Finding.text, Finding.action, Finding.action_due,
                       Finding.action_closed_on)
             .select_from(Finding)
             .outerjoin(Requirement, Requirement.id == Finding.requirement_id)
             .outerjoin(chapter, chapter.id == Requirement.parent_id)
             .where(Finding.audit_id == audit.id)
             .order_by(Requirement.version_id.is_(None),
                       Requirement.version_id != audit.version_id,
                       sa.func.coalesce(chapter.position, Requirement.position),
                       Requirement.position, Finding.position, Finding.id))
    findings = []
    for row in conn.execute(query):
        chapter_code, chapter_title, code, title, req_text = (v or "" for v in row[1:6])
        findings.append(ReportFinding(versions.get(row[0] or 0, ""), chapter_code,
                                      chapter_title, code, title, req_text, *row[6:11]))
    return findings
