"""Where each company stands and what is due: the cycle rules applied to the register.

The stored statuses that still hold are read back (services.status_store); the others are
computed from the register's facts (services.cycle_facts) by the pure cycle rules with
`today`, and kept. The due list is every company's events not done yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import CycleStatus, company_status, status_holds_until
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import CompanyState, EventKind, Scheme
from cedre_desk.exports.calendar_events import Period
from cedre_desk.services.cycle_facts import CycleFacts
from cedre_desk.services.cycle_facts import read_facts as _read_facts
from cedre_desk.services.settings import SettingsService
from cedre_desk.services.status_store import StatusStore
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Company
from cedre_desk.storage.plain_rows import plain_rows

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
        # (`_read_facts`: cycle_facts.read_facts by this module's name, where tests replace it.)
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


def _status(company_id: int, facts: CycleFacts, settings: CycleSettings,
            today: date) -> CycleStatus:
    return company_status(
        facts.decisions.get(company_id, []),
        facts.audits.get(company_id, []),
        company_id in facts.engaged,
        facts.sessions,
        settings,
        today,
    )
