"""Structures: the whole list, instant search, filters, sorting; add, edit and delete, each
undoable (Ctrl+Z) through the undo stack."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from cedre_desk.audits.vocabulary import CompanyState, LegalType
from cedre_desk.services.companies import CompanyService
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.companies import list_view as module
from cedre_desk.ui.companies.dialog import CompanyDialog
from cedre_desk.ui.companies.list_view import NAME, STATE, TOWN, CompaniesView

from .helpers import TODAY, small_register, wait_for_reads


@pytest.fixture
def view(qtbot, db):
    small_register(db)
    runner = BackgroundRunner(reader_for(db))
    stack = QUndoStack()
    view = CompaniesView(CompanyService(db), runner, stack, "en", lambda: TODAY)
    qtbot.addWidget(view)
    view.changed.connect(lambda _id: view.refresh())
    view.refresh()
    wait_for_reads(qtbot, runner)
    view.runner, view.stack = runner, stack
    yield view
    runner.shutdown()


def names(view) -> list[str]:
    return [view.model.index(row, NAME).data() for row in range(view.model.rowCount())]


def test_every_company_with_its_state_and_next_due(view):
    assert names(view) == ["DOMICILE SERVICE LOIRET", "EMS", "Île Services"]
    assert view.count.text() == "3 companies"
    row = view.model.row_at(0)
    assert (row.state, row.next_due.isoformat()) == (CompanyState.FOLLOW_UP_LATE, "2014-06-13")
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(view.model.columnCount())]
    assert headers == ["Name", "Types", "Town", "Dept.", "Region", "Scheme", "Version",
                       "State", "Next due", "Event", "SIRET"]
    assert view.model.index(2, 1).data() == "AI, ETTI"


def test_search_as_you_type(view):
    view.search.setText("ile services")  # without its accent
    assert names(view) == ["Île Services"]
    assert view.count.text() == "1 of 3 companies"
    view.search.setText("732829")  # part of a SIRET
    assert names(view) == ["DOMICILE SERVICE LOIRET"]
    view.search.setText("montauban")
    assert names(view) == ["EMS"]
    view.search.clear()
    assert len(names(view)) == 3


def test_filters(view):
    view.region.setCurrentIndex(view.region.findData("Midi-Pyrénées"))
    assert names(view) == ["EMS"]
    view.region.setCurrentIndex(0)
    view.legal_type.setCurrentIndex(view.legal_type.findData(LegalType.ETTI.value))
    assert names(view) == ["Île Services"]
    view.legal_type.setCurrentIndex(0)
    view.show_state(CompanyState.FOLLOW_UP_LATE.value)
    assert names(view) == ["DOMICILE SERVICE LOIRET"]
    view.state.setCurrentIndex(0)
    view.scheme.setCurrentIndex(view.scheme.findData("-"))
    assert names(view) == ["Île Services"]
    view.scheme.setCurrentIndex(0)
    assert view.version.count() > 1  # the versions present in the register
    view.version.setCurrentIndex(1)
    assert names(view) == ["DOMICILE SERVICE LOIRET", "EMS"]


def test_every_column_sorts(view):
    view.table.sortByColumn(TOWN, Qt.SortOrder.AscendingOrder)
    assert names(view) == ["Île Services", "EMS", "DOMICILE SERVICE LOIRET"]
    view.table.sortByColumn(STATE, Qt.SortOrder.DescendingOrder)
    assert names(view)[0] == "DOMICILE SERVICE LOIRET"  # follow-up late after certified
    for column in range(view.model.columnCount()):
        view.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert sorted(names(view)) == sorted(["DOMICILE SERVICE LOIRET", "EMS", "Île Services"])


def test_delete_asks_first_then_ctrl_z_puts_the_company_back(qtbot, view, monkeypatch):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    view.select_company(view.model.row_at(2).id)
    deleted_id = view.selected().id
    view.delete_selected()
    wait_for_reads(qtbot, view.runner)
    assert "Île Services" in asked[0]
    assert names(view) == ["DOMICILE SERVICE LOIRET", "EMS"]
    view.stack.undo()
    wait_for_reads(qtbot, view.runner)
    assert "Île Services" in names(view)
    assert CompanyService(view._service.db).get(deleted_id).data.name == "Île Services"
    view.stack.redo()
    wait_for_reads(qtbot, view.runner)
    assert "Île Services" not in names(view)


def test_saying_no_deletes_nothing(view, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    view.select_company(view.model.row_at(2).id)
    view.delete_selected()
    assert view.stack.count() == 0
    assert len(CompanyService(view._service.db).rows()) == 3


def test_a_company_with_history_is_not_deleted_and_the_user_is_told(view, monkeypatch):
    """The truth first: no "you can undo it with Ctrl+Z" question, then a refusal."""
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    view.select_company(view.model.row_at(0).id)
    view.delete_selected()
    assert asked == []
    assert "certification history" in warnings[0] and "Mark it inactive" in warnings[0]
    assert view.stack.count() == 0


def test_a_company_added_during_a_search_appears_selected(qtbot, view, monkeypatch):
    view.search.setText("loiret")
    assert names(view) == ["DOMICILE SERVICE LOIRET"]
    monkeypatch.setattr(module.CompanyDialog, "exec", fill_and_accept("ISIS", "Istres"))
    view.add_company()
    wait_for_reads(qtbot, view.runner)
    assert "ISIS" in names(view)
    assert view.selected() is not None and view.selected().name == "ISIS"


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return])
def test_down_or_enter_in_the_search_reaches_the_list(qtbot, view, key):
    view.search.setText("ems")
    qtbot.keyClick(view.search, key)
    assert view.selected() is not None and view.selected().name == "EMS"
    assert view.table.hasFocus() or view.focusWidget() is view.table


def fill_and_accept(name: str, town: str):
    def run(dialog: CompanyDialog) -> int:
        dialog.name.setText(name)
        dialog.town.setText(town)
        dialog.accept()
        return dialog.result()
    return run


def test_add_and_edit_through_the_dialog_and_undo_them(qtbot, view, monkeypatch):
    monkeypatch.setattr(module.CompanyDialog, "exec", fill_and_accept("ISIS", "Istres"))
    view.add_company()
    wait_for_reads(qtbot, view.runner)
    assert "ISIS" in names(view)
    view.select_company(view.model.row_of(lambda r: r.name == "ISIS"))
    isis = view.model.row_at(view.model.row_of(lambda r: r.name == "ISIS")).id
    monkeypatch.setattr(module.CompanyDialog, "exec", fill_and_accept("ISIS", "Martigues"))
    view.edit_company(isis)
    wait_for_reads(qtbot, view.runner)
    assert CompanyService(view._service.db).get(isis).data.town == "Martigues"
    view.stack.undo()
    assert CompanyService(view._service.db).get(isis).data.town == "Istres"
    view.stack.undo()
    wait_for_reads(qtbot, view.runner)
    assert "ISIS" not in names(view)
    view.stack.redo()
    view.stack.redo()
    assert CompanyService(view._service.db).get(isis).data.town == "Martigues"


def test_enter_opens_the_company(qtbot, view):
    view.select_company(view.model.row_at(1).id)
    with qtbot.waitSignal(view.company_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Enter)
    assert opened.args == [view.model.row_at(1).id]


def test_the_companies_model_passes_the_model_tester(qtmodeltester, view):
    view.search.setText("e")
    qtmodeltester.check(view.model)
