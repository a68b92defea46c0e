"""An import refuses what the cycle forbids, as the services do: a withdrawn certificate is
never renewed or maintained. The row is named, and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Company, Decision

HEADER = ["Nom", "Ville", "Date du comité", "Décision", "Valable du", "Valable jusqu'au"]


def workbook(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    book.active.title = "Suivi"
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def count(db, model) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize("word", ["Renouvelée", "Maintenue"])
def test_certificate_withdrawn_on_21_november_2013_cannot_be_renewed_or_maintained_on_import(
        db, tmp_path, word):
    later = ["ISIS", "Istres", "12/06/2014", word]
    if word == "Renouvelée":
        later += ["13/06/2016", "12/06/2019"]
    path = workbook(tmp_path / "isis.xlsx", [
        ["ISIS", "Istres", "13/06/2013", "Accordée", "13/06/2013", "12/06/2016"],
        ["ISIS", "Istres", "21/11/2013", "Retrait"],
        later,
    ])
    result = ImportService(db).run(path, today=date(2016, 6, 1))
    assert not result.ok and not result.written
    (problem,) = result.problems
    assert (problem.sheet, problem.row) == ("Suivi", 4)
    assert "le certificat a été retiré" in problem.fr
    assert "the certificate was withdrawn" in problem.en
    assert count(db, Decision) == 0 and count(db, Company) == 0


def test_a_new_grant_after_a_withdrawal_is_imported(db, tmp_path):
    path = workbook(tmp_path / "isis.xlsx", [
        ["ISIS", "Istres", "13/06/2013", "Accordée", "13/06/2013", "12/06/2016"],
        ["ISIS", "Istres", "21/11/2013", "Retrait"],
        ["ISIS", "Istres", "12/06/2014", "Accordée", "12/06/2014", "11/06/2017"],
    ])
    result = ImportService(db).run(path, today=date(2016, 6, 1))
    assert result.ok, result.problems
    assert count(db, Decision) == 3
