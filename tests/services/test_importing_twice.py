"""Importing the same workbook twice changes nothing the second time, and says so; a known
SIRET under another name is refused; a withdrawal already in the register forbids renewing or
maintaining on import, as the services do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from openpyxl import Workbook

from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Audit, Company, Decision, Finding

TODAY = date(2026, 5, 1)


def count(db, model) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(model))


def flat(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    book.active.title = "Suivi"
    book.active.append(["Nom", "SIRET", "Ville", "Type d'audit", "Date d'audit",
                        "Date du comité", "Décision"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


ISIS = ["ISIS", "73282932000074", "Istres"]


def test_the_same_workbook_imported_twice_changes_nothing_the_second_time(db, tmp_path):
    path = flat(tmp_path / "w.xlsx", [
        [*ISIS, "Certification", "02/04/2013", "13/06/2013", "Accordée"],
        [*ISIS, "Suivi", "03/04/2014", None, None],
        [*ISIS, "Renouvellement", "02/04/2016", "09/06/2016", "Renouvelée"],
    ])
    first = ImportService(db).run(path, today=TODAY)
    assert first.ok, first.problems
    before = [count(db, m) for m in (Company, Audit, Decision)]
    assert before == [1, 3, 2]
    second = ImportService(db).run(path, today=TODAY)
    assert second.ok, second.problems
    assert [count(db, m) for m in (Company, Audit, Decision)] == before
    assert (second.counts["audits"], second.counts["decisions"]) == (0, 0)
    assert (second.counts["audits_known"], second.counts["decisions_known"]) == (3, 2)
    text = import_summary(second, "fr", problems=False)
    assert "3 audits déjà dans le registre" in text
    assert "2 décisions déjà dans le registre" in text


def test_the_findings_of_an_audit_imported_before_are_not_doubled(db, tmp_path):
    book = Workbook()
    audits = book.active
    audits.title = "Audits"
    audits.append(["N°", "Nom", "SIRET", "Ville", "Type d'audit", "Date d'audit"])
    audits.append([1, *ISIS, "Certification", "02/04/2013"])
    findings = book.create_sheet("Constats")
    findings.append(["N° audit", "Niveau", "Constat"])
    findings.append([1, "PF", "Accueil soigné"])
    path = tmp_path / "w.xlsx"
    book.save(path)
    CompanyService(db).create(CompanyInput(name="ISIS", siret=ISIS[1], town="Istres"))
    assert ImportService(db).run(path, today=TODAY).ok
    assert (count(db, Audit), count(db, Finding)) == (1, 1)
    again = ImportService(db).run(path, today=TODAY)
    assert again.ok, again.problems
    assert (count(db, Audit), count(db, Finding)) == (1, 1)
    assert again.counts["findings_known"] == 1


def test_a_known_siret_under_another_name_is_refused_with_its_row(db, tmp_path):
    assert ImportService(db).run(flat(tmp_path / "a.xlsx", [
        [*ISIS, "Certification", "02/04/2013", "13/06/2013", "Accordée"]]), today=TODAY).ok
    result = ImportService(db).run(flat(tmp_path / "b.xlsx", [
        ["APTIMA", ISIS[1], "Mantes la Jolie", "Suivi", "03/04/2014", None, None]]),
        today=TODAY)
    assert not result.ok
    assert len(result.problems) == 1, [p.fr for p in result.problems]
    (problem,) = result.problems
    assert problem.row == 2 and "est celui de « ISIS » dans le registre" in problem.fr
    assert count(db, Audit) == 1


def test_a_withdrawal_in_the_register_forbids_a_renewal_on_import(db, tmp_path):
    assert ImportService(db).run(flat(tmp_path / "a.xlsx", [
        [*ISIS, "Certification", "02/04/2013", "13/06/2013", "Accordée"],
        [*ISIS, None, None, "21/11/2013", "Retrait"]]), today=TODAY).ok
    result = ImportService(db).run(flat(tmp_path / "b.xlsx", [
        [*ISIS, "Renouvellement", "02/04/2016", "09/06/2016", "Renouvelée"]]), today=TODAY)
    assert not result.ok
    (problem,) = result.problems
    assert "le certificat a été retiré" in problem.fr
    assert count(db, Decision) == 2


def test_one_bad_siret_is_one_message_for_its_row(db, tmp_path):
    """It was reported twice (the company, then its audit): "2 ligne(s) rejetée(s)"."""
    result = ImportService(db).run(flat(tmp_path / "w.xlsx", [
        ["ISIS", "73282932000075", "Istres", "Certification", "02/04/2013", "13/06/2013",
         "Accordée"]]), today=TODAY)
    assert [(p.row, "SIRET" in p.fr) for p in result.problems] == [(2, True)]
