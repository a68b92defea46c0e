"""What an imported workbook holds once read: plain records, each with the row it came from.

Nothing here is checked against a register yet: the services match companies, auditors,
sessions and referential versions, and check the cycle rules, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.errors import shown
from cedre_desk.imports.workbook_account import SheetAccount
from cedre_desk.imports.workbook_fields import SheetMapping


@dataclass(frozen=True, slots=True)
class Source:
    sheet: str
    row: int  # as Excel numbers it, 1 for the first row

    def __str__(self) -> str:
        return f"{self.sheet}!{self.row}"


@dataclass(frozen=True, slots=True)
class CompanyRef:
    """How a row names a company: by the workbook's own number (our export), by SIRET, or by
    name (and town, to tell apart two companies of the same name)."""

    number: int | None
    siret: str
    name: str
    town: str = ""


@dataclass(frozen=True, slots=True)
class CompanyRecord:
    source: Source
    ref: CompanyRef
    legal_types: tuple[LegalType, ...]
    region: str
    department: str
    town: str
    contact_name: str
    email: str
    phone: str
    member_since: date | None
    active: bool
    groups: tuple[str, ...]
    notes: str
    flat: bool  # from a flat sheet: the same company may come again on later rows
    # The company's membership of its group: joined on, left on (None: not given).
    group_joined_on: date | None = None
    group_left_on: date | None = None


@dataclass(frozen=True, slots=True)
class GroupRecord:
    source: Source
    number: int | None
    name: str
    notes: str


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    """A line of a memberships sheet: a company's period in a group, both days included
    (None: member since always, member still)."""

    source: Source
    group: str
    company: CompanyRef
    joined_on: date | None
    left_on: date | None


@dataclass(frozen=True, slots=True)
class AuditorRecord:
    source: Source
    name: str
    email: str
    active: bool


@dataclass(frozen=True, slots=True)
class CoachingRecord:
    source: Source
    auditor: str
    company: CompanyRef
    since: date | None


@dataclass(frozen=True, slots=True)
class EngagementRecord:
    source: Source
    company: CompanyRef
    started_on: date
    coach: str
    notes: str


@dataclass(frozen=True, slots=True)
class AuditRecord:
    source: Source
    number: int | None  # the workbook's audit number, which findings and decisions refer to
    company: CompanyRef | None
    group: str
    kind: AuditKind
    version: str  # "CEDRE V3", "V3"; "" for the version in force on the audit's date
    iso_version: str
    scheme: Scheme | None  # from a flat sheet's scheme column: ISO asks for an ISO version
    planned_on: date | None
    start_on: date | None
    end_on: date | None
    status: AuditStatus | None  # None: done when dated in the past, else planned
    duration_days: float
    auditors: tuple[str, ...]
    conclusion: str
    recommendation: str


@dataclass(frozen=True, slots=True)
class FindingRecord:
    source: Source
    audit_number: int
    position: int | None
    referential: str
    requirement: str
    level: FindingLevel
    text: str
    action: str
    action_due: date | None
    action_closed_on: date | None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    source: Source
    held_on: date
    place: str
    members: str
    status: SessionStatus | None


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    source: Source
    session_on: date
    company: CompanyRef | None
    group: str
    audit_number: int | None
    row_audit: AuditRecord | None  # the audit on the same row of a flat sheet
    outcome: Outcome
    scheme: Scheme | None
    certificate_number: str
    valid_from: date | None
    valid_until: date | None
    conditions: str
    session_month_only: bool = False  # "nov. 2015": the services find that month's session
    # No committee date on the row: `session_on` is the date of the row's audit, and the
    # services place the decision on the first committee session after it.
    session_after_audit: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    """A rejected row (or, with row 0, a whole sheet) and why, in French and English; also
    what a warning or a note says of a row or a sheet."""

    sheet: str
    row: int
    fr: str
    en: str

    def message(self, lang: str = "fr") -> str:
        sheet = shown(self.sheet)
        where = (f"{sheet}, row {self.row}" if lang == "en" else
                 f"{sheet}, ligne {self.row}") if self.row else sheet
        return f"{where}: {self.en}" if lang == "en" else f"{where} : {self.fr}"


@dataclass
class ParsedWorkbook:
    mappings: list[SheetMapping] = field(default_factory=list)
    companies: list[CompanyRecord] = field(default_factory=list)
    groups: list[GroupRecord] = field(default_factory=list)
    memberships: list[MembershipRecord] = field(default_factory=list)
    auditors: list[AuditorRecord] = field(default_factory=list)
    coaching: list[CoachingRecord] = field(default_factory=list)
    engagements: list[EngagementRecord] = field(default_factory=list)
    audits: list[AuditRecord] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)
    sessions: list[SessionRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # sheets left out, and why
    warnings: list[Problem] = field(default_factory=list)  # imported, but worth a look
    sheets: list[SheetAccount] = field(default_factory=list)  # what became of every sheet
    our_export: bool = False
