"""The companies list: every company with where it stands in the cycle, as plain tuples.

One line per company: identity (Core select, no ORM objects), the referential version of its
latest audit, and its computed cycle state and next due event (CycleService.statuses). At
20,000 companies the cycle rules dominate the time (seconds), so the window calls this off
its GUI thread and then sorts and filters the tuples itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.vocabulary import CompanyState, EventKind, Scheme
from cedre_desk.services.companies import CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.services.referentials import ISO_9001, ReferentialService
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Audit, CertificationGroup, Company, GroupMember
from cedre_desk.storage.stored_text import stored_text


class CompanyListRow(NamedTuple):
    id: int
    name: str
    siret: str | None
    legal_types: tuple[str, ...]  # stored values, in the vocabulary's order ("AI", "ETTI")
    region: str
    department: str
    town: str
    active: bool
    scheme: Scheme | None  # of the current (or last) certificate
    version: str  # referential version of the latest audit: "V3", "V3 + ISO 9001 2015"
    state: CompanyState
    next_event: EventKind | None
    next_due: date | None
    late: bool
    expected_session: bool  # the next due date rests on a committee session not entered yet


class CompanyListService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def rows(self, today: date, company_ids: list[int] | None = None, *,
             statuses: Mapping[int, CycleStatus] | None = None) -> list[CompanyListRow]:
        """All companies (or those of `company_ids`), by name.

        `statuses`: the cycle statuses on `today` already computed by the caller (the window
        shares one computation between its views); read here when not given.
        """
        companies = CompanyService(self.db).rows()
        if company_ids is not None:
            wanted = set(company_ids)
            companies = [c for c in companies if c.id in wanted]
        if statuses is None:
            # All companies at once when no ids are given: one read, no 20,000-value IN list.
            statuses = CycleService(self.db).statuses(today, company_ids)
        missing = [c.id for c in companies if c.id not in statuses]
        if missing:  # added since the given statuses were computed
            statuses = {**statuses, **CycleService(self.db).statuses(today, missing)}
        labels = _version_labels(ReferentialService(self.db).versions())
        with self.db.engine.connect() as conn:
            versions = _latest_versions(conn)
        rows = []
        for company in companies:
            status = statuses[company.id]
            version_ids = versions.get(company.id)
            rows.append(_row(company.id, company.name, company.siret, company.legal_types,
                             company.region, company.department, company.town, company.active,
                             status, _version_text(version_ids, labels)))
        return rows


def _row(company_id: int, name: str, siret: str | None, types: str, region: str,
         department: str, town: str, active: bool, status: CycleStatus,
         version: str) -> CompanyListRow:
    event = status.next_event()
    return CompanyListRow(
        company_id, name, siret, tuple(t for t in types.split(", ") if t), region, department,
        town, bool(active), status.certificate.scheme if status.certificate else None, version,
        status.state, event.kind if event else None, event.due if event else None,
        event.late if event else False, event.expected_session if event else False,
    )


def _version_labels(versions: list) -> dict[int, tuple[str, str]]:
    return {v.id: (v.referential, v.label) for v in versions}


def _version_text(ids: tuple[int, int | None] | None,
                  labels: dict[int, tuple[str, str]]) -> str:
    if ids is None:
        return ""
    cedre, iso = ids
    text = labels.get(cedre, ("", ""))[1]
    if iso is not None and iso in labels:
        text += f" + {ISO_9001} {labels[iso][1]}"
    return text


def _latest_versions(conn: Connection) -> dict[int, tuple[int, int | None]]:
    """(CEDRE version, ISO version) of each company's latest audit, its groups' included.

    For each company, and each group, the database picks its latest audit through the
    audit's owner index (a correlated LIMIT 1): some ten audits looked at per owner, where
    ranking all 200,000 audits with a window function sorted them all first (0.18 s against
    0.37 s in SQLite at 20,000 companies). Only a few hundred groups' latest audits are then
    given to their members here. On the same day, a group's audit is taken before the
    company's own (the first group by id, when several).
    """
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, company_id in conn.execute(sa.select(GroupMember.group_id,
                                                       GroupMember.company_id)):
        members[group_id].append(company_id)
    best: dict[int, tuple[str, int, int | None]] = {}
    for owner_id, version_id, iso_id, on_day in conn.execute(_latest_of(CertificationGroup)):
        key = on_day or ""
        for company_id in members.get(owner_id, ()):
            current = best.get(company_id)
            if current is None or key > current[0]:
                best[company_id] = (key, version_id, iso_id)
    for company_id, version_id, iso_id, on_day in conn.execute(_latest_of(Company)):
        key = on_day or ""
        current = best.get(company_id)
        if current is None or key > current[0]:
            best[company_id] = (key, version_id, iso_id)
    return {owner: (version_id, iso_id) for owner, (_, version_id, iso_id) in best.items()}


def _audit_day(audit: Any) -> sa.ColumnElement:
    """An audit's day as stored (ISO text, which sorts as dates do): parsing 200,000 dates
    into `date` objects would double the read for a value only compared."""
    return stored_text(sa.func.coalesce(audit.end_on, audit.start_on, audit.planned_on))


def _latest_of(owner: type[Company] | type[CertificationGroup]) -> sa.Select:
    """(owner id, version, ISO version, day) of the latest audit of each company (or group)
    that has one: by day, then by id."""
    other = aliased(Audit)
    owner_column = other.company_id if owner is Company else other.group_id
    latest = (sa.select(other.id).where(owner_column == owner.id)
              .order_by(_audit_day(other).desc(), other.id.desc()).limit(1)
              .correlate(owner).scalar_subquery())
    return (sa.select(owner.id, Audit.version_id, Audit.iso_version_id, _audit_day(Audit))
            .select_from(owner).join(Audit, Audit.id == latest).order_by(owner.id))
