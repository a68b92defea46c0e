"""Cycle statuses kept in the register between starts, so they are not computed anew each time.

Computing every company's status takes over a second at 20,000 companies; reading it back
takes a fraction of that. A stored status is used only when all of these hold:

- it was computed by this program and these rules (`rules_key`);
- the day asked for lies in the days it holds for: from the day it was computed for up to
  `audits.cycle.status_holds_until` (the first day the same facts may give another status);
- none of its facts changed since: the triggers of storage/status_triggers.py delete a
  company's row in the transaction that changes one of its facts (every row for sessions and
  settings), whatever
  runs the INSERT, UPDATE or DELETE (a service, an import, a cascade, another SQLite tool;
  not another tool's INSERT OR REPLACE, for which SQLite fires no delete trigger).

Rows are written in the same transaction as the facts they were computed from were read, so
a fact committed in between by another connection makes the write fail (SQLite refuses to
turn a stale read snapshot into a write) and nothing stale is kept: the status is then simply
computed again next time (on PostgreSQL, a lock keeps the facts still meanwhile: `read`).
A register opened read-only writes nothing here, nor does any before the opening
check found the file sound (`Database.may_keep_derived`: statuses computed while it runs wait
for its verdict, a few seconds at most); the window's worker readers of a register it writes
do (`Database.derived_for`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from cedre_desk import __version__
from cedre_desk.audits.cycle import RULES_REVISION, Certificate, CycleStatus, DueEvent
from cedre_desk.audits.vocabulary import CompanyState, EventKind, Scheme
from cedre_desk.errors import ConflictError, RegisterError
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import StoredStatus
from cedre_desk.storage.plain_rows import plain_rows

log = logging.getLogger(__name__)

_table = StoredStatus.__table__
_LOCKED = "stored_status_locked"  # conn.info: the transaction that took the lock of `read`
# How long statuses just computed wait for an opening check still running before they are
# dropped. On a big register on a busy machine the check (it reads the whole file) can end
# after the statuses are computed; not waiting for it meant none were ever stored, and every
# start computed them all again (seconds at 20,000 companies). A computation happens once
# per release or change of facts, so its wait is paid once; the check waits for no one.
VERDICT_WAIT_SECONDS = 5.0
# Only that many statuses at least are worth the wait: a few (the companies changed since
# the last start) are computed again next time in milliseconds, while waiting for the check
# held the read, and so the dashboard, until the whole file was read (2 s at 20,000).
VERDICT_WORTH_WAITING = 2000


def rules_key() -> str:
    """Which program and rules computed a status: a new release computes them all again."""
    return f"{__version__}/{RULES_REVISION}"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def encode(status: CycleStatus) -> str:
    """A status as compact JSON: positional lists, enum values, ISO dates."""
    certificate = status.certificate
    return json.dumps(
        [
            status.state.value,
            None if certificate is None else [
                certificate.scheme.value, certificate.decided_on.isoformat(),
                certificate.valid_from.isoformat(), certificate.valid_until.isoformat(),
                certificate.cycle_from and certificate.cycle_from.isoformat(),
            ],
            [[e.kind.value, e.due.isoformat(), int(e.done), int(e.late),
              int(e.expected_session), e.ordinal] for e in status.events],
            status.restorable_until and status.restorable_until.isoformat(),
            status.suspended_on and status.suspended_on.isoformat(),
            status.left_group_on and status.left_group_on.isoformat(),
        ],
        separators=(",", ":"),
    )


def decode(text: str, shared: dict[Any, Any] | None = None) -> CycleStatus:
    """The status `encode` wrote; raises ValueError (or KeyError, TypeError) on anything else.
    `shared`: a dict kept across calls, so equal events and certificates (companies anchored
    on the same committee sessions have many) are made once and shared (they are frozen)."""
    shared = {} if shared is None else shared
    state, certificate, events, restorable, suspended, left_group = json.loads(text)

    def once(key: tuple[Any, ...], make: Any) -> Any:
        found = shared.get(key)
        if found is None:
            found = shared[key] = make(*key[1:])
        return found

    return CycleStatus(
        CompanyState(state),
        None if certificate is None else once(("certificate", *certificate), _certificate),
        tuple(once(("event", *event), _event) for event in events),
        _day(restorable),
        _day(suspended),
        _day(left_group),
    )


def _certificate(scheme: str, decided_on: str, valid_from: str, valid_until: str,
                 cycle_from: str | None) -> Certificate:
    return Certificate(Scheme(scheme), date.fromisoformat(decided_on),
                       date.fromisoformat(valid_from), date.fromisoformat(valid_until),
                       _day(cycle_from))


def _event(kind: str, due: str, done: int, late: int, expected: int, ordinal: int) -> DueEvent:
    return DueEvent(EventKind(kind), date.fromisoformat(due), bool(done), bool(late),
                    bool(expected), ordinal)


# A row already stored for a later day is left as it is (a status asked for a past day must
# not replace it), unless other rules computed it.
_UPSERT = (
    "INSERT INTO stored_status (company_id, rules, valid_from, valid_until, status) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (company_id) DO UPDATE SET rules = excluded.rules, "
    "valid_from = excluded.valid_from, valid_until = excluded.valid_until, "
    "status = excluded.status WHERE stored_status.rules != excluded.rules "
    "OR stored_status.valid_from <= excluded.valid_from"
)


class StatusStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def readable(self) -> bool:
        # Both engines have the triggers (storage/status_triggers.py, server_status_triggers.py)
        return self.db.engine.dialect.name in ("sqlite", "postgresql")

    @property
    def writable(self) -> bool:
        return self.readable and self.db.may_keep_derived()

    def read(self, conn: Connection, today: date,
             company_ids: list[int] | None = None) -> dict[int, CycleStatus]:
        """The stored statuses that hold on `today`, by company."""
        if not self.readable:
            return {}
        if conn.dialect.name == "postgresql" and self.writable and not conn.in_transaction():
            # The triggers' DELETE on stored_status waits for this SHARE lock: no fact can
            # change between the facts read next and the statuses kept from them (SQLite's
            # stale snapshot refusal does the same). Writers wait for this read, never longer.
            conn.exec_driver_sql("LOCK TABLE stored_status IN SHARE MODE")
            conn.info[_LOCKED] = conn.get_transaction()
        query = sa.select(_table.c.company_id, _table.c.status).where(
            _table.c.rules == rules_key(),
            _table.c.valid_from <= today,
            sa.or_(_table.c.valid_until.is_(None), _table.c.valid_until > today),
        )
        if company_ids is not None:
            query = query.where(_table.c.company_id.in_(company_ids))
        statuses: dict[int, CycleStatus] = {}
        # Companies whose files stand alike share one stored text: decode each text once
        # (statuses are frozen, so sharing the object is safe).
        decoded: dict[str, CycleStatus | None] = {}
        shared: dict[Any, Any] = {}
        for company_id, text in plain_rows(conn, query):
            status = decoded.get(text, ...)
            if status is ...:
                try:
                    status = decode(text, shared)
                except (ValueError, KeyError, TypeError):
                    log.warning("stored status of company %s unreadable: computed again",
                                company_id)
                    status = None
                decoded[text] = status
            if status is not None:
                statuses[company_id] = status
        return statuses

    def keep(self, conn: Connection, today: date,
             computed: Mapping[int, tuple[CycleStatus, date | None]]) -> None:
        """Store statuses computed for `today` (with the day each holds until), in the
        transaction `conn` read their facts in, and commit it; a row already stored for a
        later day is left as it is (a status asked for a past day must not replace it)."""
        wait = VERDICT_WAIT_SECONDS if len(computed) >= VERDICT_WORTH_WAITING else 0
        if not computed or not self.readable or not self.db.may_keep_derived(wait=wait):
            return
        if conn.dialect.name == "postgresql" and (
                conn.info.pop(_LOCKED, None) is not conn.get_transaction()):
            return  # the facts were read without the lock (see `read`): maybe stale
        key, day = rules_key(), today.isoformat()
        # Equal statuses (companies anchored on the same sessions) are encoded once: they
        # are frozen, so hashable by value.
        texts: dict[CycleStatus, str] = {}
        rows: list[tuple[int, str, str, str | None, str]] = []
        for company_id, (status, until) in computed.items():
            text = texts.get(status)
            if text is None:
                text = texts[status] = encode(status)
            rows.append((company_id, key, day, until and until.isoformat(), text))
        try:
            # The driver's own executemany, with the dates as the ISO text SQLite stores:
            # SQLAlchemy's processing of 20,000 rows of parameters cost 0.2 s.
            conn.exec_driver_sql(
                _UPSERT if conn.dialect.paramstyle == "qmark" else _UPSERT.replace("?", "%s"),
                rows)
            conn.commit()
        except (RegisterError, ConflictError, DBAPIError) as exc:
            # A fact changed since the read (a stale snapshot), or the register is busy:
            # keeping nothing is always right, the statuses are computed again next time.
            conn.rollback()
            log.info("statuses not stored (%s): computed again next time", exc)

    def forget(self, company_ids: Iterable[int] | None = None) -> None:
        """Drop stored statuses (all of them when no ids are given); for maintenance."""
        if not self.writable:
            return
        with self.db.engine.begin() as conn:
            delete = sa.delete(_table)
            if company_ids is not None:
                delete = delete.where(_table.c.company_id.in_(list(company_ids)))
            conn.execute(delete)
