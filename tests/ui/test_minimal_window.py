"""The first window: shows the due list through the services, late first, in French."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, Outcome, Scheme
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui.due_model import ROW_ROLE, DueModel
from cedre_desk.ui.main_window import MainWindow


@pytest.fixture
def certified_db(db):
    version = ReferentialService(db).in_force(CEDRE, date(2013, 4, 1))
    company = CompanyService(db).create(CompanyInput(name="DOMICILE SERVICE LOIRET"))
    audit = AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id,
                                               company_id=company, start_on=date(2013, 4, 2),
                                               status=AuditStatus.DONE))
    session = CommitteeService(db).create_session(date(2013, 6, 13))
    CommitteeService(db).record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                                       company_id=company, audit_id=audit))
    return db


def test_the_window_lists_what_is_due(qtbot, certified_db):
    window = MainWindow(certified_db, "fr", today=date(2014, 6, 20))
    qtbot.addWidget(window)
    model = window.table.model()
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "13/06/2014"
    assert model.index(0, 3).data() == "Audit de suivi 1"
    assert model.index(0, 0).data(ROW_ROLE).late
    assert "en retard" in window.summary.text()


def test_the_due_model_passes_the_model_tester(qtmodeltester, certified_db):
    from cedre_desk.services.due import CycleService

    model = DueModel("en")
    model.set_rows(CycleService(certified_db).due(date(2016, 1, 1)))
    assert model.rowCount() > 1
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Due"
    qtmodeltester.check(model)
