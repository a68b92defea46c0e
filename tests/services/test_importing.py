"""Importing workbooks: our own register round-trips; hand-kept workbooks are matched against
the register and checked like typed input; an import is all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from cedre_desk.audits.vocabulary import LegalType, Outcome
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.due import CycleService
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.services.register import create_register
from cedre_desk.storage.models import Audit, Change, Company, Decision, Finding

TODAY = date(2016, 6, 1)
HEADER = ["Raison sociale", "SIRET", "Type", "Ville", "Type d'audit", "Date de l'audit",
          "Date du comité", "Décision", "Schéma"]


def _workbook(path: Path, rows, header=HEADER, title="Suivi") -> Path:
    workbook = Workbook()
    workbook.active.title = title
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _count(db, model) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(model))


def _sheets(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path, read_only=True)
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    workbook.close()
    return sheets


def test_our_register_round_trips_through_an_empty_register(db, tmp_path):
    generate_demo(db, companies=40, seed=3, today=TODAY)
    first = tmp_path / "premier.xlsx"
    ExportService(db).register(first, today=TODAY)
    empty = create_register(tmp_path / "vide.sqlite")
    try:
        result = ImportService(empty).run(first, today=TODAY)
        assert result.ok and result.written, result.problems[:3]
        assert result.counts["companies"] == 40
        second = tmp_path / "second.xlsx"
        ExportService(empty).register(second, today=TODAY)
        assert _count(empty, Finding) == _count(db, Finding)
        imported = sum(result.counts.values()) - result.counts["companies_matched"]
        assert _count(empty, Change) >= imported  # a history row per imported record
    finally:
        empty.close()
    before, after = _sheets(first), _sheets(second)
    assert list(before) == list(after)
    for title in before:
        if title != "Historique":  # the import itself is new history
            assert before[title] == after[title], title


def test_a_hand_kept_sheet_is_imported_and_matched(db, tmp_path):
    known = CompanyService(db).create(CompanyInput(name="GDID", siret="73282932000074",
                                                   town="Salon de Provence"))
    path = _workbook(tmp_path / "suivi.xlsx", [
        ["G.D.I.D. (nom abrégé)", "732 829 320 00074", "GES", "Salon de Provence (13)",
         "certification", "01/10/2015", "19/11/2015", "Accordée", "CEDRE ISO 9001"],
        ["VILLETTE EMPLOI", None, "AI et ETTI", "Paris (75)", "Audit initial", "02/10/2015",
         "19/11/2015", "accordée", "CEDRE"],
        ["VILLETTE EMPLOI", None, None, "Paris (75)", "suivi", "15/10/2016"],
    ])
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok, result.problems
    assert result.counts["companies"] == 1 and result.counts["companies_matched"] == 1
    assert (result.counts["audits"], result.counts["decisions"],
            result.counts["sessions"]) == (3, 2, 1)
    villette = next(r for r in CompanyService(db).rows() if r.name == "VILLETTE EMPLOI")
    assert (villette.legal_types, villette.town, villette.department) == ("AI, ETTI", "Paris",
                                                                          "75")
    assert CompanyService(db).get(known).data.name == "GDID"  # matched, never changed
    status = CycleService(db).status(known, TODAY)
    assert status.certificate is not None
    assert status.certificate.valid_until == date(2018, 11, 18)  # by the cycle rules
    assert str(status.certificate.scheme) == "CEDRE ISO 9001"
    with db.engine.connect() as conn:
        planned = conn.scalar(sa.select(Audit.planned_on).where(Audit.status == "planned"))
        history = conn.execute(sa.select(Change.action, Change.after)
                               .where(Change.table_name == "company")).all()
    assert planned == date(2016, 10, 15)
    assert ("import", "suivi.xlsx : Suivi!3") in history


def test_one_bad_row_and_nothing_is_written(db, tmp_path):
    path = _workbook(tmp_path / "suivi.xlsx", [
        ["ISIS", None, "AI", "Istres (13)", "certification", "01/09/2015", "19/11/2015",
         "Accordée", "CEDRE"],
        ["EMS", None, "EI", "Montauban", None, None, "31/02/2015", "Accordée", "CEDRE"],
    ])
    companies = _count(db, Company)
    result = ImportService(db).run(path, today=TODAY)
    assert not result.ok and not result.written
    assert [(p.sheet, p.row) for p in result.problems] == [("Suivi", 3)]
    assert _count(db, Company) == companies and _count(db, Decision) == 0


def test_a_dry_run_says_what_would_be_imported_and_writes_nothing(db, tmp_path):
    path = _workbook(tmp_path / "suivi.xlsx", [
        ["ISIS", None, "AI", "Istres (13)", "certification", "01/09/2015", "19/11/2015",
         "Accordée", "CEDRE"]])
    companies, changes = _count(db, Company), _count(db, Change)
    result = ImportService(db).run(path, today=TODAY, dry_run=True)
    assert result.ok and not result.written and result.dry_run
    assert (result.counts["companies"], result.counts["decisions"]) == (1, 1)
    assert (_count(db, Company), _count(db, Change)) == (companies, changes)
    assert [m.sheet for m in result.mappings] == ["Suivi"]


def test_a_duplicate_siret_in_a_companies_sheet_is_rejected(db, tmp_path):
    path = _workbook(tmp_path / "adherents.xlsx", [
        ["AGIRE 76", "73282932000074", "AI", "Bolbec"],
        ["APTIMA", "732 829 320 00074", "EI", "Mantes la Jolie"],
    ], header=["Nom", "SIRET", "Type", "Ville"], title="Adhérents")
    result = ImportService(db).run(path, today=TODAY)
    (problem,) = result.problems
    assert problem.row == 3 and "SIRET 73282932000074 en double" in problem.fr
    assert "AGIRE 76" in problem.en and _count(db, Company) == 0


def test_an_invalid_siret_gives_the_services_message(db, tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["AGIRE 76", "12345678901234", "AI", "Bolbec"]],
                     header=["Nom", "SIRET", "Type", "Ville"], title="Structures")
    (problem,) = ImportService(db).run(path, today=TODAY).problems
    assert "clé de contrôle" in problem.fr and "check digit" in problem.en


def test_a_renewal_with_nothing_to_renew_is_rejected_unless_dated(db, tmp_path):
    header = ["Nom", "Ville", "Date du comité", "Décision", "Valable du", "Valable jusqu'au"]
    path = _workbook(tmp_path / "a.xlsx", [["ISIS", "Istres", "19/11/2015", "renouvelée"]],
                     header=header)
    (problem,) = ImportService(db).run(path, today=TODAY).problems
    assert "aucun certificat" in problem.fr and "Valid from" in problem.en
    path = _workbook(tmp_path / "b.xlsx", [["ISIS", "Istres", "19/11/2015", "renouvelée",
                                            "20/11/2015", "19/11/2018"]], header=header)
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.counts["decisions"] == 1


def test_an_auditor_who_coached_the_company_cannot_audit_it(db, tmp_path):
    company = CompanyService(db).create(CompanyInput(name="ISIS", town="Istres"))
    coach = AuditorService(db).create("Claire Coach")
    AuditorService(db).add_coaching(coach, company)
    path = _workbook(tmp_path / "a.xlsx", [["ISIS", "Istres", "suivi", "01/09/2015",
                                            "Claire Coach"]],
                     header=["Nom", "Ville", "Type d'audit", "Date d'audit", "Auditeur"])
    (problem,) = ImportService(db).run(path, today=TODAY).problems
    assert "accompagnée" in problem.fr and "coached" in problem.en


def test_sheets_of_audits_must_name_known_companies(db, tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["Inconnue", "suivi", "01/09/2015"]],
                     header=["Structure", "Type d'audit", "Date d'audit"], title="Audits")
    (problem,) = ImportService(db).run(path, today=TODAY).problems
    assert "structure inconnue" in problem.fr and "Inconnue" in problem.en


def test_an_ambiguous_name_asks_for_the_siret_or_the_town(db, tmp_path):
    for town in ("Paris", "Lyon"):
        CompanyService(db).create(CompanyInput(name="Emploi Solidaire", town=town))
    path = _workbook(tmp_path / "a.xlsx", [["Emploi Solidaire", "suivi", "01/09/2015"]],
                     header=["Structure", "Type d'audit", "Date d'audit"], title="Audits")
    (problem,) = ImportService(db).run(path, today=TODAY).problems
    assert "ambiguë" in problem.fr
    path = _workbook(tmp_path / "b.xlsx", [["Emploi Solidaire", "Lyon", "suivi", "01/09/2015"]],
                     header=["Structure", "Ville", "Type d'audit", "Date d'audit"],
                     title="Audits")
    assert ImportService(db).run(path, today=TODAY).ok


def test_legal_types_default_to_other_when_the_sheet_has_none(db, tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [["ISIS", "Istres"]], header=["Nom", "Ville"])
    assert ImportService(db).run(path, today=TODAY).ok
    (company,) = CompanyService(db).rows()
    assert company.legal_types == LegalType.OTHER.value


@pytest.mark.parametrize("word, outcome", [("Renouvellement accordé", Outcome.RENEWED),
                                           ("Ajournée", Outcome.DEFERRED),
                                           ("refus", Outcome.REFUSED)])
def test_decision_words(db, tmp_path, word, outcome):
    path = _workbook(tmp_path / "a.xlsx", [["ISIS", "Istres", "19/11/2015", word, "01/01/2015",
                                            "31/12/2017"]],
                     header=["Nom", "Ville", "Date du comité", "Décision", "Valable du",
                             "Valable jusqu'au"])
    assert ImportService(db).run(path, today=TODAY).ok
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(Decision.outcome)) is outcome


def test_a_flat_sheet_repeating_a_company_makes_it_once(db, tmp_path):
    header = ["Structure", "SIRET", "Date d'entrée", "Type d'audit", "Date d'audit"]
    path = _workbook(tmp_path / "a.xlsx", [
        ["AGIRE 76", "73282932000074", "01/03/2012", "audit à blanc", "05/06/2012"],
        ["AGIRE 76", "73282932000074", "01/03/2012", "certification", "04/10/2012"],
    ], header=header)
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok, result.problems
    assert (result.counts["companies"], result.counts["engagements"],
            result.counts["audits"]) == (1, 1, 2)


def test_iso_history_older_than_the_known_iso_versions_keeps_its_scheme(db, tmp_path):
    path = _workbook(tmp_path / "a.xlsx", [
        ["AGIRE 76", None, "AI", "Bolbec (76)", "certification", "02/10/2014", "20/11/2014",
         "Accordée", "CEDRE ISO 9001"]])
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok, result.problems
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(Audit.iso_version_id)) is None  # no ISO 9001:2008 here
        assert conn.scalar(sa.select(Decision.scheme)).value == "CEDRE ISO 9001"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_column_of_our_export_is_recognised(db, tmp_path, lang):
    from cedre_desk.imports.workbook import read_workbook

    generate_demo(db, companies=8, seed=5, today=TODAY)
    path = tmp_path / f"registre-{lang}.xlsx"
    ExportService(db).register(path, today=TODAY, lang=lang)
    parsed = read_workbook(path, today=TODAY)
    assert len(parsed.mappings) == 10  # every sheet but the due events and the history
    unknown = [(m.sheet, c.header) for m in parsed.mappings for c in m.columns if not c.field]
    assert unknown == []
    assert not parsed.problems
