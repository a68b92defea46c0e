"""Every date field of every editor takes a date typed through the keyboard (issue 11).

The keys go to the widget that has the focus, as a user's would: no setDate, no set_value.
The first two tests are the issue's two bugs: typing into an empty "from" then Tab left it
empty; Ctrl+A over 03/12/2026 then 17/11/2026 gave 03/11/2026.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cedre_desk.audits.vocabulary import FindingLevel
from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.audits import AuditService
from cedre_desk.services.committees import CommitteeService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.ui.audits.editor import AuditEditor
from cedre_desk.ui.committees.session_dialog import SessionDialog

# The offscreen platform says so when a window really opens: not a fault of the program.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TODAY = date(2026, 12, 3)
TAB, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Return


def shown(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    return dialog


def type_into(qtbot, field: QWidget, text: str, leave: Qt.Key = TAB,
              select_all: bool = False) -> None:
    """Click in the field, type `text` (ASCII) key by key, then leave with `leave`."""
    field.setFocus()
    qtbot.waitUntil(lambda: field.hasFocus() or field.isAncestorOf(
        QApplication.focusWidget()), timeout=2000)
    typing = QApplication.focusWidget()
    if select_all:
        QTest.keyClick(typing, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(typing, text)
    QTest.keyClick(typing, leave)


@pytest.fixture
def company(db) -> int:
    return CompanyService(db).create(CompanyInput(name="APTIMA", town="Mantes la Jolie"))


def audit_editor(qtbot, db, company: int) -> AuditEditor:
    editor = AuditEditor(db, "en", lambda: TODAY, company_id=company)
    return shown(qtbot, editor)  # type: ignore[return-value]


# The two bugs -------------------------------------------------------------------------

def test_a_date_typed_into_the_empty_from_field_is_kept_after_tab(qtbot, db, company):
    editor = audit_editor(qtbot, db, company)
    assert editor.start_on.value() is None
    type_into(qtbot, editor.start_on, "17/11/2026")
    assert editor.start_on.value() == date(2026, 11, 17)


def test_a_date_typed_over_a_selected_one_replaces_it_whole(qtbot, db, company):
    editor = audit_editor(qtbot, db, company)
    assert editor.planned_on.value() == TODAY  # 03/12/2026
    type_into(qtbot, editor.planned_on, "17/11/2026", select_all=True)
    assert editor.planned_on.value() == date(2026, 11, 17)


# Every spelling, every way out, every field ---------------------------------------------------

@pytest.mark.parametrize(("text", "leave"), [("17/11/2026", TAB), ("17112026", ENTER),
                                              ("17/11/26", TAB), ("17 nov 2026", ENTER)])
@pytest.mark.parametrize("field", ["planned_on", "start_on", "end_on"])
def test_every_audit_date_takes_every_spelling(qtbot, db, company, field, text, leave):
    editor = audit_editor(qtbot, db, company)
    edit = getattr(editor, field)
    type_into(qtbot, edit, text, leave, select_all=True)
    assert edit.value() == date(2026, 11, 17)
    assert edit.text() == "17/11/2026"  # shown back the one way


@pytest.mark.parametrize("field", ["deadline", "closed_on"])
def test_the_finding_dates_are_typed_and_saved(qtbot, db, company, field):
    editor = audit_editor(qtbot, db, company)
    panel = editor.findings
    panel.level.setCurrentIndex(panel.level.findData(FindingLevel.MINOR_NC.value))
    panel.text.setPlainText("Pas de revue de direction")
    panel.action.setPlainText("Tenir la revue")
    type_into(qtbot, getattr(panel, field), "17 jan 27")  # after the audit (03/12/2026)
    assert panel.commit_form()
    assert editor.save()
    finding = AuditService(db).findings(editor.audit_id)[0]
    typed = finding.action_due if field == "deadline" else finding.action_closed_on
    assert typed == date(2027, 1, 17)


def test_the_session_date_is_typed(qtbot, db):
    dialog = shown(qtbot, SessionDialog(CommitteeService(db), AgendaService(db), "en", TODAY))
    type_into(qtbot, dialog.held_on, "17112026", select_all=True)
    assert dialog.save()
    assert [s.held_on for s in CommitteeService(db).sessions()] == [date(2026, 11, 17)]


def test_a_click_elsewhere_takes_the_date_too(qtbot, db, company):
    editor = audit_editor(qtbot, db, company)
    editor.end_on.setFocus()
    qtbot.waitUntil(lambda: editor.end_on.line.hasFocus(), timeout=2000)
    QTest.keyClicks(editor.end_on.line, "18/11/2026")
    QTest.mouseClick(editor.conclusion.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.end_on.text() == "18/11/2026", timeout=2000)
    assert editor.end_on.value() == date(2026, 11, 18)


# Empty, and days that do not exist ------------------------------------------------------------

def test_an_optional_date_is_made_empty_and_stays_so(qtbot, db, company):
    editor = audit_editor(qtbot, db, company)
    editor.planned_on.setFocus()
    qtbot.waitUntil(lambda: editor.planned_on.line.hasFocus(), timeout=2000)
    QTest.keyClick(editor.planned_on.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor.planned_on.line, Qt.Key.Key_Delete)
    QTest.keyClick(editor.planned_on.line, TAB)
    assert editor.planned_on.value() is None
    assert editor.planned_on.message.isHidden()


def test_a_day_that_does_not_exist_is_refused_next_to_the_field(qtbot, db, company):
    editor = audit_editor(qtbot, db, company)
    editor.conclusion.setPlainText("Système qualité en place")
    type_into(qtbot, editor.start_on, "31/02/2026")
    refusal = editor.start_on.message
    assert not refusal.isHidden()
    assert "February 2026 has only 28 days" in refusal.text()
    assert editor.start_on.text() == "31/02/2026"  # as typed, to be corrected
    assert not editor.save()  # nothing written, nothing lost
    assert editor.audit_id is None
    assert editor.conclusion.toPlainText() == "Système qualité en place"
    type_into(qtbot, editor.start_on, "28/02/2026", select_all=True)
    assert refusal.isHidden()
    assert editor.save()


def test_the_session_date_cannot_be_left_empty(qtbot, db):
    dialog = shown(qtbot, SessionDialog(CommitteeService(db), AgendaService(db), "en", TODAY))
    dialog.place.setText("Lyon")
    type_into(qtbot, dialog.held_on, " ", select_all=True)
    assert "A date is needed" in dialog.held_on.message.text()
    assert not dialog.save()
    assert CommitteeService(db).sessions() == []
    assert dialog.place.text() == "Lyon"


@pytest.mark.parametrize("text, message", [
    ("31121989", "1989-12-31 outside the range allowed (1990-01-01 to 2036-12-03): a typing "
                 "slip?"),
    ("04122036", "2036-12-04 outside the range allowed (1990-01-01 to 2036-12-03): a typing "
                 "slip?")])
def test_a_session_date_outside_the_register_rule_is_refused_next_to_the_field(qtbot, db, text,
                                                                                message):
    """The field's range is the register's one rule (DATE_LIMITS), the one the save and the
    import hold: refused under the field, the calendar bounded, nothing saved."""
    dialog = shown(qtbot, SessionDialog(CommitteeService(db), AgendaService(db), "en", TODAY))
    type_into(qtbot, dialog.held_on, text, select_all=True)
    assert dialog.held_on.message.text() == message
    assert not dialog.save()
    assert CommitteeService(db).sessions() == []
    calendar = dialog.held_on.calendar
    assert (calendar.minimumDate().toPython(), calendar.maximumDate().toPython()) == (
        date(1990, 1, 1), date(2036, 12, 3))
    type_into(qtbot, dialog.held_on, "01011990", select_all=True)
    assert dialog.save()
    assert [s.held_on for s in CommitteeService(db).sessions()] == [date(1990, 1, 1)]


def test_the_audit_dates_follow_the_register_rule_in_french(qtbot, db, company):
    editor = AuditEditor(db, "fr", lambda: TODAY, company_id=company)
    shown(qtbot, editor)
    type_into(qtbot, editor.start_on, "31121989", select_all=True)
    assert editor.start_on.message.text() == (
        "31/12/1989 hors de la plage admise (01/01/1990 au 03/12/2036) : faute de frappe ?")
    assert editor.start_on.refused()
