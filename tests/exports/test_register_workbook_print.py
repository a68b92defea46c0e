"""The Excel register looks and prints like one (issue 11, item 8): styled header, filter
buttons, frozen header, fitted widths, real dates shown dd/mm/yyyy, A4 landscape fitted to
the width with the header repeated on each page. Read back with openpyxl, and printed to PDF
by LibreOffice as a user would (that test is skipped when LibreOffice is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, CompanyState, FindingLevel
from cedre_desk.exports.register_workbook import (
    COMPANY_COLUMNS,
    AuditLine,
    ChangeLine,
    CompanyLine,
    FindingLine,
    RegisterData,
    write_register,
)
from cedre_desk.exports.workbook_model import Column, Sheet, StreamedRows
from cedre_desk.exports.workbook_writer import write_workbook

TODAY = date(2026, 11, 22)
TOWNS = ["Roubaix", "Villefranche-sur-Saône", "Châtellerault", "Thonon-les-Bains", "Brest"]


def _company(number: int) -> CompanyLine:
    town = TOWNS[number % len(TOWNS)]
    return CompanyLine(
        number, f"Déclic {town} {number}", f"{number:014d}", "AI, ETTI",
        "Auvergne-Rhône-Alpes", "69", town, "Claire Martin-Dupont",
        f"contact{number}@insertion-{town.lower()}.fr", "04 78 12 34 56", date(2012, 3, 1),
        True, "", CompanyState.CERTIFIED, None, date(2027, 6, 30), "Suivi par le réseau")


def _register(companies: int) -> RegisterData:
    audit = AuditLine(1, 1, "Déclic", None, "", AuditKind.INTERNAL, "CEDRE V3", "",
                      date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 10), AuditStatus.DONE,
                      1.5, "Anne Leroy", "=Conforme", "", 1, 0, 0, 1, 0)
    finding = FindingLine(1, "Déclic", 1, "CEDRE V3", "1.1", "Pilotage",
                          FindingLevel.MINOR_NC, "Constat", "Action",
                          date(2026, 6, 1), None)
    change = ChangeLine(datetime(2026, 3, 10, 9, 30, 12, 500), "claire", "update", "company",
                        "1", "name", "Déclic", "Déclic Lyon")
    return RegisterData(TODAY, [_company(n) for n in range(1, companies + 1)], [], [], [], [],
                        [], [audit], [finding], [], [], [], [change])


def test_every_sheet_has_a_styled_header_filters_frozen_header_and_a_fitted_page(tmp_path):
    target = tmp_path / "registre.xlsx"
    write_register(target, _register(40))
    workbook = load_workbook(target)
    assert len(workbook.worksheets) == 12
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        (table,) = sheet.tables.values()
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref
        assert sheet.print_title_rows == "$1:$1", sheet.title  # the header on every page
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # every column, pages down
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        for header in sheet[1]:
            assert header.font.b and header.fill.fill_type == "solid", header.coordinate
            assert header.alignment.wrap_text
        assert sheet.row_dimensions[1].height >= 15
    companies = workbook["Structures"]
    widths = [companies.column_dimensions[letter].width for letter in "ABCDEFGHIJKLMNOPQ"]
    assert widths[1] >= max(len(_company(n).name) for n in range(1, 41))  # names whole
    assert widths[0] < 10  # the number column stays narrow
    # Dates are real dates shown in the French form.
    assert companies["K2"].value == datetime(2012, 3, 1)
    assert companies["K2"].number_format == "DD/MM/YYYY"
    assert companies["P2"].number_format == "DD/MM/YYYY"
    history = workbook["Historique"]
    assert history["A2"].value == datetime(2026, 3, 10, 9, 30, 12)
    assert history["A2"].number_format == "DD/MM/YYYY HH:MM"
    # Text that looks like a formula stays text, as before.
    assert workbook["Audits"]["O2"].data_type == "s" and workbook["Audits"]["O2"].quotePrefix


def test_a_long_header_wraps_instead_of_widening_its_column(tmp_path):
    target = tmp_path / "r.xlsx"
    header = "Certificat valable jusqu'au (calculé)"
    write_workbook(target, [Sheet("S", "S", [Column(header, "date", 12)], [(TODAY,)])])
    sheet = load_workbook(target)["S"]
    assert sheet.column_dimensions["A"].width < len(header)
    assert sheet.row_dimensions[1].height >= 3 * 13  # three lines of header


def test_streamed_rows_are_written_and_their_count_is_checked(tmp_path):
    columns = [Column("N", "int")]
    rows = StreamedRows(3, lambda: iter([(1,), (2,), (3,)]))
    write_workbook(tmp_path / "ok.xlsx", [Sheet("S", "S", columns, rows)])
    assert [r for (r,) in load_workbook(tmp_path / "ok.xlsx")["S"].iter_rows(
        min_row=2, values_only=True)] == [1, 2, 3]
    wrong = StreamedRows(4, lambda: iter([(1,), (2,), (3,)]))
    with pytest.raises(RuntimeError, match="3 rows written, 4 announced"):
        write_workbook(tmp_path / "wrong.xlsx", [Sheet("S", "S", columns, wrong)])
    assert not (tmp_path / "wrong.xlsx").exists()


COMPANY_PAGES_AT_MOST = 24  # "a few dozen pages" for the federation's 530 companies


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_530_companies_on_a_few_pages_with_every_column(tmp_path):
    target = tmp_path / "registre.xlsx"
    write_register(target, _register(530))
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    pages = [page.extract_text() or "" for page in PdfReader(tmp_path / "registre.pdf").pages]
    # The companies' pages: those showing a company (the other sheets hold none).
    company_pages = [text for text in pages if re.search(r"Déclic \S+ \d+", text)]
    assert 1 <= len(company_pages) <= COMPANY_PAGES_AT_MOST, len(company_pages)
    first_words = [french.split()[0] for french, *_ in COMPANY_COLUMNS]
    for number, text in enumerate(company_pages, start=1):
        missing = [word for word in first_words if word not in text]
        assert not missing, f"page {number} lacks the columns {missing}: cut across pages"
    assert "Déclic Roubaix 530" in company_pages[-1]
    assert "Suivi par le réseau" in company_pages[-1]  # the last column, on the same page
