"""What a sheet holds comes from its columns; its name only breaks ties. And the values issue
10 names: month-only dates, two legal types in one cell."""

from __future__ import annotations

from datetime import date

import pytest

from cedre_desk.audits.date_limits import DateLimits
from cedre_desk.audits.vocabulary import LegalType
from cedre_desk.imports import workbook_dates as d
from cedre_desk.imports import workbook_values as v
from cedre_desk.imports.workbook_fields import (
    find_header,
    holds_memberships,
    kind_named,
    sheet_kind,
    suggest_field,
)


@pytest.mark.parametrize("title", ["Comités", "Commission", "Certifications", "Décisions",
                                   "Feuil1"])
def test_a_company_and_a_decision_column_hold_decisions_whatever_the_name(title):
    kind, because = sheet_kind({"name", "committee_date", "decision", "scheme",
                                "certificate_no"}, kind_named(title))
    assert kind in ("decisions", "flat")
    assert because == "name,decision"
    if title in ("Comités", "Certifications", "Décisions"):
        assert kind == "decisions"  # the companies are listed elsewhere


def test_a_group_a_company_and_their_days_are_a_memberships_sheet():
    """Groupe, Structure, Entrée, Sortie: a company's period in a group, never an entry into
    the process nor a list of groups; with any other company column, a list of companies."""
    row, columns = find_header([["Groupe", "Structure", "Entrée", "Sortie"]], "memberships", {})
    fields = {c.field for c in columns if c.field}
    assert row == 1 and fields == {"groups", "name", "group_joined_on", "group_left_on"}
    assert holds_memberships(fields)
    assert kind_named("Appartenances") == kind_named("Memberships") == "memberships"
    assert not holds_memberships({"groups", "name"})  # no day: the companies' groups column
    assert not holds_memberships({"groups", "name", "group_joined_on", "legal_types"})
    assert not holds_memberships({"name", "group_joined_on"})


def test_the_name_breaks_ties_only():
    assert sheet_kind({"committee_date", "place"}, kind_named("Comités")) == (
        "sessions", "committee_date")
    assert sheet_kind({"committee_date", "place"}, None) == ("sessions", "committee_date")
    assert sheet_kind({"name", "town"}, kind_named("Groupes")) == ("groups", "")
    assert sheet_kind({"name", "town"}, kind_named("Adhérents")) == ("companies", "")
    assert sheet_kind({"name", "town"}, None) == ("flat", "name")
    # A companies sheet with decisions beside its companies is read whole, decisions too.
    assert sheet_kind({"name", "decision", "committee_date"}, kind_named("Adhérents"))[0] == \
        "flat"
    assert sheet_kind({"audit_no", "level", "finding"}, kind_named("Audits"))[0] == "findings"
    assert sheet_kind({"name", "audit_start", "audit_kind"}, kind_named("Comités"))[0] == \
        "audits"


def test_a_column_not_recognised_gets_the_field_a_map_would_give():
    assert suggest_field("Date du comité de certification", "decisions", False) == \
        "committee_date"
    assert suggest_field("Décision finale", "flat", True) == "decision"
    assert suggest_field("N° du certificat", "decisions", False) == "certificate_no"
    assert suggest_field("Villle", "companies", True) == "town"  # a typing slip
    assert suggest_field("Couleur préférée", "companies", True) is None
    # Only a field the sheet reads is offered.
    assert suggest_field("Lieu du comité", "companies", True) is None


@pytest.mark.parametrize("text, month", [("nov. 2015", 11), ("novembre 2015", 11),
                                         ("sept. 2015", 9), ("févr. 2016", 2),
                                         ("Déc 2015", 12)])
def test_a_month_and_a_year_is_a_month_only_date(text, month):
    read = d.read_date(text)
    assert isinstance(read, d.MonthOnly)
    assert (read.year, read.month, read.day) == (2016 if month == 2 else 2015, month, 1)
    assert not isinstance(d.read_date("17 novembre 2015"), d.MonthOnly)
    assert d.read_date("17 nov. 2015") == date(2015, 11, 17)


@pytest.mark.parametrize("text", ["EI-ACI", "AI et ETTI", "AI/ETTI", "AI + ETTI", "EI - ACI"])
def test_two_legal_types_in_one_cell(text):
    types = v.read_legal_types(text)
    assert len(types) == 2
    assert set(types) in ({LegalType.EI, LegalType.ACI}, {LegalType.AI, LegalType.ETTI})


def test_a_hyphen_inside_one_legal_type_keeps_it_whole():
    assert v.read_legal_types("ETT-ESS") == (LegalType.ETT_ESS,)
    with pytest.raises(v.BadValue):
        v.read_legal_types("EI-XYZ")


def test_a_column_not_recognised_is_guessed_from_its_values():
    from cedre_desk.imports.workbook_fields import read_fields
    from cedre_desk.imports.workbook_guess import field_from_values, holds_decisions

    flat = read_fields("flat", True)
    era = DateLimits().dates(date(2016, 12, 31))  # the certification dates
    assert field_from_values(["Accordée", "ajournée", None, "Renouvelée"], "Avis", flat, era) == \
        "decision"
    assert field_from_values(["CEDRE", "CEDRE ISO 9001"], "Type de label", flat, era) == "scheme"
    assert field_from_values(["AI et ETTI", "EI-ACI"], "Famille juridique", flat, era) == \
        "legal_types"
    assert field_from_values(["02/10/2015", "nov. 2015"], "Audit initial le", flat, era) == \
        "audit_start"
    assert field_from_values(["mars 2014", 41699], "Entrée démarche", flat, era) == "engaged_on"
    assert field_from_values(["19/11/2015"], "Passage en commission", flat, era) == \
        "committee_date"
    assert field_from_values(["bleu", "vert"], "Couleur", flat, era) is None
    assert holds_decisions(["Accordée", "", None, "refus"])
    assert not holds_decisions(["Accordée", "à voir", "à revoir"])
    # Only fields the sheet reads: a sessions sheet reads no decision.
    assert field_from_values(["Accordée"], "Avis", read_fields("sessions", False), era) is None


@pytest.mark.parametrize("second", ["Décision renouvellement", "Décision", None])
def test_a_second_decision_column_refuses_the_workbook(tmp_path, second):
    """Issue 10: a second decision column (another header, the same header, or no header)
    was left out in silence: 2 of 4 decisions read, no problem."""
    from openpyxl import Workbook

    from cedre_desk.imports.workbook import read_workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Décisions"
    sheet.append(["Structure", "Date du comité", "Décision", second])
    sheet.append(["Alpha", "19/11/2015", "Accordée", "Renouvelée"])
    sheet.append(["Beta", "19/11/2015", "Ajournée", "Refusée"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    parsed = read_workbook(path, today=date(2026, 1, 1))
    column_d = [p for p in parsed.problems if "colonne D" in p.fr]
    assert column_d, parsed.problems
    assert "décisions" in column_d[0].fr
    assert "decision" in column_d[0].en


@pytest.mark.parametrize("title, headers", [
    ("Comités", ["Structure", "Date du comité", "Suite donnée"]),
    ("Comités", ["Structure", "Date du comité", "Résultat de la commission"]),
    ("Adhérents", ["Nom", "Ville", "Suite donnée"])])
def test_decisions_under_an_unknown_header_refuse_whatever_the_sheet(tmp_path, title,
                                                                    headers):
    """Issue 10: a "Comités" sheet imported as sessions, an "Adhérents" sheet as companies,
    their decisions dropped with no problem; the refusal now names the column and the map."""
    from openpyxl import Workbook

    from cedre_desk.imports.workbook import read_workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    second = "19/11/2015" if title == "Comités" else "Lyon"
    sheet.append(["Alpha", second, "Accordée"])
    sheet.append(["Beta", second, "Ajournée"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    parsed = read_workbook(path, today=date(2026, 1, 1))
    column_c = [p for p in parsed.problems if "colonne C" in p.fr]
    assert column_c, (parsed.problems, parsed.sessions, parsed.companies)
    assert f'--map "{headers[2]}=decision"' in column_c[0].fr


@pytest.mark.parametrize("header", ["Décision finale", "Avis",
                                    "Décision du comité de certification"])
def test_a_header_that_says_decision_in_its_words_is_read(tmp_path, header):
    """Issue 10: "Décision finale", "Avis" were refused with a --map to give; their words say
    what they hold."""
    from openpyxl import Workbook

    from cedre_desk.imports.workbook import read_workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Comités"
    for row in (["Structure", "Date du comité", header], ["Alpha", "19/11/2015", "Accordée"],
                ["Beta", "19/11/2015", "Ajournée"]):
        sheet.append(row)
    book.save(tmp_path / "book.xlsx")
    parsed = read_workbook(tmp_path / "book.xlsx", today=date(2026, 1, 1))
    assert not parsed.problems
    assert [d.outcome.value for d in parsed.decisions] == ["granted", "deferred"]


@pytest.mark.parametrize("title", ["Historique", "History", "Calendrier", "Échéances"])
def test_a_hand_kept_sheet_is_not_dropped_by_its_name(tmp_path, title):
    """Issue 10: these names were skipped in any workbook; only the program's own export
    has computed sheets under them."""
    from openpyxl import Workbook

    from cedre_desk.imports.workbook import read_workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(["Structure", "Date du comité", "Décision"])
    sheet.append(["Alpha", "19/11/2015", "Accordée"])
    sheet.append(["Beta", "19/11/2015", "Ajournée"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    parsed = read_workbook(path, today=date(2026, 1, 1))
    assert len(parsed.decisions) == 2, (parsed.problems, parsed.notes)


def test_a_header_never_takes_two_meanings():
    """The table of known headers refuses a header given twice: a synonym added for one
    field cannot silently take another field's header."""
    from cedre_desk.imports.workbook_headers import _one_meaning_each

    assert _one_meaning_each((("date cc", "cc du"), "committee_date"),
                             (("avis",), "decision")) == {
        "date cc": "committee_date", "cc du": "committee_date", "avis": "decision"}
    with pytest.raises(ValueError, match="'date' means both audit_start and committee_date"):
        _one_meaning_each((("date",), "audit_start"), (("date",), "committee_date"))
