"""The Excel register: every record of the register, one sheet per kind, in French or English.

The services read the register into the plain line tuples below (one per record, fields in
column order) and hand them over; this module only turns them into sheets. The sheets with
record numbers (N°) can be imported back (imports/workbook*.py recognises these headers in
both languages): the companies, groups, group memberships (with their days), auditors,
coaching, engagements, audits, findings, committee sessions and decisions. Columns marked
"computed" (a company's state and current groups, the finding counts of an audit, the due
events, the change history) are there to read and filter; an import ignores them, since they
follow from the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.vocabulary import label
from cedre_desk.exports.files import Progress, no_progress
from cedre_desk.exports.workbook_model import Column, Rows, Sheet, StreamedRows, WorkbookReport
from cedre_desk.exports.workbook_writer import write_workbook


class CompanyLine(NamedTuple):
    id: int
    name: str
    siret: str | None
    legal_types: str  # "AI, ETTI"
    region: str
    department: str
    town: str
    contact_name: str
    email: str
    phone: str
    member_since: date | None
    active: bool
    groups: str  # computed: the groups it belongs to today, "; " between them
    state: StrEnum | None  # computed
    scheme: StrEnum | None  # computed: the current certificate's
    valid_until: date | None  # computed
    notes: str


class GroupLine(NamedTuple):
    id: int
    name: str
    members: int  # computed: members today
    notes: str


class MembershipLine(NamedTuple):
    """A company's period in a group, former ones included (both days included)."""

    group: str
    company_id: int
    company: str
    siret: str | None
    joined_on: date | None  # None: member since always
    left_on: date | None  # None: member still


class AuditorLine(NamedTuple):
    id: int
    name: str
    email: str
    active: bool


class CoachingLine(NamedTuple):
    auditor: str
    company_id: int
    company: str
    siret: str | None
    since: date | None


class EngagementLine(NamedTuple):
    company_id: int
    company: str
    siret: str | None
    started_on: date
    coach: str
    notes: str


class AuditLine(NamedTuple):
    id: int
    company_id: int | None
    company: str
    siret: str | None
    group: str
    kind: StrEnum
    version: str  # "CEDRE V3"
    iso_version: str  # "ISO 9001 2015" or ""
    planned_on: date | None
    start_on: date | None
    end_on: date | None
    status: StrEnum
    duration_days: float
    auditors: str  # the lead first, "; " between them
    conclusion: str
    recommendation: str
    strengths: int  # computed counts, PF to NCM
    improvements: int
    sensitive: int
    minor: int
    major: int


class FindingLine(NamedTuple):
    audit_id: int
    company: str  # computed: the audited company or group
    position: int
    referential: str  # the requirement's version, "CEDRE V3" or "ISO 9001 2015"
    requirement: str  # its code
    requirement_title: str  # computed
    level: StrEnum
    text: str
    action: str
    action_due: date | None
    action_closed_on: date | None


class SessionLine(NamedTuple):
    held_on: date
    place: str
    members: str
    status: StrEnum


class DecisionLine(NamedTuple):
    session_on: date
    company_id: int | None
    company: str
    siret: str | None
    group: str
    audit_id: int | None
    outcome: StrEnum
    scheme: StrEnum
    certificate_number: str | None
    valid_from: date | None
    valid_until: date | None
    conditions: str


class DueLine(NamedTuple):
    due: date
    late: bool
    company_id: int
    company: str
    siret: str | None
    event: StrEnum
    expected_session: bool
    state: StrEnum
    scheme: StrEnum | None


class ChangeLine(NamedTuple):
    at: datetime
    user: str
    action: str
    table: str
    record: str
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class RegisterData:
    today: date
    companies: Sequence[CompanyLine]
    groups: Sequence[GroupLine]
    memberships: Sequence[MembershipLine]
    auditors: Sequence[AuditorLine]
    coaching: Sequence[CoachingLine]
    engagements: Sequence[EngagementLine]
    audits: Rows  # AuditLine, streamed
    findings: Rows  # FindingLine, streamed
    sessions: Sequence[SessionLine]
    decisions: Sequence[DecisionLine]
    due: Sequence[DueLine]
    changes: Rows  # ChangeLine, streamed


# (French header, English header, kind, width) per field, in the line's order.
_Spec = tuple[str, str, str, float]
N: _Spec = ("N°", "No.", "int", 7)
NC: _Spec = ("N° structure", "Company No.", "int", 9)
NAME: _Spec = ("Structure", "Company", "text", 30)
SIRET: _Spec = ("SIRET", "SIRET", "text", 16)
COMPANY_COLUMNS: tuple[_Spec, ...] = (
    N, ("Nom", "Name", "text", 30), SIRET, ("Type(s)", "Legal type(s)", "text", 10),
    ("Région", "Region", "text", 16), ("Département", "Department", "text", 8),
    ("Ville", "Town", "text", 18), ("Contact", "Contact", "text", 18),
    ("E-mail", "E-mail", "text", 22), ("Téléphone", "Phone", "text", 14),
    ("Adhérent depuis", "Member since", "date", 12), ("Active", "Active", "text", 7),
    # The groups of today, to read; the memberships and their days are in their own sheet,
    # the one an import reads (a former group listed here would read back as a current one).
    ("Groupes actuels (calculé)", "Current groups (computed)", "text", 16),
    ("État (calculé)", "State (computed)", "text", 18),
    ("Schéma en cours (calculé)", "Current scheme (computed)", "text", 14),
    ("Certificat valable jusqu'au (calculé)", "Certificate valid until (computed)", "date", 12),
    ("Notes", "Notes", "text", 20),
)
GROUP_COLUMNS: tuple[_Spec, ...] = (
    N, ("Nom", "Name", "text", 30),
    ("Membres actuels (calculé)", "Current members (computed)", "int", 9),
    ("Notes", "Notes", "text", 20),
)
MEMBERSHIP_COLUMNS: tuple[_Spec, ...] = (
    ("Groupe", "Group", "text", 24), NC, NAME, SIRET,
    ("Entrée dans le groupe", "Joined the group on", "date", 12),
    ("Sortie du groupe", "Left the group on", "date", 12),
)
AUDITOR_COLUMNS: tuple[_Spec, ...] = (
    N, ("Nom", "Name", "text", 24), ("E-mail", "E-mail", "text", 24),
    ("Actif", "Active", "text", 7),
)
COACHING_COLUMNS: tuple[_Spec, ...] = (
    ("Auditeur", "Auditor", "text", 24), NC, NAME, SIRET, ("Depuis", "Since", "date", 12),
)
ENGAGEMENT_COLUMNS: tuple[_Spec, ...] = (
    NC, NAME, SIRET, ("Entrée dans la démarche", "Started on", "date", 12),
    ("Accompagnateur", "Coach", "text", 22), ("Notes", "Notes", "text", 20),
)
AUDIT_COLUMNS: tuple[_Spec, ...] = (
    N, NC, NAME, SIRET, ("Groupe", "Group", "text", 18), ("Type d'audit", "Audit kind", "text", 22),
    ("Référentiel", "Referential", "text", 11), ("Version ISO", "ISO version", "text", 13),
    ("Prévu le", "Planned on", "date", 12), ("Début", "Start", "date", 12),
    ("Fin", "End", "date", 12), ("Statut", "Status", "text", 12),
    ("Durée (jours)", "Duration (days)", "number", 8), ("Auditeurs", "Auditors", "text", 22),
    ("Conclusion", "Conclusion", "text", 30), ("Recommandation", "Recommendation", "text", 30),
    ("PF (calculé)", "PF (computed)", "int", 6), ("PP (calculé)", "PP (computed)", "int", 6),
    ("PS (calculé)", "PS (computed)", "int", 6), ("NCm (calculé)", "NCm (computed)", "int", 6),
    ("NCM (calculé)", "NCM (computed)", "int", 6),
)
FINDING_COLUMNS: tuple[_Spec, ...] = (
    ("N° audit", "Audit No.", "int", 8), ("Structure (calculé)", "Company (computed)", "text", 26),
    ("Ordre", "Order", "int", 6), ("Référentiel de l'exigence", "Requirement referential",
                                   "text", 12),
    ("Exigence", "Requirement", "text", 10),
    ("Intitulé de l'exigence (calculé)", "Requirement title (computed)", "text", 28),
    ("Niveau", "Level", "text", 20), ("Constat", "Finding", "text", 40),
    ("Action corrective", "Corrective action", "text", 30),
    ("Échéance de l'action", "Action due", "date", 12),
    ("Action close le", "Action closed on", "date", 12),
)
SESSION_COLUMNS: tuple[_Spec, ...] = (
    ("Date du comité", "Committee date", "date", 12), ("Lieu", "Place", "text", 20),
    ("Membres", "Members", "text", 30), ("Statut", "Status", "text", 10),
)
DECISION_COLUMNS: tuple[_Spec, ...] = (
    ("Date du comité", "Committee date", "date", 12), NC, NAME, SIRET,
    ("Groupe", "Group", "text", 18), ("N° audit", "Audit No.", "int", 8),
    ("Décision", "Decision", "text", 12), ("Schéma", "Scheme", "text", 14),
    ("N° de certificat", "Certificate No.", "text", 18),
    ("Valable du", "Valid from", "date", 12), ("Valable jusqu'au", "Valid until", "date", 12),
    ("Conditions", "Conditions", "text", 24),
)
DUE_COLUMNS: tuple[_Spec, ...] = (
    ("Échéance", "Due", "date", 12), ("En retard", "Late", "text", 8), NC, NAME, SIRET,
    ("Événement", "Event", "text", 30), ("Comité attendu", "Expected committee", "text", 9),
    ("État", "State", "text", 18), ("Schéma", "Scheme", "text", 14),
)
CHANGE_COLUMNS: tuple[_Spec, ...] = (
    ("Date (UTC)", "Date (UTC)", "datetime", 16), ("Utilisateur", "User", "text", 14),
    ("Action", "Action", "text", 8), ("Table", "Table", "text", 14),
    ("Enregistrement", "Record", "text", 10), ("Champ", "Field", "text", 14),
    ("Avant", "Before", "text", 24), ("Après", "After", "text", 24),
)

# (French title, English title, French table, English table): Excel table names are ASCII.
SHEET_NAMES: dict[str, tuple[str, str, str, str]] = {
    "companies": ("Structures", "Companies", "Structures", "Companies"),
    "groups": ("Groupes", "Groups", "Groupes", "Groups"),
    "memberships": ("Appartenances", "Memberships", "Appartenances", "Memberships"),
    "auditors": ("Auditeurs", "Auditors", "Auditeurs", "Auditors"),
    "coaching": ("Accompagnements", "Coaching", "Accompagnements", "Coaching"),
    "engagements": ("Engagements", "Engagements", "Engagements", "Engagements"),
    "audits": ("Audits", "Audits", "Audits", "Audits"),
    "findings": ("Constats", "Findings", "Constats", "Findings"),
    "sessions": ("Sessions de comité", "Committee sessions", "Sessions", "Sessions"),
    "decisions": ("Décisions", "Decisions", "Decisions", "Decisions"),
    "due": ("Échéances", "Due events", "Echeances", "DueEvents"),
    "changes": ("Historique", "History", "Historique", "History"),
}


def write_register(target: Path, data: RegisterData, *, lang: str = "fr",
                   progress: Progress = no_progress) -> WorkbookReport:
    """Write the whole register to `target` (.xlsx)."""
    yes, no = ("yes", "no") if lang == "en" else ("oui", "non")

    # Each vocabulary's labels spelled once, not once a cell (800,000 rows at 20,000
    # companies); kept per vocabulary, since two vocabularies may share a code.
    labels: dict[type[StrEnum], dict[StrEnum, str]] = {}

    def lab(value: StrEnum | None) -> str | None:
        if value is None:
            return None
        vocabulary = value.__class__
        known = labels.get(vocabulary)
        if known is None:
            known = labels[vocabulary] = {member: label(member, lang) for member in vocabulary}
        return known[value]

    def flag(value: bool) -> str:
        return yes if value else no

    def company(r: CompanyLine) -> tuple[Any, ...]:
        return (*r[:11], flag(r.active), r.groups, lab(r.state), lab(r.scheme), r.valid_until,
                r.notes)

    def auditor(r: AuditorLine) -> tuple[Any, ...]:
        return (r.id, r.name, r.email, flag(r.active))

    def audit(r: AuditLine) -> tuple[Any, ...]:
        return (*r[:5], lab(r.kind), *r[6:11], lab(r.status), *r[12:])

    def finding(r: FindingLine) -> tuple[Any, ...]:
        return (*r[:6], lab(r.level), *r[7:])

    def session(r: SessionLine) -> tuple[Any, ...]:
        return (*r[:3], lab(r.status))

    def decision(r: DecisionLine) -> tuple[Any, ...]:
        return (*r[:6], lab(r.outcome), lab(r.scheme), *r[8:])

    def due(r: DueLine) -> tuple[Any, ...]:
        return (r.due, flag(r.late) if r.late else None, *r[2:5], lab(r.event),
                flag(True) if r.expected_session else None, lab(r.state), lab(r.scheme))

    parts: list[tuple[str, tuple[_Spec, ...], Rows, Callable[[Any], Any] | None]] = [
        ("companies", COMPANY_COLUMNS, data.companies, company),
        ("groups", GROUP_COLUMNS, data.groups, None),
        ("memberships", MEMBERSHIP_COLUMNS, data.memberships, None),
        ("auditors", AUDITOR_COLUMNS, data.auditors, auditor),
        ("coaching", COACHING_COLUMNS, data.coaching, None),
        ("engagements", ENGAGEMENT_COLUMNS, data.engagements, None),
        ("audits", AUDIT_COLUMNS, data.audits, audit),
        ("findings", FINDING_COLUMNS, data.findings, finding),
        ("sessions", SESSION_COLUMNS, data.sessions, session),
        ("decisions", DECISION_COLUMNS, data.decisions, decision),
        ("due", DUE_COLUMNS, data.due, due),
        ("changes", CHANGE_COLUMNS, data.changes, None),
    ]
    sheets = []
    for key, specs, rows, convert in parts:
        fr_title, en_title, fr_table, en_table = SHEET_NAMES[key]
        english = lang == "en"
        columns = [Column(en if english else fr, kind, width) for fr, en, kind, width in specs]
        converted = rows if convert is None else _mapped(rows, convert)
        sheets.append(Sheet(en_title if english else fr_title,
                            en_table if english else fr_table, columns, converted))
    title = (f"CEDRE register on {data.today.isoformat()}" if lang == "en"
             else f"Registre CEDRE au {format_fr(data.today)}")
    return write_workbook(target, sheets, title=title, progress=progress)


def _mapped(rows: Rows, convert: Callable[[Any], Any]) -> StreamedRows:
    """`rows` converted one by one as the writer takes them: never a second list of them."""
    return StreamedRows(len(rows), lambda: map(convert, rows))
