"""Where each company stands and what is due: the cycle rules applied to the register.

The facts of the whole register are read with a handful of Core selects into tuples (no ORM
objects: at 200,000 audits that is the difference between a fraction of a second and many),
grouped by company, and handed to the pure cycle rules with `today`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import AuditFact, CycleStatus, DecisionFact, company_status
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
)
from cedre_desk.services.settings import SettingsService
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CommitteeSession,
    Company,
    Decision,
    Engagement,
    GroupMember,
)

# Only these audits move the cycle; the others only tell that a company is engaged.
_CYCLE_KINDS = (AuditKind.FOLLOW_UP, AuditKind.RENEWAL)


@dataclass(frozen=True)
class DueRow:
    company_id: int
    company: str
    siret: str | None
    event: EventKind
    due: date
    late: bool
    expected_session: bool
    state: CompanyState
    scheme: Scheme | None


@dataclass
class _Facts:
    decisions: dict[int, list[DecisionFact]]
    audits: dict[int, list[AuditFact]]
    engaged: set[int]
    sessions: tuple[date, ...]  # a tuple: the cycle rules cache per-year lookups on it


class CycleService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.settings = SettingsService(db)

    def status(self, company_id: int, today: date) -> CycleStatus:
        return self.statuses(today, [company_id])[company_id]

    def statuses(self, today: date,
                 company_ids: Iterable[int] | None = None) -> dict[int, CycleStatus]:
        """The cycle status of each company (all of them when no ids are given)."""
        settings = self.settings.load()
        ids = None if company_ids is None else list(company_ids)
        with self.db.engine.connect() as conn:
            facts = _read_facts(conn, ids)
            if ids is None:
                ids = list(conn.scalars(sa.select(Company.id)))
        return {cid: _status(cid, facts, settings, today) for cid in ids}

    def due(self, today: date, within_days: int | None = None) -> list[DueRow]:
        """Every event not done yet, late ones included, up to `today + within_days`."""
        settings = self.settings.load()
        horizon = today + timedelta(days=within_days) if within_days is not None else None
        with self.db.engine.connect() as conn:
            facts = _read_facts(conn, None)
            companies = conn.execute(sa.select(Company.id, Company.name, Company.siret)).all()
        rows: list[DueRow] = []
        for company_id, name, siret in companies:
            if company_id not in facts.decisions:
                continue  # never certified: nothing falls due
            status = _status(company_id, facts, settings, today)
            scheme = status.certificate.scheme if status.certificate else None
            for event in status.events:
                if event.done or (horizon is not None and event.due > horizon):
                    continue
                rows.append(DueRow(company_id, name, siret, event.kind, event.due, event.late,
                                   event.expected_session, status.state, scheme))
        rows.sort(key=lambda r: (r.due, r.company.casefold(), r.company_id))
        return rows


def _status(company_id: int, facts: _Facts, settings: CycleSettings, today: date) -> CycleStatus:
    return company_status(
        facts.decisions.get(company_id, []),
        facts.audits.get(company_id, []),
        company_id in facts.engaged,
        facts.sessions,
        settings,
        today,
    )


def _raw(column: Any) -> Any:
    """The column as the text SQLite stores. At 200,000 rows SQLAlchemy's per-value Date and
    Enum conversions cost seconds; date.fromisoformat and a dict lookup cost a fraction."""
    return sa.type_coerce(column, sa.String)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _read_facts(conn: Connection, company_ids: list[int] | None) -> _Facts:
    members: dict[int, list[int]] = defaultdict(list)
    member_query = sa.select(GroupMember.group_id, GroupMember.company_id)
    if company_ids is not None:
        member_query = member_query.where(GroupMember.company_id.in_(company_ids))
    for group_id, company_id in conn.execute(member_query):
        members[group_id].append(company_id)

    def owners(company_id: int | None, group_id: int | None) -> Sequence[int]:
        """A group's decision or audit counts for each of its member companies."""
        return (company_id,) if company_id is not None else members.get(group_id or 0, ())

    def scoped(query: sa.Select, model: type[Audit] | type[Decision]) -> sa.Select:
        if company_ids is None:
            return query
        return query.where(sa.or_(model.company_id.in_(company_ids),
                                  model.group_id.in_(list(members))))

    outcomes, schemes = Outcome._value2member_map_, Scheme._value2member_map_
    decisions: dict[int, list[DecisionFact]] = defaultdict(list)
    decision_query = scoped(
        sa.select(Decision.company_id, Decision.group_id, _raw(CommitteeSession.held_on),
                  _raw(Decision.outcome), _raw(Decision.scheme), _raw(Decision.valid_from),
                  _raw(Decision.valid_until))
        .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
        .order_by(CommitteeSession.held_on, Decision.id),
        Decision,
    )
    # .all() fetches in one call; iterating a Result fetches row by row, far slower here.
    for company_id, group_id, on, outcome, scheme, valid_from, valid_until in conn.execute(
            decision_query).all():
        fact = DecisionFact(date.fromisoformat(on), outcomes[outcome], schemes[scheme],
                            _day(valid_from), _day(valid_until))
        for owner in owners(company_id, group_id):
            decisions[owner].append(fact)

    # Only audits that took place move the cycle (a done audit always has its dates).
    kinds, statuses = AuditKind._value2member_map_, AuditStatus._value2member_map_
    audits: dict[int, list[AuditFact]] = defaultdict(list)
    audit_query = scoped(
        sa.select(Audit.company_id, Audit.group_id, _raw(Audit.kind), _raw(Audit.status),
                  _raw(sa.func.coalesce(Audit.end_on, Audit.start_on)))
        .where(Audit.kind.in_(_CYCLE_KINDS), Audit.status != AuditStatus.PLANNED),
        Audit,
    )
    for company_id, group_id, kind, status, done_on in conn.execute(audit_query).all():
        audit = AuditFact(kinds[kind], statuses[status], None, _day(done_on))
        for owner in owners(company_id, group_id):
            audits[owner].append(audit)

    engaged: set[int] = set()
    engaged_query = sa.union(
        scoped(sa.select(Audit.company_id, Audit.group_id).distinct(), Audit),
        sa.select(Engagement.company_id, sa.null()),
    )
    for company_id, group_id in conn.execute(engaged_query).all():
        engaged.update(owners(company_id, group_id))

    sessions = tuple(conn.scalars(sa.select(CommitteeSession.held_on)
                                  .order_by(CommitteeSession.held_on)))
    return _Facts(decisions, audits, engaged, sessions)
