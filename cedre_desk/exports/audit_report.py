"""The audit report as a PDF: what the auditor leaves with the company and sends to the committee.

Sections: who and what was audited (company or group and its sites, scheme, referential
versions, audit kind, dates, auditors), the counts per finding level, the findings grouped by
chapter with the requirement's code and text, the corrective actions with their deadlines,
the conclusion and the recommendation to the committee, and a signature block. Every text
typed by a user goes through `pdf_layout.text`, so it prints exactly as typed.

This module holds the report's data; audit_report_pdf.py lays it out, with reportlab, loaded
when a report is written by audit_report_files.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cedre_desk.audits.vocabulary import FindingLevel


@dataclass(frozen=True)
class Site:
    name: str
    siret: str | None
    town: str
    department: str


@dataclass(frozen=True)
class ReportFinding:
    referential: str  # the requirement's version, "CEDRE V3" or "ISO 9001 2015"; "" for none
    chapter_code: str  # "" when the finding is on no requirement
    chapter_title: str
    requirement_code: str
    requirement_title: str
    requirement_text: str
    level: FindingLevel
    text: str
    action: str
    action_due: date | None
    action_closed_on: date | None


@dataclass(frozen=True)
class AuditReport:
    audit_id: int
    subject: str  # the company's name, or the group's
    group: str  # the group's name for a collective audit, else ""
    sites: Sequence[Site]
    scheme: StrEnum
    version: str  # "CEDRE V3"
    iso_version: str  # "ISO 9001 2015" or ""
    kind: StrEnum
    status: StrEnum
    planned_on: date | None
    start_on: date | None
    end_on: date | None
    duration_days: float
    auditors: Sequence[str]  # the lead first
    findings: Sequence[ReportFinding]
    conclusion: str
    recommendation: str
    printed_on: date
