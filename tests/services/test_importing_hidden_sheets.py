"""A hidden sheet is read by its columns like a visible one: the decisions it holds come in,
and the summary and the dry run say the sheet was hidden; a hidden sheet of notes is listed
as left out, with the reason."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook

from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from tests.services.test_importing_layouts import TODAY, _issue_workbook, counts


def _hide(path, *titles, notes: bool = True):
    workbook = load_workbook(path)
    for title in titles:
        workbook[title].sheet_state = "hidden"
    if notes:
        sheet = workbook.create_sheet("Notes")
        sheet.sheet_state = "hidden"
        sheet.append(["Relances", "Qui"])
        sheet.append([datetime(2016, 1, 12), "Voir avec Claire les dossiers en retard"])
    workbook.save(path)
    return path


def test_a_hidden_sheet_of_decisions_is_imported_and_said_hidden(db, tmp_path):
    path = _hide(_issue_workbook(tmp_path / "paca.xlsx"), "Comités")
    dry = ImportService(db).run(path, today=TODAY, dry_run=True)
    assert dry.ok, dry.problems
    expected = counts(companies=18, auditors=3, engagements=18, sessions=9, audits=29,
                      decisions=18)
    assert dry.counts == expected
    for lang, read, left in (
            ("fr", "Feuille « Comités » (masquée) : lue comme des décisions de comité, "
                   "d'après ses colonnes Nom de la structure et Décision (en-tête ligne 1).",
             "Feuille « Notes » (masquée) : laissée de côté (aucune ligne d'en-tête "
             "reconnue)."),
            ("en", "Sheet “Comités” (hidden): read as committee decisions, from its columns "
                   "Company name and Decision (header on row 1).",
             "Sheet “Notes” (hidden): left out (no header row recognised).")):
        lines = import_summary(dry, lang).splitlines()
        assert read in lines
        assert left in lines
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written
    assert result.counts == expected
    (sheet,) = [s for s in result.sheets if s.sheet == "Comités"]
    assert (sheet.hidden, sheet.kind, sheet.records["decisions"]) == (True, "decisions", 18)


def test_a_hidden_companies_sheet_is_read_and_a_hidden_list_of_names_left_out(db, tmp_path):
    path = _hide(_issue_workbook(tmp_path / "paca.xlsx"), "Adhérents", notes=False)
    workbook = load_workbook(path)
    names = workbook.create_sheet("Listes")
    names.sheet_state = "hidden"
    for row in (["Nom", "Ville"], ["STRUCTURE 01", "Ville 0"], ["STRUCTURE 02", "Ville 1"]):
        names.append(row)
    workbook.save(path)
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts["companies"] == 18
    left = {s.sheet: (s.hidden, s.left_out[1]) for s in result.sheets if not s.kind}
    assert left == {"Listes": (True, "lists of values, with no company and no date")}
    assert [n.en for n in result.notes] == [
        "hidden sheet, lists of values, with no company and no date, left out."]
