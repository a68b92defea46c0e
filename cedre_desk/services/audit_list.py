"""The audit list: one light row per audit, for a table of up to 200,000 audits.

Read with a handful of Core selects, joined in Python: at 180,000 audits the one-query form
(company, group, auditor and finding joins in SQL) took 1.5 s in SQLite alone, and typed
result processing (dates parsed by SQLAlchemy, enums checked) doubled a plain select. Here the
dates and codes come back as text and are turned into `date` and enum values with C-speed
conversions (`date.fromisoformat`, a dict lookup), which brings the whole read to about half.

A reader running on another thread asks for a private connection (`private_connection=True`):
it then opens, uses and closes its own, so no SQLite connection is ever shared across threads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel
from cedre_desk.storage.database import Database
from cedre_desk.storage.engine import make_engine
from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    Auditor,
    CertificationGroup,
    Company,
    Finding,
    Referential,
    ReferentialVersion,
)


class AuditListRow(NamedTuple):
    """One line of the audit list (a NamedTuple: 200,000 of them are built in one go)."""

    id: int
    company_id: int | None
    group_id: int | None
    owner: str  # the company's or the group's name
    siret: str
    town: str
    kind: AuditKind
    status: AuditStatus
    on: date | None  # the start date once held, else the planned date
    version_id: int
    version: str  # "CEDRE V3", or "CEDRE V3 + ISO 9001 2015" for the combined scheme
    auditors: str  # the lead auditor first
    findings: int
    minor_nc: int
    major_nc: int


class AuditOwner(NamedTuple):
    """A company or a group an audit can be about, for the editor's choice."""

    company_id: int | None
    group_id: int | None
    name: str
    town: str


_KINDS = {k.value: k for k in AuditKind}
_STATUSES = {s.value: s for s in AuditStatus}


def _as_text(column: sa.ColumnElement) -> sa.ColumnElement:
    """The stored text of a column, without SQLAlchemy's per-row type processing."""
    return sa.type_coerce(column, sa.String)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class AuditListService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def rows(self, *, private_connection: bool = False) -> list[AuditListRow]:
        """Every audit, in id order; one consistent read."""
        with reading_connection(self.db, private=private_connection) as conn, conn.begin():
            return _read_rows(conn)


    def owners(self) -> list[AuditOwner]:
        """Every company (by name) then every group: three columns, no joins, so that the
        choice opens at once on 20,000 companies."""
        with self.db.engine.connect() as conn:
            companies = conn.execute(sa.select(Company.id, Company.name, Company.town)
                                     .order_by(Company.name, Company.id)).all()
            groups = conn.execute(sa.select(CertificationGroup.id, CertificationGroup.name)
                                  .order_by(CertificationGroup.name)).all()
        return ([AuditOwner(cid, None, name, town or "") for cid, name, town in companies]
                + [AuditOwner(None, gid, name, "") for gid, name in groups])


@contextmanager
def reading_connection(db: Database, *, private: bool) -> Iterator[Connection]:
    """A connection to read with; `private` for a worker thread (see the module's notes)."""
    if private and db.path is not None:
        # A connection of its own for a worker thread: a SQLite connection stays on the
        # thread that opened it. (A server database's pool hands out one per caller anyway.)
        engine = make_engine(db.path, read_only=True)
        try:
            with engine.connect() as conn:
                yield conn
        finally:
            engine.dispose()
    else:
        with db.engine.connect() as conn:
            yield conn


def _read_rows(conn: Connection) -> list[AuditListRow]:
    companies = {
        cid: (name, siret or "", town or "")
        for cid, name, siret, town in conn.execute(
            sa.select(Company.id, Company.name, Company.siret, Company.town))
    }
    groups: dict[int, str] = {
        gid: name for gid, name in conn.execute(
            sa.select(CertificationGroup.id, CertificationGroup.name))}
    versions = {
        vid: f"{code} {label}"
        for vid, code, label in conn.execute(
            sa.select(ReferentialVersion.id, Referential.code, ReferentialVersion.label)
            .join(Referential, Referential.id == ReferentialVersion.referential_id))
    }
    auditors = _auditor_names(conn)
    counts = _finding_counts(conn)
    no_counts = (0, 0, 0)
    query = sa.select(
        Audit.id, Audit.company_id, Audit.group_id, _as_text(Audit.kind),
        _as_text(Audit.status), _as_text(Audit.planned_on), _as_text(Audit.start_on),
        Audit.version_id, Audit.iso_version_id,
    ).order_by(Audit.id)
    rows: list[AuditListRow] = []
    append = rows.append
    for (audit_id, company_id, group_id, kind, status, planned_on, start_on, version_id,
         iso_version_id) in conn.execute(query).all():
        if company_id is not None:
            owner, siret, town = companies[company_id]
        else:
            owner, siret, town = groups[group_id], "", ""
        version = versions[version_id]
        if iso_version_id is not None:
            version = f"{version} + {versions[iso_version_id]}"
        total, minor, major = counts.get(audit_id, no_counts)
        append(AuditListRow(
            audit_id, company_id, group_id, owner, siret, town, _KINDS[kind], _STATUSES[status],
            _day(start_on or planned_on), version_id, version, auditors.get(audit_id, ""),
            total, minor, major,
        ))
    return rows


def _auditor_names(conn: Connection) -> dict[int, str]:
    """The auditors of each audit, the lead first. (Ordered here, not in SQL: sorting 200,000
    links in SQLite cost more than the whole read.)"""
    names: dict[int, list[str]] = defaultdict(list)
    query = (
        sa.select(AuditAuditor.audit_id, AuditAuditor.lead, Auditor.name)
        .join(Auditor, Auditor.id == AuditAuditor.auditor_id)
    )
    for audit_id, lead, name in conn.execute(query).all():
        if lead:
            names[audit_id].insert(0, name)
        else:
            names[audit_id].append(name)
    return {audit_id: ", ".join(people) for audit_id, people in names.items()}


def _finding_counts(conn: Connection) -> dict[int, tuple[int, int, int]]:
    """(findings, minor nonconformities, major nonconformities) per audit that has findings."""
    level = _as_text(Finding.level)
    query = sa.select(
        Finding.audit_id,
        sa.func.count(),
        sa.func.sum(sa.case((level == FindingLevel.MINOR_NC.value, 1), else_=0)),
        sa.func.sum(sa.case((level == FindingLevel.MAJOR_NC.value, 1), else_=0)),
    ).group_by(Finding.audit_id)
    return {audit_id: (total, minor, major) for audit_id, total, minor, major in
            conn.execute(query).all()}
