"""Import an Excel workbook into the register: our own export, or a register kept by hand.

The workbook is read (cedre_desk.imports.workbook), every record matched and checked against
the register (importing.plan), and only when no row is rejected are the records written, in
one transaction, with bulk Core inserts (a 20,000-company register imports in seconds, not
hours). A dry run stops before writing and says what would be imported. Each imported record
gets one row in the change history: action "import", the file, sheet and row it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from cedre_desk.audits.date_limits import DATE_LIMITS, DateLimits
from cedre_desk.audits.vocabulary import AuditStatus
from cedre_desk.errors import UserError, shown
from cedre_desk.imports.workbook import read_workbook
from cedre_desk.imports.workbook_account import SheetAccount
from cedre_desk.imports.workbook_fields import SheetMapping
from cedre_desk.imports.workbook_records import (
    AuditRecord,
    CoachingRecord,
    EngagementRecord,
    FindingRecord,
    ParsedWorkbook,
    Problem,
)
from cedre_desk.imports.workbook_rows import LIST_OF
from cedre_desk.services import validation
from cedre_desk.services.importing.audit_versions import audit_versions
from cedre_desk.services.importing.decisions import file_of, plan_decisions
from cedre_desk.services.importing.ids import advance_past_given
from cedre_desk.services.importing.memberships import plan_memberships
from cedre_desk.services.importing.plan import Planner, town_first
from cedre_desk.services.importing.planned import AuditFacts, Plan
from cedre_desk.services.importing.register_index import ID_TABLES, read_index
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
)

# Parents before children, so foreign keys hold at every insert.
_WRITE_ORDER = (("auditor", Auditor), ("certification_group", CertificationGroup),
                ("company", Company), ("company_legal_type", CompanyLegalType),
                ("group_member", GroupMember), ("coaching", Coaching),
                ("engagement", Engagement), ("committee_session", CommitteeSession),
                ("audit", Audit), ("audit_auditor", AuditAuditor), ("finding", Finding),
                ("decision", Decision))
COUNT_KEYS = ("companies", "companies_matched", "groups", "auditors", "coaching",
              "engagements", "sessions", "audits", "findings", "decisions", "audits_known",
              "findings_known", "decisions_known")
# Links counted apart from the records (the window names each key of `counts`): a company's
# group memberships made, and those with an entry or exit date.
MEMBERSHIP_KEYS = ("memberships", "memberships_dated")


@dataclass(frozen=True)
class ImportResult:
    path: Path
    dry_run: bool
    written: bool
    counts: dict[str, int]  # new records per kind (COUNT_KEYS); companies_matched: linked to
    problems: tuple[Problem, ...]  # rejected rows: nothing is written while there is one
    notes: tuple[Problem, ...] = ()  # sheets left out, and why
    mappings: tuple[SheetMapping, ...] = field(default=())
    warnings: tuple[Problem, ...] = ()  # imported, but worth a look
    sheets: tuple[SheetAccount, ...] = ()  # what became of every sheet, column and row
    membership_counts: dict[str, int] = field(default_factory=dict)  # MEMBERSHIP_KEYS

    @property
    def ok(self) -> bool:
        return not self.problems


class _Refused(Exception):  # rolls the transaction back: rows were rejected
    pass


class ImportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def run(self, path: Path, *, today: date, overrides: Mapping[str, str] | None = None,
            dry_run: bool = False, progress: Callable[[int], None] | None = None,
            limits: DateLimits = DATE_LIMITS) -> ImportResult:
        """Import the workbook at `path`: all of it, or nothing when any row is rejected.
        `limits`: the dates the register holds, others refused as typing slips (the
        register's one rule; a test or a benchmark may widen it)."""
        path = Path(path)
        parsed = read_workbook(path, overrides=overrides, today=today, progress=progress,
                               limits=limits)
        plan: Plan | None = None
        if dry_run:  # a read, so that a read-only register can be previewed too
            with self.db.reading() as session:
                plan = build_plan(Planner(read_index(session.connection()), parsed, today))
        else:
            try:
                with self.db.transaction() as session:
                    # Matched and checked inside the writing transaction: what is written
                    # rests on the register as it is at that moment.
                    conn = session.connection()
                    # Written as planned, in chunks; a refused row rolls it all back.
                    write = None if parsed.problems else _Writer(conn, path.name, self.db.user)
                    plan = build_plan(Planner(read_index(conn), parsed, today, write=write))
                    if parsed.problems or plan.problems:
                        raise _Refused
                    advance_past_given(conn, ID_TABLES)  # ids given here: sequences follow
            except _Refused:
                pass
            except sa.exc.IntegrityError as error:
                raise UserError(
                    "Import refusé par le registre, rien n'a été écrit : "
                    f"{error.orig or error}.",
                    f"The register refused the import, nothing was written: "
                    f"{error.orig or error}.",
                ) from error
        assert plan is not None
        _uncount_refused(parsed, plan.problems)
        problems = tuple(parsed.problems + plan.problems)
        return ImportResult(path, dry_run, not problems and not dry_run,
                            {key: plan.counts.get(key, 0) for key in COUNT_KEYS}, problems,
                            tuple(parsed.notes), tuple(parsed.mappings),
                            tuple(parsed.warnings + plan.warnings), tuple(parsed.sheets),
                            {key: plan.counts.get(key, 0) for key in MEMBERSHIP_KEYS})


def _uncount_refused(parsed: ParsedWorkbook, problems: list[Problem]) -> None:
    """A row refused against the register gives no record: the records it gave when it was
    read leave its sheet's account, which then says it read none of them."""
    refused = {(p.sheet, p.row) for p in problems if p.row}
    if not refused:
        return
    accounts = {account.sheet: account for account in parsed.sheets}
    for name in LIST_OF.values():
        for record in getattr(parsed, name):
            source = record.source
            if (source.sheet, source.row) in refused:
                accounts[source.sheet].records[name] -= 1


def build_plan(p: Planner) -> Plan:
    parsed: ParsedWorkbook = p.parsed
    p.each(parsed.auditors, lambda r: p.auditor(r.name, r.source, r.email, r.active))
    p.each(parsed.groups, lambda r: p.group(r.name, r.source, r.notes))
    p.each(town_first(parsed.companies), p.company)
    plan_memberships(p)
    p.each(parsed.sessions, lambda r: p.session(r.held_on, r.source, r.place, r.members,
                                                r.status))
    p.each(parsed.coaching, lambda r: _coaching(p, r))
    p.each(parsed.engagements, lambda r: _engagement(p, r))
    p.each(parsed.audits, lambda r: _audit(p, r))
    p.each(parsed.findings, lambda r: _finding(p, r))
    plan_decisions(p)
    p.plan.flush()
    return p.plan


def _coaching(p: Planner, record: CoachingRecord) -> None:
    auditor_id = p.auditor(record.auditor, record.source)
    company_id = p.company_id(record.company, record.source)
    if (auditor_id, company_id) in p.index.coaching_pairs:
        return
    p.index.coaching_pairs.add((auditor_id, company_id))
    p.index.coaches[company_id].add(auditor_id)
    p.plan.add("coaching", {"auditor_id": auditor_id, "company_id": company_id,
                            "since": record.since}, record.source, f"{auditor_id}/{company_id}")
    p.plan.counts["coaching"] += 1


def _engagement(p: Planner, record: EngagementRecord) -> None:
    company_id = p.company_id(record.company, record.source)
    if (company_id, record.started_on) in p.index.engagements:
        return  # known already, or repeated on another row of a flat sheet
    p.index.engagements.add((company_id, record.started_on))
    coach_id = p.auditor(record.coach, record.source) if record.coach else None
    if coach_id is not None:
        p.index.coaches[company_id].add(coach_id)
    notes = p.check(record.source, lambda: validation.clean_text(record.notes, "notes"))
    p.plan.add("engagement", {"id": p.index.take_id("engagement"), "company_id": company_id,
                              "coach_id": coach_id, "started_on": record.started_on,
                              "notes": notes, "version": 1}, record.source)
    p.plan.counts["engagements"] += 1


def _audit(p: Planner, record: AuditRecord) -> None:
    source = record.source
    kind, file_id = file_of(p, record)
    version_id, iso_id = audit_versions(p, record)
    if record.number is not None and record.number in p.audit_by_number:
        raise p.reject(source, f"audit n° {record.number} en double.",
                       f"duplicate audit no. {record.number}.")
    if record.start_on and record.end_on and record.end_on < record.start_on:
        raise p.reject(source, "la date de fin de l'audit précède sa date de début.",
                       "the audit's end date is before its start date.")
    if record.status and record.status.is_done and not (record.start_on or record.end_on):
        raise p.reject(source, "un audit réalisé doit avoir ses dates.",
                       "an audit that took place needs its dates.")
    if not 0 <= record.duration_days <= 365:
        raise p.reject(source, "durée de l'audit invalide (en jours, de 0 à 365).",
                       "invalid audit duration (days, from 0 to 365).")
    day = record.start_on or record.planned_on
    known = p.index.audits.get((kind, file_id, str(record.kind), day)) if day else None
    if known is not None:  # the same audit, imported before: linked to, never doubled
        known_id = int(known["id"])
        p.known_audits.add(known_id)
        p.remember_audit(record, known_id, known)
        p.plan.counts["audits_known"] += 1
        return
    auditors = list(dict.fromkeys(p.auditor(name, source) for name in record.auditors))
    audited = {file_id} if kind == "c" else p.index.members.get(file_id, set())
    coaches = set().union(*(p.index.coaches.get(c, set()) for c in audited)) if audited else set()
    if coaches & set(auditors):
        raise p.reject(source, "un auditeur ne peut pas auditer une structure qu'il a "
                       "accompagnée.", "an auditor must not audit a company they coached.")
    audit_id = p.index.take_id("audit")
    row = {"id": audit_id, "company_id": file_id if kind == "c" else None,
           "group_id": file_id if kind == "g" else None, "kind": record.kind,
           "version_id": version_id, "iso_version_id": iso_id, "planned_on": record.planned_on,
           "start_on": record.start_on, "end_on": record.end_on,
           "status": record.status or AuditStatus.PLANNED,
           "duration_days": record.duration_days, "version": 1,
           "conclusion": p.check(source, lambda: validation.clean_text(
               record.conclusion, "conclusion", fr="Conclusion", en="Conclusion")),
           "recommendation": p.check(source, lambda: validation.clean_text(
               record.recommendation, "recommendation", fr="Recommandation",
               en="Recommendation"))}
    p.plan.add("audit", row, source)
    for position, auditor_id in enumerate(auditors):
        p.plan.add("audit_auditor", {"audit_id": audit_id, "auditor_id": auditor_id,
                                     "lead": position == 0}, None)
    p.remember_audit(record, audit_id, AuditFacts.of(row))
    p.plan.counts["audits"] += 1


def _finding(p: Planner, record: FindingRecord) -> None:
    source = record.source
    found = p.audit_by_number.get(record.audit_number)
    if found is None:
        raise p.reject(source, f"audit n° {record.audit_number} absent du classeur.",
                       f"audit no. {record.audit_number} is not in the workbook.")
    audit_id, audit = found
    if audit_id in p.known_audits:  # its findings came with it the first time
        p.plan.counts["findings_known"] += 1
        return
    requirement_id = _requirement(p, record, audit) if record.requirement else None
    day = audit["start_on"] or audit["planned_on"]
    for value, fr, en in ((record.action_due, "l'échéance de l'action corrective précède "
                           "l'audit.", "the corrective action's deadline is before the audit."),
                          (record.action_closed_on, "l'action corrective ne peut pas être close"
                           " avant l'audit.", "the corrective action cannot be closed before "
                           "the audit.")):
        if day and value and value < day:
            raise p.reject(source, fr, en)
    text = p.check(source, lambda: validation.clean_text(
        record.text, "text", required=True, fr="Texte du constat", en="Finding text"))
    action = p.check(source, lambda: validation.clean_text(
        record.action, "action", fr="Action corrective", en="Corrective action"))
    position = record.position if record.position is not None else p.positions[audit_id]
    p.positions[audit_id] = position + 1
    p.plan.add("finding", {"id": p.index.take_id("finding"), "audit_id": audit_id,
                           "requirement_id": requirement_id, "level": record.level,
                           "text": text, "action": action, "action_due": record.action_due,
                           "action_closed_on": record.action_closed_on, "position": position,
                           "version": 1}, source)
    p.plan.counts["findings"] += 1


def _requirement(p: Planner, record: FindingRecord, audit: Any) -> int:
    source = record.source
    if record.referential:
        version = (p.index.version_named(record.referential, iso=False)
                   or p.index.version_named(record.referential, iso=True))
        if version is None or version.id not in (audit["version_id"], audit["iso_version_id"]):
            named = shown(record.referential)
            raise p.reject(source, f"le référentiel « {named} » n'est pas celui de l'audit.",
                           f"referential “{named}” is not the audit's.")
        versions = [version.id]
    else:
        versions = [v for v in (audit["version_id"], audit["iso_version_id"]) if v]
    found = [p.index.requirements[(v, record.requirement)] for v in versions
             if (v, record.requirement) in p.index.requirements]
    if len(found) != 1:
        fr = "inconnue dans" if not found else "ambiguë entre"
        en = "unknown in" if not found else "ambiguous between"
        names = ", ".join(f"{p.index.version_by_id(v).referential} "
                          f"{p.index.version_by_id(v).label}" for v in versions)
        code = shown(record.requirement)
        raise p.reject(source, f"exigence « {code} » {fr} {names} : indiquez le référentiel "
                       "de l'exigence.", f"requirement “{code}” {en} {names}: give the "
                       "requirement's referential.")
    return found[0]


class _Writer:
    """Inserts the rows planned so far, parents before children so that foreign keys hold
    at every insert, then their lines of the change history: action "import", the file,
    sheet and row each record came from."""

    def __init__(self, conn: sa.Connection, file_name: str, user: str) -> None:
        self.conn, self.file_name, self.user = conn, file_name, user
        self.at = datetime.now(UTC).replace(tzinfo=None)  # the history is kept in UTC

    def __call__(self, plan: Plan) -> None:
        for table, model in _WRITE_ORDER:
            rows = plan.rows.get(table)
            if rows:
                self.conn.execute(sa.insert(model), rows)
        if plan.history:
            at, user, name = self.at, self.user, self.file_name
            self.conn.execute(sa.insert(Change), [
                {"at": at, "user": user, "action": "import", "table_name": table,
                 "record_id": record, "field": "", "before": None,
                 "after": f"{name} : {source.sheet}!{source.row}"}
                for table, record, source in plan.history])
