"""An import keeps the register clean: names holding invisible or control characters, lone
surrogates and dates no register holds are refused with their row, in a dry run as in the
real run (the dry run never says fine to what the write then refuses)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from cedre_desk.audits.date_limits import DateLimits
from cedre_desk.imports.workbook import read_workbook
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Company, Decision

HEADER = ["Nom", "Ville", "Date du comité", "Décision", "Valable du", "Valable jusqu'au",
          "Notes"]
TODAY = date(2026, 5, 1)


def workbook(path: Path, rows: list[list[object]]) -> Path:
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


def _granted(name: str, on: str = "13/06/2013", notes: str = "") -> list[object]:
    return [name, "Istres", on, "Accordée", None, None, notes]


@pytest.mark.parametrize(("name", "code"), [
    ("ISIS\u202eSIRT", "U+202E"), ("ISIS\nIstres", "U+000A"), ("ISIS\x85", "U+0085"),
    ("ISIS\u2028", "U+2028"), ("\u2066ISIS\u2069", "U+2066"), ("IS_xD800_IS", "U+FFFD"),
    ("IS_x0007_IS", "U+0007"),
])
def test_a_name_with_an_invisible_character_is_refused_with_its_row(db, tmp_path, name, code):
    path = workbook(tmp_path / "w.xlsx", [_granted("EMS"), _granted(name)])
    for dry_run in (True, False):
        result = ImportService(db).run(path, today=TODAY, dry_run=dry_run)
        assert not result.ok
        (problem,) = result.problems
        assert problem.row == 3
        assert code in problem.fr and "caractère invisible ou de contrôle" in problem.fr
    assert count(db, Company) == 0


def test_a_lone_surrogate_in_any_text_never_crashes_the_write(db, tmp_path):
    """"_xD800_" is half a character: the dry run said fine and the write raised
    UnicodeEncodeError; it is now read as the replacement character and written."""
    path = workbook(tmp_path / "w.xlsx", [_granted("EMS", notes="vu _xD800_ ici")])
    assert ImportService(db).run(path, today=TODAY, dry_run=True).ok
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(Company.notes)) == "vu \ufffd ici"


@pytest.mark.parametrize("day", ["13/06/2150", "31/12/9999", "0001-01-01", "31/12/1989"])
def test_a_date_no_register_holds_is_refused_with_its_row(db, tmp_path, day):
    path = workbook(tmp_path / "w.xlsx", [_granted("EMS"), _granted("ISIS", on=day)])
    result = ImportService(db).run(path, today=TODAY)
    assert not result.ok
    (problem,) = result.problems
    assert problem.row == 3 and "hors de la plage admise" in problem.fr
    assert count(db, Decision) == 0


def test_the_date_range_is_a_setting(tmp_path):
    path = workbook(tmp_path / "w.xlsx", [_granted("ISIS", on="13/06/1985")])
    assert read_workbook(path, today=TODAY).problems
    parsed = read_workbook(path, today=TODAY, limits=DateLimits(first_year=1980))
    assert not parsed.problems
    assert DateLimits(years_ahead=10).dates(date(2024, 2, 29))[1] == date(2034, 2, 28)
