"""Undo and redo beyond companies, driven as a person would: audits (their findings with
them), committee sessions and decisions made through their dialogs and buttons, then Ctrl+Z
and Ctrl+Shift+Z (or Ctrl+Y) on the window; the register checked through the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from cedre_desk.audits.vocabulary import FindingLevel, SessionStatus
from cedre_desk.errors import NotFound
from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.audit_records import AuditRecords
from cedre_desk.services.audits import AuditService, FindingInput
from cedre_desk.services.committee_records import CommitteeRecords
from cedre_desk.services.committees import CommitteeService
from cedre_desk.services.companies import CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.services.register import create_register
from cedre_desk.storage.models import Decision
from cedre_desk.storage.opening import open_register
from cedre_desk.ui.audits.editor import AuditEditor
from cedre_desk.ui.audits.list_model import ROW_ROLE
from cedre_desk.ui.committees.session_dialog import SessionDialog
from cedre_desk.ui.main_window import AUDITS, COMMITTEES, MainWindow

from .helpers import TODAY, small_register, wait_for_reads

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot, db):
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    window.ids = small_register(db)
    window.data_changed()
    wait_for_reads(qtbot, window.runner)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    yield window
    window.close_register()


@pytest.fixture(autouse=True)
def warnings(monkeypatch) -> list[tuple[str, str]]:
    """The warnings shown (title, text), answered at once (never a modal box left open)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *a: shown.append((title, text)))
    return shown


def press(qtbot, window, key: Qt.Key, modifiers=CTRL) -> None:
    """A key on the window, once it is active again (after a dialog, say): shortcuts are
    the active window's; and once the reads that follow a change are done (their statuses
    written: a write at that very moment is refused as busy, see the test below)."""
    wait_for_reads(qtbot, window.runner)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    tab_bar = window.tabs.tabBar()  # not in a text field: there Ctrl+Z undoes the typing
    tab_bar.setFocus()
    qtbot.waitUntil(tab_bar.hasFocus, timeout=5000)
    QTest.keyClick(tab_bar, key, modifiers)
    wait_for_reads(qtbot, window.runner)


def undo(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_Z)


def redo(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)


def driven(monkeypatch, dialog_class, steps) -> None:
    """The dialog's exec() as a person: shown, `steps` typed and clicked, then its result."""
    def run(dialog):
        dialog.show()
        steps(dialog)
        return dialog.result()
    monkeypatch.setattr(dialog_class, "exec", run)


def click_save(dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def add_finding(dialog: AuditEditor, text: str) -> None:
    panel = dialog.findings
    QTest.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    panel.text.setFocus()
    QTest.keyClicks(panel.text, text)
    QTest.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)


# Audits ---------------------------------------------------------------------------------

def test_a_new_audit_with_its_findings_is_undone_and_redone(qtbot, window, monkeypatch,
                                                           warnings):
    db, company = window.db, window.ids["soon"]

    def fill(dialog: AuditEditor) -> None:
        QTest.keyClicks(dialog.conclusion, "Bon audit")
        add_finding(dialog, "Projet social clair")
        add_finding(dialog, "Revue absente")
        click_save(dialog)

    driven(monkeypatch, AuditEditor, fill)
    window.new_audit(company)
    audit_id = _newest_audit(db)
    created = AuditRecords(db).take(audit_id)
    assert [f.data.text for f in created.findings] == ["Projet social clair", "Revue absente"]
    assert window.menus.undo.text() == "&Undo add the audit of “EMS — Montauban”"

    undo(qtbot, window)
    with pytest.raises(NotFound):
        AuditRecords(db).take(audit_id)
    assert window.menus.redo.text() == "&Redo add the audit of “EMS — Montauban”"

    redo(qtbot, window)
    assert warnings == []
    assert AuditRecords(db).take(audit_id) == created  # same ids, contents and versions


def _newest_audit(db) -> int:
    from cedre_desk.storage.models import Audit

    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.max(Audit.id)))


def test_undoing_an_audit_that_got_findings_elsewhere_is_refused(qtbot, window, monkeypatch,
                                                                 warnings):
    driven(monkeypatch, AuditEditor, click_save)
    window.new_audit(window.ids["soon"])
    audit_id = _newest_audit(window.db)
    # Someone else adds a finding meanwhile (another user, the command line).
    AuditService(window.db).add_finding(audit_id, FindingInput(FindingLevel.STRENGTH, "Ajout"))

    undo(qtbot, window)

    assert warnings == [("Cannot undo: add the audit of “EMS — Montauban”",
                         "1 finding(s) were added to this audit meanwhile: nothing was changed. "
                         "Refresh (F5) to see them.")]
    assert len(AuditRecords(window.db).take(audit_id).findings) == 1
    assert not window.undo_stack.canUndo() and not window.undo_stack.canRedo()
    assert not window.menus.undo.isEnabled()


def test_an_undo_the_register_could_not_write_just_now_can_be_tried_again(
        qtbot, window, monkeypatch, warnings):
    from cedre_desk.errors import RegisterError

    driven(monkeypatch, AuditEditor, click_save)
    window.new_audit(window.ids["soon"])
    audit_id = _newest_audit(window.db)
    delete = AuditRecords.delete
    busy = RegisterError("Le registre est occupé.", "The register is busy.")

    def busy_once(self, *args):
        monkeypatch.setattr(AuditRecords, "delete", delete)
        raise busy
    monkeypatch.setattr(AuditRecords, "delete", busy_once)

    undo(qtbot, window)
    qtbot.waitUntil(lambda: warnings != [], timeout=5000)
    assert warnings == [("Cannot undo: add the audit of “EMS — Montauban”",
                         "The register is busy.")]
    assert AuditRecords(window.db).take(audit_id).id == audit_id  # nothing changed
    assert window.undo_stack.canUndo() and not window.undo_stack.canRedo()  # kept in place
    assert window.menus.undo.text() == "&Undo add the audit of “EMS — Montauban”"

    undo(qtbot, window)  # tried again
    with pytest.raises(NotFound):
        AuditRecords(window.db).take(audit_id)
    assert len(warnings) == 1


def test_an_edit_of_an_audit_and_its_findings_is_one_undo(qtbot, window, monkeypatch):
    db, audit_id = window.db, window.ids["special"]
    records = AuditRecords(db)
    before = records.take(audit_id)

    def edit(dialog: AuditEditor) -> None:
        dialog.conclusion.setFocus()
        QTest.keyClicks(dialog.conclusion, "Revue a tenir")
        dialog.findings.edit(0)
        dialog.findings.remove_current()
        add_finding(dialog, "Affichage incomplet")
        click_save(dialog)

    driven(monkeypatch, AuditEditor, edit)
    window.open_audit(audit_id)
    after = records.take(audit_id)
    assert after.data.conclusion == "Revue a tenir"
    assert [f.data.text for f in after.findings] == ["Affichage incomplet"]

    undo(qtbot, window)
    undone = records.take(audit_id)
    assert undone.same_content(before)  # the finding back under its id, the conclusion gone
    assert [f.id for f in undone.findings] == [f.id for f in before.findings]

    redo(qtbot, window)
    assert records.take(audit_id).same_content(after)
    undo(qtbot, window)
    assert records.take(audit_id).same_content(before)
    press(qtbot, window, Qt.Key.Key_Y)  # Ctrl+Y redoes too
    assert records.take(audit_id).same_content(after)


def test_an_audit_deleted_with_its_findings_comes_back_whole(qtbot, window, monkeypatch):
    db, audit_id = window.db, window.ids["special"]
    before = AuditRecords(db).take(audit_id)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *a:
                        asked.append(text) or QMessageBox.StandardButton.Yes)
    window.show_view(AUDITS)
    view = window.audits_view
    qtbot.waitUntil(lambda: view.model.total() > 0, timeout=10_000)
    assert view.show_audit(audit_id)
    row = view.table.currentIndex().data(ROW_ROLE)
    view.delete_audit(row)
    assert asked == ["Delete the audit of “DOMICILE SERVICE LOIRET” (20/06/2014) and its "
                     "finding? Ctrl+Z puts it back."]
    with pytest.raises(NotFound):
        AuditRecords(db).take(audit_id)
    assert window.menus.undo.text() == (
        "&Undo delete the audit of “DOMICILE SERVICE LOIRET” (20/06/2014)")

    undo(qtbot, window)
    assert AuditRecords(db).take(audit_id) == before  # the audit and its finding, same ids
    qtbot.waitUntil(lambda: view.model.position_of(audit_id) is not None, timeout=10_000)
    redo(qtbot, window)
    with pytest.raises(NotFound):
        AuditRecords(db).take(audit_id)


def test_an_audit_a_decision_rests_on_is_refused_before_asking(qtbot, window, monkeypatch,
                                                               warnings):
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]))
    view = window.audits_view
    window.show_view(AUDITS)
    with window.db.engine.connect() as conn:
        audit_id = conn.scalar(sa.select(sa.func.min(Decision.audit_id)))
    qtbot.waitUntil(lambda: view.model.total() > 0, timeout=10_000)
    assert view.show_audit(audit_id)
    view.delete_audit(view.table.currentIndex().data(ROW_ROLE))
    assert asked == []
    assert warnings == [("Delete the audit",
                         "A committee decision rests on this audit: it cannot be deleted.")]
    assert not window.undo_stack.canUndo()


# Committee sessions and decisions --------------------------------------------------------

def new_session_typed(monkeypatch, typed: str, place: str) -> None:
    def fill(dialog: SessionDialog) -> None:
        line = dialog.held_on.line
        line.setFocus()
        QTest.keyClick(line, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(line, typed)
        QTest.keyClick(line, Qt.Key.Key_Tab)
        QTest.keyClicks(dialog.place, place)
        click_save(dialog)
    driven(monkeypatch, SessionDialog, fill)


def shown_committees(qtbot, window):
    view = window.committees_view
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        window.show_view(COMMITTEES)
    return view


def session_on(db, day: date) -> int | None:
    return {s.held_on: s.id for s in CommitteeService(db).sessions()}.get(day)


def test_a_session_and_its_decision_are_undone_in_turn(qtbot, window, monkeypatch):
    db, late = window.db, window.ids["late"]
    view = shown_committees(qtbot, window)
    new_session_typed(monkeypatch, "10/07/2014", "Paris")
    with qtbot.waitSignal(view.agenda_loaded, timeout=10_000):
        view.new_session()
    session_id = session_on(db, date(2014, 7, 10))
    assert session_id is not None
    assert window.menus.undo.text() == "&Undo create the session of 10/07/2014"
    cycle = CycleService(db)
    day = date(2014, 8, 1)
    before = cycle.status(late, day)

    # The special audit with its major nonconformity is on the agenda: decide on it.
    view.agenda.select_row(view.agenda_model.row_of(lambda f: f.company_id == late))
    QTest.mouseClick(view.decision.record_button, Qt.MouseButton.LeftButton)
    decided = AgendaService(db).agenda(session_id)
    decision = next(f.decision for f in decided if f.company_id == late)
    assert decision is not None
    assert window.menus.undo.text() == "&Undo record the decision on “DOMICILE SERVICE LOIRET”"
    recorded = CommitteeRecords(db).take_decision(decision.id)

    undo(qtbot, window)  # the decision first
    with pytest.raises(NotFound):
        CommitteeRecords(db).take_decision(decision.id)
    assert cycle.status(late, day) == before  # the stored status went with it

    undo(qtbot, window)  # then the session
    assert session_on(db, date(2014, 7, 10)) is None

    redo(qtbot, window)
    redo(qtbot, window)
    assert CommitteeRecords(db).take_session(session_id).place == "Paris"
    assert CommitteeRecords(db).take_decision(decision.id) == recorded


def test_undoing_a_session_that_got_a_decision_elsewhere_is_refused(qtbot, window,
                                                                    monkeypatch, warnings):
    from cedre_desk.audits.vocabulary import Outcome, Scheme
    from cedre_desk.services.committees import DecisionInput

    db = window.db
    view = shown_committees(qtbot, window)
    new_session_typed(monkeypatch, "10/07/2014", "Lyon")
    view.new_session()
    session_id = session_on(db, date(2014, 7, 10))
    CommitteeService(db).record_decision(DecisionInput(
        session_id, Outcome.DEFERRED, Scheme.CEDRE, company_id=window.ids["new"]))

    undo(qtbot, window)

    assert warnings == [("Cannot undo: create the session of 10/07/2014",
                         "This session carries decisions: it is kept.")]
    assert session_on(db, date(2014, 7, 10)) == session_id
    assert not window.undo_stack.canUndo()


def test_undoing_a_session_edit_after_a_change_elsewhere_is_refused(qtbot, window,
                                                                    monkeypatch, warnings):
    db = window.db
    view = shown_committees(qtbot, window)
    session_id = session_on(db, date(2013, 9, 12))
    view.choose_session(session_id)

    def edit(dialog: SessionDialog) -> None:
        dialog.place.setFocus()
        dialog.place.selectAll()
        QTest.keyClicks(dialog.place, "Montauban")
        click_save(dialog)

    driven(monkeypatch, SessionDialog, edit)
    view.edit_session()
    assert CommitteeRecords(db).take_session(session_id).place == "Montauban"
    assert window.menus.undo.text() == "&Undo edit the session of 12/09/2013"
    record = CommitteeRecords(db).take_session(session_id)
    CommitteeService(db).update_session(session_id, record.held_on, "Toulouse", "",
                                        SessionStatus.HELD, record.version)  # elsewhere

    undo(qtbot, window)

    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Cannot undo: edit the session of 12/09/2013"
    assert text.startswith("This record was changed elsewhere meanwhile")
    assert "nothing was changed" in text
    assert CommitteeRecords(db).take_session(session_id).place == "Toulouse"


def test_a_cancelled_decision_comes_back_with_its_certificate(qtbot, window, monkeypatch):
    db, soon = window.db, window.ids["soon"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    view = shown_committees(qtbot, window)
    assert view.current_session().id == session_on(db, date(2013, 9, 12))  # the last held
    view.agenda.select_row(view.agenda_model.row_of(lambda f: f.company_id == soon))
    decision_id = view.current_file().decision.id
    granted = CommitteeRecords(db).take_decision(decision_id)
    day = date(2014, 7, 1)
    certified = CycleService(db).status(soon, day)
    QTest.mouseClick(view.decision.cancel_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFound):
        CommitteeRecords(db).take_decision(decision_id)
    assert CycleService(db).status(soon, day) != certified
    assert window.menus.undo.text() == "&Undo cancel the decision on “EMS”"

    undo(qtbot, window)

    assert CommitteeRecords(db).take_decision(decision_id) == granted  # same number, dates
    assert CycleService(db).status(soon, day) == certified  # the due dates as they were


# The stack and the window -----------------------------------------------------------------

def test_opening_another_register_clears_the_stack(qtbot, window, monkeypatch, tmp_path):
    driven(monkeypatch, AuditEditor, click_save)
    window.new_audit(window.ids["soon"])
    assert window.undo_stack.canUndo()
    other = create_register(tmp_path / "autre.sqlite")
    window.swap_register(other)
    wait_for_reads(qtbot, window.runner)
    assert not window.undo_stack.canUndo()
    assert not window.menus.undo.isEnabled()


def test_a_read_only_window_has_undo_and_redo_off(qtbot, db, register_path):
    small_register(db)
    viewer = open_register(register_path, read_only=True)
    window = MainWindow(viewer, "en", today=TODAY)
    qtbot.addWidget(window)
    wait_for_reads(qtbot, window.runner)
    for action in (window.menus.undo, window.menus.redo):
        assert not action.isEnabled()
        assert "read-only" in action.toolTip()
    window.close_register()


# Companies: the same rules --------------------------------------------------------------

def add_company_typed(monkeypatch, qtbot, window, name: str) -> int:
    from cedre_desk.ui.companies.dialog import CompanyDialog

    def fill(dialog: CompanyDialog) -> None:
        dialog.name.setFocus()
        QTest.keyClicks(dialog.name, name)
        QTest.keyClicks(dialog.town, "Ambert")
        QTest.keyClick(dialog.town, Qt.Key.Key_Return)  # the dialog's default button: save
    driven(monkeypatch, CompanyDialog, fill)
    window.companies_view.add_company()
    wait_for_reads(qtbot, window.runner)
    return next(r.id for r in CompanyService(window.db).rows() if r.name == name)


def test_undoing_a_company_creation_after_an_edit_elsewhere_is_refused(qtbot, window,
                                                                       monkeypatch, warnings):
    company_id = add_company_typed(monkeypatch, qtbot, window, "CDM INTERIM")
    companies = CompanyService(window.db)
    record = companies.get(company_id)
    companies.update(company_id, replace(record.data, town="Thiers"), record.version)

    undo(qtbot, window)

    assert len(warnings) == 1 and "changed elsewhere meanwhile" in warnings[0][1]
    assert companies.get(company_id).data.town == "Thiers"  # kept, not deleted


def test_undoing_a_company_creation_once_it_has_a_history_says_why(qtbot, window,
                                                                   monkeypatch, warnings):
    from cedre_desk.audits.vocabulary import AuditKind
    from cedre_desk.services.audits import AuditInput
    from cedre_desk.services.referentials import CEDRE, ReferentialService

    company_id = add_company_typed(monkeypatch, qtbot, window, "COUP DE MAIN")
    version = ReferentialService(window.db).in_force(CEDRE, TODAY)
    AuditService(window.db).create(AuditInput(AuditKind.INTERNAL, version.id,
                                              company_id=company_id))  # elsewhere

    undo(qtbot, window)

    assert warnings == [("Cannot undo: add “COUP DE MAIN”",
                         "This company has a certification history (audits, decisions, "
                         "engagement or Le Cap): it cannot be deleted. Mark it inactive "
                         "instead.")]
    assert CompanyService(window.db).get(company_id).data.name == "COUP DE MAIN"


def test_a_company_undo_the_register_could_not_write_just_now_is_kept_to_try_again(
        qtbot, window, monkeypatch, warnings):
    """The register busy at Ctrl+Z: the deletion's undo was dropped from the stack (the
    company could then only be typed again). Now the message says what was not undone, and
    Ctrl+Z again puts the company back."""
    from cedre_desk.errors import RegisterError
    from cedre_desk.ui.main_window import COMPANIES

    new = window.ids["new"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.show_view(COMPANIES)
    window.refresh_current()
    wait_for_reads(qtbot, window.runner)
    companies = window.companies_view
    companies.select_company(new)
    QTest.mouseClick(companies.delete_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFound):
        CompanyService(window.db).get(new)
    restore = CompanyService.restore

    def busy_once(self, *args):
        monkeypatch.setattr(CompanyService, "restore", restore)
        raise RegisterError("Le registre est occupé.", "The register is busy.")
    monkeypatch.setattr(CompanyService, "restore", busy_once)

    undo(qtbot, window)
    qtbot.waitUntil(lambda: warnings != [], timeout=5000)
    assert window.undo_stack.canUndo() and not window.undo_stack.canRedo()  # kept in place
    assert warnings == [("Cannot undo: delete “Île Services”", "The register is busy.")]
    with pytest.raises(NotFound):  # nothing changed
        CompanyService(window.db).get(new)
    assert window.menus.undo.text() == "&Undo delete “Île Services”"

    undo(qtbot, window)  # tried again
    assert CompanyService(window.db).get(new).data.name == "Île Services"
    assert len(warnings) == 1
    redo(qtbot, window)
    with pytest.raises(NotFound):
        CompanyService(window.db).get(new)


def test_a_company_undo_refused_for_good_says_which_and_leaves_the_stack(
        qtbot, window, monkeypatch, warnings):
    """Changed elsewhere since: undoing the edit would overwrite it; said, and dropped."""
    from cedre_desk.ui.companies import list_view
    from cedre_desk.ui.main_window import COMPANIES

    soon = window.ids["soon"]
    window.show_view(COMPANIES)
    window.refresh_current()
    wait_for_reads(qtbot, window.runner)

    def retype_town(dialog) -> None:
        dialog.town.setText("Moissac")
        click_save(dialog)
    driven(monkeypatch, list_view.CompanyDialog, retype_town)
    window.companies_view.edit_company(soon)
    assert CompanyService(window.db).get(soon).data.town == "Moissac"
    service = CompanyService(window.db)
    record = service.get(soon)  # someone else, meanwhile
    service.update(soon, replace(record.data, town="Castelsarrasin"), record.version)

    undo(qtbot, window)
    qtbot.waitUntil(lambda: warnings != [], timeout=5000)
    assert warnings[0][0] == "Cannot undo: edit “EMS”"
    assert CompanyService(window.db).get(soon).data.town == "Castelsarrasin"
    assert not window.undo_stack.canUndo()
