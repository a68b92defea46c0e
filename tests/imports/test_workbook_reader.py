"""Reading workbooks kept by hand: a header below a title, French headers whatever their accents,
merged cells, dates in three forms, "AI et ETTI", "(13)"; and every bad value reported with
its row, in French and English."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, LegalType, Outcome, Scheme
from cedre_desk.errors import UserError
from cedre_desk.imports.workbook import parse_overrides, read_workbook

TODAY = date(2016, 6, 1)
HEADER = ["  Raison sociale ", "N° SIRET", "TYPE", "Ville (dépt)", "Type d'audit",
          "Date de l'audit", "Date du comité", "Décision", "Schéma"]


def messy_workbook(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Suivi 2015"
    sheet.append(["Fédération — suivi des certifications CEDRE"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(["GDID", "732 829 320 00074", "GES", "Salon de Provence (13)", "certification",
                  datetime(2015, 9, 1), "19/11/2015", "Accordée", "CEDRE ISO 9001"])
    sheet.append([None, None, None, None, "audit de suivi", 42704])  # 30/11/2016 as a serial
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    sheet.append(["VILLETTE EMPLOI", None, "AI et ETTI", "Paris (75)", "Audit initial",
                  "02/10/2015", "19/11/2015", "accordée", "CEDRE"])
    sheet.append(["ISIS", None, "AI", "Istres (13)", "certification", "31/02/2015"])
    sheet.append(["EMS", None, "EI", "Montauban (82)", None, None, "19/11/2015", "Favorable"])
    sheet.append([])
    sheet.append(["COUP DE MAIN (AI)", None, None, "Ambert (63)"])
    workbook.save(path)
    return path


@pytest.fixture
def parsed(tmp_path):
    return read_workbook(messy_workbook(tmp_path / "suivi.xlsx"), today=TODAY)


def test_the_header_is_found_below_a_title_and_each_column_recognised(parsed):
    (mapping,) = parsed.mappings
    assert (mapping.sheet, mapping.kind, mapping.header_row) == ("Suivi 2015", "flat", 3)
    assert [c.field for c in mapping.columns] == [
        "name", "siret", "legal_types", "town", "audit_kind", "audit_start", "committee_date",
        "decision", "scheme"]


def test_merged_cells_are_filled_down(parsed):
    gdid = [c for c in parsed.companies if c.ref.name == "GDID"]
    assert len(gdid) == 2  # the same company on two rows of a flat sheet
    assert {c.ref.siret for c in gdid} == {"73282932000074"}
    follow_up = next(a for a in parsed.audits if a.kind is AuditKind.FOLLOW_UP)
    assert follow_up.company.name == "GDID"


def test_dates_real_as_text_and_as_excel_serials(parsed):
    starts = {a.company.name: a.start_on or a.planned_on for a in parsed.audits}
    assert starts["VILLETTE EMPLOI"] == date(2015, 10, 2)
    certification = next(a for a in parsed.audits if a.company.name == "GDID"
                         and a.kind is AuditKind.CERTIFICATION)
    assert certification.start_on == date(2015, 9, 1)
    assert certification.status is AuditStatus.DONE  # dated before today: it took place
    follow_up = next(a for a in parsed.audits if a.kind is AuditKind.FOLLOW_UP)
    assert follow_up.planned_on == date(2016, 11, 30)  # after today: planned, not done
    assert follow_up.status is AuditStatus.PLANNED
    assert {d.session_on for d in parsed.decisions} == {date(2015, 11, 19)}


def test_legal_types_departments_and_schemes(parsed):
    villette = next(c for c in parsed.companies if c.ref.name == "VILLETTE EMPLOI")
    assert villette.legal_types == (LegalType.AI, LegalType.ETTI)
    assert (villette.town, villette.department) == ("Paris", "75")
    coup = next(c for c in parsed.companies if c.ref.name == "COUP DE MAIN")
    assert coup.legal_types == (LegalType.AI,)  # "(AI)" after the name
    gdid = next(d for d in parsed.decisions if d.company.name == "GDID")
    assert (gdid.outcome, gdid.scheme) == (Outcome.GRANTED, Scheme.CEDRE_ISO_9001)
    assert gdid.row_audit is not None and gdid.row_audit.kind is AuditKind.CERTIFICATION


def test_bad_values_reject_their_row_with_the_reason_in_both_languages(parsed):
    problems = {p.row: p for p in parsed.problems}
    assert set(problems) == {7, 8}
    assert "31/02/2015" in problems[7].fr and "impossible" in problems[7].fr
    assert "impossible date" in problems[7].en
    assert "Favorable" in problems[8].fr and "inconnu" in problems[8].fr
    assert "unknown decision" in problems[8].en
    assert problems[7].message("en").startswith("Suivi 2015, row 7: ")
    assert problems[8].message().startswith("Suivi 2015, ligne 8 : ")
    assert not any(c.ref.name in ("ISIS", "EMS") for c in parsed.companies)


def test_a_column_that_mixes_day_first_and_month_first_dates_is_unclear(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Audits 2015"
    sheet.append(["Structure", "Type d'audit", "Date d'audit"])
    sheet.append(["A", "suivi", "03/04/2015"])  # 3 April or 4 March?
    sheet.append(["B", "suivi", "04/13/2015"])  # only reads month first
    sheet.append(["C", "suivi", "25/04/2015"])  # only reads day first: fine
    sheet.append(["D", "suivi", "05/05/2015"])  # the same either way: fine
    workbook.save(tmp_path / "a.xlsx")
    parsed = read_workbook(tmp_path / "a.xlsx", today=TODAY)
    problems = {p.row: p for p in parsed.problems}
    assert set(problems) == {2, 3}
    assert "ambiguë" in problems[2].fr and "04/13/2015" in problems[2].fr
    assert "ambiguous" in problems[2].en
    assert "mois d'abord" in problems[3].fr
    assert sorted(a.start_on for a in parsed.audits) == [date(2015, 4, 25), date(2015, 5, 5)]


def test_day_first_is_the_rule_when_the_column_is_clear(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Date d'audit", "Type d'audit"])
    sheet.append(["A", "03/04/2015", "suivi"])
    workbook.save(tmp_path / "a.xlsx")
    (audit,) = read_workbook(tmp_path / "a.xlsx", today=TODAY).audits
    assert audit.start_on == date(2015, 4, 3)


def test_the_user_maps_a_column_the_reader_did_not_know(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Liste"
    sheet.append(["Nom", "Implantation", "Remarque libre"])
    sheet.append(["ISIS", "Istres (13)", "à revoir"])
    workbook.save(tmp_path / "a.xlsx")
    parsed = read_workbook(tmp_path / "a.xlsx", today=TODAY)
    assert parsed.problems  # one known header is not a header row: nothing read
    overrides = parse_overrides(["Implantation=town", "Liste!Remarque libre=notes"])
    parsed = read_workbook(tmp_path / "a.xlsx", today=TODAY, overrides=overrides)
    (company,) = parsed.companies
    assert (company.town, company.department, company.notes) == ("Istres", "13", "à revoir")
    assert [c.overridden for c in parsed.mappings[0].columns] == [False, True, True]


def test_map_pairs_that_make_no_sense_are_refused():
    for pair in ("Ville", "=town", "Ville=nowhere"):
        with pytest.raises(ValueError, match="Header=field"):
            parse_overrides([pair])
    assert parse_overrides(["Ville="]) == {"ville": "ignore"}


def test_hidden_and_computed_sheets_are_left_out_with_a_note(tmp_path):
    workbook = Workbook()
    workbook.active.title = "Structures"
    workbook.active.append(["Nom", "Ville"])
    workbook.active.append(["ISIS", "Istres"])
    hidden = workbook.create_sheet("Listes")
    hidden.sheet_state = "hidden"
    hidden.append(["Nom", "Ville"])
    hidden.append(["Fantôme", "Nulle part"])
    workbook.create_sheet("Échéances").append(["Échéance", "Structure"])
    workbook.save(tmp_path / "a.xlsx")
    parsed = read_workbook(tmp_path / "a.xlsx", today=TODAY)
    assert [c.ref.name for c in parsed.companies] == ["ISIS"]
    assert [(n.sheet, "masquée" in n.fr) for n in parsed.notes] == [("Listes", True)]
    # A hand-kept "Échéances" is read by its columns (issue 10), and accounted for.
    assert "Échéances" in [s.sheet for s in parsed.sheets]


def test_a_workbook_with_no_known_header_says_what_it_looked_for(tmp_path):
    workbook = Workbook()
    workbook.active.append(["x", "y"])
    workbook.active.append([1, 2])
    workbook.save(tmp_path / "a.xlsx")
    (problem,) = read_workbook(tmp_path / "a.xlsx", today=TODAY).problems
    assert "aucune feuille reconnue" in problem.fr and "--map" in problem.en


def test_an_xml_bomb_is_refused_not_expanded(tmp_path):
    plain = tmp_path / "plain.xlsx"
    workbook = Workbook()
    workbook.active.append(["Nom", "Ville"])
    workbook.active.append(["BOMB", "x"])
    workbook.save(plain)
    # "Billion laughs": each entity is ten of the one before; &lol9; is a billion "lol"s.
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    doctype = f"<!DOCTYPE worksheet [{''.join(entities)}]>"
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace("BOMB", "&lol9;")
                assert text.startswith("<worksheet")  # no XML declaration to keep first
                data = (doctype + text).encode()
            target.writestr(item, data)
    with pytest.raises(UserError) as refused:
        read_workbook(bomb, today=TODAY)
    assert "endommagé" in refused.value.fr and "damaged" in refused.value.en
    causes, cause = [], refused.value.__cause__
    while cause is not None:
        causes.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    assert {"EntitiesForbidden", "DTDForbidden"} & set(causes), causes  # defusedxml said no


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "liste.xlsx"
    path.write_text("Nom;Ville\nISIS;Istres\n", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        read_workbook(path, today=TODAY)
    assert "CSV" in refused.value.en
