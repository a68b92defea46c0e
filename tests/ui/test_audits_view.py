"""The audit list: read off the GUI thread, filtered as you type, sorted by the model."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel
from cedre_desk.services.audit_list import AuditListService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui.audits.list_model import (
    DATE,
    KIND,
    MAJOR_NC,
    OWNER,
    ROW_ROLE,
    AuditFilter,
    AuditListModel,
    prepare_rows,
)
from cedre_desk.ui.audits.list_view import AuditsView

TODAY = date(2016, 1, 15)


@pytest.fixture
def register(db):
    companies, audits = CompanyService(db), AuditService(db)
    versions = {v.label: v.id for v in ReferentialService(db).versions()
                if v.referential == CEDRE}
    ems = companies.create(CompanyInput(name="EMS", town="Montauban", department="82"))
    isis = companies.create(CompanyInput(name="ISIS", town="Istres", department="13"))
    etienne = companies.create(CompanyInput(name="Les Ateliers d'Étienne", town="Saint-Étienne"))
    group = GroupService(db).create("Villette emploi", [ems])
    ids = {
        "ems-2013": audits.create(AuditInput(
            AuditKind.CERTIFICATION, versions["V2"], company_id=ems, start_on=date(2013, 4, 2),
            status=AuditStatus.CLOSED)),
        "isis-2015": audits.create(AuditInput(
            AuditKind.FOLLOW_UP, versions["V2"], company_id=isis, start_on=date(2015, 5, 4),
            status=AuditStatus.REPORT_SENT)),
        "etienne-2016": audits.create(AuditInput(
            AuditKind.INTERNAL, versions["V3"], company_id=etienne,
            planned_on=date(2016, 1, 10))),
        "group-2014": audits.create(AuditInput(
            AuditKind.RENEWAL, versions["V2"], group_id=group, start_on=date(2014, 11, 3),
            status=AuditStatus.DONE)),
    }
    audits.add_finding(ids["isis-2015"], FindingInput(FindingLevel.MAJOR_NC, "Écart majeur"))
    return db, ids, {"ems": ems, "isis": isis}


def shown_view(qtbot, db) -> AuditsView:
    view = AuditsView(AuditListService(db), "fr", lambda: TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    return view


def owners(view) -> list[str]:
    model = view.model
    return [model.index(r, OWNER).data() for r in range(model.rowCount())]


def test_the_list_is_read_in_the_background_newest_first(qtbot, register):
    db, _, _ = register
    view = shown_view(qtbot, db)
    assert owners(view) == ["Les Ateliers d'Étienne", "ISIS", "Villette emploi", "EMS"]
    model = view.model
    assert model.index(0, DATE).data() == "10/01/2016"
    assert model.index(3, KIND).data() == "Audit de certification"
    assert model.index(1, MAJOR_NC).data() == "1"
    assert view.count.text() == "4 audits"
    assert [view.year.itemText(i) for i in range(1, view.year.count())] == [
        "2016", "2015", "2014", "2013"]
    assert [view.version.itemText(i) for i in range(1, view.version.count())] == [
        "CEDRE V2", "CEDRE V3"]


def test_searching_as_you_type_ignores_case_and_accents(qtbot, register):
    db, _, _ = register
    view = shown_view(qtbot, db)
    view.search.setText("etienne")
    assert owners(view) == ["Les Ateliers d'Étienne"]
    view.search.setText("ISTRES")  # the town
    assert owners(view) == ["ISIS"]
    view.search.setText("ville")
    assert owners(view) == ["Villette emploi"]
    assert view.count.text() == "1 of 4 audits"
    view.search.setText("")
    assert len(owners(view)) == 4


def test_the_filters_combine(qtbot, register):
    db, _, _ = register
    view = shown_view(qtbot, db)
    view.kind.setCurrentIndex(view.kind.findData(AuditKind.FOLLOW_UP))
    assert owners(view) == ["ISIS"]
    view.kind.setCurrentIndex(0)
    view.year.setCurrentIndex(view.year.findText("2014"))
    assert owners(view) == ["Villette emploi"]
    view.year.setCurrentIndex(0)
    view.version.setCurrentIndex(view.version.findText("CEDRE V3"))
    view.status.setCurrentIndex(view.status.findData(AuditStatus.PLANNED))
    assert owners(view) == ["Les Ateliers d'Étienne"]
    view.search.setText("ems")
    assert owners(view) == []


def test_every_column_sorts_and_the_selection_follows(qtbot, register):
    db, ids, _ = register
    view = shown_view(qtbot, db)
    view.table.selectRow(1)
    assert view.current_audit_id() == ids["isis-2015"]
    view.table.sortByColumn(OWNER, Qt.SortOrder.AscendingOrder)
    assert owners(view) == ["EMS", "ISIS", "Les Ateliers d'Étienne", "Villette emploi"]
    assert view.current_audit_id() == ids["isis-2015"]
    view.table.sortByColumn(MAJOR_NC, Qt.SortOrder.DescendingOrder)
    assert owners(view)[0] == "ISIS"
    for column in range(view.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.table.sortByColumn(column, order)
            assert sorted(owners(view)) == sorted(
                ["EMS", "ISIS", "Les Ateliers d'Étienne", "Villette emploi"])


def test_a_double_click_opens_the_audit_or_the_company(qtbot, register):
    db, ids, companies = register
    view = shown_view(qtbot, db)
    view.table.sortByColumn(OWNER, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(view.audit_requested) as audit:
        view.table.doubleClicked.emit(view.model.index(0, DATE))
    assert audit.args == [ids["ems-2013"]]
    with qtbot.waitSignal(view.company_requested) as company:
        view.table.doubleClicked.emit(view.model.index(0, OWNER))
    assert company.args == [companies["ems"]]
    # A group's audit has no company to open: the audit opens instead.
    with qtbot.waitSignal(view.audit_requested) as group_audit:
        view.table.doubleClicked.emit(view.model.index(3, OWNER))
    assert group_audit.args == [ids["group-2014"]]
    view.table.setCurrentIndex(view.model.index(1, DATE))
    with qtbot.waitSignal(view.audit_requested) as by_key:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert by_key.args == [ids["isis-2015"]]


def test_a_refresh_shows_a_new_audit_and_keeps_the_filter(qtbot, register):
    db, _, companies = register
    view = shown_view(qtbot, db)
    view.search.setText("isis")
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    AuditService(db).create(AuditInput(AuditKind.FOLLOW_UP, version.id,
                                       company_id=companies["isis"], planned_on=date(2016, 5, 1)))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert owners(view) == ["ISIS", "ISIS"]
    assert view.search.text() == "isis"


def test_the_model_passes_the_model_tester(qtmodeltester, register):
    db, _, _ = register
    model = AuditListModel("en", lambda: TODAY)
    model.set_rows(prepare_rows(AuditListService(db).rows(), "en"))
    assert model.headerData(KIND, Qt.Orientation.Horizontal) == "Kind"
    assert model.index(0, KIND).data() == "Internal audit"
    qtmodeltester.check(model)
    model.set_filter(AuditFilter(text="is"))
    qtmodeltester.check(model)
    model.sort(OWNER, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    assert model.index(0, OWNER).data(ROW_ROLE).owner == "ISIS"


def test_a_planned_audit_past_its_date_is_shown_late(qtbot, register):
    db, _, _ = register
    view = AuditsView(AuditListService(db), "fr", lambda: date(2016, 2, 1))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    colour = view.model.index(0, DATE).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == "#b3261e"
    assert view.table.indexAt(QPoint(1, 1)).isValid() or view.model.rowCount() == 4


def test_rows_come_to_the_view_in_pages_and_a_selection_follows_a_sort(
        qtbot, register, monkeypatch):
    import cedre_desk.ui.audits.list_model as audit_list_model

    monkeypatch.setattr(audit_list_model, "PAGE", 2)
    db, ids, _ = register
    view = shown_view(qtbot, db)
    model = view.model
    assert (model.rowCount(), model.matching(), model.canFetchMore(model.index(-1, -1))) == (
        2, 4, True)
    assert view.count.text() == "4 audits"
    view.table.selectRow(0)  # the newest: Étienne's, last by name
    view.table.sortByColumn(OWNER, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 4
    assert view.current_audit_id() == ids["etienne-2016"]
    view.search.setText("e")
    assert (model.rowCount(), model.matching()) == (2, 4)
    assert view.show_audit(ids["group-2014"])
    assert view.current_audit_id() == ids["group-2014"]
    view.search.setText("isis")
    assert not view.show_audit(ids["group-2014"])


def test_the_column_layout_is_remembered(qtbot, register, tmp_path):
    from cedre_desk.ui.common.preferences import Preferences

    db, _, _ = register
    preferences = Preferences(tmp_path / "prefs.ini")
    first = AuditsView(AuditListService(db), "fr", lambda: TODAY, preferences=preferences)
    qtbot.addWidget(first)
    first.table.setColumnWidth(OWNER, 333)
    first.table.sortByColumn(KIND, Qt.SortOrder.AscendingOrder)
    first.save_layout()
    again = AuditsView(AuditListService(db), "fr", lambda: TODAY, preferences=preferences)
    qtbot.addWidget(again)
    header = again.table.horizontalHeader()
    assert again.table.columnWidth(OWNER) == 333
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        KIND, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(again.loaded, timeout=10_000):
        again.refresh()
    kinds = [again.model.index(r, KIND).data() for r in range(again.model.rowCount())]
    assert kinds == sorted(kinds, key=str.casefold)


def test_a_reload_keeps_the_unchanged_rows_it_had(qtbot, register):
    db, ids, _ = register
    view = shown_view(qtbot, db)
    before = {row.id: row for row in view.model.loaded_rows()}
    AuditService(db).delete(ids["etienne-2016"])
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    after = view.model.loaded_rows()
    assert [row.id for row in after] == sorted(set(before) - {ids["etienne-2016"]})
    assert all(row is before[row.id] for row in after)  # shared, not a second copy
    assert owners(view) == ["ISIS", "Villette emploi", "EMS"]


def test_sort_keys_rank_equal_texts_alike_and_share_the_day_numbers():
    from cedre_desk.audits.vocabulary import AuditKind as Kind
    from cedre_desk.services.audit_list import AuditListRow
    from cedre_desk.ui.audits.list_model import AUDITORS

    day = date(2020, 5, 4)
    rows = [AuditListRow(n, 1, None, "EMS", "", "Montauban", Kind.INTERNAL,
                         AuditStatus.PLANNED, date(2020, 5, 4) if n < 3 else None, 1,
                         "CEDRE V3", auditors, 0, 0, 0)
            for n, auditors in enumerate(("Anne", "anne", "Bruno", "ANNE"))]
    prepared = prepare_rows(rows, "fr")
    assert prepared.sort_keys[AUDITORS] == [0, 0, 1, 0]  # case does not part them
    dates = prepared.sort_keys[DATE]
    assert dates == [day.toordinal()] * 3 + [0]
    assert dates[0] is dates[1] is dates[2]  # one int per day, not one per row
    assert prepared.row_year == [2020, 2020, 2020, 0]
    assert prepared.indices == [0, 1, 2, 3]


def test_down_in_the_search_reaches_the_audits_list(qtbot, register):
    view = shown_view(qtbot, register[0])
    assert view.model.rowCount() > 0
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.selectionModel().hasSelection()
    assert view.focusWidget() is view.table
