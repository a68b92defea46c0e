"""cap report and cap grid on the command line: files written, exit statuses, messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cedre_desk.__main__ import main
from cedre_desk.services.cap.assessments import Answer, AssessmentInput, CapAssessmentService
from cedre_desk.services.cap.grids import CapGridService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage.opening import open_register

from ..exports.pdf_checks import pdf_text


@pytest.fixture
def register(register_path: Path) -> Path:
    """EMS ran Le Cap in 2025 and in 2026."""
    db = create_register(register_path)
    company = CompanyService(db).create(CompanyInput(name="EMS", town="Montauban"))
    service = CapAssessmentService(db)
    for held_on, level in ((date(2025, 2, 3), 0), (date(2026, 2, 3), 2)):
        assessment = service.create(AssessmentInput(held_on, company_id=company),
                                    today=date(2026, 11, 22))
        service.save_answers(assessment, [Answer("1.1.1", level, f"niveau {level}")])
    db.close()
    return register_path


def test_cap_report_writes_the_latest_assessment(register, tmp_path, capsys):
    target = tmp_path / "cap.pdf"
    assert main(["cap", "report", "--db", str(register), "--company", "EMS", "-o",
                 str(target), "--today", "2026-11-22"]) == 0
    assert "Rapport Le Cap écrit" in capsys.readouterr().out
    shown = pdf_text(target)
    assert "03/02/2026" in shown and "niveau 2" in shown


def test_cap_report_of_another_date_as_a_workbook(register, tmp_path):
    target = tmp_path / "cap.xlsx"
    assert main(["cap", "report", "--db", str(register), "--company", "ems", "--date",
                 "03/02/2025", "-o", str(target)]) == 0
    assert load_workbook(target)["Réponses"]["J2"].value == "niveau 0"


def test_cap_report_without_an_assessment_that_day_is_refused(register, tmp_path, capsys):
    assert main(["cap", "report", "--db", str(register), "--company", "EMS", "--date",
                 "2024-01-01", "-o", str(tmp_path / "cap.pdf"), "--lang", "en"]) == 1
    assert "“EMS” has no Le Cap assessment on 2024-01-01" in capsys.readouterr().err
    assert not (tmp_path / "cap.pdf").exists()


def test_cap_grid_export_then_import_as_a_new_version(register, tmp_path, capsys):
    sheet = tmp_path / "grille.xlsx"
    assert main(["cap", "grid", "--db", str(register), "--export", str(sheet)]) == 0
    assert main(["cap", "grid", "--db", str(register), "--import", str(sheet), "--label",
                 "fédération 2027"]) == 0
    assert "Grille « fédération 2027 » chargée : 22 indicateurs" in capsys.readouterr().out
    db = open_register(register)
    try:
        assert CapGridService(db).current()[1].label == "fédération 2027"
    finally:
        db.close()


def test_cap_grid_import_with_bad_rows_lists_them_and_writes_nothing(register, tmp_path,
                                                                      capsys):
    sheet = tmp_path / "grille.xlsx"
    main(["cap", "grid", "--db", str(register), "--export", str(sheet)])
    book = load_workbook(sheet)
    book["Grille"]["C3"] = book["Grille"]["C2"].value  # a duplicate code
    book.save(sheet)
    assert main(["cap", "grid", "--db", str(register), "--import", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "ligne 3 : Code « 1.1.1 » en double" in err and "rien n'a été écrit" in err
    db = open_register(register)
    try:
        assert [v[1] for v in CapGridService(db).versions()] == ["provisoire-2026-1"]
    finally:
        db.close()


def test_a_grid_with_many_bad_rows_prints_50_then_a_count_and_the_file(register, tmp_path,
                                                                        capsys):
    sheet = tmp_path / "grille.xlsx"
    main(["cap", "grid", "--db", str(register), "--export", str(sheet)])
    book = load_workbook(sheet)
    grid = book["Grille"]
    for row in range(grid.max_row + 1, grid.max_row + 81):  # 80 rows with a code alone
        grid.cell(row=row, column=3, value=f"9.9.{row}")
    book.save(sheet)
    assert main(["cap", "grid", "--db", str(register), "--import", str(sheet)]) == 1
    err = capsys.readouterr().err.splitlines()
    more = next(line for line in err if line.startswith("… et "))
    assert err.index(more) == 50 and "autres erreurs : liste complète dans " in more
    listed = Path(more.split(" dans ")[1]).read_text(encoding="utf-8")
    assert listed.count("ligne ") > 80  # every problem of every row
