"""Where each company stands and what is due: the cycle rules applied to the register.

The facts of the whole register are read with a handful of Core selects into tuples (no ORM
objects: at 200,000 audits that is the difference between a fraction of a second and many),
grouped by company, and handed to the pure cycle rules with `today`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import attrgetter, itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import (
    AuditFact,
    CycleStatus,
    DecisionFact,
    company_status,
    status_holds_until,
)
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
)
from cedre_desk.exports.calendar_events import Period
from cedre_desk.services.settings import SettingsService
from cedre_desk.services.status_store import StatusStore
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CommitteeSession,
    Company,
    Decision,
    Engagement,
    GroupMember,
)
from cedre_desk.storage.plain_rows import plain_rows
from cedre_desk.storage.stored_text import stored_text

# Only these audits move the cycle; the others only tell that a company is engaged.
_CYCLE_KINDS = (AuditKind.FOLLOW_UP, AuditKind.RENEWAL)
# Up to this many companies, their facts are read by id; beyond, all facts are read.
_FEW = 500


@dataclass(frozen=True, init=False)
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

    def __init__(self, company_id: int, company: str, siret: str | None, event: EventKind,
                 due: date, late: bool, expected_session: bool, state: CompanyState,
                 scheme: Scheme | None) -> None:
        # The frozen dataclass's own __init__ sets each field through object.__setattr__:
        # 0.15 s of CPU for the 45,000 rows of 20,000 companies, about half of that this way.
        object.__setattr__(self, "__dict__", {
            "company_id": company_id, "company": company, "siret": siret, "event": event,
            "due": due, "late": late, "expected_session": expected_session, "state": state,
            "scheme": scheme})


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
        self.store = StatusStore(db)

    def status(self, company_id: int, today: date) -> CycleStatus:
        return self.statuses(today, [company_id])[company_id]

    def statuses(self, today: date, company_ids: Iterable[int] | None = None, *,
                 keep: bool = True) -> dict[int, CycleStatus]:
        """The cycle status of each company (all of them when no ids are given): the stored
        ones that still hold, the others computed from their facts, and stored unless
        `keep` is False. Pass keep=False for a day that is not the user's today (a year's
        end, a future session): its statuses would stand in the way of today's."""
        ids = None if company_ids is None else list(company_ids)
        with self.db.engine.connect() as conn:
            return self._statuses(conn, today, ids, keep=keep)

    def _statuses(self, conn: Connection, today: date, ids: list[int] | None, *,
                  keep: bool) -> dict[int, CycleStatus]:
        """`statuses` on `conn`, in one transaction: one snapshot of the facts."""
        statuses = self.store.read(conn, today, ids)
        wanted = [row[0] for row in plain_rows(conn, sa.select(Company.id))] if ids is None else ids
        return self._completed(conn, today, statuses, wanted, keep=keep, all_exist=ids is None)

    def _completed(self, conn: Connection, today: date, statuses: dict[int, CycleStatus],
                   wanted: Sequence[int], *, keep: bool,
                   all_exist: bool) -> dict[int, CycleStatus]:
        """The status of each of `wanted`: those of `statuses` (the stored ones read on
        `conn`), the others computed. `all_exist`: `wanted` was read from the company table
        on `conn`."""
        missing = [cid for cid in wanted if cid not in statuses]
        if missing:
            statuses.update(self._compute(conn, today, missing, keep=keep, all_exist=all_exist))
        return {cid: statuses[cid] for cid in wanted}

    def due(self, today: date, within_days: int | None = None, *,
            period: Period | None = None) -> list[DueRow]:
        """Every event not done yet, late ones included, up to `today + within_days`; with a
        `period`, its due list instead (Period.lists: within it, or late)."""
        horizon = today + timedelta(days=within_days) if within_days is not None else None
        # One connection for both reads: on a server each connection taken from the pool is
        # a round trip (its ping) and another when given back, a third of the list's time.
        with self.db.engine.connect() as conn:
            # The stored statuses first: on PostgreSQL their read takes the lock that lets the
            # statuses computed here be kept (StatusStore.read). The companies' ids come with
            # their names: a second read of the 20,000 ids (scalars) cost 0.05 s.
            stored = self.store.read(conn, today)
            companies = conn.execute(sa.select(Company.id, Company.name, Company.siret)).all()
            statuses = self._completed(conn, today, stored, [row[0] for row in companies],
                                       keep=True, all_exist=True)
        # By day, then name (casefolded) and id, a company's events of one day in their
        # order: the companies put in name order first, their rows then sorted by day alone
        # (a stable sort keeps the rest). Sorting 45,000 rows by (day, name, id) cost twice.
        companies.sort(key=lambda company: (company[1].casefold(), company[0]))
        rows: list[DueRow] = []
        for company_id, name, siret in companies:
            status = statuses[company_id]
            if not status.events:
                continue
            scheme = status.certificate.scheme if status.certificate else None
            for event in status.events:
                if event.done or (horizon is not None and event.due > horizon):
                    continue
                if period is not None and not period.lists(event.due, late=event.late):
                    continue
                rows.append(DueRow(company_id, name, siret, event.kind, event.due, event.late,
                                   event.expected_session, status.state, scheme))
        rows.sort(key=attrgetter("due"))
        return rows

    def _compute(self, conn: Connection, today: date, company_ids: list[int], *,
                 keep: bool, all_exist: bool) -> dict[int, CycleStatus]:
        """Statuses from the facts, kept in the store in the transaction that read them."""
        settings = self.settings.load()
        # Many companies: one read of every fact beats a long IN list. The facts read for
        # `today` leave out the audits that cannot count on that day.
        facts = _read_facts(conn, None if len(company_ids) > _FEW else company_ids, today)
        computed = {}
        for company_id in company_ids:
            status = _status(company_id, facts, settings, today)
            until = status_holds_until(
                facts.decisions.get(company_id, ()), status, settings, today,
                facts.audits.get(company_id, ()))
            computed[company_id] = (status, until)
        if keep:
            # Only companies that exist: an unknown id (a status is still given for it) would
            # make the whole batch fail its foreign key, and nothing be stored. Ids read from
            # the company table in this snapshot need no second look.
            kept = computed
            if not all_exist:
                existing = set(conn.scalars(_existing(company_ids)).all())
                kept = {company_id: computed[company_id] for company_id in company_ids
                        if company_id in existing}
            self.store.keep(conn, today, kept)
        return {company_id: status for company_id, (status, _) in computed.items()}


def _existing(company_ids: list[int]) -> sa.Select:
    query = sa.select(Company.id)
    return query if len(company_ids) > _FEW else query.where(Company.id.in_(company_ids))


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
    return stored_text(column)  # ISO text on PostgreSQL too


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _read_facts(conn: Connection, company_ids: list[int] | None,
                today: date | None = None) -> _Facts:
    """The facts of `company_ids` (all companies when None), grouped by company.

    With `today`, only the audits that can count in the cycle on that day are read
    (`_counts_since`), so the facts are good for that day only; without it, every audit that
    took place. Both give the same statuses on `today` (tests/services/test_due_facts.py).
    """
    # A group's decision or audit counts for each of its member companies, for a member
    # with membership dates only when dated within them (`dated`: joined, left as stored
    # text, compared as the ISO days they are). The owner test is written out in each loop
    # below: a call per row cost 0.15 s at 200,000 rows.
    members: dict[int, list[int]] = defaultdict(list)
    dated: dict[int, list[tuple[int, Any, Any]]] = defaultdict(list)
    member_query = sa.select(GroupMember.group_id, GroupMember.company_id,
                             _raw(GroupMember.joined_on), _raw(GroupMember.left_on))
    if company_ids is not None:
        member_query = member_query.where(GroupMember.company_id.in_(company_ids))
    for group_id, company_id, joined_on, left_on in conn.execute(member_query):
        if joined_on is None and left_on is None:
            members[group_id].append(company_id)
        else:
            dated[group_id].append((company_id, joined_on, left_on))
    no_member: tuple[int, ...] = ()
    no_dated: tuple[tuple[int, Any, Any], ...] = ()
    group_ids = list(members.keys() | dated.keys())

    def scoped(query: sa.Select, model: type[Audit] | type[Decision]) -> sa.Select:
        if company_ids is None:
            return query
        return query.where(sa.or_(model.company_id.in_(company_ids),
                                  model.group_id.in_(group_ids)))

    # The facts are frozen, and few are distinct (at 20,000 companies, 727 distinct decision
    # facts of 62,630, 6,795 audit facts of 132,554): each is built once from its stored
    # texts and shared by every company it belongs to. Building every one cost about 0.5 s.
    outcomes, schemes = Outcome._value2member_map_, Scheme._value2member_map_
    decisions: dict[int, list[DecisionFact]] = defaultdict(list)
    decision_facts: dict[tuple[str, str, str, str | None, str | None], DecisionFact] = {}
    held_facts: dict[tuple[DecisionFact, str], DecisionFact] = {}
    decision_query = scoped(
        sa.select(Decision.company_id, Decision.group_id, _raw(CommitteeSession.held_on),
                  _raw(Decision.outcome), _raw(Decision.scheme), _raw(Decision.valid_from),
                  _raw(Decision.valid_until))
        .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
        .order_by(Decision.id),
        Decision,
    )
    # .all() fetches in one call; iterating a Result fetches row by row, far slower here.
    decision_rows = conn.execute(decision_query).all()
    # Each company's decisions in date order, in the order they were entered within a day.
    # Sorted here (a stable sort on the ISO day): ORDER BY the session's day made SQLite walk
    # the decisions session by session, 0.06 s slower at 60,000 decisions than this.
    decision_rows.sort(key=itemgetter(2))
    for company_id, group_id, on, outcome, scheme, valid_from, valid_until in decision_rows:
        decision_key = (on, outcome, scheme, valid_from, valid_until)
        decision = decision_facts.get(decision_key)
        if decision is None:
            decision = decision_facts[decision_key] = DecisionFact(
                date.fromisoformat(on), outcomes[outcome], schemes[scheme],
                _day(valid_from), _day(valid_until))
        if company_id is not None:
            decisions[company_id].append(decision)
        else:
            for owner in members.get(group_id, no_member):
                decisions[owner].append(decision)
            for owner, joined_on, left_on in dated.get(group_id, no_dated):
                if (joined_on is None or joined_on <= on) and (left_on is None or on <= left_on):
                    # A member that left holds what the decision gives through its last day.
                    decisions[owner].append(decision if left_on is None else _held_until(
                        decision, left_on, held_facts))

    # Only audits that took place move the cycle (a done audit always has its dates).
    kinds, statuses = AuditKind._value2member_map_, AuditStatus._value2member_map_
    audits: dict[int, list[AuditFact]] = defaultdict(list)
    audit_facts: dict[tuple[str, str, str | None], AuditFact] = {}
    audit_query = scoped(
        sa.select(Audit.company_id, Audit.group_id, _raw(Audit.kind), _raw(Audit.status),
                  _raw(_DONE_ON))
        .where(Audit.kind.in_(_CYCLE_KINDS), Audit.status != AuditStatus.PLANNED),
        Audit,
    )
    if today is not None:
        audit_query = _counts_since(audit_query, today)
    for company_id, group_id, kind, status, done_on in conn.execute(audit_query).all():
        audit_key = (kind, status, done_on)
        audit = audit_facts.get(audit_key)
        if audit is None:
            audit = audit_facts[audit_key] = AuditFact(
                kinds[kind], statuses[status], None, _day(done_on))
        if company_id is not None:
            audits[company_id].append(audit)
        else:
            for owner in members.get(group_id, no_member):
                audits[owner].append(audit)
            for owner, joined_on, left_on in dated.get(group_id, no_dated):
                if ((joined_on is None or joined_on <= done_on)
                        and (left_on is None or done_on <= left_on)):
                    audits[owner].append(audit)

    # Engaged: any audit at all (planned or not, of any kind, however old) or an engagement.
    # Read from every audit whatever `today`: the rules also take a company with cycle
    # audits as engaged, so this is what keeps the audits left out above from being missed.
    # Three selects, each answered from an index alone: a UNION of them scanned the audit
    # table and took twice as long.
    audited = sa.select(Audit.company_id).where(Audit.company_id.is_not(None)).distinct()
    audited_groups = sa.select(Audit.group_id).where(Audit.group_id.is_not(None)).distinct()
    if company_ids is not None:
        audited = audited.where(Audit.company_id.in_(company_ids))
        audited_groups = audited_groups.where(Audit.group_id.in_(group_ids))
    engaged: set[int] = set(conn.scalars(audited).all())
    for group_id in conn.scalars(audited_groups).all():
        engaged.update(members.get(group_id, no_member))
        engaged.update(owner for owner, _, _ in dated.get(group_id, no_dated))
    engaged.update(conn.scalars(sa.select(Engagement.company_id).distinct()).all())

    sessions = tuple(conn.scalars(sa.select(CommitteeSession.held_on)
                                  .order_by(CommitteeSession.held_on)))
    return _Facts(decisions, audits, engaged, sessions)


def _held_until(decision: DecisionFact, left_on: str,
                held_facts: dict[tuple[DecisionFact, str], DecisionFact]) -> DecisionFact:
    """`decision` as shared by a member that left the group on `left_on` (ISO text), made
    once per decision and day."""
    fact = held_facts.get((decision, left_on))
    if fact is None:
        fact = held_facts[(decision, left_on)] = replace(
            decision, held_until=date.fromisoformat(left_on))
    return fact


# The day an audit took place: its end, or its start when only that was entered.
_DONE_ON = sa.func.coalesce(Audit.end_on, Audit.start_on)
# The decisions that start a certificate; a later one always replaces the one before.
_CERTIFYING = tuple(outcome for outcome in Outcome if outcome.starts_certificate)


def _counts_since(audit_query: sa.Select, today: date) -> sa.Select:
    """`audit_query` keeping only the audits that can count in the cycle on `today`.

    The rules count an audit only if it was held after the decision of the company's current
    certificate (`_held_since(audits, kind, certificate.decided_on)`), and use the audits for
    nothing else than "engaged", which `engaged` answers from every audit. The current
    certificate, when there is one, was started by the company's LAST granting or renewing
    decision taken by `today` (its own, or one of its groups'): each replaces the one before,
    a withdrawal (or an overlong suspension) leaves none, and other decisions keep it. So an
    audit held on or before that decision's day cannot count, nor can any audit of a company
    without such a decision (it has no certificate). A group's audits count for each of its
    members: they are kept from the earliest of the members' days on. At 20,000 companies
    this leaves 14,218 audit rows of 128,122 to read and turn into facts. Audits held after
    `today` are kept: the rules do not count them yet, but the day one was held is a day the
    status changes (`status_holds_until`), which a stored status must know.
    """
    # Dated only when taken by `today` (max() skips the NULLs). A WHERE on the day instead
    # made SQLite walk the decisions session by session through an index: 0.04 s slower.
    taken_on = sa.case((CommitteeSession.held_on <= today, CommitteeSession.held_on))
    certifying = (
        sa.select(Decision.company_id, Decision.group_id, taken_on.label("decided_on"))
        .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
        .where(Decision.outcome.in_(_CERTIFYING))
        .cte("certifying")
    )
    owned = sa.union_all(
        sa.select(certifying.c.company_id.label("company_id"), certifying.c.decided_on)
        .where(certifying.c.company_id.is_not(None)),
        sa.select(GroupMember.company_id, certifying.c.decided_on)
        .join(certifying, sa.and_(
            certifying.c.group_id == GroupMember.group_id,
            # a member shares only the decisions taken while it belongs to the group
            sa.or_(GroupMember.joined_on.is_(None),
                   GroupMember.joined_on <= certifying.c.decided_on),
            sa.or_(GroupMember.left_on.is_(None),
                   GroupMember.left_on >= certifying.c.decided_on))),
    ).subquery("owned")
    company_since = (
        sa.select(owned.c.company_id, sa.func.max(owned.c.decided_on).label("since"))
        .group_by(owned.c.company_id)
        .cte("company_since")
    )
    group_since = (
        sa.select(GroupMember.group_id, sa.func.min(company_since.c.since).label("since"))
        .join(company_since, company_since.c.company_id == GroupMember.company_id)
        .group_by(GroupMember.group_id)
        .cte("group_since")
    )
    return (
        audit_query
        .outerjoin(company_since, company_since.c.company_id == Audit.company_id)
        .outerjoin(group_since, group_since.c.group_id == Audit.group_id)
        # Held after the day. NULL (no certifying decision) leaves the audit out.
        .where(sa.func.coalesce(company_since.c.since, group_since.c.since) < _DONE_ON)
    )
