"""Exports: the register read with Core selects into plain lines, handed to cedre_desk.exports.

Every read is a handful of selects into tuples, grouped in Python (no ORM objects, no
per-row query); the register's big sheets are read while they are written
(register_lines.py). Computed columns
(a company's state, its due events) come from the cycle rules through `CycleService`, so an
export says exactly what the window says.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.vocabulary import Scheme
from cedre_desk.errors import ValidationError
from cedre_desk.exports.audit_report import AuditReport, ReportFinding, Site
from cedre_desk.exports.audit_report_files import write_audit_report
from cedre_desk.exports.calendar_events import CalendarEvent, Period
from cedre_desk.exports.calendar_files import write_calendar_pdf, write_calendar_workbook, write_ics
from cedre_desk.exports.file_names import document_name
from cedre_desk.exports.files import Progress, no_progress
from cedre_desk.exports.register_workbook import write_register
from cedre_desk.exports.workbook_model import WorkbookReport
from cedre_desk.services.due import CycleService
from cedre_desk.services.editing import fetch
from cedre_desk.services.groups import shares_on
from cedre_desk.services.register_lines import register_lines, version_names
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    Auditor,
    CertificationGroup,
    Company,
    Finding,
    GroupMember,
    Requirement,
)

CALENDAR_SUFFIXES = (".xlsx", ".pdf", ".ics")


class ExportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def register(self, target: Path, *, today: date, lang: str = "fr",
                 progress: Progress = no_progress) -> WorkbookReport:
        """The whole register as an Excel workbook at `target`."""
        statuses = CycleService(self.db).statuses(today)
        # One transaction from the first select to the last row written: the big sheets are
        # read as they are written (register_lines.py), and their row counts must hold.
        with self.db.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            return write_register(Path(target), register_lines(conn, statuses, today),
                                  lang=lang, progress=progress)

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

    def calendar_events(self, period: Period, *, today: date,
                        statuses: Mapping[int, CycleStatus] | None = None
                        ) -> list[CalendarEvent]:
        """The due events of `period` (not done yet), with those already late whatever their
        date (Period.lists), by date then company; `statuses` as in DashboardService.summary
        (the window passes those it shares between its views)."""
        if statuses is None:
            statuses = CycleService(self.db).statuses(today)
        with self.db.engine.connect() as conn:
            companies = {cid: (name, siret, town) for cid, name, siret, town in conn.execute(
                sa.select(Company.id, Company.name, Company.siret, Company.town))}
        events = []
        for company_id, status in statuses.items():
            certificate = status.certificate
            if certificate is None or company_id not in companies:  # deleted since read
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
