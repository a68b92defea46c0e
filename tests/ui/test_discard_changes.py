"""Escape on a changed form asks first (issue 11, part 11): keep editing, or discard the
changes. Every editor asks the same question through ui/common/discard; a form left as it
was opened closes at once. Keys are real key events (QTest.keyClick), the question a real
message box answered by clicking its button."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus
from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.cap.grids import CapGridService
from cedre_desk.services.committees import CommitteeService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui.audits.editor import AuditEditor
from cedre_desk.ui.cap.grid_editor import GridEditor
from cedre_desk.ui.cap.view import NewAssessmentDialog
from cedre_desk.ui.committees.session_dialog import SessionDialog
from cedre_desk.ui.committees.view import CommitteesView
from cedre_desk.ui.companies.dialog import CompanyDialog

from .helpers import TODAY, answer_next_question

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the dialogs really open

KEEP, DISCARD = "Keep editing", "Discard the changes"


def shown(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def escape_asks(qtbot, dialog: QDialog, field: QWidget, question: str) -> None:
    """Escape on `dialog` (changed through `field`): kept open on "keep editing", closed on
    "discard"."""
    asked = answer_next_question(KEEP)
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert asked == [question]
    assert dialog.isVisible()
    asked = answer_next_question(DISCARD)
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert asked == [question]
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def escape_closes_at_once(qtbot, dialog: QDialog, field: QWidget) -> None:
    asked = answer_next_question(DISCARD, attempts=5)
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.wait(100)
    assert asked == []


def test_the_company_dialog_asks_before_losing_what_was_typed(qtbot, db):
    service = CompanyService(db)
    dialog = shown(qtbot, CompanyDialog(service, "en"))
    QTest.keyClicks(dialog.name, "Atelier du Val")
    escape_asks(qtbot, dialog, dialog.name, "Discard the changes made to this company?")


def test_a_company_opened_and_left_as_it_was_closes_at_once(qtbot, db):
    service = CompanyService(db)
    company = service.create(CompanyInput(name="EMS", town="Montauban", region="Bretagne",
                                          notes="Deux sites", member_since=date(2010, 3, 1)))
    dialog = shown(qtbot, CompanyDialog(service, "en", service.get(company)))
    escape_closes_at_once(qtbot, dialog, dialog.name)
    dialog = shown(qtbot, CompanyDialog(service, "en", service.get(company)))
    QTest.keyClick(dialog.town, Qt.Key.Key_End)
    QTest.keyClicks(dialog.town, " Sud")
    escape_asks(qtbot, dialog, dialog.town, "Discard the changes made to this company?")


def test_the_audit_editor_asks_before_losing_a_finding_typed(qtbot, db):
    company = CompanyService(db).create(CompanyInput(name="APTIMA"))
    editor = shown(qtbot, AuditEditor(db, "en", lambda: TODAY, company_id=company))
    escape_closes_at_once(qtbot, editor, editor.findings.text)
    editor = shown(qtbot, AuditEditor(db, "en", lambda: TODAY, company_id=company))
    editor.findings.text.setFocus()
    QTest.keyClicks(editor.findings.text, "Revue absente")
    escape_asks(qtbot, editor, editor.findings.text, "Discard the changes made to this audit?")


def test_the_session_dialog_asks_before_losing_what_was_typed(qtbot, db):
    dialog = shown(qtbot, SessionDialog(CommitteeService(db), AgendaService(db), "en", TODAY))
    QTest.keyClicks(dialog.place, "Lyon")
    escape_asks(qtbot, dialog, dialog.place, "Discard the changes made to this session?")


def test_the_decision_typed_on_a_file_is_not_lost_to_escape(qtbot, db):
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    company = CompanyService(db).create(CompanyInput(name="GDID"))
    AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id,
                                       company_id=company, start_on=date(2014, 4, 2),
                                       status=AuditStatus.REPORT_SENT))
    CommitteeService(db).create_session(date(2014, 11, 20), "Paris")
    view = CommitteesView(db, "en", lambda: TODAY)
    shown(qtbot, view)
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        view.refresh()
    view.agenda.select_row(0)
    panel = view.decision
    conditions = panel.conditions
    QTest.keyClick(conditions, Qt.Key.Key_Escape)  # nothing typed: nothing asked, nothing lost
    conditions.setFocus()
    QTest.keyClicks(conditions, "Sous reserve de la revue")
    asked = answer_next_question(KEEP)
    QTest.keyClick(conditions, Qt.Key.Key_Escape)
    assert asked == ["Discard the decision typed for this file?"]
    assert conditions.toPlainText() == "Sous reserve de la revue"
    asked = answer_next_question(DISCARD)
    QTest.keyClick(conditions, Qt.Key.Key_Escape)
    assert asked == ["Discard the decision typed for this file?"]
    assert conditions.toPlainText() == "" and not panel.has_changes()


def test_the_grid_editor_asks_before_losing_an_edited_indicator(qtbot, db):
    _, grid = CapGridService(db).current()
    editor = shown(qtbot, GridEditor(grid, "en", TODAY, lambda _grid: 1))
    escape_closes_at_once(qtbot, editor, editor.tree)
    editor = shown(qtbot, GridEditor(grid, "en", TODAY, lambda _grid: 1))
    editor.code.setFocus()
    QTest.keyClick(editor.code, Qt.Key.Key_End)
    QTest.keyClicks(editor.code, "b")
    escape_asks(qtbot, editor, editor.code, "Discard the changes made to the grid?")


def test_a_new_assessment_chosen_is_not_lost_to_escape(qtbot, db):
    CompanyService(db).create(CompanyInput(name="EMS"))
    dialog = shown(qtbot, NewAssessmentDialog(db, TODAY))
    escape_closes_at_once(qtbot, dialog, dialog.owner)
    dialog = shown(qtbot, NewAssessmentDialog(db, TODAY))
    dialog.held_on.setDate(QDate(2014, 9, 1))
    escape_asks(qtbot, dialog, dialog.held_on, "Discard this new assessment?")
