"""The home page's figures: what is late, what falls due soon, the next committee session and
the files ready for it, and how many companies stand in each state.

The files are the agenda of the next session as the committees' own service computes it
(services.agenda): the dashboard and the Comités view never disagree on what goes to a session.

Everything comes from one pass of the cycle rules over the register (CycleService.statuses)
plus two small Core selects, so the dashboard costs what the due list costs, not twice that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.committees import next_session_after
from cedre_desk.audits.cycle import CycleStatus, DueEvent
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import CompanyState
from cedre_desk.services.agenda import AgendaFile, AgendaService
from cedre_desk.services.cap.plan import CapPlanService, LateAction
from cedre_desk.services.due import CycleService, DueRow
from cedre_desk.services.settings import read_settings
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    CommitteeSession,
    Company,
    GroupMember,
)
from cedre_desk.storage.plain_rows import plain_rows


@dataclass(frozen=True)
class NextSession:
    on: date
    expected: bool  # assumed from the settings' expected sessions: none entered in its month
    session_id: int | None = None
    place: str = ""


@dataclass(frozen=True)
class ReadyFile:
    """A file on the next session's agenda, and the company file its line opens."""

    file: AgendaFile
    company_id: int | None  # the audited company, or the first member (by name) of a group


@dataclass(frozen=True)
class Dashboard:
    today: date
    within_days: int
    late: list[DueRow]  # oldest first
    soon: list[DueRow]  # due within `within_days`, soonest first
    next_session: NextSession
    last_session: date | None  # the last session held on or before today
    ready: list[ReadyFile]
    counts: dict[CompanyState, int] = field(default_factory=dict)
    cap_late: list[LateAction] = field(default_factory=list)  # Le Cap actions past deadline


class DashboardService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def summary(self, today: date, within_days: int | None = None, *,
                statuses: Mapping[int, CycleStatus] | None = None) -> Dashboard:
        """The dashboard on `today`; `statuses` as in CompanyListService.rows."""
        with self.db.engine.connect() as conn:
            settings = read_settings(conn)
            days = settings.due_soon_days if within_days is None else within_days
            # One fetch of the driver's rows: iterating the result fetches row by row (3x
            # slower here), SQLAlchemy's Row for each of 20,000 companies costs a fifth more.
            names = {cid: (name, siret) for cid, name, siret in plain_rows(
                conn, sa.select(Company.id, Company.name, Company.siret))}
            sessions = conn.execute(
                sa.select(CommitteeSession.id, CommitteeSession.held_on, CommitteeSession.place)
                .order_by(CommitteeSession.held_on)).all()
            last = max((s.held_on for s in sessions if s.held_on < today), default=None)
            next_session = _next_session(sessions, today, settings)
        # The same files as the committee's agenda: one rule for what goes to a session.
        agenda = AgendaService(self.db).files_ready(next_session.on)
        with self.db.engine.connect() as conn:
            ready = _ready_files(conn, agenda)
        if statuses is None:
            statuses = CycleService(self.db).statuses(today)
        horizon = today + timedelta(days=days)
        late: list[DueRow] = []
        soon: list[DueRow] = []
        # Statuses read back share one object per distinct status (450 for 20,000 companies):
        # each one's events to show are picked once (54,000 events looked at before).
        shown: dict[int, list[DueEvent]] = {}
        for company_id, status in statuses.items():
            events = shown.get(id(status))
            if events is None:
                events = shown[id(status)] = [
                    event for event in status.events if not event.done and event.due <= horizon]
            if not events:
                continue
            name, siret = names.get(company_id, ("", None))
            scheme = status.certificate.scheme if status.certificate else None
            for event in events:
                row = DueRow(company_id, name, siret, event.kind, event.due, event.late,
                             event.expected_session, status.state, scheme)
                (late if event.late else soon).append(row)
        order = lambda r: (r.due, r.company.casefold(), r.company_id)  # noqa: E731
        counts = Counter(status.state for status in statuses.values())
        return Dashboard(
            today=today, within_days=days,
            late=sorted(late, key=order), soon=sorted(soon, key=order),
            next_session=next_session,
            last_session=last, ready=ready,
            counts={state: counts.get(state, 0) for state in CompanyState},
            cap_late=CapPlanService(self.db).late(today),
        )


def _next_session(sessions: list, today: date, settings: CycleSettings) -> NextSession:
    """The first session from today on, entered or expected: an entered session never hides
    an expected one of another month (docs/cycle.md)."""
    found = next_session_after([s.held_on for s in sessions], today - timedelta(days=1),
                               settings)
    for session_id, held_on, place in sessions:
        if held_on == found.on and not found.expected:
            return NextSession(held_on, False, session_id, place)
    return NextSession(found.on, found.expected)


def _ready_files(conn: Connection, files: list[AgendaFile]) -> list[ReadyFile]:
    first_member = _first_members(conn, {f.group_id for f in files if f.group_id is not None})
    return [ReadyFile(f, f.company_id if f.company_id is not None
                      else first_member.get(f.group_id or 0)) for f in files]


def _first_members(conn: Connection, group_ids: set[int]) -> dict[int, int]:
    """Each group's first member by name: the company file a group's line opens."""
    if not group_ids:
        return {}
    first: dict[int, int] = {}
    for group_id, company_id in conn.execute(
            sa.select(GroupMember.group_id, GroupMember.company_id)
            .join(Company, Company.id == GroupMember.company_id)
            .where(GroupMember.group_id.in_(group_ids))
            .order_by(Company.name, Company.id)):
        first.setdefault(group_id, company_id)
    return first
