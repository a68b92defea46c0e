"""Validity dates typed in a workbook that differ from those the cycle rules compute are kept
(they are the certificate the company holds), and each such row says so in the summary and
the dry run: the typed date, the computed one, which one the register keeps and why."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Company, Decision
from tests.services.test_importing_layouts import TODAY, book


def _workbook(tmp_path):
    return book(tmp_path / "validite.xlsx", {"Suivi": [
        ["Structure", "Ville", "Type d'audit", "Date d'audit", "Date du comité", "Décision",
         "Valable du", "Valable jusqu'au"],
        ["ISIS", "Istres", "certification", "12/10/2015", "19/11/2015", "Accordée",
         "19/11/2015", "19/11/2018"],
        ["GDID", "Salon", "certification", "13/10/2015", "19/11/2015", "Accordée",
         None, "18/11/2018"],
        ["EMS", "Montauban", "certification", "14/10/2015", "19/11/2015", "Accordée",
         "01/12/2015"],
    ]})


def test_typed_validity_dates_that_differ_are_kept_and_said_per_row(db, tmp_path):
    path = _workbook(tmp_path)
    dry = ImportService(db).run(path, today=TODAY, dry_run=True)
    assert dry.ok, dry.problems
    assert [(w.row, w.fr.split(" : ")[0]) for w in dry.warnings] == [
        (2, "dates de validité saisies différentes de celles des règles du cycle (valable "
            "jusqu'au 19/11/2018 saisi, 18/11/2018 calculé)"),
        (4, "dates de validité saisies différentes de celles des règles du cycle (valable "
            "du 01/12/2015 saisi, 19/11/2015 calculé)")]
    text = import_summary(dry, "en")
    assert "  Suivi, row 2: typed validity dates differ from the cycle rules' (valid until " \
        "2018-11-19 typed, 2018-11-18 computed): the register keeps the typed dates, those " \
        "of the certificate issued; the due dates follow from them. Correct the workbook " \
        "if it is a typing slip." in text.splitlines()
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written
    with db.engine.connect() as conn:
        kept = {name: (start, until) for name, start, until in conn.execute(
            sa.select(Company.name, Decision.valid_from, Decision.valid_until)
            .join(Decision, Decision.company_id == Company.id))}
    assert kept == {"ISIS": (date(2015, 11, 19), date(2018, 11, 19)),
                    "GDID": (date(2015, 11, 19), date(2018, 11, 18)),
                    "EMS": (date(2015, 12, 1), date(2018, 11, 18))}
