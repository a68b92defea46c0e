"""Reading the federation's requirement sheet, on workbooks the tests build themselves."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from cedre_desk.errors import UserError
from cedre_desk.imports.requirement_sheet import (
    EXCEL_CELL_MAX,
    RequirementSheet,
    SheetProblem,
    read_requirement_sheet,
)

ENGLISH = ("chapter", "code", "title", "text")


def _save(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "Exigences") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def _codes(result: RequirementSheet) -> list[str]:
    return [row.code for row in result.rows]


def _problem_rows(result: RequirementSheet) -> list[int]:
    return [p.row_number for p in result.problems]


def test_english_headers_in_the_first_row(tmp_path: Path) -> None:
    path = _save(
        tmp_path / "v3.xlsx",
        [
            ENGLISH,
            ("1 Identity", "1.1", "ESS values", "The company states its values."),
            ("1 Identity", "1.2", "Project", "The project is written down."),
            ("2 Services", "2.1", "To people", "Each person has a route."),
        ],
    )
    result = read_requirement_sheet(path)
    assert result.problems == ()
    assert result.ok
    assert result.sheet == "Exigences"
    assert result.header_row == 1
    assert [(r.chapter, r.code, r.title, r.text, r.row_number) for r in result.rows] == [
        ("1 Identity", "1.1", "ESS values", "The company states its values.", 2),
        ("1 Identity", "1.2", "Project", "The project is written down.", 3),
        ("2 Services", "2.1", "To people", "Each person has a route.", 4),
    ]


def test_french_accented_headers_found_in_row_3(tmp_path: Path) -> None:
    path = _save(
        tmp_path / "v3.xlsx",
        [
            ("Référentiel CEDRE V3 — version du conseil",),
            (),
            ("  CHAPITRE ", "Référence", "Intitulé", "Exigence"),
            ("Identité", "A1", "Valeurs", "La structure affirme ses valeurs."),
        ],
    )
    result = read_requirement_sheet(path)
    assert result.header_row == 3
    assert result.problems == ()
    (row,) = result.rows
    assert (row.chapter, row.code, row.title, row.text, row.row_number) == (
        "Identité",
        "A1",
        "Valeurs",
        "La structure affirme ses valeurs.",
        4,
    )


@pytest.mark.parametrize(
    "headers",
    [
        ("Chapitre", "Code", "Titre", "Texte"),
        ("chapitre", "REFERENCE", "intitule", "LIBELLÉ"),
        ("Chapter ", " Référence :", "Title", "Requirement"),
    ],
    ids=["plain French", "no accents, mixed case", "spaces and colon"],
)
def test_header_variants_are_recognised(tmp_path: Path, headers: tuple[str, ...]) -> None:
    path = _save(tmp_path / "s.xlsx", [headers, ("C1", "X1", "Un titre", "Un texte")])
    result = read_requirement_sheet(path)
    assert result.problems == ()
    assert _codes(result) == ["X1"]
    assert result.rows[0].text == "Un texte"


def test_columns_may_come_in_any_order_and_chapter_is_optional(tmp_path: Path) -> None:
    path = _save(
        tmp_path / "s.xlsx",
        [("Texte", "Notes", "Titre", "Code"), ("Le texte", "ignored", "Le titre", "7")],
    )
    result = read_requirement_sheet(path)
    assert result.problems == ()
    (row,) = result.rows
    assert (row.chapter, row.code, row.title, row.text) == ("", "7", "Le titre", "Le texte")


def test_merged_chapter_cells_are_filled_down(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(ENGLISH))
    sheet.append(["Chapitre 1", "1.1", "T11", "X11"])
    sheet.append([None, "1.2", "T12", "X12"])
    sheet.append([None, "1.3", "T13", "X13"])
    sheet.append(["Chapitre 2", "2.1", "T21", "X21"])
    sheet.append([None, "2.2", "T22", "X22"])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("A5:A6")
    path = tmp_path / "merged.xlsx"
    workbook.save(path)

    result = read_requirement_sheet(path)
    assert result.problems == ()
    assert [(r.chapter, r.code) for r in result.rows] == [
        ("Chapitre 1", "1.1"),
        ("Chapitre 1", "1.2"),
        ("Chapitre 1", "1.3"),
        ("Chapitre 2", "2.1"),
        ("Chapitre 2", "2.2"),
    ]


def test_blank_chapter_cells_are_filled_down_and_heading_rows_set_the_chapter(
    tmp_path: Path,
) -> None:
    path = _save(
        tmp_path / "blank.xlsx",
        [
            ENGLISH,
            ("4 Contexte", None, None, None),  # a heading row: only sets the chapter
            (None, "4.1", "Contexte", "Texte 4.1"),
            ("", "4.2", "Parties intéressées", "Texte 4.2"),
            (),
            ("5 Leadership", "5.1", "Engagement", "Texte 5.1"),
            (None, "5.2", "Politique", "Texte 5.2"),
        ],
    )
    result = read_requirement_sheet(path)
    assert result.problems == ()
    assert [(r.chapter, r.code, r.row_number) for r in result.rows] == [
        ("4 Contexte", "4.1", 3),
        ("4 Contexte", "4.2", 4),
        ("5 Leadership", "5.1", 6),
        ("5 Leadership", "5.2", 7),
    ]


def test_a_duplicate_code_is_reported_with_its_row_and_the_first_is_kept(
    tmp_path: Path,
) -> None:
    path = _save(
        tmp_path / "dup.xlsx",
        [
            ENGLISH,
            ("C", "1.1", "Premier", "Texte un"),
            ("C", "1.2", "Deuxième", "Texte deux"),
            ("C", " 1.1 ", "Doublon", "Texte doublon"),
        ],
    )
    result = read_requirement_sheet(path)
    assert _codes(result) == ["1.1", "1.2"]
    assert result.rows[0].title == "Premier"
    (problem,) = result.problems
    assert problem.row_number == 4
    assert "1.1" in problem.fr and "ligne 2" in problem.fr
    assert "Duplicate code" in problem.en and "row 2" in problem.en


def test_a_missing_code_is_reported_and_the_row_left_out(tmp_path: Path) -> None:
    path = _save(
        tmp_path / "nocode.xlsx",
        [
            ENGLISH,
            ("C", "1.1", "Un", "Texte un"),
            ("C", None, "Sans code", "Texte sans code"),
            ("C", "1.3", "Trois", "Texte trois"),
        ],
    )
    result = read_requirement_sheet(path)
    assert _codes(result) == ["1.1", "1.3"]
    assert result.problems == (SheetProblem(3, "Code manquant.", "Missing code."),)


def test_missing_title_and_text_are_reported(tmp_path: Path) -> None:
    path = _save(
        tmp_path / "holes.xlsx",
        [ENGLISH, ("C", "1.1", None, "Texte"), ("C", "1.2", "Titre", "   ")],
    )
    result = read_requirement_sheet(path)
    assert result.rows == ()
    assert [(p.row_number, p.en) for p in result.problems] == [
        (2, "Title missing."),
        (3, "Requirement text missing."),
    ]
    assert result.problems[0].fr == "Titre manquant."


def test_a_chapter_column_left_blank_from_the_start_is_reported(tmp_path: Path) -> None:
    path = _save(tmp_path / "c.xlsx", [ENGLISH, (None, "1.1", "Titre", "Texte")])
    result = read_requirement_sheet(path)
    assert result.rows == ()
    assert _problem_rows(result) == [2]
    assert "Chapter missing" in result.problems[0].en


def _rewrite_sheet_xml(built: Path, path: Path, old: bytes, new: bytes) -> Path:
    """A copy of `built` whose first sheet's XML has `old` replaced by `new`."""
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            target.writestr(item, data)
    return path


def test_a_text_longer_than_an_excel_cell_is_reported(tmp_path: Path) -> None:
    # openpyxl cuts strings at 32,767 characters when writing: put the long text in by hand.
    built = _save(tmp_path / "built.xlsx", [ENGLISH, ("C", "1.1", "Titre", "LONGTEXT")])
    path = _rewrite_sheet_xml(
        built, tmp_path / "long.xlsx", b"LONGTEXT", b"x" * (EXCEL_CELL_MAX + 1)
    )
    result = read_requirement_sheet(path)
    assert result.rows == ()
    (problem,) = result.problems
    assert problem.row_number == 2
    assert "32,768" in problem.en and "32,767" in problem.en
    assert "trop long" in problem.fr


def test_control_characters_are_stripped_but_tabs_and_newlines_kept(tmp_path: Path) -> None:
    path = _save(
        tmp_path / "ctl.xlsx",
        [
            ENGLISH,
            # "_x0007_" and "_x000D_" are how Excel stores a bell and a carriage return.
            ("C\x7f", "1.1", "Ti\x9ftre", "a_x0007_b\tc_x000D_\nd\r\ne"),
        ],
    )
    (row,) = read_requirement_sheet(path).rows
    assert row.chapter == "C"
    assert row.title == "Titre"
    assert row.text == "ab\tc\nd\ne"


def test_a_whole_number_code_reads_without_decimals(tmp_path: Path) -> None:
    built = _save(tmp_path / "n.xlsx", [ENGLISH, ("C", 7, "Sept", "T"), ("C", 8.25, "Huit", "T")])
    # Some writers store a whole number as "8.0", which reads back as a float.
    path = _rewrite_sheet_xml(built, tmp_path / "n2.xlsx", b"<v>8.25</v>", b"<v>8.0</v>")
    assert _codes(read_requirement_sheet(path)) == ["7", "8"]


def test_a_named_sheet_is_read_and_an_unknown_one_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Sommaire"
    first.append(["Rien ici"])
    second = workbook.create_sheet("Référentiel V3")
    second.append(list(ENGLISH))
    second.append(["C", "1.1", "Titre", "Texte"])
    path = tmp_path / "two.xlsx"
    workbook.save(path)

    assert _codes(read_requirement_sheet(path, "Référentiel V3")) == ["1.1"]
    assert _codes(read_requirement_sheet(path, "  referentiel v3 ")) == ["1.1"]
    with pytest.raises(UserError) as raised:
        read_requirement_sheet(path, "V2")
    assert "Sommaire" in raised.value.fr and "V2" in raised.value.en


def test_a_sheet_without_header_in_its_first_20_rows_is_refused(tmp_path: Path) -> None:
    rows: list[tuple[Any, ...]] = [("filler",)] * 20 + [ENGLISH, ("C", "1", "T", "X")]
    path = _save(tmp_path / "late.xlsx", rows)
    with pytest.raises(UserError) as raised:
        read_requirement_sheet(path)
    assert "en-tête" in raised.value.fr
    assert "header" in raised.value.en


def test_a_header_without_text_column_names_what_is_missing(tmp_path: Path) -> None:
    path = _save(tmp_path / "h.xlsx", [("Chapitre", "Code", "Titre"), ("C", "1", "T")])
    with pytest.raises(UserError) as raised:
        read_requirement_sheet(path)
    assert "introuvables : Texte" in raised.value.fr
    assert "not found: Text" in raised.value.en


def test_a_sheet_with_only_a_header_reports_it(tmp_path: Path) -> None:
    result = read_requirement_sheet(_save(tmp_path / "e.xlsx", [ENGLISH]))
    assert result.rows == ()
    assert _problem_rows(result) == [1]


# -- files that are not readable .xlsx ------------------------------------------------------


def _refused(path: Path) -> UserError:
    with pytest.raises(UserError) as raised:
        read_requirement_sheet(path)
    error = raised.value
    assert error.fr and error.en and error.fr != error.en
    assert path.name in error.fr and path.name in error.en
    return error


def test_a_csv_renamed_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_text("chapter;code;title;text\nC;1.1;Titre;Texte\n", encoding="utf-8")
    error = _refused(path)
    assert "CSV" in error.fr and "CSV" in error.en


def test_an_old_xls_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ancien.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    error = _refused(path)
    assert ".xls" in error.fr and "97-2003" in error.en


def test_a_password_protected_workbook_is_refused(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE2 container holding an "EncryptionInfo" stream.
    path = tmp_path / "protege.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 1000
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 100
    )
    error = _refused(path)
    assert "mot de passe" in error.fr and "password" in error.en


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "pas un classeur")
    error = _refused(path)
    assert "autre type de document" in error.fr and "another kind of document" in error.en


def test_a_binary_xlsb_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "binaire.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x00\x01")
    error = _refused(path)
    assert ".xlsb" in error.fr and ".xlsb" in error.en


def test_a_workbook_with_a_damaged_part_is_refused(tmp_path: Path) -> None:
    built = _save(tmp_path / "built.xlsx", [ENGLISH, ("C", "1", "T", "X")])
    path = _rewrite_sheet_xml(built, tmp_path / "abime.xlsx", b"</sheetData>", b"<sheetData")
    error = _refused(path)
    assert "endommagé" in error.fr and "damaged" in error.en


def test_a_truncated_workbook_is_refused(tmp_path: Path) -> None:
    whole = _save(tmp_path / "whole.xlsx", [ENGLISH, ("C", "1", "T", "X")]).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    error = _refused(path)
    assert "endommagé" in error.fr and "damaged" in error.en


def test_an_empty_or_missing_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "vide.xlsx"
    empty.write_bytes(b"")
    _refused(empty)
    missing = _refused(tmp_path / "absent.xlsx")
    assert "introuvable" in missing.fr and "not found" in missing.en
