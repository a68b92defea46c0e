"""Référentiels: versions and their trees, the note that the catalogue is not the official
text, a requirement's title and text edited, a sheet loaded (its problems shown first)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cedre_desk.services.referentials import CEDRE, ISO_9001, ReferentialService
from cedre_desk.services.requirements import RequirementService, RequirementText
from cedre_desk.ui.referentials import sheet_loader as referential_sheet
from cedre_desk.ui.referentials.sheet_loader import SheetProblemsDialog
from cedre_desk.ui.referentials.view import REQUIREMENT_ROLE, ReferentialsView


def shown(qtbot, db, lang="en") -> ReferentialsView:
    view = ReferentialsView(db, lang)
    qtbot.addWidget(view)
    view.refresh()
    return view


def workbook(path: Path, rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(("Chapitre", "Code", "Intitulé", "Exigence"))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def dialogs(monkeypatch):
    """Patched file and message dialogs; records what was asked and shown."""
    seen: dict[str, list] = {"question": [], "warning": [], "problems": [], "information": []}
    answers = {"file": "", "question": QMessageBox.StandardButton.Yes}
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (answers["file"], "")))
    for kind in ("question", "warning", "information"):
        monkeypatch.setattr(referential_sheet.QMessageBox, kind, staticmethod(
            lambda _parent, _title, text, *a, _kind=kind, **k: (
                seen[_kind].append(text), answers["question"])[1]))

    def problems_shown(dialog: SheetProblemsDialog) -> int:
        model = dialog.table.table_model()
        seen["problems"].append([(model.index(r, 0).data(), model.index(r, 1).data())
                                 for r in range(model.rowCount())])
        return 0

    monkeypatch.setattr(SheetProblemsDialog, "exec", problems_shown)
    return seen, answers


def test_versions_and_the_tree_with_its_note(qtbot, db):
    view = shown(qtbot, db)
    names = [view.versions_model.index(r, 0).data()
             for r in range(view.versions_model.rowCount())]
    assert names == ["CEDRE V1", "CEDRE V2", "CEDRE V3", "ISO 9001 2015"]
    view.choose_version(ISO_9001, "2015")
    model = view.tree_model
    chapters = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert chapters == ["4", "5", "6", "7", "8", "9", "10"]
    assert model.rowCount(model.index(0, 0)) == 4  # clause 4 and its sub-clauses
    assert model.index(0, 0, model.index(0, 0)).data() == "4.1"
    assert not view.note.isHidden()
    assert "not the federation's official text" in view.note.text()


def test_a_requirement_is_edited_and_a_refusal_shown_at_its_field(qtbot, db):
    view = shown(qtbot, db)
    view.choose_version(ISO_9001, "2015")
    view.select_requirement("4.1")
    assert view.code.text() == "4.1"
    requirement_id = view.tree.currentIndex().data(REQUIREMENT_ROLE)
    view.title_edit.setText("")
    assert not view.save_requirement()
    assert "required" in view.messages.message_for("title").text()
    view.title_edit.setText("Compréhension de l'organisme")
    view.title_en_edit.setText("Understanding the organization")
    view.text_edit.setPlainText("L'organisme doit déterminer les enjeux.")
    with qtbot.waitSignal(view.changed):
        assert view.save_requirement()
    stored = RequirementService(db).get(requirement_id).content
    assert stored.text == "L'organisme doit déterminer les enjeux."
    assert view.tree.currentIndex().siblingAtColumn(1).data() == (
        "Understanding the organization")


def test_a_change_made_elsewhere_keeps_the_input(qtbot, db):
    view = shown(qtbot, db)
    view.choose_version(ISO_9001, "2015")
    view.select_requirement("4.2")
    requirement_id = view.tree.currentIndex().data(REQUIREMENT_ROLE)
    service = RequirementService(db)
    read = service.get(requirement_id).content
    service.update_requirement(requirement_id, RequirementText("Autre", "", ""), read)
    view.text_edit.setPlainText("Mon texte")
    assert not view.save_requirement()
    assert "changed elsewhere" in view.messages.general.text()
    assert view.text_edit.toPlainText() == "Mon texte"


def test_a_sheet_with_problems_shows_them_row_by_row_and_loads_nothing(
        qtbot, db, tmp_path, dialogs):
    seen, answers = dialogs
    view = shown(qtbot, db)
    view.choose_version(CEDRE, "V3")
    before = view.tree_model.rowCount()
    answers["file"] = str(workbook(tmp_path / "v3.xlsx", [
        ("1", "1.1", "Projet associatif", "La structure a un projet écrit."),
        ("1", "", "Sans code", "Texte"),
        ("2", "2.1", "", "Texte sans titre"),
    ]))
    view.load_sheet()
    [problems] = seen["problems"]
    assert [row for row, _ in problems] == ["3", "4"]
    assert seen["question"] == []
    assert view.tree_model.rowCount() == before
    assert RequirementService(db).tree(view.current_version().id)[-1].code != "1.1"


def test_a_clean_sheet_is_confirmed_then_loaded(qtbot, db, tmp_path, dialogs):
    seen, answers = dialogs
    view = shown(qtbot, db)
    view.choose_version(CEDRE, "V3")
    answers["file"] = str(workbook(tmp_path / "v3.xlsx", [
        ("1", "1.1", "Projet associatif", "La structure a un projet écrit."),
        ("1", "1.2", "Gouvernance", "Les instances se réunissent."),
        ("2", "2.1", "Services aux personnes", "Les attentes sont recueillies."),
    ]))
    answers["question"] = QMessageBox.StandardButton.No
    view.load_sheet()
    assert "3 requirement(s) will be added" in seen["question"][0]
    assert all(n.parent_id is None for n in RequirementService(db).tree(
        view.current_version().id))  # declined: nothing loaded
    answers["question"] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(view.message) as said:
        view.load_sheet()
    assert said.args == ["CEDRE V3: 3 requirement(s) added, 0 updated."]
    view.select_requirement("1.2")
    assert view.text_edit.toPlainText() == "Les instances se réunissent."
    view.load_sheet()  # the same sheet again brings nothing new
    assert "brings nothing new" in seen["information"][0]


def test_a_file_that_is_no_workbook_is_refused_with_a_message(qtbot, db, tmp_path, dialogs):
    seen, answers = dialogs
    view = shown(qtbot, db)
    path = tmp_path / "notes.xlsx"
    path.write_text("pas un classeur")
    answers["file"] = str(path)
    view.load_sheet()
    assert "is not an Excel workbook" in seen["warning"][0] or "could not be read" in (
        seen["warning"][0])


def test_the_tree_and_the_problem_list_pass_the_model_tester(qtbot, qtmodeltester, db):
    view = shown(qtbot, db, lang="fr")
    view.choose_version(ISO_9001, "2015")
    assert view.tree_model.index(0, 1).data() == "Contexte de l'organisme"
    qtmodeltester.check(view.tree_model)
    qtmodeltester.check(view.versions_model)
    dialog = SheetProblemsDialog("v3.xlsx", ((3, "Code manquant", "Code missing"),), "fr")
    qtbot.addWidget(dialog)
    assert dialog.table.table_model().index(0, 1).data() == "Code manquant"
    qtmodeltester.check(dialog.table.table_model())


def test_the_catalogue_versions_all_carry_the_note(qtbot, db):
    view = shown(qtbot, db)
    for version in ReferentialService(db).versions():
        view.choose_version(version.referential, version.label)
        assert not view.note.isHidden()


def test_the_tree_s_narrowed_titles_elide_at_their_end_and_show_whole_in_a_tooltip(
        qtbot, db, monkeypatch):
    """The requirement tree's header clipped a title too narrow for its column, with no "…"
    and its text nowhere; it now behaves as every table's (common.column_layout)."""
    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication

    from cedre_desk.ui.common import column_layout

    shown_tips: list[str] = []  # the tooltips, not opened (offscreen cannot raise a window)
    monkeypatch.setattr(column_layout.QToolTip, "showText",
                        lambda _where, text, *_a: shown_tips.append(text))
    view = shown(qtbot, db)
    view.choose_version(ISO_9001, "2015")
    header = view.tree.header()
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    for column, title in enumerate(["Code", "Title", "Findings"]):
        where = QPoint(header.sectionViewportPosition(column) + 3, 3)
        shown_tips.clear()
        QApplication.sendEvent(header.viewport(), QHelpEvent(
            QEvent.Type.ToolTip, where, header.viewport().mapToGlobal(where)))
        assert shown_tips == [title]
