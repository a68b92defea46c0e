"""The company dialog: the service's refusal shows next to the field at fault, input kept."""

from __future__ import annotations

from datetime import date

from cedre_desk.audits.vocabulary import LegalType
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.ui.companies.dialog import CompanyDialog


def test_a_new_company_is_created_with_what_the_form_holds(qtbot, db):
    dialog = CompanyDialog(CompanyService(db), "fr")
    qtbot.addWidget(dialog)
    dialog.name.setText("Coup de Main")
    dialog.type_boxes[LegalType.ETTI].setChecked(True)
    dialog.town.setText("Ambert")
    dialog.department.setText("63")
    dialog.region.setCurrentText("Auvergne")
    dialog.member_since.setText("02/03/2012")
    dialog.accept()
    assert dialog.result() == CompanyDialog.DialogCode.Accepted
    record = CompanyService(db).get(dialog.company_id)
    assert record.data.legal_types == (LegalType.AI, LegalType.ETTI)
    assert (record.data.town, record.data.department, record.data.region) == (
        "Ambert", "63", "Auvergne")
    assert record.data.member_since == date(2012, 3, 2)
    assert dialog.after == record.data


def test_a_refusal_shows_next_to_its_field_and_keeps_the_dialog_open(qtbot, db):
    dialog = CompanyDialog(CompanyService(db), "fr")
    qtbot.addWidget(dialog)
    dialog.name.setText("ISIS")
    dialog.siret.setText("12345678901234")
    dialog.accept()
    assert dialog.result() != CompanyDialog.DialogCode.Accepted
    errors = dialog.visible_errors()
    assert list(errors) == ["siret"]
    assert "SIRET" in errors["siret"] and "invalide" in errors["siret"]
    assert not dialog.errors["siret"].isHidden()
    assert dialog.siret.text() == "12345678901234"  # nothing typed is lost
    assert CompanyService(db).rows() == []
    dialog.siret.clear()
    dialog.department.setText("99")
    dialog.accept()
    assert list(dialog.visible_errors()) == ["department"]  # the former message is gone


def test_a_date_that_is_not_one_is_refused_on_its_field(qtbot, db):
    dialog = CompanyDialog(CompanyService(db), "en")
    qtbot.addWidget(dialog)
    dialog.name.setText("ISIS")
    dialog.member_since.setText("31/02/2015")
    dialog.accept()
    assert dialog.visible_errors() == {
        "member_since": "31/02/2015 does not exist: February 2015 has only 28 days."}


def test_no_legal_type_is_refused_on_the_types(qtbot, db):
    dialog = CompanyDialog(CompanyService(db), "en")
    qtbot.addWidget(dialog)
    dialog.name.setText("ISIS")
    dialog.type_boxes[LegalType.AI].setChecked(False)
    dialog.accept()
    assert list(dialog.visible_errors()) == ["legal_types"]


def test_editing_fills_the_form_and_saves_over_the_same_record(qtbot, db):
    service = CompanyService(db)
    company = service.create(CompanyInput(name="EMS", town="Montauban", department="82",
                                          legal_types=(LegalType.EI,)))
    dialog = CompanyDialog(service, "fr", service.get(company))
    qtbot.addWidget(dialog)
    assert (dialog.name.text(), dialog.town.text()) == ("EMS", "Montauban")
    assert dialog.type_boxes[LegalType.EI].isChecked()
    assert not dialog.type_boxes[LegalType.AI].isChecked()
    dialog.town.setText("Castelsarrasin")
    dialog.accept()
    assert dialog.result() == CompanyDialog.DialogCode.Accepted
    assert service.get(company).data.town == "Castelsarrasin"
    assert dialog.before.town == "Montauban"
    assert dialog.version == service.get(company).version
