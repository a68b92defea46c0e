"""One data row of a workbook, read field by field into records (workbook_records).

A value that cannot be read is noted on the row, with its reason in French and English, and
the row then gives no record at all (see `cedre_desk.imports.workbook`). A date written with
a month and a year only ("nov. 2015") is noted as a warning where a day matters less (an audit,
an entry into the process), and resolved to that month's committee session by the services
for a decision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cedre_desk.audits.date_limits import DATE_LIMITS, DateLimits, range_refusal
from cedre_desk.audits.siret import normalize_siret
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, LegalType, Outcome
from cedre_desk.errors import shown
from cedre_desk.imports import workbook_dates
from cedre_desk.imports import workbook_values as values
from cedre_desk.imports.workbook_fields import DATE_FIELDS, FIELDS
from cedre_desk.imports.workbook_records import (
    AuditorRecord,
    AuditRecord,
    CoachingRecord,
    CompanyRecord,
    CompanyRef,
    DecisionRecord,
    EngagementRecord,
    FindingRecord,
    GroupRecord,
    MembershipRecord,
    SessionRecord,
    Source,
)

# The audit a decision rests on, when a flat row gives a decision and an audit date only.
_KIND_FOR = {Outcome.GRANTED: AuditKind.CERTIFICATION, Outcome.RENEWED: AuditKind.RENEWAL}
_AUDIT_FIELDS = ("audit_kind", "audit_start", "audit_end", "planned_on")
LIST_OF = {"CompanyRecord": "companies", "GroupRecord": "groups",
           "MembershipRecord": "memberships", "AuditorRecord": "auditors",
           "CoachingRecord": "coaching", "EngagementRecord": "engagements",
           "AuditRecord": "audits", "FindingRecord": "findings", "SessionRecord": "sessions",
           "DecisionRecord": "decisions"}


def date_ranges(limits: DateLimits, today: date) -> dict[str, tuple[date, date]]:
    """Each date field's first and last dates (the register's one rule, DateLimits), worked
    out once per sheet."""
    return {field: limits.dates(today, field) for field in DATE_FIELDS}


@dataclass(frozen=True)
class SheetReading:
    """What the rows of one sheet are read as."""

    kind: str
    makes_companies: bool  # a flat sheet of a workbook without a companies sheet
    today: date  # an audit dated without a status took place when dated on or before it
    limits: DateLimits = DATE_LIMITS  # the dates the register holds (a test may widen them)


class Row:
    """One data row, read field by field; a value that cannot be read is noted, not raised."""

    def __init__(self, cells: Sequence[Any], fields: dict[str, int],
                 orders: dict[str, workbook_dates.DateOrder], epoch: date, source: Source,
                 dates: Mapping[str, tuple[date, date]] | None = None,
                 shared: dict[Any, Any] | None = None) -> None:
        self.cells, self.fields, self.orders, self.epoch = cells, fields, orders, epoch
        self.dates = dates  # each date field's first and last dates (`date_ranges`)
        # The sheet's dates and numbers read so far: a value repeated down the sheet (an
        # audit's number on each of its findings) is kept as one object by the records.
        self.shared = shared if shared is not None else {}
        self.source = source
        self.problems: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.unreadable: set[str] = set()  # fields whose value was there but could not be read

    def raw(self, field: str) -> Any:
        index = self.fields.get(field)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, field: str) -> str:
        return values.as_text(self.raw(field))

    def filled(self, *fields: str) -> bool:
        return any(self.text(f) for f in fields)

    def read(self, field: str, reader: Callable[[Any], Any], default: Any = None) -> Any:
        try:
            result = reader(self.raw(field))
        except values.BadValue as bad:
            fr, en = FIELDS[field]
            self.problems.append((f"{fr} : {bad.fr}", f"{en}: {bad.en}"))
            self.unreadable.add(field)
            return default
        if result is None:
            return default
        if type(result) is date or type(result) is int:  # not a MonthOnly, not a bool
            return self.shared.setdefault(result, result)
        return result

    def date(self, field: str, *, month_only: bool = False) -> date | None:
        """The date of `field`; one written with a month and a year only is taken as the
        month's first day with a warning, or kept as a `MonthOnly` when `month_only`."""
        order = self.orders.get(field, workbook_dates.DateOrder())
        # Every date field is in DATE_FIELDS (the sheet's day/month order is scanned there too).
        first, last = self.dates[field] if self.dates is not None else (date.min, date.max)
        # A bare Excel serial number is a date only inside the field's own range.
        result: date | None = self.read(field, lambda v: workbook_dates.read_date(
            v, order, epoch=self.epoch, within=(first, last)))
        refused = range_refusal(result, first, last, *FIELDS[field])
        if refused is not None:
            self.problems.append(refused)
            self.unreadable.add(field)
            return None
        if isinstance(result, workbook_dates.MonthOnly) and not month_only:
            fr, en = FIELDS[field]
            text = self.text(field)
            self.warnings.append((
                f"{fr} : « {shown(text)} » n'a pas de jour, lue comme le {result:%d/%m/%Y}.",
                f"{en}: '{shown(text)}' has no day, read as {result.isoformat()}."))
            result = date(result.year, result.month, result.day)
        return result

    def required(self, field: str, value: Any) -> Any:
        if (value is None or value == "") and field not in self.unreadable:
            fr, en = FIELDS[field]
            self.problems.append((f"{fr} : valeur manquante.", f"{en}: missing value."))
        return value

    def company_ref(self, *, required: bool = True) -> CompanyRef | None:
        number = self.read("company_no", values.read_int)
        name, _types = values.split_bracketed_types(self.read("name", values.read_name, ""))
        siret = normalize_siret(self.text("siret"))
        town, _department = values.split_bracketed_department(self.text("town"))
        if number is None and not siret and not name:
            if required:
                self.problems.append(("structure manquante (ni nom, ni SIRET).",
                                      "company missing (no name, no SIRET)."))
            return None
        return CompanyRef(number, siret, name, town)


def _company(row: Row, reading: SheetReading) -> list[Any]:
    name, bracket_types = values.split_bracketed_types(row.read("name", values.read_name, ""))
    row.required("name", name)
    types = row.read("legal_types", values.read_legal_types, ()) or bracket_types \
        or (LegalType.OTHER,)
    town, bracket_department = values.split_bracketed_department(row.text("town"))
    department = row.text("department") or bracket_department
    kind = reading.kind
    number = row.read("number", values.read_int) if kind == "companies" else None
    ref = CompanyRef(number, normalize_siret(row.text("siret")), name, town)
    groups = row.read("groups", values.read_names, ())
    joined, left = _membership_dates(row, groups)
    records: list[Any] = [CompanyRecord(
        row.source, ref, types, row.text("region"), department, town, row.text("contact"),
        row.text("email"), row.text("phone"), row.date("member_since"),
        row.read("active", values.read_yes_no, True), groups,
        row.text("notes"), flat=kind == "flat", group_joined_on=joined, group_left_on=left)]
    engaged_on = row.date("engaged_on")
    if engaged_on is not None:
        records.append(EngagementRecord(row.source, ref, engaged_on,
                                        row.read("coach", values.read_name, ""), ""))
    return records


def _membership_dates(row: Row, groups: tuple[str, ...]) -> tuple[date | None, date | None]:
    """The dates the row's company joined and left its group: for one group only (two
    groups on a row would not say whose dates they are), the exit not before the entry."""
    joined, left = row.date("group_joined_on"), row.date("group_left_on")
    if joined is None and left is None:
        return None, None
    if len(groups) != 1:
        row.problems.append((
            "dates d'entrée ou de sortie du groupe pour "
            f"{'aucun groupe' if not groups else f'{len(groups)} groupes'} : indiquez un seul "
            "groupe dans la colonne Groupe(s) (une ligne par groupe).",
            "group entry or exit dates for "
            f"{'no group' if not groups else f'{len(groups)} groups'}: give one group in the "
            "Group(s) column (a row per group)."))
        return None, None
    return _in_order(row, joined, left)


def _in_order(row: Row, joined: date | None, left: date | None
              ) -> tuple[date | None, date | None]:
    """The entry and exit dates, the exit not before the entry (else noted on the row)."""
    if joined is not None and left is not None and left < joined:
        row.problems.append((
            f"sortie du groupe ({left:%d/%m/%Y}) avant l'entrée ({joined:%d/%m/%Y}).",
            f"left the group ({left.isoformat()}) before joining it ({joined.isoformat()})."))
        return None, None
    return joined, left


def _membership(row: Row, _reading: SheetReading) -> list[Any]:
    """A line of a memberships sheet: a group, a company, the days it joined and left."""
    group = row.required("groups", row.read("groups", values.read_name, ""))
    ref = row.company_ref()
    joined, left = _in_order(row, row.date("group_joined_on"), row.date("group_left_on"))
    if row.problems or ref is None:
        return []
    return [MembershipRecord(row.source, group, ref, joined, left)]


def _flat(row: Row, reading: SheetReading) -> list[Any]:
    """A flat row: a company (made when new, on a flat sheet of a workbook without a companies
    sheet), its engagement, an audit, a decision."""
    today = reading.today
    records = _company(row, reading) if reading.makes_companies else []
    ref = records[0].ref if records else row.company_ref(required=not row.text("group"))
    if not records and ref is not None and row.filled("engaged_on"):
        engaged_on = row.date("engaged_on")
        if engaged_on is not None:
            records.append(EngagementRecord(row.source, ref, engaged_on,
                                            row.read("coach", values.read_name, ""), ""))
    group = row.read("group", values.read_name, "")
    outcome = row.read("decision", values.read_outcome)
    scheme = row.read("scheme", values.read_scheme)
    audit = None
    if row.filled(*_AUDIT_FIELDS):
        audit = _audit(row, ref, group, scheme, outcome, today)
        records.append(audit)
    if row.filled("decision", "committee_date"):
        after_audit = "committee_date" not in row.fields and audit is not None
        if after_audit:  # an audits sheet with its decisions: placed after the audit
            session_on = _audit_day(row, audit)
        else:
            session_on = row.required("committee_date",
                                      row.date("committee_date", month_only=True))
        row.required("decision", outcome)
        if session_on is not None and outcome is not None:
            records.append(DecisionRecord(
                row.source, session_on, ref, group, row.read("audit_no", values.read_int),
                audit, outcome, scheme, row.text("certificate_no"), row.date("valid_from"),
                row.date("valid_until"), row.text("conditions"),
                isinstance(session_on, workbook_dates.MonthOnly), after_audit))
    elif not records:
        row.problems.append(("ni audit ni décision sur cette ligne.",
                             "neither an audit nor a decision on this row."))
    return records


def _audit_day(row: Row, audit: AuditRecord | None) -> date | None:
    """The day a decision without a committee date is placed after: its audit's end (or
    start); a row whose audit has not taken place cannot be placed."""
    day = audit.end_on or audit.start_on if audit is not None else None
    if day is None and not row.problems:
        row.problems.append((
            "décision sans date du comité : elle se place à la première session après son "
            "audit, mais l'audit de cette ligne n'a pas de date passée. Indiquez la date du "
            "comité ou celle de l'audit.",
            "decision without a committee date: it goes to the first session after its "
            "audit, but the audit on this row has no past date. Give the committee date or "
            "the audit's."))
    return day


def _audit(row: Row, ref: CompanyRef | None, group: str, scheme: Any, outcome: Any,
           today: date) -> AuditRecord:
    kind = row.read("audit_kind", values.read_audit_kind) or _KIND_FOR.get(outcome)
    row.required("audit_kind", kind)
    start, end, planned = row.date("audit_start"), row.date("audit_end"), row.date("planned_on")
    status = row.read("audit_status", values.read_audit_status)
    if status is None and start is None and planned is None and end is not None:
        start = end
    if status is None:  # kept by hand without a status: dated in the past means it took place
        status_day = end or start
        status = AuditStatus.DONE if status_day and status_day <= today else None
        if status is None:
            planned, start, end = planned or start, None, None
            status = AuditStatus.PLANNED
    return AuditRecord(
        row.source, row.read("number", values.read_int), ref, group,
        kind or AuditKind.SPECIAL, row.text("version"), row.text("iso_version"), scheme, planned,
        start, end, status, row.read("duration", values.read_number, 0.0),
        row.read("auditors", values.read_names, ()), row.text("conclusion"),
        row.text("recommendation"))


def _finding(row: Row, _reading: SheetReading) -> list[Any]:
    number = row.required("audit_no", row.read("audit_no", values.read_int))
    level = row.required("level", row.read("level", values.read_level))
    text = row.required("finding", row.text("finding"))
    if row.problems:
        return []
    return [FindingRecord(row.source, number, row.read("position", values.read_int),
                          row.text("requirement_referential"), row.text("requirement"), level,
                          text, row.text("action"), row.date("action_due"),
                          row.date("action_closed_on"))]


def _session(row: Row, _reading: SheetReading) -> list[Any]:
    held_on = row.required("committee_date", row.date("committee_date", month_only=True))
    if isinstance(held_on, workbook_dates.MonthOnly):
        text = row.text("committee_date")
        row.problems.append((f"date de session « {shown(text)} » sans jour : indiquez le jour.",
                             f"session date '{shown(text)}' has no day: give the day."))
        return []
    status = row.read("session_status", values.read_session_status)
    if held_on is None:
        return []
    return [SessionRecord(row.source, held_on, row.text("place"), row.text("session_members"),
                          status)]


def _group(row: Row, _reading: SheetReading) -> list[Any]:
    name = row.required("name", row.read("name", values.read_name, ""))
    return [GroupRecord(row.source, row.read("number", values.read_int), name,
                        row.text("notes"))]


def _auditor(row: Row, _reading: SheetReading) -> list[Any]:
    name = row.required("auditor", row.read("auditor", values.read_name, ""))
    return [AuditorRecord(row.source, name, row.text("auditor_email"),
                          row.read("active", values.read_yes_no, True))]


def _coaching(row: Row, _reading: SheetReading) -> list[Any]:
    auditor = row.required("auditor", row.read("auditor", values.read_name, ""))
    ref = row.company_ref()
    since = row.date("since")
    return [CoachingRecord(row.source, auditor, ref, since)] if ref else []


def _engagement(row: Row, _reading: SheetReading) -> list[Any]:
    ref = row.company_ref()
    started = row.required("engaged_on", row.date("engaged_on"))
    if ref is None or started is None:
        return []
    return [EngagementRecord(row.source, ref, started, row.read("coach", values.read_name, ""),
                             row.text("notes"))]


BUILDERS: dict[str, Callable[[Row, SheetReading], list[Any]]] = {
    "companies": _company, "flat": _flat, "audits": _flat, "decisions": _flat,
    "findings": _finding, "sessions": _session, "groups": _group,
    "memberships": _membership, "auditors": _auditor,
    "coaching": _coaching, "engagements": _engagement,
}
