"""The audit list: one light row per audit, for a table of up to 200,000 audits.

Read with a handful of Core selects: the small tables (companies, groups, versions,
auditors) into dicts, then one stream of the audits with their lead auditor and finding counts
joined in SQL (SQLite takes about what separate selects of those would, 1 s at 200,000
audits, but no dict of 200,000 entries is built per joined table, and the rows pass through
SQLAlchemy once). Joining the companies, groups and every auditor as well took 1.5 s in
SQLite alone, and typed result processing
(dates parsed by SQLAlchemy, enums checked) doubled a plain select. Here the dates and codes
come back as text and are turned into `date` and enum values with C-speed conversions
(`date.fromisoformat`, a dict lookup), once per distinct value.

A reader running on another thread asks for a private connection (`private_connection=True`):
it then opens, uses and closes its own, so no SQLite connection is ever shared across threads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
from cedre_desk.storage.stored_text import stored_text


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
PARTITION = 2_000  # database rows fetched at a time (a smaller peak, the same speed)


def _as_text(column: sa.ColumnElement) -> sa.ColumnElement:
    """The stored text of a column, without SQLAlchemy's per-row type processing."""
    return stored_text(column)  # ISO text on PostgreSQL too


class AuditListService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def rows(self, *, private_connection: bool = False,
             reuse: Sequence[AuditListRow] = ()) -> list[AuditListRow]:
        """Every audit, in id order; one consistent read.

        `reuse`: the rows a reload replaces (as this gave them). A row that has not changed
        is returned as that same object, so the list on screen and the one read to replace
        it share their rows instead of being two copies of 200,000 at once.
        """
        with reading_connection(self.db, private=private_connection) as conn, conn.begin():
            return _read_rows(conn, reuse)

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


def _read_rows(conn: Connection, reuse: Sequence[AuditListRow] = ()) -> list[AuditListRow]:
    """Every audit's row, in id order, read in partitions.

    One select brings each audit with its lead auditor and its finding counts (joined in
    SQL: one stream, no dict per audit beside the rows being built); it is fetched a
    partition at a time, so 200,000 database rows are never held at once. Repeated values
    are shared, not made again per row: a date per day, a version label per (version, ISO
    version), an auditors' text per team, an owner's id and names per owner. At 200,000
    audits (tracemalloc) that took the rows kept from 78 to 49 MB and the read's peak from
    208 to 61 MB, and the resident size with it: CPython keeps an arena while any object in
    it lives, so short-lived database rows interleaved with the kept ones held the peak.
    """
    companies = {
        cid: (cid, name, siret or "", town or "")
        for cid, name, siret, town in conn.execute(
            sa.select(Company.id, Company.name, Company.siret, Company.town))
    }
    groups = {gid: (gid, name, "", "") for gid, name in conn.execute(
        sa.select(CertificationGroup.id, CertificationGroup.name))}
    versions: dict[tuple[int, int | None], tuple[int, str]] = {}
    for vid, code, label in conn.execute(
            sa.select(ReferentialVersion.id, Referential.code, ReferentialVersion.label)
            .join(Referential, Referential.id == ReferentialVersion.referential_id)):
        versions[vid, None] = (vid, f"{code} {label}")
    teams = _Teams(conn)
    days: dict[str, date] = {}
    rows: list[AuditListRow] = []
    append = rows.append
    reused = 0  # how far `reuse` was gone through
    # yield_per: on PostgreSQL a server-side cursor, so the driver too holds one partition
    # at a time, not the 200,000 rows' whole result (a shared register's window peaked at
    # 306 MB, 43 MB over the file's); SQLite's cursor already fetches as asked.
    for partition in conn.execute(_AUDITS.execution_options(yield_per=PARTITION)).partitions():
        start = len(rows)
        for (audit_id, company_id, group_id, kind, status, planned_on, start_on, version_id,
             iso_version_id, lead, findings, minor, major) in partition:
            if company_id is not None:
                company_id, owner, siret, town = companies[company_id]
            else:
                group_id, owner, siret, town = groups[group_id]
            version = versions.get((version_id, iso_version_id))
            if version is None:  # the combined scheme: "CEDRE V3 + ISO 9001 2015", once
                cedre, iso = versions[version_id, None], versions[iso_version_id, None]
                version = versions[version_id, iso_version_id] = (
                    cedre[0], f"{cedre[1]} + {iso[1]}")
            on: date | None = None
            on_text = start_on or planned_on
            if on_text:
                on = days.get(on_text)
                if on is None:
                    on = days[on_text] = date.fromisoformat(on_text)
            append(AuditListRow(
                audit_id, company_id, group_id, owner, siret, town, _KINDS[kind],
                _STATUSES[status], on, version[0], version[1], teams.text(audit_id, lead),
                findings or 0, minor or 0, major or 0,
            ))
        if reuse:
            reused = _share_unchanged(rows, start, reuse, reused)
    return rows


def _share_unchanged(rows: list[AuditListRow], start: int, previous: Sequence[AuditListRow],
                     at: int) -> int:
    """Each row from `start` on that equals its row in `previous` becomes that row (both
    lists in id order; `at`: how far `previous` was gone through, returned moved on)."""
    end = len(previous)
    for i in range(start, len(rows)):
        row = rows[i]
        while at < end and previous[at].id < row.id:
            at += 1
        if at < end and previous[at] == row:
            rows[i] = previous[at]
    return at


def _finding_counts() -> sa.Subquery:
    """(audit id, findings, minor nonconformities, major nonconformities) of each audit that
    has findings."""
    level = _as_text(Finding.level)
    return sa.select(
        Finding.audit_id,
        sa.func.count().label("findings"),
        sa.func.sum(sa.case((level == FindingLevel.MINOR_NC.value, 1), else_=0)).label("minor"),
        sa.func.sum(sa.case((level == FindingLevel.MAJOR_NC.value, 1), else_=0)).label("major"),
    ).group_by(Finding.audit_id).subquery()


def _audits_query() -> sa.Select:
    """Each audit with the id of its lead auditor and its finding counts (None without)."""
    counts = _finding_counts()
    lead = sa.and_(AuditAuditor.audit_id == Audit.id, AuditAuditor.lead)
    return (
        sa.select(
            Audit.id, Audit.company_id, Audit.group_id, _as_text(Audit.kind),
            _as_text(Audit.status), _as_text(Audit.planned_on), _as_text(Audit.start_on),
            Audit.version_id, Audit.iso_version_id, AuditAuditor.auditor_id,
            counts.c.findings, counts.c.minor, counts.c.major)
        .outerjoin(AuditAuditor, lead)
        .outerjoin(counts, counts.c.audit_id == Audit.id)
        .order_by(Audit.id)
    )


_AUDITS = _audits_query()


class _Teams:
    """The auditors' text of each audit: the lead first, then the others by auditor id (as
    the audit's own record lists them). Most audits have their lead only, whose name is the
    text; the others (an audit with a second auditor, some 22,000 of 200,000) are read
    apart, and each distinct team's text is made once and shared by its audits."""

    def __init__(self, conn: Connection) -> None:
        self.names: dict[int, str] = {
            auditor_id: name for auditor_id, name in conn.execute(
                sa.select(Auditor.id, Auditor.name))}
        self.others: dict[int, list[int]] = {}
        for audit_id, auditor_id in conn.execute(
                sa.select(AuditAuditor.audit_id, AuditAuditor.auditor_id)
                .where(sa.not_(AuditAuditor.lead))
                .order_by(AuditAuditor.audit_id, AuditAuditor.auditor_id)):
            self.others.setdefault(audit_id, []).append(auditor_id)
        self.texts: dict[tuple[int | None, tuple[int, ...]], str] = {}

    def text(self, audit_id: int, lead: int | None) -> str:
        others = self.others.get(audit_id)
        if others is None:
            return self.names[lead] if lead is not None else ""
        key = (lead, tuple(others))
        text = self.texts.get(key)
        if text is None:
            team = ([] if lead is None else [lead]) + others
            text = self.texts[key] = ", ".join(self.names[a] for a in team)
        return text
