"""Hand-kept workbooks as quality managers lay them out, each imported with exact counts per
kind, and the register then showing the right certified companies.

Every workbook is built here with openpyxl; the layouts are the ones regional branches send:
everything on one sheet, the decision as a column of the audits sheet, a title block, merged
cells, dates written three ways, one sheet per year, the three-sheet "Adhérents / Audits /
Comités" workbook of issue 10, sheets named "Commission" or "Certifications".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook

from cedre_desk.audits.vocabulary import CompanyState
from cedre_desk.services.companies import CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import COUNT_KEYS, ImportService
from cedre_desk.storage.models import CommitteeSession, Company, Decision

TODAY = date(2016, 12, 31)
CERTIFIED = {CompanyState.CERTIFIED, CompanyState.FOLLOW_UP_LATE, CompanyState.RENEWAL_DUE}


def book(path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]] | None = None
         ) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(title, []):
            sheet.merge_cells(cells)
    workbook.save(path)
    return path


def counts(**given: int) -> dict[str, int]:
    return {key: given.get(key, 0) for key in COUNT_KEYS}


def imported(db, path: Path, today: date = TODAY) -> dict[str, int]:
    result = ImportService(db).run(path, today=today)
    assert result.ok and result.written, result.problems
    return result.counts


def certified(db, today: date = TODAY) -> set[str]:
    names = {row.id: row.name for row in CompanyService(db).rows()}
    return {names[cid] for cid, status in CycleService(db).statuses(today, keep=False).items()
            if status.state in CERTIFIED}


def certificates(db) -> list[tuple[str | None, str, str]]:
    with db.engine.connect() as conn:
        return [(n, s.value, c) for n, s, c in conn.execute(
            sa.select(Decision.certificate_number, Decision.scheme, Decision.conditions)
            .order_by(Decision.id))]


def test_everything_on_one_sheet(db, tmp_path):
    path = book(tmp_path / "suivi.xlsx", {"Suivi": [
        ["Structure", "SIRET", "Type", "Ville", "Type d'audit", "Date d'audit",
         "Date du comité", "Décision", "Schéma", "N° de certificat", "Conditions"],
        ["GDID", "73282932000074", "GES", "Salon de Provence (13)", "certification",
         "01/10/2015", "19/11/2015", "Accordée", "CEDRE ISO 9001", "ISO-2015-004", None],
        ["GDID", "73282932000074", "GES", "Salon de Provence (13)", "suivi", "03/10/2016"],
        ["AGIRE 76", None, "AI", "Bolbec (76)", "certification", "02/10/2015", "19/11/2015",
         "Accordée", "CEDRE ISO 9001", "ISO-2015-005", "plan d'action sous 3 mois"],
        ["EMS", None, "EI", "Montauban (82)", "certification", "05/05/2013", "13/06/2013",
         "Accordée", "CEDRE", "C-2013-010"],
        ["ISIS", None, "AI", "Istres (13)", "certification", "01/10/2015", "19/11/2015",
         "Ajournée", "CEDRE"],
    ]})
    assert imported(db, path) == counts(companies=4, sessions=2, audits=5, decisions=4)
    assert certified(db) == {"GDID", "AGIRE 76"}  # EMS lapsed in June 2016, ISIS deferred
    by_number = {n: (s, c) for n, s, c in certificates(db)}
    assert by_number["ISO-2015-004"] == ("CEDRE ISO 9001", "")
    assert by_number["ISO-2015-005"] == ("CEDRE ISO 9001", "plan d'action sous 3 mois")
    assert by_number["C-2013-010"] == ("CEDRE", "")
    assert by_number[None] == ("CEDRE", "")  # deferred: no certificate


def test_the_decision_as_a_column_of_the_audits_sheet(db, tmp_path):
    path = book(tmp_path / "audits.xlsx", {
        "Structures": [["Nom", "Ville", "Type"], ["GDID", "Salon de Provence", "GES"],
                       ["APTIMA", "Mantes la Jolie", "EI-ACI"]],
        "Audits": [["Structure", "Type d'audit", "Date de l'audit", "Auditeur",
                    "Date du comité", "Décision", "Certification"],
                   ["GDID", "certification", "01/10/2015", "Claire Martin", "19/11/2015",
                    "Accordée", "CEDRE"],
                   ["GDID", "suivi", "03/10/2016", "Claire Martin"],
                   ["APTIMA", "certification", "02/10/2015", "Paul Durand", "19/11/2015",
                    "Accordée", "CEDRE ISO 9001"]],
    })
    assert imported(db, path) == counts(companies=2, auditors=2, sessions=1, audits=3,
                                        decisions=2)
    assert certified(db) == {"GDID", "APTIMA"}
    aptima = next(r for r in CompanyService(db).rows() if r.name == "APTIMA")
    assert aptima.legal_types == "ACI, EI"


def test_a_title_block_and_the_header_on_row_3(db, tmp_path):
    path = book(tmp_path / "titre.xlsx", {"Certifications 2015": [
        ["Fédération — Délégation PACA : suivi des certifications"],
        ["Mis à jour le 04/01/2016"],
        ["Structure", "Ville", "Date d'audit", "Comité", "Décision"],
        ["ISIS", "Istres (13)", "12/10/2015", "19/11/2015", "Accordée"],
        ["GDID", "Salon de Provence (13)", "13/10/2015", "19/11/2015", "Accordée"],
    ]}, merges={"Certifications 2015": ["A1:E1"]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts == counts(companies=2, sessions=1, audits=2, decisions=2)
    (sheet,) = result.sheets
    assert (sheet.kind, sheet.header_row, sheet.rows_above) == ("flat", 3, [1, 2])
    assert (sheet.read_rows, sheet.empty_rows, sheet.first_row, sheet.last_row) == (2, 0, 4, 5)
    assert certified(db) == {"ISIS", "GDID"}


def test_merged_cells(db, tmp_path):
    path = book(tmp_path / "fusion.xlsx", {"Suivi": [
        ["Structure", "Ville", "Type d'audit", "Date d'audit", "Date du comité", "Décision"],
        ["VILLETTE EMPLOI", "Paris (75)", "certification", "02/10/2012", "22/11/2012",
         "Accordée"],
        [None, None, "suivi", "15/10/2013"],
        [None, None, "suivi", "14/10/2014"],
        [None, None, "renouvellement", "01/10/2015", "19/11/2015", "Renouvelée"],
        ["EMS", "Montauban (82)", "certification", "05/05/2013", "13/06/2013", "Accordée"],
    ]}, merges={"Suivi": ["A2:A5", "B2:B5"]})
    assert imported(db, path) == counts(companies=2, sessions=3, audits=5, decisions=3)
    assert certified(db) == {"VILLETTE EMPLOI"}  # renewed through 21/11/2018


def test_dates_as_text_serial_numbers_and_french_month_names(db, tmp_path):
    serial = (date(2015, 10, 1) - date(1899, 12, 30)).days
    path = book(tmp_path / "dates.xlsx", {"Suivi": [
        ["Structure", "Ville", "Type d'audit", "Date d'audit", "Date du comité", "Décision"],
        ["ISIS", "Istres", "certification", "1er octobre 2015", "19/11/2015", "Accordée"],
        ["GDID", "Salon", "certification", serial, "19 novembre 2015", "Accordée"],
        ["EMS", "Montauban", "certification", datetime(2015, 10, 2), "nov. 2015", "Accordée"],
        ["APTIMA", "Mantes", "certification", "sept. 2015", "19/11/2015", "Accordée"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok, result.problems
    assert result.counts == counts(companies=4, sessions=1, audits=4, decisions=4)
    assert certified(db) == {"ISIS", "GDID", "EMS", "APTIMA"}
    warned = {(w.row, w.fr.split(" :")[0]) for w in result.warnings}
    assert warned == {(4, "date du comité sans jour (11/2015)"),
                      (5, "Date (début) de l'audit")}


def test_one_sheet_per_year(db, tmp_path):
    header = ["Structure", "Ville", "Type d'audit", "Date d'audit", "Date du comité",
              "Décision"]
    path = book(tmp_path / "annees.xlsx", {
        "2013": [header, ["ISIS", "Istres", "certification", "03/05/2013", "13/06/2013",
                          "Accordée"],
                 ["EMS", "Montauban", "certification", "06/05/2013", "13/06/2013",
                  "Accordée"]],
        "2014": [header, ["ISIS", "Istres", "suivi", "02/06/2014"],
                 ["EMS", "Montauban", "suivi", "03/06/2014"]],
        "2015": [header, ["ISIS", "Istres", "suivi", "01/06/2015"],
                 ["GDID", "Salon", "certification", "01/10/2015", "19/11/2015", "Accordée"]],
        "2016": [header, ["ISIS", "Istres", "renouvellement", "02/05/2016", "09/06/2016",
                          "Renouvelée"]],
    })
    assert imported(db, path) == counts(companies=3, sessions=3, audits=7, decisions=4)
    assert certified(db) == {"ISIS", "GDID"}  # EMS expired 12/06/2016, not renewed


SESSIONS = [date(2012, 6, 14), date(2012, 11, 22), date(2013, 6, 13), date(2013, 11, 21),
            date(2014, 6, 12), date(2014, 11, 20), date(2015, 6, 11), date(2015, 11, 19),
            date(2016, 6, 9)]


def _issue_workbook(path: Path, decisions_title: str = "Comités") -> Path:
    """The regional workbook of issue 10: 18 companies, 3 auditors, 29 audits, 18 decisions
    at 9 sessions (one a row, with certificate numbers and schemes)."""
    sessions = SESSIONS
    auditors = ["Claire Martin", "Paul Durand", "Inès Roux"]
    members = [["Structure", "Type", "Ville", "Date d'entrée"]]
    audits = [["Structure", "Type d'audit", "Date de l'audit", "Auditeur"]]
    decided = [["Structure", "Date du comité", "Décision", "Certification",
                "N° de certificat"]]
    for i in range(18):
        name = f"STRUCTURE {i + 1:02d}"
        session = sessions[i % 9]
        members.append([name, "AI et ETTI" if i % 4 == 0 else "ACI", f"Ville {i}",
                        (session - timedelta(days=400)).strftime("%d/%m/%Y")])
        audits.append([name, "certification", session - timedelta(days=40),
                       auditors[i % 3]])
        if i < 11:
            audits.append([name, "suivi", session + timedelta(days=300), auditors[(i + 1) % 3]])
        scheme = "CEDRE ISO 9001" if i % 3 == 0 else "CEDRE"
        decided.append([name, session.strftime("%d/%m/%Y"), "Accordée", scheme,
                        f"CERT-{session.year}-{i + 1:03d}"])
    return book(path, {"Adhérents": members, "Audits": audits, decisions_title: decided})


def test_the_three_sheet_workbook_of_issue_10(db, tmp_path):
    path = _issue_workbook(tmp_path / "paca.xlsx")
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok, result.problems
    assert result.counts == counts(companies=18, auditors=3, engagements=18, sessions=9,
                                   audits=29, decisions=18)
    decisions = next(s for s in result.sheets if s.sheet == "Comités")
    assert (decisions.kind, decisions.because) == ("decisions", ("name", "decision"))
    # Certificates valid through the day before the third anniversary: the 2014 to 2016
    # sessions (indices 4 to 8) still hold at the end of 2016, two companies each.
    assert certified(db) == {f"STRUCTURE {i + 1:02d}" for i in range(18) if i % 9 >= 4}
    numbers = {n for n, _s, _c in certificates(db)}
    assert numbers == {f"CERT-{SESSIONS[i % 9].year}-{i + 1:03d}" for i in range(18)}
    schemes = {s for _n, s, _c in certificates(db)}
    assert schemes == {"CEDRE", "CEDRE ISO 9001"}


def test_a_decisions_sheet_named_commission_or_certifications(db, tmp_path):
    for title in ("Commission", "Certifications", "Décisions"):
        path = _issue_workbook(tmp_path / f"{title}.xlsx", decisions_title=title)
        result = ImportService(db).run(path, today=TODAY, dry_run=True)
        assert result.ok, (title, result.problems)
        assert result.counts == counts(companies=18, auditors=3, engagements=18, sessions=9,
                                       audits=29, decisions=18), title


def test_decisions_that_cannot_be_placed_refuse_the_whole_workbook(db, tmp_path):
    path = book(tmp_path / "sans-structure.xlsx", {
        "Adhérents": [["Structure", "Ville"], ["ISIS", "Istres"], ["GDID", "Salon"]],
        "Comités": [["Date du comité", "Décision", "Certification"],
                    ["19/11/2015", "Accordée", "CEDRE"], ["19/11/2015", "Accordée", "CEDRE"]],
    })
    result = ImportService(db).run(path, today=TODAY)
    assert not result.ok and not result.written
    (problem,) = result.problems
    assert (problem.sheet, problem.row) == ("Comités", 0)
    assert "aucune colonne ne dit de quelle structure" in problem.fr
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Company)) == 0


def test_decisions_in_a_column_not_read_refuse_the_workbook_with_the_map_to_give(db,
                                                                                 tmp_path):
    path = book(tmp_path / "avis.xlsx", {"Suivi": [
        ["Structure", "Ville", "Date d'audit", "Suite donnée"],
        ["ISIS", "Istres", "12/10/2015", "Accordée"],
        ["GDID", "Salon", "13/10/2015", "Ajournée"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert not result.written
    problem = next(p for p in result.problems if p.row == 0)
    assert problem.sheet == "Suivi"
    assert '--map "Suite donnée=decision"' in problem.fr
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Company)) == 0


def test_a_referential_version_not_in_force_on_the_audit_date_is_a_warning(db, tmp_path):
    path = book(tmp_path / "v2.xlsx", {"Suivi": [
        ["Structure", "Ville", "Type d'audit", "Date d'audit", "Référentiel",
         "Date du comité", "Décision", "Valable du", "Valable jusqu'au"],
        ["ISIS", "Istres", "renouvellement", "12/03/2016", "V2", "09/06/2016", "Renouvelée",
         "13/06/2016", "12/06/2019"],
        ["GDID", "Salon", "certification", "01/10/2015", "V2", "19/11/2015", "Accordée"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    (warning,) = result.warnings
    assert warning.row == 2
    assert "CEDRE V2 indiqué pour un audit du 12/03/2016" in warning.fr
    assert "CEDRE V3 est en vigueur depuis le 20/11/2015" in warning.fr
    assert "imported as written" in warning.en


def test_a_sheet_of_drop_down_lists_is_left_out_not_taken_for_decisions(db, tmp_path):
    path = _issue_workbook(tmp_path / "listes.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    lists = workbook.create_sheet("Listes")
    for row in (["Type", "Décision", "Schéma"], ["AI", "Accordée", "CEDRE"],
                ["ACI", "Renouvelée", "CEDRE ISO 9001"], ["EI", "Ajournée", None],
                [None, "Refusée", None]):
        lists.append(row)
    bare = workbook.create_sheet("Valeurs")
    for word in ("Accordée", "Ajournée", "Retirée"):
        bare.append([word])
    workbook.save(path)
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts["decisions"] == 18
    left = {s.sheet: s.left_out[0] for s in result.sheets if not s.kind}
    assert left == {"Listes": "listes de valeurs, sans structure ni date",
                    "Valeurs": "listes de valeurs, sans structure ni date"}


def _audits_with_decisions(path: Path, *rows: list[Any]) -> Path:
    return book(path, {
        "Structures": [["Nom", "Ville", "Type"], ["GDID", "Salon de Provence", "GES"],
                       ["ISIS", "Istres", "AI"], ["EMS", "Montauban", "EI"],
                       ["AGIRE 76", "Bolbec", "AI"]],
        "Comités": [["Date", "Lieu"], ["14/01/2016", "Paris"]],
        "Audits": [["Structure", "Type d'audit", "Date", "Auditeur", "Décision"], *rows]})


def test_an_audits_sheet_with_a_bare_date_and_its_decisions(db, tmp_path):
    """The bare "Date" of an audits sheet is the audit's; each decision goes to the first
    session after its audit: entered (the workbook's 14/01/2016) or else expected."""
    path = _audits_with_decisions(
        tmp_path / "audits.xlsx",
        ["GDID", "certification", "01/10/2015", "Claire Martin", "Accordée"],
        ["EMS", "certification", "05/01/2016", "Paul Durand", "Accordée"],
        ["ISIS", "certification", "12/03/2016", "Claire Martin", "Accordée"],
        ["GDID", "suivi", "03/10/2016", "Paul Durand"],
        ["AGIRE 76", "certification", "02/10/2015", "Inès Roux", "Ajournée"])
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts == counts(companies=4, auditors=3, sessions=3, audits=5, decisions=4)
    assert certified(db) == {"GDID", "EMS", "ISIS"}
    placed = {w.row: w.fr.split("placée à la ")[1] for w in result.warnings}
    assert placed == {
        2: "session attendue (pas encore saisie) du 19/11/2015, la première après l'audit "
           "du 01/10/2015.",
        3: "session saisie du 14/01/2016, la première après l'audit du 05/01/2016.",
        4: "session attendue (pas encore saisie) du 09/06/2016, la première après l'audit "
           "du 12/03/2016.",
        6: "session attendue (pas encore saisie) du 19/11/2015, la première après l'audit "
           "du 02/10/2015."}
    lines = import_summary(result, "en").splitlines()
    assert "  Audits, row 3: committee date deduced: no committee date on the row, decision " \
        "placed on the entered session of 2016-01-14, the first after the audit of " \
        "2016-01-05." in lines
    with db.engine.connect() as conn:
        held = sorted(conn.scalars(sa.select(CommitteeSession.held_on)))
    assert held == [date(2015, 11, 19), date(2016, 1, 14), date(2016, 6, 9)]


def test_an_audit_decision_that_cannot_be_placed_refuses_the_workbook(db, tmp_path):
    path = _audits_with_decisions(
        tmp_path / "audits.xlsx",
        ["GDID", "certification", "01/10/2015", "Claire Martin", "Accordée"],
        ["ISIS", "certification", "20/12/2016", "Claire Martin", "Accordée"],
        ["EMS", "certification", "", "Paul Durand", "Accordée"])
    result = ImportService(db).run(path, today=TODAY)
    assert not result.ok and not result.written
    assert {(p.row, p.en.split(":")[0]) for p in result.problems} == {
        (3, "decision without a committee date"), (4, "decision without a committee date")}
    (late,) = [p for p in result.problems if p.row == 3]
    assert "the first session after the audit of 2016-12-20 (2017-06-08) has not taken " \
        "place yet" in late.en
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Company)) == 0


def test_a_group_named_in_the_company_column_of_a_decisions_sheet(db, tmp_path):
    """Committee sheets list what the committee decided on, a company or a group certified
    together, in one column: a name that is no company's but a group's is the group's
    decision (said in the summary), never refused as an unknown company."""
    path = book(tmp_path / "groupes.xlsx", {
        "Adhérents": [["Structure", "Ville", "Type", "Groupe"],
                      ["Atelier Ébène", "Orléans (45)", "AI", ""],
                      ["ISIS Emploi", "Istres (13)", "ETTI", "GES Provence"],
                      ["Relais 13", "Salon-de-Provence (13)", "EI", "GES Provence"]],
        "Comités": [["Structure", "Date du comité", "Décision", "N° de certificat"],
                    ["Atelier Ébène", "09/06/2016", "accordée", "CEDRE-2016-0001"],
                    ["GES Provence", "17/11/2016", "accordée", "CEDRE-2016-0002"]]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok, result.problems
    assert result.counts == counts(companies=3, groups=1, sessions=2, decisions=2)
    with db.engine.connect() as conn:
        decided = set(conn.execute(sa.select(Decision.certificate_number,
                                             Decision.company_id.is_(None))))
    assert decided == {("CEDRE-2016-0001", False), ("CEDRE-2016-0002", True)}
    assert certified(db) == {"Atelier Ébène", "ISIS Emploi", "Relais 13"}
    summary = import_summary(result, "fr")
    assert "« GES Provence » est un groupe" in summary
