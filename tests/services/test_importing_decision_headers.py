"""A decision column under a header the program does not list, but that plainly says it
("Avis du comité", "Décision de la commission", "Avis CEDRE", "Décision finale"), is read as
decisions from its words, accents and case aside; a column whose header says nothing of the
kind still refuses the workbook with the --map to give."""

from __future__ import annotations

import pytest

from cedre_desk.services.importing.workbook_import import ImportService
from tests.services.test_importing_layouts import TODAY, book, counts, imported


@pytest.mark.parametrize("header", ["Avis du comité", "Décision de la commission",
                                    "Avis CEDRE", "DÉCISION FINALE", "avis de la Commission"])
def test_a_decision_header_is_recognised_by_its_words(db, tmp_path, header):
    path = book(tmp_path / "avis.xlsx", {"Suivi": [
        ["Structure", "Ville", "Type d'audit", "Date d'audit", "Date du comité", header],
        ["ISIS", "Istres", "certification", "12/10/2015", "19/11/2015", "Accordée"],
        ["GDID", "Salon", "certification", "13/10/2015", "19/11/2015", "Ajournée"],
    ]})
    assert imported(db, path) == counts(companies=2, sessions=1, audits=2, decisions=2)


def test_a_worded_header_over_free_text_is_left_out_not_read_as_decisions(db, tmp_path):
    path = book(tmp_path / "avis.xlsx", {"Suivi": [
        ["Structure", "Ville", "Date d'audit", "Date du comité", "Décision", "Avis CEDRE"],
        ["ISIS", "Istres", "12/10/2015", "19/11/2015", "Accordée", "très bon dossier"],
        ["GDID", "Salon", "13/10/2015", "19/11/2015", "Accordée", "à revoir"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    (sheet,) = result.sheets
    (left,) = sheet.ignored
    assert (left.letter, left.header, left.field, left.why[1]) == (
        "F", "Avis CEDRE", None, "header not recognised")


@pytest.mark.parametrize("header", ["Date de décision du comité", "Avis de l'auditrice",
                                    "Motif de la décision"])
def test_headers_that_name_something_else_are_not_decisions(db, tmp_path, header):
    path = book(tmp_path / "autre.xlsx", {"Suivi": [
        ["Structure", "Ville", "Date d'audit", "Date du comité", "Décision", header],
        ["ISIS", "Istres", "12/10/2015", "19/11/2015", "Accordée", "x"],
    ]})
    result = ImportService(db).run(path, today=TODAY, dry_run=True)
    assert result.ok, result.problems
    (sheet,) = result.sheets
    assert [c.header for c in sheet.ignored] == [header]


@pytest.mark.parametrize("header", ["Date comité", "Date de comité", "Date CC", "Date du CC",
                                    "Comité du", "Comité le", "Séance du comité",
                                    "Date de la commission", "Date comité de certification",
                                    "Date de passage en comité", "date  COMITE :"])
def test_a_committee_date_header_as_quality_managers_write_it(db, tmp_path, header):
    """The committee's date under the headers a hand-kept register gives it is read as the
    committee's date, not left out (the decisions then have no date and are refused)."""
    path = book(tmp_path / "comite.xlsx", {"Comité 2015": [
        [header, "Structure", "Ville", "Avis du comité"],
        ["19/11/2015", "ISIS", "Istres", "Accordée"],
        ["19/11/2015", "GDID", "Salon", "Ajournée"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts == counts(companies=2, sessions=1, decisions=2)
    (sheet,) = result.sheets
    assert (sheet.columns[0].header, sheet.columns[0].field) == (header, "committee_date")
    assert not sheet.ignored
