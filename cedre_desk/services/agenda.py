"""A committee session's agenda: the files it decides, or has to decide.

A file is one company's (or one group's) audit that needs the committee's word:
- a certification or a renewal audit, always (a grant or a renewal rests on it);
- a follow-up or a special audit only when it found a major nonconformity (DOMAIN.md: a major
  nonconformity at a follow-up leads the committee to suspend, or maintain with conditions).
It has taken place on or before the session date and has no decision yet: none rests on the
audit itself, and none was taken for the same company or group at a session held on or after
the audit. It is *ready* once its report is sent (status report sent or closed); an audit
done whose report is not sent yet is listed too, not ready. A file done before the previous
session and still undecided is *carried over*.

The agenda of a session also lists the decisions already recorded at it, so that a decided
file stays on screen with its outcome. For a past session the agenda is what it was then:
an audit decided at a later session was still pending at this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.audit_list import reading_connection
from cedre_desk.services.editing import fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CertificationGroup,
    CommitteeSession,
    Company,
    Decision,
    Finding,
    Referential,
    ReferentialVersion,
)

_ALWAYS_DECIDED = (AuditKind.CERTIFICATION, AuditKind.RENEWAL)
_DECIDED_ON_MAJOR_NC = (AuditKind.FOLLOW_UP, AuditKind.SPECIAL)
_REPORTED = (AuditStatus.REPORT_SENT, AuditStatus.CLOSED)
_SUGGESTED_OUTCOME = {
    AuditKind.CERTIFICATION: Outcome.GRANTED,
    AuditKind.RENEWAL: Outcome.RENEWED,
    AuditKind.FOLLOW_UP: Outcome.MAINTAINED,
    AuditKind.SPECIAL: Outcome.MAINTAINED,
}


@dataclass(frozen=True)
class SessionRecord:
    """A committee session as its form edits it."""

    id: int
    version: int
    held_on: date
    place: str
    members: str
    status: SessionStatus


@dataclass(frozen=True)
class RecordedDecision:
    id: int
    outcome: Outcome
    scheme: Scheme
    certificate_number: str | None
    valid_from: date | None
    valid_until: date | None
    conditions: str


@dataclass(frozen=True)
class AgendaFile:
    company_id: int | None
    group_id: int | None
    owner: str  # the company's or the group's name
    audit_id: int | None  # None only for a decision recorded without an audit
    audit_kind: AuditKind | None
    audit_status: AuditStatus | None
    done_on: date | None
    version: str  # "CEDRE V3", "CEDRE V3 + ISO 9001 2015"
    combined: bool  # audited for the CEDRE ISO 9001 scheme
    minor_nc: int
    major_nc: int
    carried_over: bool
    decision: RecordedDecision | None

    @property
    def ready(self) -> bool:
        return self.audit_status in _REPORTED

    @property
    def suggested_outcome(self) -> Outcome:
        if self.audit_kind is None:
            return Outcome.MAINTAINED
        return _SUGGESTED_OUTCOME.get(self.audit_kind, Outcome.MAINTAINED)

    @property
    def suggested_scheme(self) -> Scheme:
        return Scheme.CEDRE_ISO_9001 if self.combined else Scheme.CEDRE


class AgendaService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def session(self, session_id: int) -> SessionRecord:
        with self.db.reading() as session:
            row = fetch(session, CommitteeSession, session_id)
            assert row.id is not None
            return SessionRecord(row.id, row.version, row.held_on, row.place, row.members,
                                 row.status)

    def agenda(self, session_id: int, *, private_connection: bool = False) -> list[AgendaFile]:
        """The files decided at the session and those still waiting, by name (a file keeps
        its place when it is decided).
        (`private_connection` when called from a worker thread: see services.audit_list.)"""
        with reading_connection(self.db, private=private_connection) as conn, conn.begin():
            held_on = conn.scalar(sa.select(CommitteeSession.held_on).where(
                CommitteeSession.id == session_id))
            if held_on is None:
                fetch(Session(conn), CommitteeSession, session_id)  # raises NotFound
            files = _decided(conn, session_id, _previous_session(conn, held_on))
            files += _pending(conn, held_on)
            files.sort(key=_by_name)
            return files

    def files_ready(self, held_on: date, *,
                    private_connection: bool = False) -> list[AgendaFile]:
        """The files waiting for a session on `held_on`, entered or only expected."""
        with reading_connection(self.db, private=private_connection) as conn, conn.begin():
            return _pending(conn, held_on)


def _previous_session(conn: Connection, held_on: date) -> date | None:
    return conn.scalar(sa.select(sa.func.max(CommitteeSession.held_on)).where(
        CommitteeSession.held_on < held_on))


def _done_on() -> sa.ColumnElement:
    return sa.func.coalesce(Audit.end_on, Audit.start_on)


def _owner_columns() -> list[sa.ColumnElement]:
    return [sa.func.coalesce(Company.name, CertificationGroup.name)]


def _count_of(level: FindingLevel) -> sa.ScalarSelect:
    return (sa.select(sa.func.count()).where(Finding.audit_id == Audit.id, Finding.level == level)
            .correlate(Audit).scalar_subquery())


def _with_audit_columns(query: sa.Select, *, outer: bool) -> sa.Select:
    """`query` (whose FROM holds `audit`) plus an audit's columns for its file: kind, status,
    date, version labels, nonconformity counts."""
    iso = aliased(ReferentialVersion)
    iso_referential = aliased(Referential)
    join = query.outerjoin if outer else query.join
    return (
        join(ReferentialVersion, ReferentialVersion.id == Audit.version_id)
        .join(Referential, Referential.id == ReferentialVersion.referential_id, isouter=outer)
        .outerjoin(iso, iso.id == Audit.iso_version_id)
        .outerjoin(iso_referential, iso_referential.id == iso.referential_id)
        .add_columns(
            Audit.id, Audit.kind, Audit.status, _done_on(),
            Referential.code + " " + ReferentialVersion.label,
            iso_referential.code + " " + iso.label,
            _count_of(FindingLevel.MINOR_NC), _count_of(FindingLevel.MAJOR_NC),
        )
    )


def _pending(conn: Connection, held_on: date) -> list[AgendaFile]:
    previous = _previous_session(conn, held_on)
    done_on = _done_on()
    # The audits with a major nonconformity as one set, read once from the index on
    # finding(level, audit_id) (migration 0005; a pass over the 600,000 findings of a large
    # register before it): probing the findings of each of the 90,000 follow-up audits, as
    # EXISTS did, took a third of the query's time.
    major_nc = Audit.id.in_(sa.select(Finding.audit_id).where(
        Finding.level == FindingLevel.MAJOR_NC))
    # Three NOT EXISTS rather than one with OR: each then walks one index of `decision`.
    on_the_audit = _decision_by(held_on, Decision.audit_id == Audit.id)
    on_the_company = _decision_by(held_on, Decision.company_id == Audit.company_id,
                                  since=done_on)
    on_the_group = _decision_by(held_on, Decision.group_id == Audit.group_id, since=done_on)
    waiting = _with_audit_columns(
        sa.select(Audit.company_id, Audit.group_id, *_owner_columns())
        .outerjoin(Company, Company.id == Audit.company_id)
        .outerjoin(CertificationGroup, CertificationGroup.id == Audit.group_id),
        outer=False,
    ).where(
        Audit.status != AuditStatus.PLANNED,
        done_on <= held_on,
        ~on_the_audit, ~on_the_company, ~on_the_group,
    )
    # The audits a committee decides on, one branch each rather than one OR: the second is
    # then driven from the major nonconformities' set (7,500 audits of 200,000), not tried
    # on each follow-up audit in the pass over all of them.
    query = sa.union_all(
        waiting.where(Audit.kind.in_(_ALWAYS_DECIDED)),
        waiting.where(Audit.kind.in_(_DECIDED_ON_MAJOR_NC), major_nc),
    )
    files = [
        AgendaFile(
            company_id=company_id, group_id=group_id, owner=owner, audit_id=audit_id,
            audit_kind=kind, audit_status=status, done_on=done, version=_label(cedre, iso),
            combined=iso is not None, minor_nc=minor, major_nc=major,
            carried_over=previous is not None and done <= previous, decision=None,
        )
        for (company_id, group_id, owner, audit_id, kind, status, done, cedre, iso, minor,
             major) in conn.execute(query)
    ]
    files.sort(key=_by_name)
    return files


def _decision_by(held_on: date, owner: sa.ColumnElement,
                 since: sa.ColumnElement | None = None) -> sa.Exists:
    """A decision matching `owner`, taken at a session held by `held_on` (and since...)."""
    held = aliased(CommitteeSession)
    condition = sa.and_(owner, held.id == Decision.session_id, held.held_on <= held_on)
    if since is not None:
        condition = sa.and_(condition, held.held_on >= since)
    # SELECT 1, not SELECT *: SQLite then answers from the index on decision(audit_id,
    # session_id) without reading the decision's row.
    return sa.exists(sa.literal_column("1")).where(condition)


def _decided(conn: Connection, session_id: int, previous: date | None) -> list[AgendaFile]:
    columns: list[Any] = [
        Decision.company_id, Decision.group_id, *_owner_columns(),
        Decision.id, Decision.outcome, Decision.scheme, Decision.certificate_number,
        Decision.valid_from, Decision.valid_until, Decision.conditions,
    ]
    query = _with_audit_columns(
        sa.select(*columns)
        .outerjoin(Company, Company.id == Decision.company_id)
        .outerjoin(CertificationGroup, CertificationGroup.id == Decision.group_id)
        .outerjoin(Audit, Audit.id == Decision.audit_id),
        outer=True,
    ).where(Decision.session_id == session_id)
    files = []
    for (company_id, group_id, owner, decision_id, outcome, scheme, number, valid_from,
         valid_until, conditions, audit_id, kind, status, done, cedre, iso, minor,
         major) in conn.execute(query):
        files.append(AgendaFile(
            company_id=company_id, group_id=group_id, owner=owner, audit_id=audit_id,
            audit_kind=kind, audit_status=status, done_on=done,
            version=_label(cedre, iso) if cedre else "", combined=iso is not None,
            minor_nc=minor or 0, major_nc=major or 0,
            carried_over=previous is not None and done is not None and done <= previous,
            decision=RecordedDecision(decision_id, outcome, scheme, number, valid_from,
                                      valid_until, conditions),
        ))
    return files


def _by_name(file: AgendaFile) -> tuple[str, date, int]:
    return (file.owner.casefold(), file.done_on or date.min, file.audit_id or 0)


def _label(cedre: str, iso: str | None) -> str:
    return f"{cedre} + {iso}" if iso else cedre
