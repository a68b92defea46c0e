"""The workbook writer: text never becomes a formula, nothing is lost silently, every sheet is
an Excel table with a frozen header, and a failed export leaves the old file alone."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cedre_desk.errors import UserError
from cedre_desk.exports.files import Cancelled
from cedre_desk.exports.workbook_model import EXCEL_CELL_MAX, Column, CutText, Sheet
from cedre_desk.exports.workbook_writer import write_workbook
from cedre_desk.imports.workbook_values import as_text

RISKY = ["=1+1", "=HYPERLINK(\"http://x\";\"clic\")", "+33 1 23 45 67 89", "-x", "@SUM(A1)",
         "#N/A", "\tindent", "\rreturn", "#DIV/0!"]


def _sheet(rows, columns=None, title="Structures"):
    columns = columns or [Column("Nom"), Column("Date", "date"), Column("N", "int")]
    return Sheet(title, title.replace(" ", ""), columns, rows)


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    target = tmp_path / "r.xlsx"
    write_workbook(target, [_sheet([(text, None, 1) for text in RISKY])])
    sheet = load_workbook(target)["Structures"]
    for row, text in enumerate(RISKY, start=2):
        cell = sheet.cell(row, 1)
        assert cell.data_type == "s", text
        assert as_text(cell.value) == text.strip() or cell.value.replace("_x000D_", "\r") == text
        assert cell.quotePrefix, f"{text!r} must be quoted, as if typed after an apostrophe"
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere


def test_plain_text_is_written_as_it_is(tmp_path):
    target = tmp_path / "r.xlsx"
    write_workbook(target, [_sheet([("Équipe « œuvre » d’insertion", date(2015, 11, 20), 3)])])
    cell = load_workbook(target)["Structures"]["A2"]
    assert cell.value == "Équipe « œuvre » d’insertion"
    assert not cell.quotePrefix


def test_control_characters_are_kept_as_excel_escapes(tmp_path):
    target = tmp_path / "r.xlsx"
    report = write_workbook(target, [_sheet([("a\x01b\x1fc", None, 1),
                                            ("literal _x0041_ stays", None, 2)])])
    sheet = load_workbook(target)["Structures"]
    assert sheet["A2"].value == "a_x0001_b_x001F_c"
    # The importer decodes the escapes, then drops the control characters, as typing does.
    assert as_text(sheet["A2"].value) == "abc"
    assert sheet["A3"].value == "literal _x005F_x0041_ stays"
    assert report.escaped == 2


def test_an_overlong_text_is_cut_with_a_marker_and_reported(tmp_path):
    target = tmp_path / "r.xlsx"
    long_text = "é" * 40_000
    report = write_workbook(target, [_sheet([("court", None, 1), (long_text, None, 2)])])
    value = load_workbook(target)["Structures"]["A3"].value
    assert len(value) == EXCEL_CELL_MAX
    assert value.startswith("é" * 1000)
    assert "40000" in value and "tronqué" in value and "cut" in value
    assert report.cut == (CutText("Structures", 3, "Nom", 40_000),)


def test_each_sheet_is_a_table_with_frozen_header_filters_widths_and_french_dates(tmp_path):
    target = tmp_path / "r.xlsx"
    rows = [("GDID", date(2015, 11, 20), 1), ("AGIRE 76", datetime(2016, 1, 2, 9, 30), 2)]
    report = write_workbook(target, [_sheet(rows), _sheet([], [Column("A"), Column("B")],
                                                          title="Vide")])
    assert report.rows == {"Structures": 2, "Vide": 0}
    workbook = load_workbook(target)
    sheet = workbook["Structures"]
    assert sheet.freeze_panes == "A2"
    table = sheet.tables["Structures"]
    assert table.ref == "A1:C3"
    assert [c.name for c in table.tableColumns] == ["Nom", "Date", "N"]
    assert table.autoFilter is not None or table.ref  # tables carry their own filter buttons
    assert sheet.column_dimensions["A"].width >= len("Nom") + 3
    assert sheet["B2"].value == datetime(2015, 11, 20)
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["B3"].value == datetime(2016, 1, 2)
    empty = workbook["Vide"]
    assert empty.tables["Vide"].ref == "A1:B2"  # a table needs a data row, even blank
    with zipfile.ZipFile(target) as archive:
        top = archive.read("xl/worksheets/sheet1.xml")[:600].decode()
    assert '<dimension ref="A1:C3"' in top  # readers need not scan the sheet for its size


def test_a_cancelled_export_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "registre.xlsx"
    target.write_bytes(b"the previous export")

    def cancel(done, total):
        raise Cancelled

    with pytest.raises(Cancelled):
        write_workbook(target, [_sheet([("x", None, i) for i in range(6000)])],
                       progress=cancel)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["registre.xlsx"]


def test_a_missing_folder_is_refused_in_both_languages(tmp_path):
    with pytest.raises(UserError) as refused:
        write_workbook(tmp_path / "absent" / "r.xlsx", [_sheet([])])
    assert "n'existe pas" in refused.value.fr and "does not exist" in refused.value.en


def test_progress_reaches_the_total(tmp_path):
    seen = []
    write_workbook(tmp_path / "r.xlsx", [_sheet([("x", None, i) for i in range(12_000)])],
                   progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (12_000, 12_000)
    assert len(seen) >= 3


def test_the_workbook_says_who_wrote_it(tmp_path):
    target = tmp_path / "r.xlsx"
    write_workbook(target, [_sheet([])], title="Registre CEDRE")
    properties = load_workbook(Path(target)).properties
    assert properties.creator == "cedre-desk"
    assert properties.title == "Registre CEDRE"


def test_every_sheet_prints_landscape_as_wide_as_the_page_with_its_header(tmp_path):
    """DESIGN.md: registers are made to be printed, fitted to width with the header repeated
    (the yearly figures' breakdowns printed one column per page before)."""
    target = tmp_path / "r.xlsx"
    write_workbook(target, [_sheet([("GDID", date(2015, 6, 11), 1)]),
                            _sheet([], title="Audits")])
    for sheet in load_workbook(target).worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"


def _read_back(value, kind):
    """What a cell holding `value` in a column of `kind` reads back as, by the writer's rules:
    (value, type, number format, quote prefix)."""
    if value is None or value == "":
        return None, "n", "General", False
    if isinstance(value, str):
        quoted = value[0] in "=+-@\t\r" or value in ("#N/A", "#DIV/0!", "#REF!")
        return value, "s", "General", quoted
    if isinstance(value, date) and kind == "datetime" and isinstance(value, datetime):
        return value.replace(microsecond=0), "d", "DD/MM/YYYY HH:MM", False
    if isinstance(value, date) and kind in ("date", "datetime"):
        day = value.date() if isinstance(value, datetime) else value
        return datetime(day.year, day.month, day.day), "d", "DD/MM/YYYY", False
    if isinstance(value, datetime):  # left to openpyxl in a column not meant for dates
        return value, "d", "yyyy-mm-dd h:mm:ss", False
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), "d", "yyyy-mm-dd", False
    return value, "n", "General", False


def test_every_kind_of_value_in_every_kind_of_column_reads_back_as_the_rules_say(tmp_path):
    """The writer's quick paths (no call per plain value, dates as serial numbers with a style
    made once) give each cell what the rules give it, whatever the column says it holds."""
    values = [None, "", "plain", "Équipe « œuvre »", "=1+1", "+33 1 23", "-x", "@SUM(A1)",
              "#N/A", "#1 priorité", "ligne\nsuivante", "\xa0insécable", "tab\tinside", 7,
              2.5, date(2015, 11, 20), date(1900, 2, 10), datetime(2016, 1, 2, 9, 30, 15, 500000),
              datetime(2026, 11, 22)]
    kinds = ["text", "int", "number", "date", "datetime"]
    columns = [Column(kind.capitalize(), kind) for kind in kinds]
    rows = [tuple(values[(start + offset) % len(values)] for offset in range(len(kinds)))
            for start in range(len(values))]
    target = tmp_path / "r.xlsx"
    write_workbook(target, [Sheet("Valeurs", "Valeurs", columns, rows)])
    sheet = load_workbook(target)["Valeurs"]
    for number, row in enumerate(rows, start=2):
        for position, (value, kind) in enumerate(zip(row, kinds, strict=True), start=1):
            cell = sheet.cell(number, position)
            found = (cell.value, cell.data_type, cell.number_format, bool(cell.quotePrefix))
            assert found == _read_back(value, kind), (cell.coordinate, value, kind)
