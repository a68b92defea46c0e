"""A hand-kept register often ends a list with a totals line ("Total", 4): it is no company.
Read as a row, it made a company named "4". A line whose first filled cell says only "Total"
(or "Totaux", "Sous-total", "Total général", "Grand total"…) is left out, and the summary says
which rows were; a company whose name merely starts with the word ("Total Services") is
read as any other."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Company
from tests.services.test_importing_layouts import TODAY, book


def _names(db) -> set[str]:
    with db.engine.connect() as conn:
        return set(conn.scalars(sa.select(Company.name)).all())


@pytest.mark.parametrize("label", ["Total", "TOTAL :", "Totaux", "Sous-total",
                                   "Total général", "Grand total", "Subtotal"])
def test_a_totals_line_below_a_list_is_left_out_and_said(db, tmp_path, label):
    path = book(tmp_path / "adherents.xlsx", {"Adhérents": [
        ["N°", "Nom de la structure", "Ville"],
        [1, "Atelier du Lac", "Annecy"],
        [2, "Régie Nord Isère", "Bourgoin"],
        [None, None, None],
        [label, 2, None],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert _names(db) == {"Atelier du Lac", "Régie Nord Isère"}  # no company "2"
    (sheet,) = result.sheets
    assert sheet.total_rows == [5] and sheet.read_rows == 2 and sheet.empty_rows == 1
    summary = import_summary(result, "fr")
    assert "Lignes 2 à 5 : 2 lues (2 structures), 0 refusée, 1 vide." in summary
    assert "Ligne(s) de total, laissée(s) de côté : 5." in summary
    assert "Total line(s), left out: 5." in import_summary(result, "en")


def test_a_company_whose_name_starts_with_total_is_read(db, tmp_path):
    path = book(tmp_path / "adherents.xlsx", {"Adhérents": [
        ["Nom de la structure", "Ville"],
        ["Total Services Propreté", "Lyon"],
        ["Totalement Solidaires", "Nantes"],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert _names(db) == {"Total Services Propreté", "Totalement Solidaires"}
    assert result.sheets[0].total_rows == []
