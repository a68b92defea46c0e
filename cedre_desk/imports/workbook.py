"""Read a workbook to import: our own Excel register, or a register kept by hand.

Every visible sheet is looked at: its kind from its name (workbook_fields), its header row
among the first 20 rows, each column's field (the user may change any with `overrides`),
then each row below the header becomes records (workbook_records) or, when a value cannot be
read, a `Problem` naming the row and the reason in French and English. A row with a problem
gives no record at all: the import is all or nothing, so the services refuse to write while
any problem is left.

A flat sheet (a name that says nothing, or "Audits"/"Décisions" sheets kept by hand) carries
on each row a company and, beside it, at most one audit, one committee decision and one
engagement. Only a flat sheet (and the companies sheet) makes new companies; the other
sheets must name companies that are in the workbook or the register.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cedre_desk.audits.siret import normalize_siret
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, LegalType, Outcome
from cedre_desk.imports import workbook_values as values
from cedre_desk.imports.workbook_fields import (
    DATE_FIELDS,
    FIELDS,
    IGNORE,
    SheetMapping,
    find_header,
    normalise,
    sheet_kind,
)
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
    ParsedWorkbook,
    Problem,
    SessionRecord,
    Source,
)
from cedre_desk.imports.workbook_source import RawSheet, read_raw_workbook

# The audit a decision rests on, when a flat row gives a decision and an audit date only.
_KIND_FOR = {Outcome.GRANTED: AuditKind.CERTIFICATION, Outcome.RENEWED: AuditKind.RENEWAL}
_AUDIT_FIELDS = ("audit_kind", "audit_start", "audit_end", "planned_on")


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """ "Header=field" pairs (as typed after --map) -> {normalised header: field}.

    "Sheet!Header=field" limits the change to one sheet; "Header=" or "Header=ignore" leaves
    the column out. Raises ValueError naming a pair that is not understood."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        field = field.strip() or IGNORE
        if not sep or not header.strip() or field not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            raise ValueError(f"--map {pair!r}: expected \"Header=field\", field among: {known}")
        sheet, bang, name = header.rpartition("!")
        key = f"{normalise(sheet)}!{normalise(name)}" if bang else normalise(header)
        overrides[key] = field
    return overrides


def read_workbook(path: Path, *, overrides: Mapping[str, str] | None = None, today: date,
                  progress: Callable[[int], None] | None = None) -> ParsedWorkbook:
    """The records and the problems of the workbook at `path` (see the module's docstring).

    `today` decides whether an audit dated without a status took place (done) or not yet."""
    raw = read_raw_workbook(Path(path), progress)
    parsed = ParsedWorkbook(our_export=raw.our_export)
    parsed.notes += [Problem(title, 0, "feuille masquée, laissée de côté.",
                             "hidden sheet, left out.") for title in raw.hidden]
    for sheet in raw.sheets:
        _read_sheet(sheet, dict(overrides or {}), today, raw.epoch, parsed)
    if not any((parsed.companies, parsed.audits, parsed.decisions, parsed.findings,
                parsed.sessions, parsed.groups, parsed.auditors, parsed.engagements,
                parsed.coaching)) and not parsed.problems:
        parsed.problems.append(Problem(
            Path(path).name, 0,
            "aucune feuille reconnue : aucune ligne d'en-tête avec au moins deux colonnes "
            "connues (Nom, SIRET, Ville, Date d'audit, Décision...) dans les 20 premières "
            "lignes. Indiquez les colonnes avec la correspondance (--map).",
            "no sheet recognised: no header row with at least two known columns (Name, SIRET, "
            "Town, Audit date, Decision...) in the first 20 rows. Give the columns with the "
            "mapping (--map)."))
    return parsed


def _read_sheet(sheet: RawSheet, overrides: dict[str, str], today: date, epoch: date,
                parsed: ParsedWorkbook) -> None:
    kind = sheet_kind(sheet.title)
    if kind == "skip":
        parsed.notes.append(Problem(sheet.title, 0, "feuille calculée (échéances, historique), "
                                    "laissée de côté.", "computed sheet (due events, history), "
                                    "left out."))
        return
    prefix = normalise(sheet.title) + "!"
    sheet_overrides = {**overrides, **{k[len(prefix):]: v for k, v in overrides.items()
                                       if k.startswith(prefix)}}
    header_row, columns = find_header(sheet.rows, kind, sheet_overrides)
    if header_row == 0:
        if any(any(v is not None for v in row) for row in sheet.rows):
            parsed.notes.append(Problem(sheet.title, 0, "aucune ligne d'en-tête reconnue, "
                                        "feuille laissée de côté.", "no header row recognised, "
                                        "sheet left out."))
        return
    mapping = SheetMapping(sheet.title, kind, header_row, tuple(columns))
    parsed.mappings.append(mapping)
    fields = mapping.index_of()
    body = sheet.rows[header_row:]
    orders = {f: values.column_date_order(row[i] for row in body if i < len(row))
              for f, i in fields.items() if f in DATE_FIELDS}
    build = _BUILDERS.get(kind, _flat)
    for offset, cells in enumerate(body):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        row = _Row(cells, fields, orders, epoch, Source(sheet.title, header_row + 1 + offset))
        records = build(row, kind, today)
        if row.problems:
            parsed.problems += [Problem(sheet.title, row.source.row, fr, en)
                                for fr, en in row.problems]
            continue
        for record in records:
            getattr(parsed, _LIST_OF[type(record).__name__]).append(record)


_LIST_OF = {"CompanyRecord": "companies", "GroupRecord": "groups", "AuditorRecord": "auditors",
            "CoachingRecord": "coaching", "EngagementRecord": "engagements",
            "AuditRecord": "audits", "FindingRecord": "findings", "SessionRecord": "sessions",
            "DecisionRecord": "decisions"}


class _Row:
    """One data row, read field by field; a value that cannot be read is noted, not raised."""

    def __init__(self, cells: Sequence[Any], fields: dict[str, int],
                 orders: dict[str, values.DateOrder], epoch: date, source: Source) -> None:
        self.cells, self.fields, self.orders, self.epoch = cells, fields, orders, epoch
        self.source = source
        self.problems: list[tuple[str, str]] = []
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
        return default if result is None else result

    def date(self, field: str) -> date | None:
        order = self.orders.get(field, values.DateOrder())
        result: date | None = self.read(
            field, lambda v: values.read_date(v, order, epoch=self.epoch))
        return result

    def required(self, field: str, value: Any) -> Any:
        if (value is None or value == "") and field not in self.unreadable:
            fr, en = FIELDS[field]
            self.problems.append((f"{fr} : valeur manquante.", f"{en}: missing value."))
        return value

    def company_ref(self, *, required: bool = True) -> CompanyRef | None:
        number = self.read("company_no", values.read_int)
        name, _types = values.split_bracketed_types(self.text("name"))
        siret = normalize_siret(self.text("siret"))
        town, _department = values.split_bracketed_department(self.text("town"))
        if number is None and not siret and not name:
            if required:
                self.problems.append(("structure manquante (ni nom, ni SIRET).",
                                      "company missing (no name, no SIRET)."))
            return None
        return CompanyRef(number, siret, name, town)


def _company(row: _Row, kind: str, _today: date) -> list[Any]:
    name, bracket_types = values.split_bracketed_types(row.text("name"))
    row.required("name", name)
    types = row.read("legal_types", values.read_legal_types, ()) or bracket_types \
        or (LegalType.OTHER,)
    town, bracket_department = values.split_bracketed_department(row.text("town"))
    department = row.text("department") or bracket_department
    number = row.read("number", values.read_int) if kind == "companies" else None
    ref = CompanyRef(number, normalize_siret(row.text("siret")), name, town)
    records: list[Any] = [CompanyRecord(
        row.source, ref, types, row.text("region"), department, town, row.text("contact"),
        row.text("email"), row.text("phone"), row.date("member_since"),
        row.read("active", values.read_yes_no, True), values.read_names(row.raw("groups")),
        row.text("notes"), flat=kind == "flat")]
    engaged_on = row.date("engaged_on")
    if engaged_on is not None:
        records.append(EngagementRecord(row.source, ref, engaged_on, row.text("coach"), ""))
    return records


def _flat(row: _Row, kind: str, today: date) -> list[Any]:
    """A flat row: a company (made when new, on a flat sheet), an audit, a decision."""
    records = _company(row, kind, today) if kind == "flat" else []
    ref = records[0].ref if records else row.company_ref(required=not row.text("group"))
    group = row.text("group")
    outcome = row.read("decision", values.read_outcome)
    scheme = row.read("scheme", values.read_scheme)
    audit = None
    if row.filled(*_AUDIT_FIELDS):
        audit = _audit(row, ref, group, scheme, outcome, today)
        records.append(audit)
    if row.filled("decision", "committee_date"):
        session_on = row.required("committee_date", row.date("committee_date"))
        row.required("decision", outcome)
        if session_on is not None and outcome is not None:
            records.append(DecisionRecord(
                row.source, session_on, ref, group, row.read("audit_no", values.read_int),
                audit, outcome, scheme, row.text("certificate_no"), row.date("valid_from"),
                row.date("valid_until"), row.text("conditions")))
    elif kind != "flat" and not audit:
        row.problems.append(("ni audit ni décision sur cette ligne.",
                             "neither an audit nor a decision on this row."))
    return records


def _audit(row: _Row, ref: CompanyRef | None, group: str, scheme: Any, outcome: Any,
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
        values.read_names(row.raw("auditors")), row.text("conclusion"),
        row.text("recommendation"))


def _finding(row: _Row, _kind: str, _today: date) -> list[Any]:
    number = row.required("audit_no", row.read("audit_no", values.read_int))
    level = row.required("level", row.read("level", values.read_level))
    text = row.required("finding", row.text("finding"))
    if row.problems:
        return []
    return [FindingRecord(row.source, number, row.read("position", values.read_int),
                          row.text("requirement_referential"), row.text("requirement"), level,
                          text, row.text("action"), row.date("action_due"),
                          row.date("action_closed_on"))]


def _session(row: _Row, _kind: str, _today: date) -> list[Any]:
    held_on = row.required("committee_date", row.date("committee_date"))
    status = row.read("session_status", values.read_session_status)
    if held_on is None:
        return []
    return [SessionRecord(row.source, held_on, row.text("place"), row.text("session_members"),
                          status)]


def _group(row: _Row, _kind: str, _today: date) -> list[Any]:
    name = row.required("name", row.text("name"))
    return [GroupRecord(row.source, row.read("number", values.read_int), name,
                        row.text("notes"))]


def _auditor(row: _Row, _kind: str, _today: date) -> list[Any]:
    name = row.required("auditor", row.text("auditor"))
    return [AuditorRecord(row.source, name, row.text("auditor_email"),
                          row.read("active", values.read_yes_no, True))]


def _coaching(row: _Row, _kind: str, _today: date) -> list[Any]:
    auditor = row.required("auditor", row.text("auditor"))
    ref = row.company_ref()
    since = row.date("since")
    return [CoachingRecord(row.source, auditor, ref, since)] if ref else []


def _engagement(row: _Row, _kind: str, _today: date) -> list[Any]:
    ref = row.company_ref()
    started = row.required("engaged_on", row.date("engaged_on"))
    if ref is None or started is None:
        return []
    return [EngagementRecord(row.source, ref, started, row.text("coach"), row.text("notes"))]


_BUILDERS: dict[str, Callable[[_Row, str, date], list[Any]]] = {
    "companies": _company, "flat": _flat, "audits": _flat, "decisions": _flat,
    "findings": _finding, "sessions": _session, "groups": _group, "auditors": _auditor,
    "coaching": _coaching, "engagements": _engagement,
}
