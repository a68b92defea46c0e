"""The import dialog: a preview off the GUI thread with the column mapping (which the user
changes) and the rejected rows; the import only once every row can be imported."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox

from cedre_desk.services.companies import CompanyService
from cedre_desk.ui.exchange import exports as export_actions
from cedre_desk.ui.exchange.import_dialog import FIELD_ROLE, ImportDialog

TODAY = date(2016, 6, 1)


@pytest.fixture(autouse=True)
def no_job_left_running():
    yield
    assert export_actions.wait_for_jobs()


@pytest.fixture
def messages(monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: said.append(("information", text)))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: said.append(("warning", text)))
    return said


def _workbook(path, rows, header=("Nom", "Implantation", "Date du comité", "Décision")):
    workbook = Workbook()
    workbook.active.title = "Suivi"
    workbook.active.append(list(header))
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _settle(qtbot, dialog):
    """Wait for the dialog's preview or import to come back."""
    job = dialog.job
    assert job is not None and job.wait(30_000)
    qtbot.waitUntil(lambda: dialog.busy.isHidden(), timeout=10_000)


def _field_rows(dialog):
    model = dialog.mapping
    return [(model.index(r, 1).data(), model.index(r, 2).data(FIELD_ROLE))
            for r in range(model.rowCount())]


def test_the_preview_shows_the_mapping_and_the_mapping_can_be_changed(qtbot, db, tmp_path,
                                                                     messages):
    path = _workbook(tmp_path / "suivi.xlsx", [["ISIS", "Istres (13)", "19/11/2015", "refus"]])
    dialog = ImportDialog(db, "fr", TODAY, path)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    assert _field_rows(dialog) == [("Nom", "name"), ("Implantation", None),
                                   ("Date du comité", "committee_date"), ("Décision", "decision")]
    assert dialog.mapping.index(1, 2).data() == "(not recognised)"
    assert dialog.import_button.isEnabled()
    assert "1 structure nouvelle" in dialog.summary.text()
    # The user says what "Implantation" is: the preview runs again with it.
    assert dialog.mapping.setData(dialog.mapping.index(1, 2), "town")
    _settle(qtbot, dialog)
    assert ("Implantation", "town") in _field_rows(dialog)
    dialog.import_button.click()
    _settle(qtbot, dialog)
    (company,) = CompanyService(db).rows()
    assert (company.name, company.town, company.department) == ("ISIS", "Istres", "13")
    assert messages[-1][0] == "information" and "Imported" in messages[-1][1]
    assert dialog.result.written


def test_rejected_rows_are_listed_and_nothing_can_be_imported(qtbot, db, tmp_path, messages):
    path = _workbook(tmp_path / "suivi.xlsx", [["ISIS", "Istres", "31/02/2015", "refus"],
                                               ["EMS", "Montauban", "19/11/2015", "bof"]])
    dialog = ImportDialog(db, "fr", TODAY, path)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    model = dialog.problems
    reasons = [(model.index(r, 1).data(), model.index(r, 2).data())
               for r in range(model.rowCount())]
    assert [row for row, _ in reasons] == [2, 3]
    assert "impossible" in reasons[0][1] and "bof" in reasons[1][1]
    assert not dialog.import_button.isEnabled()
    assert dialog.tabs.currentIndex() == 1
    assert dialog.tabs.tabText(1) == "Rejected rows (2)"
    dialog.run_import()  # even asked directly, nothing is written
    assert CompanyService(db).rows() == []


def test_the_field_editor_offers_every_field(qtbot, db, tmp_path, messages):
    path = _workbook(tmp_path / "suivi.xlsx", [["ISIS", "Istres", "19/11/2015", "refus"]])
    dialog = ImportDialog(db, "en", TODAY, path)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    view = dialog.mapping_view
    index = dialog.mapping.index(0, 2)
    delegate = view.itemDelegateForColumn(2)
    editor = delegate.createEditor(view.viewport(), None, index)
    delegate.setEditorData(editor, index)
    assert isinstance(editor, QComboBox)
    assert editor.currentData() == "name"
    assert editor.itemData(0) == "ignore"
    editor.setCurrentIndex(editor.findData("contact"))
    delegate.setModelData(editor, dialog.mapping, index)
    _settle(qtbot, dialog)
    assert ("Nom", "contact") in _field_rows(dialog)
    assert dialog.mapping.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.mapping.flags(dialog.mapping.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_choosing_the_file(qtbot, db, tmp_path, monkeypatch, messages):
    path = _workbook(tmp_path / "suivi.xlsx", [["ISIS", "Istres", "19/11/2015", "refus"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    dialog = ImportDialog(db, "fr", TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.choose_file()
    _settle(qtbot, dialog)
    assert dialog.file.text() == str(path)
    assert dialog.import_button.isEnabled()


def test_a_file_that_cannot_be_read_is_said_so(qtbot, db, tmp_path, messages):
    path = tmp_path / "liste.xlsx"
    path.write_text("Nom;Ville\n", encoding="utf-8")
    dialog = ImportDialog(db, "en", TODAY, path)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    assert messages and messages[0][0] == "warning" and "CSV" in messages[0][1]
    assert not dialog.import_button.isEnabled()


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, db, tmp_path, messages):
    path = _workbook(tmp_path / "suivi.xlsx", [["ISIS", "Istres", "31/02/2015", "refus"]])
    dialog = ImportDialog(db, "fr", TODAY, path)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    qtmodeltester.check(dialog.mapping)
    qtmodeltester.check(dialog.problems)


def test_the_summary_tab_accounts_for_every_column_as_the_command_line(qtbot, db, tmp_path,
                                                                      messages):
    path = _workbook(tmp_path / "suivi.xlsx", [["ISIS", "Istres (13)", "19/11/2015", "refus"]])
    dialog = ImportDialog(db, "fr", TODAY, path)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    text = dialog.accounting.toPlainText()
    assert text.startswith("Essai à blanc de « suivi.xlsx » : rien n'a été écrit.")
    assert "Colonne laissée de côté : B « Implantation » (en-tête non reconnu)." in text
    assert "    A « Nom » → Nom de la structure" in text


def test_a_workbook_imported_again_is_previewed_with_what_is_already_known(qtbot, db, tmp_path,
                                                                          messages):
    """The second preview counts records already in the register (audits, decisions known):
    kinds the dialog once had no name for, which stopped it with a KeyError."""
    path = _workbook(tmp_path / "suivi.xlsx", [["ISIS", "Istres (13)", "19/11/2015", "refus"]])
    first = ImportDialog(db, "en", TODAY, path)
    qtbot.addWidget(first)
    _settle(qtbot, first)
    first.import_button.click()
    _settle(qtbot, first)
    again = ImportDialog(db, "en", TODAY, path)
    qtbot.addWidget(again)
    _settle(qtbot, again)
    text = again.summary.text()
    assert "1 company already in the register" in text and "decision" in text
    assert "new compan" not in text
