"""The company file: identity, where it stands, timeline, due events, audits, open actions,
change history; it closes itself when the company is deleted."""

from __future__ import annotations

import pytest

from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.companies.file_view import CompanyFileView

from .helpers import TODAY, small_register, wait_for_reads


@pytest.fixture
def setup(qtbot, db):
    ids = small_register(db)
    runner = BackgroundRunner(reader_for(db))
    yield db, ids, runner
    runner.shutdown()


def open_file(qtbot, runner, company_id, lang="en"):
    view = CompanyFileView(company_id, runner, lang, lambda: TODAY)
    qtbot.addWidget(view)
    view.refresh()
    wait_for_reads(qtbot, runner)
    return view


def column(model, number):
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_the_file_of_a_certified_company(qtbot, setup):
    _db, ids, runner = setup
    view = open_file(qtbot, runner, ids["late"])
    assert view.name.text() == "DOMICILE SERVICE LOIRET"
    assert view.identity_values["town"].text() == "Saint Jean de la Ruelle (45)"
    assert view.identity_values["siret"].text() == "73282932000074"
    assert view.standing.text().startswith(
        "Follow-up late: CEDRE certificate valid from 13/06/2013 to 12/06/2016")
    assert "late: Follow-up audit 1, due on 13/06/2014" in view.standing.text()
    assert column(view.timeline_model, 2) == [
        "Certification audit (done)", "Committee decision: granted (CEDRE)",
        "Certificate CEDRE-2013-0001: valid from 13/06/2013 to 12/06/2016",
        "Special audit (report sent)"]
    assert column(view.audits_model, 1) == ["Special audit", "Certification audit"]
    assert column(view.actions_model, 5) == ["Tenir la revue"]
    assert column(view.events_model, 1)[0] == "late"
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "Certification history (4)", "Due events (5)", "Audits (2)",
        "Open corrective actions (1)", "Le Cap plan (0)",
        f"Change history ({view.changes_model.rowCount()})"]
    assert "created" in column(view.changes_model, 2)


def test_an_edit_shows_in_the_change_history(qtbot, setup):
    db, ids, runner = setup
    service = CompanyService(db)
    record = service.get(ids["new"])
    service.update(ids["new"], CompanyInput(**{**vars(record.data), "town": "Martigues"}),
                   record.version)
    view = open_file(qtbot, runner, ids["new"])
    first = [view.changes_model.index(0, c).data() for c in range(2, 6)]
    assert first == ["changed", "Town", "Istres", "Martigues"]
    assert view.identity_values["groups"].text() == "none"


def test_a_deleted_company_s_file_says_it_is_gone(qtbot, setup):
    db, ids, runner = setup
    view = open_file(qtbot, runner, ids["new"])
    CompanyService(db).delete(ids["new"])
    with qtbot.waitSignal(view.gone) as gone:
        view.refresh()
    assert gone.args == [ids["new"]]


def test_the_file_models_pass_the_model_tester(qtbot, qtmodeltester, setup):
    _db, ids, runner = setup
    view = open_file(qtbot, runner, ids["late"], lang="fr")
    for model in (view.timeline_model, view.events_model, view.audits_model,
                  view.actions_model, view.changes_model):
        qtmodeltester.check(model)
