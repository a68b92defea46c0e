"""Tableau de bord: late in red first, then due soon in amber, the next committee and its
files, counts by state; each line opens its company."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cedre_desk.audits.vocabulary import CompanyState
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.common.table_model import LATE, SOON
from cedre_desk.ui.dashboard.view import DashboardView

from .helpers import TODAY, small_register, wait_for_reads


@pytest.fixture
def dashboard(qtbot, db):
    ids = small_register(db)
    runner = BackgroundRunner(reader_for(db))
    view = DashboardView(runner, "en", lambda: TODAY)
    qtbot.addWidget(view)
    view.refresh()
    wait_for_reads(qtbot, runner)
    yield view, ids
    runner.shutdown()


def cells(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_late_and_soon_lines_with_their_colours(dashboard):
    view, _ = dashboard
    assert cells(view.late_model, 2) == ["DOMICILE SERVICE LOIRET"]
    assert cells(view.late_model, 0) == ["13/06/2014"]
    assert cells(view.late_model, 1) == ["18 days late"]
    assert view.late_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == LATE
    assert cells(view.soon_model, 2) == ["EMS"]
    assert cells(view.soon_model, 1) == ["in 73 days"]
    assert view.soon_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == SOON
    assert view.late_box.title() == "Late (1)"
    assert view.soon_box.title() == "Due within 90 days (1)"


def test_the_next_committee_and_its_files(dashboard):
    view, _ = dashboard
    assert "expected in November 2014" in view.session_label.text()
    assert "1 file(s) on the agenda, 1 with the report sent" in view.session_label.text()
    assert cells(view.ready_model, 0) == ["DOMICILE SERVICE LOIRET"]
    assert cells(view.ready_model, 1) == ["Special audit"]
    assert cells(view.ready_model, 4) == ["1"]  # one major nonconformity


def test_counts_by_state(dashboard):
    view, _ = dashboard
    counts = dict(zip(cells(view.counts_model, 0), cells(view.counts_model, 1), strict=True))
    assert counts["Follow-up late"] == "1"
    assert counts["Certified"] == "1"
    assert counts["Not engaged"] == "1"
    assert len(counts) == len(CompanyState)


def test_each_line_opens_its_company(qtbot, dashboard):
    view, ids = dashboard
    with qtbot.waitSignal(view.company_requested) as opened:
        view.late_table.activated.emit(view.late_model.index(0, 2))
    assert opened.args == [ids["late"]]
    with qtbot.waitSignal(view.company_requested) as opened:
        view.ready_table.activated.emit(view.ready_model.index(0, 0))
    assert opened.args == [ids["late"]]
    with qtbot.waitSignal(view.state_requested) as asked:
        view.counts_table.activated.emit(view.counts_model.index(0, 0))
    assert asked.args == [CompanyState.NOT_ENGAGED.value]


def test_enter_on_a_line_opens_it(qtbot, dashboard):
    view, ids = dashboard
    view.soon_table.setCurrentIndex(view.soon_model.index(0, 0))
    with qtbot.waitSignal(view.company_requested) as opened:
        qtbot.keyClick(view.soon_table, Qt.Key.Key_Return)
    assert opened.args == [ids["soon"]]


def test_the_dashboard_models_pass_the_model_tester(qtmodeltester, dashboard):
    view, _ = dashboard
    for model in (view.late_model, view.soon_model, view.ready_model, view.counts_model):
        qtmodeltester.check(model)
