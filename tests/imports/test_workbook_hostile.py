"""Hostile workbooks cost what their real cells cost: each is built here, small on disk, and
is read quickly or refused with a message saying what was too large (workbook_limits)."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from cedre_desk.errors import UserError
from cedre_desk.imports import workbook_limits
from cedre_desk.imports.workbook_source import read_raw_workbook

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _workbook(tmp_path: Path, sheet_data: str, *, after: str = "",
              shared: str | None = None) -> Path:
    """An .xlsx made by openpyxl whose first sheet (and shared strings) are replaced."""
    book = Workbook()
    book.active["A1"] = "Structure"
    base = io.BytesIO()
    book.save(base)
    path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(base) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (f'<worksheet xmlns="{_NS}"><sheetData>{sheet_data}</sheetData>{after}'
                        "</worksheet>").encode()
            elif info.filename == "xl/_rels/workbook.xml.rels" and shared is not None:
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdStrings" Type="{_REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/></Relationships>').encode())
            elif info.filename == "[Content_Types].xml" and shared is not None:
                data = data.replace(b"</Types>", (
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>"))
            target.writestr(info.filename, data)
        if shared is not None:
            target.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_NS}" count="1" '
                            f'uniqueCount="1"><si><t>{shared}</t></si></sst>')
    return path


def _text(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _refusal(path: Path) -> str:
    start = time.perf_counter()
    with pytest.raises(UserError) as refused:
        read_raw_workbook(path)
    assert time.perf_counter() - start < 5
    return refused.value.fr


def test_merged_ranges_over_whole_rows_cost_the_real_cells(tmp_path):
    """100 ranges reaching column XFD over 100 rows: widened row by row to 16,384 columns
    they took minutes; now the cells the sheet holds are filled, in well under a second."""
    rows = "".join(f'<row r="{n}">{_text(f"A{n}", f"S{n}")}{_text(f"B{n}", "x")}</row>'
                   for n in range(1, 101))
    merges = "".join(f'<mergeCell ref="A{n}:XFD100"/>' for n in range(1, 101))
    path = _workbook(tmp_path, rows, after=f'<mergeCells count="100">{merges}</mergeCells>')
    assert path.stat().st_size < 20_000
    start = time.perf_counter()
    raw = read_raw_workbook(path)
    assert time.perf_counter() - start < 2
    sheet = raw.sheets[0]
    assert sheet.merged == 100
    assert max(len(row) for row in sheet.rows) == 2  # never wider than the sheet's cells
    assert sheet.rows[99] == ("S100", "x")


def test_one_huge_string_is_refused_before_it_is_read(tmp_path):
    text = "a" * (workbook_limits.MAX_TEXT_BYTES + 10)
    assert read_raw_workbook(_workbook(tmp_path, '<row r="1"><c r="A1" t="s"><v>0</v></c>'
                                       "</row>", shared="a" * 100)).sheets[0].rows == [
        ("a" * 100,)]  # the file is read as a workbook: only its string's length is refused
    path = _workbook(tmp_path, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=text)
    assert "32 767 caractères" in _refusal(path)


def test_a_huge_inline_string_is_refused_too(tmp_path):
    path = _workbook(tmp_path, f'<row r="1">{_text("A1", "b" * 3_000_000)}</row>')
    assert path.stat().st_size < 50_000
    assert "32 767 caractères" in _refusal(path)


def test_a_value_beyond_the_last_column_a_register_uses_is_refused(tmp_path):
    rows = "".join(f'<row r="{n}">{_text(f"A{n}", "x")}<c r="XFD{n}"><v>1</v></c></row>'
                   for n in range(1, 2001))
    path = _workbook(tmp_path, rows)
    assert path.stat().st_size < 100_000
    assert "au-delà de la colonne 1000" in _refusal(path)


def test_cells_far_apart_are_refused_before_they_are_padded(tmp_path):
    """Each row's last cell in column 999: 3,000 rows would pad out 3 million empty cells."""
    rows = "".join(f'<row r="{n}">{_text(f"A{n}", "x")}<c r="ALK{n}"><v>1</v></c></row>'
                   for n in range(1, 3001))
    assert "trop dispersées" in _refusal(_workbook(tmp_path, rows))


def test_a_row_numbered_beyond_excel_is_refused(tmp_path):
    rows = f'<row r="1">{_text("A1", "x")}</row><row r="999999999">{_text("A999999999", "y")}'\
           "</row>"
    assert "limite d'Excel" in _refusal(_workbook(tmp_path, rows))


def test_a_sparse_sheet_within_the_budget_reads_as_before(tmp_path):
    rows = (f'<row r="1">{_text("A1", "Structure")}{_text("C1", "Ville")}</row>'
            f'<row r="4">{_text("C4", "Paris")}</row>')
    sheet = read_raw_workbook(_workbook(tmp_path, rows)).sheets[0]
    assert sheet.rows == [("Structure", None, "Ville"), (), (), (None, None, "Paris")]


def test_more_cells_than_the_file_size_allows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_limits, "CELLS_FREE", 1000)
    rows = "<row><c><v>1</v></c><c><v>2</v></c></row>" * 20_000  # cells need no address
    path = _workbook(tmp_path, rows)
    assert workbook_limits.cell_limit(path.stat().st_size) < 40_000
    assert "cellules remplies pour un fichier de cette taille" in _refusal(path)
