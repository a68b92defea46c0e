"""The value readers of hand-kept workbooks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cedre_desk.audits.vocabulary import AuditKind, FindingLevel, LegalType, Outcome, Scheme
from cedre_desk.imports import workbook_dates as d
from cedre_desk.imports import workbook_values as v
from cedre_desk.imports.workbook_fields import field_for, kind_named, normalise


@pytest.mark.parametrize("value, expected", [
    (datetime(2015, 11, 19, 0, 0), date(2015, 11, 19)),
    (date(2015, 11, 19), date(2015, 11, 19)),
    ("19/11/2015", date(2015, 11, 19)),
    (" 9/1/2015 ", date(2015, 1, 9)),
    ("19.11.15", date(2015, 11, 19)),
    ("2015-11-19", date(2015, 11, 19)),
    ("2015-11-19 00:00:00", date(2015, 11, 19)),
    ("19 novembre 2015", date(2015, 11, 19)),
    ("1er juin 2013", date(2013, 6, 1)),
    (42327, date(2015, 11, 19)),
    (42327.0, date(2015, 11, 19)),
    ("42327", date(2015, 11, 19)),
    (None, None), ("", None),
])
def test_dates(value, expected):
    assert d.read_date(value, within=(date(1990, 1, 1), date(2030, 1, 1))) == expected


@pytest.mark.parametrize("value", ["31/02/2015", "29/02/2015", "hier", 12, "13/13/2015"])
def test_not_dates(value):
    with pytest.raises(v.BadValue) as bad:
        d.read_date(value, within=(date(1990, 1, 1), date(2030, 1, 1)))
    assert bad.value.fr and bad.value.en


def test_the_1904_date_system():
    assert d.read_date(40865, epoch=date(1904, 1, 1),
                       within=(date(1990, 1, 1), date(2030, 1, 1))) == date(2015, 11, 19)


@pytest.mark.parametrize("text, types", [
    ("AI et ETTI", (LegalType.AI, LegalType.ETTI)), ("AI/ETTI", (LegalType.AI, LegalType.ETTI)),
    ("ai, aci ; ei", (LegalType.AI, LegalType.ACI, LegalType.EI)),
    ("ETT ESS", (LegalType.ETT_ESS,)), ("Autre", (LegalType.OTHER,)), ("", ()),
    ("AI + AI", (LegalType.AI,)),
])
def test_legal_types(text, types):
    assert v.read_legal_types(text) == types


def test_unknown_legal_type():
    with pytest.raises(v.BadValue, match="SCOP"):
        v.read_legal_types("AI et SCOP")


def test_brackets():
    assert v.split_bracketed_department("Salon de Provence (13)") == ("Salon de Provence", "13")
    assert v.split_bracketed_department("Ajaccio (2a)") == ("Ajaccio", "2A")
    assert v.split_bracketed_department("Paris") == ("Paris", "")
    assert v.split_bracketed_types("VILLETTE EMPLOI (AI et ETTI)") == (
        "VILLETTE EMPLOI", (LegalType.AI, LegalType.ETTI))
    assert v.split_bracketed_types("Maison (Nord)") == ("Maison (Nord)", ())


def test_words():
    assert v.read_outcome("Renouvelée") is Outcome.RENEWED
    assert v.read_outcome("RETRAIT") is Outcome.WITHDRAWN
    assert v.read_audit_kind("Audit de surveillance") is AuditKind.FOLLOW_UP
    assert v.read_audit_kind("audit à blanc") is AuditKind.MOCK
    for numbered in ("Suivi 1", "suivi n°2", "1er suivi", "2e audit de suivi", "2ème suivi"):
        assert v.read_audit_kind(numbered) is AuditKind.FOLLOW_UP, numbered
    assert v.read_audit_kind("Certif") is AuditKind.CERTIFICATION
    assert v.read_audit_kind("renouv") is AuditKind.RENEWAL
    with pytest.raises(v.BadValue):
        v.read_audit_kind("suivi 12a")
    assert v.read_scheme("cedre iso") is Scheme.CEDRE_ISO_9001
    assert v.read_level("NCm") is FindingLevel.MINOR_NC
    assert v.read_level("NCM") is FindingLevel.MAJOR_NC
    assert v.read_level("Non-conformité majeure") is FindingLevel.MAJOR_NC
    with pytest.raises(v.BadValue):
        v.read_level("ncm")  # minor or major? only the exact code says
    assert v.read_yes_no("Oui") is True and v.read_yes_no("non") is False
    assert v.read_yes_no("") is None


def test_text_cells():
    assert v.as_text("  a_x000D_b ") == "a\rb"
    assert v.as_text("x_x0001_y") == "xy"
    assert v.as_text("lit _x005F_x0041_") == "lit _x0041_"
    assert v.as_text(13.0) == "13"
    assert v.read_names("Claire; Paul ;\nAnne") == ("Claire", "Paul", "Anne")
    assert v.read_number("1,5") == 1.5


def test_headers_whatever_their_accents_case_and_spacing():
    assert normalise("  N°  de  SIRET :") == "n° de siret"
    assert normalise("Numéro SIRET") == "n° siret"
    assert normalise("Nº") == "n°"
    assert field_for("  DATE DE L'AUDIT ", "flat") == "audit_start"
    assert field_for("Date d’entrée", "flat") == "engaged_on"
    assert field_for("Échéance", "flat") == "valid_until"
    assert field_for("Nom", "auditors") == "auditor"
    assert field_for("N°", "audits") == "number" and field_for("N°", "flat") is None
    assert field_for("État (calculé)", "companies") == "ignore"
    assert kind_named("Décisions") == "decisions" and kind_named("Feuil1") is None
