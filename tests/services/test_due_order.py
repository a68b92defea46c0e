"""The due list's rows and their order: by day, then by name regardless of case, then by
company id, a company's events of one day in the order of its status. `CycleService.due` puts
the companies in name order and sorts their rows by day alone (a stable sort); this compares
it with the rows sorted on the whole key, from the same statuses."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from datetime import date, timedelta
from operator import itemgetter

import pytest
import sqlalchemy as sa

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    EventKind,
    Outcome,
    Scheme,
)
from cedre_desk.exports.calendar_events import Period
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.due import CycleService, DueRow
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Company

TODAY = date(2026, 3, 16)


def rows_sorted_on_the_whole_key(db: Database, today: date, horizon: date | None = None,
                                 period: Period | None = None) -> list[DueRow]:
    statuses = CycleService(db).statuses(today)
    with db.engine.connect() as conn:
        companies = conn.execute(sa.select(Company.id, Company.name, Company.siret)).all()
    keyed = []
    for company_id, name, siret in companies:
        status = statuses[company_id]
        scheme = status.certificate.scheme if status.certificate else None
        for event in status.events:
            if event.done or (horizon is not None and event.due > horizon):
                continue
            if period is not None and not period.lists(event.due, late=event.late):
                continue
            keyed.append(((event.due, name.casefold(), company_id), DueRow(
                company_id, name, siret, event.kind, event.due, event.late,
                event.expected_session, status.state, scheme)))
    keyed.sort(key=itemgetter(0))
    return [row for _, row in keyed]


@pytest.fixture
def register(db: Database) -> Database:
    """The demo register, with companies named alike but for their case, certified at the
    same session (so their events fall on the same days)."""
    generate_demo(db, companies=60, seed=3, today=TODAY)
    version = ReferentialService(db).in_force(CEDRE, date(2023, 1, 1))
    assert version is not None
    committees = CommitteeService(db)
    session = committees.create_session(date(2023, 12, 14))
    for number, name in enumerate(("zinc", "ZINC", "Zinc", "àbaque", "Abaque")):
        company = CompanyService(db).create(CompanyInput(name=name, town=f"Ville {number}"))
        audit = AuditService(db).create(AuditInput(
            AuditKind.CERTIFICATION, version.id, company_id=company,
            start_on=date(2023, 10, 2), status=AuditStatus.DONE))
        committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                                 company_id=company, audit_id=audit))
    return db


def test_the_due_list_is_in_day_name_and_id_order(register: Database):
    rows = CycleService(register).due(TODAY)
    assert rows == rows_sorted_on_the_whole_key(register, TODAY)
    same_day = [row.company for row in rows if row.company.casefold() == "zinc"]
    assert len(same_day) >= 3 and len(set(same_day)) == 3


def test_a_horizon_or_a_period_keeps_the_order(register: Database):
    within = CycleService(register).due(TODAY, 200)
    assert within == rows_sorted_on_the_whole_key(register, TODAY, TODAY + timedelta(days=200))
    period = Period(date(2026, 6, 1), date(2027, 5, 31))
    listed = CycleService(register).due(TODAY, period=period)
    assert listed == rows_sorted_on_the_whole_key(register, TODAY, period=period)
    assert listed and within


def test_a_due_row_stays_a_frozen_dataclass():
    """Its own __init__ (faster than the dataclass's) keeps what the dataclass gives."""
    row = DueRow(company_id=1, company="EMS", siret=None, event=EventKind.FOLLOW_UP_1,
                 due=TODAY, late=False, expected_session=True, state=CompanyState.CERTIFIED,
                 scheme=None)
    same = DueRow(**row.__dict__)
    assert row == same and hash(row) == hash(same) and "company='EMS'" in repr(row)
    assert [field.name for field in fields(DueRow)] == list(row.__dict__)
    with pytest.raises(FrozenInstanceError):
        row.late = True  # type: ignore[misc]
