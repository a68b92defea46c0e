"""A workbook as a quality manager keeps it by hand, imported whole into a new register.

`hand_kept_workbook` builds it: a members' sheet under a title block ("Adhérents 2024", no
companies sheet, a total line, dates written four ways, a remark that looks like a formula),
an audits sheet whose first column names a company or a group ("Structure / Groupe", audit
kinds written "certif" and "Suivi 1"), a committee sheet headed "Date comité" naming the group
in its "Structure" column and a company without its town, and a hidden notes sheet. Each of
those once refused the workbook or misread it; the dry run must account for every sheet,
row and column, and the import give exactly these records.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Font

from cedre_desk.audits.vocabulary import AuditKind
from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Audit, CertificationGroup, Company, Decision
from tests.services.test_importing_layouts import counts

TODAY = date(2026, 12, 3)


def hand_kept_workbook(path: Path) -> Path:
    workbook = Workbook()
    members = workbook.active
    members.title = "Adhérents 2024"
    members["A1"] = "Fédération — suivi qualité (tenu à la main)"
    members["A1"].font = Font(bold=True, size=14)
    members.merge_cells("A1:G1")
    members["A2"] = "Mis à jour le 02/12/2026 par Mme Roux"
    members.append([])
    members.append(["N°", "Nom de la structure", "Ville", "SIRET", "Adhérent depuis", "Groupe",
                    "Entrée groupe", "Remarques"])
    members.append([1, "Atelier du Lac", "Annecy", "44306184100047", "15 mars 1978", None,
                    None, "ancienne adhérente"])
    members.append([2, "Régie Nord Isère", "Bourgoin", None, date(2003, 9, 1), "Groupe Alpes",
                    "01/01/2015", None])
    members.append([3, "Chantier Belledonne", "Grenoble", None, "01/01/2009", "Groupe Alpes",
                    "2015-01-01", "=SOMME(A1:A3)"])
    members.append([4, "Insertion Vercors", "Villard", None, "01/03/2011", None, None, None])
    members.append([None] * 8)
    members.append(["Total", 4])
    audits = workbook.create_sheet("Audits")
    audits.append(["Structure / Groupe", "Type d'audit", "Date", "Auditeur", "Référentiel",
                   "Décision"])
    audits.append(["Atelier du Lac", "Certification", date(2021, 3, 10), "P. Martin",
                   "CEDRE V3", "Certifiée"])
    audits.append(["Insertion Vercors", "Audit de certification", "12/05/2022", "P. Martin",
                   "CEDRE V3", None])
    audits.append(["Groupe Alpes", "certif", datetime(2020, 10, 6, 9, 0), "J. Blanc ; P. Martin",
                   "CEDRE V2", None])
    audits.append(["Atelier du Lac", "Suivi 1", "2022-04-12", "J. Blanc", "CEDRE V3", None])
    committee = workbook.create_sheet("Comité 2020-2022")
    committee.append(["Date comité", "Lieu", "Structure", "Avis du comité",
                      "Motif de la décision"])
    committee.append([date(2020, 11, 26), "Paris", "Groupe Alpes", "Certification accordée",
                      "RAS"])
    committee.append(["09/06/2022", "Lyon", "Insertion Vercors", "Certification accordée", None])
    notes = workbook.create_sheet("Notes")
    notes.append(["pense-bête: relancer Vercors pour le rapport"])
    notes.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_a_hand_kept_workbook_is_accounted_for_and_imported_whole(db, tmp_path):
    path = hand_kept_workbook(tmp_path / "suivi-main.xlsx")
    dry = ImportService(db).run(path, today=TODAY, dry_run=True)
    assert dry.ok, dry.problems
    expected = counts(companies=4, groups=1, auditors=2, sessions=3, audits=4, decisions=3)
    assert dry.counts == expected
    accounts = {s.sheet: s for s in dry.sheets}
    assert list(accounts) == ["Adhérents 2024", "Audits", "Comité 2020-2022", "Notes"]
    members, audits, committee, notes = accounts.values()
    assert (members.rows_above, members.read_rows, members.empty_rows,
            members.total_rows) == ([1, 2], 4, 1, [10])
    assert (audits.read_rows, audits.refused_rows, committee.read_rows) == (4, set(), 2)
    assert notes.hidden and notes.left_out[1] == "lists of values, with no company and no date"
    # Every column read or said left out: none lost in silence.
    assert [(c.header, c.field) for c in committee.columns] == [
        ("Date comité", "committee_date"), ("Lieu", None), ("Structure", "name"),
        ("Avis du comité", "decision"), ("Motif de la décision", None)]
    assert [c.header for c in members.ignored] == ["N°"]
    assert not audits.ignored
    # The group's rows are the group's, said once per row; the committee's row is one record.
    assert committee.records["companies"] == 1 and committee.records["decisions"] == 2
    summary = import_summary(dry, "fr")
    assert "Comité 2020-2022, ligne 2 : « Groupe Alpes » est un groupe" in summary
    assert "Audits, ligne 4 : « Groupe Alpes » est un groupe" in summary

    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts == expected
    with db.engine.connect() as conn:
        towns = dict(conn.execute(sa.select(Company.name, Company.town)).all())
        group = conn.scalar(sa.select(CertificationGroup.id))
        decided = sorted((cid or 0, gid or 0) for cid, gid in conn.execute(
            sa.select(Decision.company_id, Decision.group_id)))
        kinds = sorted(conn.scalars(sa.select(Audit.kind)))
    assert towns == {"Atelier du Lac": "Annecy", "Régie Nord Isère": "Bourgoin",
                     "Chantier Belledonne": "Grenoble", "Insertion Vercors": "Villard"}
    assert (0, group) in decided and len(decided) == 3
    assert kinds == sorted([AuditKind.CERTIFICATION] * 3 + [AuditKind.FOLLOW_UP])
