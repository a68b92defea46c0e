"""The audit editor: version by audit date, coaching warning, refusals next to their field,
findings against the requirement tree with counts that follow the typing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ISO_9001, ReferentialService
from cedre_desk.ui.audits.editor import AuditEditor

TODAY = date(2016, 3, 1)


@pytest.fixture
def world(db):
    versions = {(v.referential, v.label): v.id for v in ReferentialService(db).versions()}
    company = CompanyService(db).create(CompanyInput(name="APTIMA", town="Mantes la Jolie"))
    auditors = AuditorService(db)
    claire = auditors.create("Claire Auditrice")
    paul = auditors.create("Paul Coach")
    auditors.add_coaching(paul, company)
    return {"db": db, "company": company, "claire": claire, "paul": paul,
            "v2": versions[(CEDRE, "V2")], "v3": versions[(CEDRE, "V3")],
            "iso": versions[(ISO_9001, "2015")]}


def editor(qtbot, world, **kwargs) -> AuditEditor:
    dialog = AuditEditor(world["db"], "en", lambda: TODAY, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def tick(dialog: AuditEditor, auditor_id: int, on: bool = True) -> None:
    dialog.auditors.tick(auditor_id, on)


def message(dialog: AuditEditor, field: str) -> str:
    place = dialog.messages.message_for(field)
    return "" if place.isHidden() else place.text()


def test_the_version_defaults_to_the_one_in_force_on_the_audit_date(qtbot, world):
    dialog = editor(qtbot, world, company_id=world["company"])
    assert dialog.version.currentData() == world["v3"]  # planned today, 2016
    dialog.planned_on.set_value(date(2014, 3, 1))
    assert dialog.version.currentData() == world["v2"]
    dialog.start_on.set_value(date(2015, 11, 20))  # the day V3 was adopted
    assert dialog.version.currentData() == world["v3"]
    dialog.version.setCurrentIndex(dialog.version.findData(world["v2"]))
    dialog.version.activated.emit(dialog.version.currentIndex())  # the user's own pick
    dialog.start_on.set_value(date(2016, 2, 1))
    assert dialog.version.currentData() == world["v2"]


def test_a_coach_picked_as_auditor_is_warned_at_once_and_refused_on_save(qtbot, world):
    dialog = editor(qtbot, world, company_id=world["company"])
    tick(dialog, world["claire"])
    assert message(dialog, "auditor_ids") == ""
    tick(dialog, world["paul"])
    assert "Paul Coach coached this company" in message(dialog, "auditor_ids")
    tick(dialog, world["paul"], on=False)
    assert message(dialog, "auditor_ids") == ""
    tick(dialog, world["paul"])
    assert not dialog.save()
    refusal = dialog.messages.message_for("auditor_ids")
    assert "Paul Coach coached this company" in refusal.text()
    assert "#b3261e" in refusal.styleSheet()  # now a refusal, not a warning
    assert dialog.audit_id is None
    assert AuditService(world["db"]).level_counts  # nothing written:
    from cedre_desk.services.audit_list import AuditListService
    assert AuditListService(world["db"]).rows() == []
    assert dialog.audit_input().auditor_ids == (world["claire"], world["paul"])  # input kept


def test_a_group_member_coached_by_the_auditor_is_warned_too(qtbot, world):
    other = CompanyService(world["db"]).create(CompanyInput(name="VILLETTE EMPLOI"))
    group = GroupService(world["db"]).create("Villette", [world["company"], other])
    dialog = editor(qtbot, world, group_id=group)
    tick(dialog, world["paul"])
    assert "Paul Coach" in message(dialog, "auditor_ids")


def test_a_refusal_is_shown_next_to_its_field_and_the_input_is_kept(qtbot, world):
    dialog = editor(qtbot, world, company_id=world["company"])
    dialog.status.setCurrentIndex(dialog.status.findData(AuditStatus.DONE.value))
    dialog.start_on.set_value(date(2016, 2, 10))
    dialog.end_on.set_value(date(2016, 2, 9))
    dialog.conclusion.setPlainText("Système qualité en place")
    dialog.save_and_close()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "end date is before its start date" in message(dialog, "end_on")
    assert message(dialog, "start_on") == "" and message(dialog, "company_id") == ""
    assert dialog.end_on.value() == date(2016, 2, 9)
    assert dialog.conclusion.toPlainText() == "Système qualité en place"
    dialog.end_on.set_value(date(2016, 2, 11))
    dialog.owner.setEditText("")
    assert not dialog.save()
    assert "one company or one group" in message(dialog, "company_id")
    assert message(dialog, "end_on") == ""


def test_findings_are_entered_against_the_tree_and_counted_as_you_type(qtbot, world):
    dialog = editor(qtbot, world, company_id=world["company"])
    panel = dialog.findings
    assert panel.counts() == dict.fromkeys(FindingLevel, 0)
    # The CEDRE catalogue has chapters only; ISO 9001's clauses have requirements.
    dialog.iso_version.setCurrentIndex(dialog.iso_version.findData(world["iso"]))
    panel.chapter.setCurrentIndex(
        panel.chapter.findText("ISO 9001 2015 · 8", Qt.MatchFlag.MatchStartsWith))
    assert panel.requirement.count() > 1  # "(the whole chapter)" and its requirements
    panel.requirement.setCurrentIndex(1)
    requirement_id = panel.requirement.currentData()
    panel.level.setCurrentIndex(panel.level.findData(FindingLevel.MAJOR_NC.value))
    panel.text.setPlainText("Pas de revue de direction")
    assert panel.counts()[FindingLevel.MAJOR_NC] == 1  # before it is even added
    assert panel.count_labels[FindingLevel.MAJOR_NC].text() == "NCM 1"
    panel.level.setCurrentIndex(panel.level.findData(FindingLevel.MINOR_NC.value))
    assert panel.count_labels[FindingLevel.MAJOR_NC].text() == "NCM 0"
    assert panel.count_labels[FindingLevel.MINOR_NC].text() == "NCm 1"
    panel.action.setPlainText("Tenir la revue")
    panel.deadline.set_value(date(2016, 9, 30))
    assert panel.commit_form()
    panel.level.setCurrentIndex(panel.level.findData(FindingLevel.STRENGTH.value))
    panel.text.setPlainText("Projet social clair")  # typed, not added: saved all the same
    assert panel.counts()[FindingLevel.STRENGTH] == 1
    assert dialog.save()

    audits = AuditService(world["db"])
    rows = audits.findings(dialog.audit_id)
    assert [(r.level, r.text, r.action_due) for r in rows] == [
        (FindingLevel.MINOR_NC, "Pas de revue de direction", date(2016, 9, 30)),
        (FindingLevel.STRENGTH, "Projet social clair", None)]
    assert rows[0].requirement_id == requirement_id and rows[1].requirement_id is None


def test_editing_and_removing_findings_of_a_saved_audit(qtbot, world):
    audits = AuditService(world["db"])
    audit_id = audits.create(AuditInput(AuditKind.FOLLOW_UP, world["v3"],
                                        company_id=world["company"],
                                        planned_on=date(2016, 2, 1)))
    first = audits.add_finding(audit_id, FindingInput(FindingLevel.SENSITIVE, "Affichage"))
    audits.add_finding(audit_id, FindingInput(FindingLevel.IMPROVEMENT, "Veille"))
    dialog = editor(qtbot, world, audit_id=audit_id)
    panel = dialog.findings
    assert panel.model.rowCount() == 2
    assert panel.counts()[FindingLevel.SENSITIVE] == 1
    panel.edit(0)
    assert panel.text.toPlainText() == "Affichage"
    panel.level.setCurrentIndex(panel.level.findData(FindingLevel.MINOR_NC.value))
    assert panel.counts()[FindingLevel.SENSITIVE] == 0  # the edited one counts as typed
    assert panel.counts()[FindingLevel.MINOR_NC] == 1
    panel.edit(1)  # picking another keeps what was typed on the first
    assert panel.drafts()[0].level is FindingLevel.MINOR_NC
    panel.remove_current()
    assert panel.model.rowCount() == 1
    assert dialog.save()
    assert [(r.id, r.level) for r in audits.findings(audit_id)] == [
        (first, FindingLevel.MINOR_NC)]


def test_a_refused_finding_is_shown_at_its_field(qtbot, world):
    dialog = editor(qtbot, world, company_id=world["company"])
    dialog.planned_on.set_value(date(2016, 2, 1))
    panel = dialog.findings
    panel.text.setPlainText("Écart")
    panel.deadline.set_value(date(2016, 1, 1))  # before the audit
    assert panel.commit_form()
    assert not dialog.save()
    assert dialog.audit_id is not None  # the audit itself was written
    assert "deadline is before the audit" in panel.messages.message_for("action_due").text()
    assert panel.text.toPlainText() == "Écart"
    panel.deadline.set_value(date(2016, 6, 1))
    assert dialog.save()
    assert len(AuditService(world["db"]).findings(dialog.audit_id)) == 1


def test_a_change_made_elsewhere_keeps_the_input_and_says_so(qtbot, world):
    audits = AuditService(world["db"])
    data = AuditInput(AuditKind.INTERNAL, world["v3"], company_id=world["company"],
                      planned_on=date(2016, 2, 1))
    audit_id = audits.create(data)
    dialog = editor(qtbot, world, audit_id=audit_id)
    dialog.conclusion.setPlainText("Mon texte")
    audits.update(audit_id, data, expected_version=1)  # someone else saves meanwhile
    assert not dialog.save()
    assert "changed elsewhere" in dialog.stale.message.text()
    assert dialog.conclusion.toPlainText() == "Mon texte"


def test_the_combined_scheme_offers_the_iso_requirements_too(qtbot, world):
    dialog = editor(qtbot, world, company_id=world["company"])
    chapters = dialog.findings.chapter.count()
    dialog.iso_version.setCurrentIndex(dialog.iso_version.findData(world["iso"]))
    assert dialog.findings.chapter.count() > chapters
    assert any(dialog.findings.chapter.itemText(i).startswith("ISO 9001 2015 · ")
               for i in range(dialog.findings.chapter.count()))
    assert dialog.audit_input().iso_version_id == world["iso"]


def test_the_findings_model_passes_the_model_tester(qtbot, qtmodeltester, world):
    audits = AuditService(world["db"])
    audit_id = audits.create(AuditInput(AuditKind.INTERNAL, world["v3"],
                                        company_id=world["company"],
                                        planned_on=date(2016, 2, 1)))
    audits.add_finding(audit_id, FindingInput(FindingLevel.SENSITIVE, "Affichage",
                                              action_due=date(2016, 5, 2)))
    dialog = editor(qtbot, world, audit_id=audit_id)
    model = dialog.findings.model
    assert model.index(0, 4).data() == "02/05/2016"
    qtmodeltester.check(model)
    assert dialog.auditors.items.rowCount() == 2
    qtmodeltester.check(dialog.auditors.items)


def test_cancel_asks_before_throwing_typed_input_away(qtbot, world, monkeypatch):
    from cedre_desk.ui.audits import editor as audit_editor

    asked: list[str] = []
    answer = {"keep": True}
    monkeypatch.setattr(audit_editor, "keep_editing",
                        lambda _parent, text: (asked.append(text), answer["keep"])[1])
    closed: list[bool] = []
    dialog = editor(qtbot, world, company_id=world["company"])
    dialog.rejected.connect(lambda: closed.append(True))
    dialog.reject()  # nothing typed: closes without a question
    assert asked == [] and closed == [True]
    closed.clear()
    dialog = editor(qtbot, world, company_id=world["company"])
    dialog.rejected.connect(lambda: closed.append(True))
    dialog.findings.text.setPlainText("Constat en cours")
    dialog.reject()
    assert asked == ["Discard the changes made to this audit?"] and closed == []
    answer["keep"] = False
    dialog.reject()
    assert closed == [True]


def test_the_first_auditor_ticked_is_the_lead_in_bold(qtbot, world):
    third = AuditorService(world["db"]).create("Zoé Auditrice")
    dialog = editor(qtbot, world, company_id=world["company"])
    for auditor in (third, world["claire"]):
        tick(dialog, auditor)
    assert dialog.audit_input().auditor_ids == (third, world["claire"])
    items = dialog.auditors.items
    bold = {items.item(r).text() for r in range(items.rowCount()) if items.item(r).font().bold()}
    assert bold == {"Zoé Auditrice"}
    tick(dialog, third, on=False)
    bold = {items.item(r).text() for r in range(items.rowCount()) if items.item(r).font().bold()}
    assert bold == {"Claire Auditrice"}
    assert dialog.save()
    assert AuditService(world["db"]).get(dialog.audit_id)[1].auditor_ids == (world["claire"],)


@pytest.mark.qt_log_ignore("does not support raise", "grabbing the keyboard")  # the popup
def test_the_company_chooser_is_blind_to_accents_and_case(qtbot, world):
    """Issue 11: "ebene" found nothing, "bène" did. The main search's matcher now decides."""
    from PySide6.QtTest import QTest

    ebene = CompanyService(world["db"]).create(CompanyInput(name="Atelier Ébène",
                                                            town="Orléans"))
    dialog = editor(qtbot, world)
    line = dialog.owner.lineEdit()
    QTest.keyClicks(line, "ebene orl")
    assert dialog.owner.proposals.stringList() == ["Atelier Ébène — Orléans"]
    QTest.keyClicks(line, "x")
    assert dialog.owner.proposals.stringList() == []
    line.clear()
    QTest.keyClicks(line, "ATELIER")
    popup = dialog.owner.completer().popup()
    assert popup.isVisible()
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.owner.currentText() == "Atelier Ébène — Orléans"
    assert dialog.owner.chosen() == (ebene, None)
