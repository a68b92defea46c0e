"""An import never gives a deleted record's id again, on SQLite (AUTOINCREMENT) and on
PostgreSQL (sequences), and leaves every sequence past the ids ever given: the next record
typed in the window takes a new id too. Runs in both passes of the test suite."""

from __future__ import annotations

from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.importing.workbook_import import ImportService
from tests.services.test_importing_layouts import TODAY, book


def test_an_import_gives_no_deleted_record_s_id_again(db, tmp_path):
    companies, auditors = CompanyService(db), AuditorService(db)
    kept = companies.create(CompanyInput(name="ISIS", town="Istres"))
    deleted = companies.create(CompanyInput(name="Supprimée", town="Lyon"))
    companies.delete(deleted)
    auditors.create("Claire Martin")
    gone = auditors.create("Paul Durand")
    auditors.delete(gone)
    path = book(tmp_path / "nouvelles.xlsx", {"Structures": [
        ["Nom", "Ville"], ["GDID", "Salon de Provence"], ["EMS", "Montauban"]]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    ids = {row.name: row.id for row in companies.rows()}
    assert ids["ISIS"] == kept
    assert min(ids["GDID"], ids["EMS"]) > deleted
    # The records typed after the import: past every id given, in both tables.
    typed = companies.create(CompanyInput(name="APTIMA", town="Mantes la Jolie"))
    assert typed > max(ids["GDID"], ids["EMS"])
    assert auditors.create("Inès Roux") > gone
