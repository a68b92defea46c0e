"""The import summary and the dry run account for every sheet, every column and every row:
imported as what, left out and why (with the --map that would place a column), or refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService

TODAY = date(2016, 12, 31)


def _workbook(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Suivi 2015"
    sheet.append(["Suivi des certifications, délégation Auvergne"])
    sheet.append([])
    sheet.append(["Structure", "Ville", "Type", "Date d'audit", "Date du comité", "Décision",
                  "N° du certificat", "Couleur", "Date d'audit", "État (calculé)"])
    sheet.append(["CDM INTERIM", "Ambert (63)", "ETTI", "01/10/2015", "19/11/2015",
                  "Accordée", "C-2015-001", "bleu", "02/10/2015", "certifiée", None, "x"])
    sheet.append([])
    sheet.append(["COUP DE MAIN", "Ambert (63)", "AI", "02/10/2015", "19/11/2015",
                  "Accordée", "C-2015-002", "vert"])
    sheet.append(["ISIS", "Istres (13)", "AI", "31/02/2015", "19/11/2015", "Accordée"])
    hidden = workbook.create_sheet("Listes")
    hidden.sheet_state = "hidden"
    hidden.append(["Nom"])
    workbook.create_sheet("Notes")
    workbook.save(path)
    return path


def test_the_dry_run_names_every_sheet_column_and_row(db, tmp_path):
    result = ImportService(db).run(_workbook(tmp_path / "auvergne.xlsx"), today=TODAY,
                                   dry_run=True)
    text = import_summary(result, "fr")
    assert text.startswith("Import refusé : « auvergne.xlsx » n'a pas été importé, rien n'a "
                           "été écrit (1 problème(s)")
    lines = text.splitlines()
    assert "Feuille « Suivi 2015 » : lue comme des structures avec leurs audits et décisions, " \
        "d'après ses colonnes Nom de la structure et Décision (en-tête ligne 3)." in lines
    assert "  Au-dessus de l'en-tête (titre), laissées de côté : ligne(s) 1." in lines
    assert "  Lignes 4 à 7 : 2 lues (2 structures, 2 audits, 2 décisions), 1 refusée, " \
        "1 vide." in lines
    for read in ("A « Structure » → Nom de la structure", "B « Ville » → Ville",
                 "C « Type » → Type(s) de structure",
                 "D « Date d'audit » → Date (début) de l'audit",
                 "E « Date du comité » → Date du comité", "F « Décision » → Décision"):
        assert f"    {read}" in lines
    assert "  Colonne laissée de côté : G « N° du certificat » (en-tête non reconnu). Pour " \
        "la lire comme « N° de certificat » : --map \"N° du certificat=certificate_no\"." \
        in lines
    assert "  Colonne laissée de côté : H « Couleur » (en-tête non reconnu). Pour la lire : " \
        "--map \"Couleur=FIELD\" (champs : cedre-desk-cli import --help)." in lines
    assert "  Colonne laissée de côté : I « Date d'audit » (même champ que la colonne D " \
        "« Date d'audit », seule la première est lue)." in lines
    assert "  Colonne laissée de côté : J « État (calculé) » (calculée par le programme, " \
        "jamais importée)." in lines
    assert "  Colonne laissée de côté : L (colonne sans en-tête : donnez-lui un en-tête pour " \
        "la lire)." in lines
    assert "Feuille « Listes » (masquée) : laissée de côté (listes de valeurs, sans " \
        "structure ni date)." in lines
    assert "Feuille « Notes » : laissée de côté (feuille vide)." in lines
    assert any(line.startswith("  Suivi 2015, ligne 7 : Date (début) de l'audit : date "
                               "impossible") for line in lines)


def test_the_summary_in_english_and_once_imported(db, tmp_path):
    path = _workbook(tmp_path / "auvergne.xlsx")
    result = ImportService(db).run(path, today=TODAY, dry_run=True)
    text = import_summary(result, "en")
    assert "Sheet “Suivi 2015”: read as companies with their audits and decisions, from its " \
        "columns Company name and Decision (header on row 3)." in text
    assert "  Rows 4 to 7: 2 read (2 companies, 2 audits, 2 decisions), 1 refused, 1 empty." \
        in text
    assert 'To read it as “Certificate number”: --map "N° du certificat=certificate_no".' \
        in text
    result = ImportService(db).run(path, today=TODAY, overrides={
        "n° du certificat": "certificate_no"}, dry_run=False)
    assert not result.ok  # ISIS's impossible date still refuses the whole workbook
    workbook_ok = tmp_path / "ok.xlsx"
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Suivi 2015"].delete_rows(7)
    book.save(workbook_ok)
    result = ImportService(db).run(workbook_ok, today=TODAY,
                                   overrides={"n° du certificat": "certificate_no"})
    assert result.written, result.problems
    text = import_summary(result, "fr")
    assert text.startswith("Le registre a importé « ok.xlsx ». Importé :\n"
                           "  2 structures nouvelles\n  1 session de comité\n  2 audits\n"
                           "  2 décisions de comité\n")
    assert "    G « N° du certificat » → N° de certificat" in text


def test_audit_details_on_a_sheet_without_audits_are_said_to_go_nowhere(db, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Suivi"
    workbook.active.append(["Structure", "Auditrice", "Date du comité", "Décision"])
    workbook.active.append(["ISIS", "Inès Roux", "19/11/2015", "Accordée"])
    workbook.save(tmp_path / "a.xlsx")
    result = ImportService(db).run(tmp_path / "a.xlsx", today=TODAY, dry_run=True)
    assert result.ok and result.counts["auditors"] == 0
    assert "  Colonne laissée de côté : B « Auditrice » (aucun audit sur cette feuille : ni " \
        "date ni type d'audit)." in import_summary(result, "fr").splitlines()
