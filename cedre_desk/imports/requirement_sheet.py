"""Read a referential version's requirements from the federation's Excel sheet (.xlsx).

The sheet has a header row, somewhere in its first 20 rows, naming the columns chapter, code,
title and text, in English or French ("Chapitre", "Code"/"Référence", "Titre"/"Intitulé",
"Texte"/"Exigence"/"Libellé"), whatever their accents, case and surrounding spaces. The chapter
column is optional; its cells may be merged or left blank under a chapter's first row: the
chapter is filled down.

Every row below the header becomes either a `SheetRequirement` or one or more `SheetProblem`s
(in French and English, with the row number): a row with a problem is left out of `rows`, so
`rows` only holds what can be imported as it is. Of two rows with the same code, the first is
kept and the second reported. A file that is not a readable .xlsx raises `UserError`.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cedre_desk.errors import UserError, shown
from cedre_desk.imports.file_kind import refuse_non_xlsx

HEADER_SEARCH_ROWS = 20
EXCEL_CELL_MAX = 32_767

# Normalised header (no accents, lower case, single spaces) -> field.
_HEADERS: dict[str, str] = {
    "chapter": "chapter",
    "chapitre": "chapter",
    "code": "code",
    "reference": "code",
    "ref": "code",
    "title": "title",
    "titre": "title",
    "intitule": "title",
    "text": "text",
    "texte": "text",
    "exigence": "text",
    "libelle": "text",
    "requirement": "text",
}
_REQUIRED = ("code", "title", "text")
_FIELD_NAMES = {
    "chapter": ("Chapitre", "Chapter"),
    "code": ("Code", "Code"),
    "title": ("Titre", "Title"),
    "text": ("Texte", "Text"),
}
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True)
class SheetRequirement:
    chapter: str
    code: str
    title: str
    text: str
    row_number: int


@dataclass(frozen=True)
class SheetProblem:
    row_number: int
    fr: str
    en: str


@dataclass(frozen=True)
class RequirementSheet:
    sheet: str
    header_row: int
    rows: tuple[SheetRequirement, ...]
    problems: tuple[SheetProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def read_requirement_sheet(path: Path, sheet: str | None = None) -> RequirementSheet:
    """Read the requirements of `sheet` (the first sheet when None) of the workbook at `path`."""
    sheet_name, raw_rows = _read_raw_rows(path, sheet)
    header_row, columns = _find_header(raw_rows, path, sheet_name)
    rows, problems = _read_rows(raw_rows, header_row, columns)
    return RequirementSheet(
        sheet=sheet_name, header_row=header_row, rows=tuple(rows), problems=tuple(problems)
    )


# -- the file -------------------------------------------------------------------------------


def _read_raw_rows(path: Path, sheet: str | None) -> tuple[str, list[tuple[Any, ...]]]:
    """All cell values of the sheet, read with openpyxl; an unreadable file is a UserError."""
    from openpyxl import load_workbook  # here: not a cost of the window's start

    refuse_non_xlsx(path)
    try:
        with path.open("rb") as handle, warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, slicers...): irrelevant
            # to reading values.
            warnings.simplefilter("ignore", UserWarning)
            workbook = load_workbook(handle, read_only=True, data_only=True)
            try:
                worksheet = _pick_sheet(workbook, sheet, path)
                worksheet.reset_dimensions()  # some writers record wrong dimensions
                return worksheet.title, list(worksheet.iter_rows(values_only=True))
            finally:
                workbook.close()
    except UserError:
        raise
    except Exception as exc:  # anything openpyxl raises on a damaged or foreign file
        raise UserError(
            f"Le fichier « {path.name} » n'a pas pu être lu comme un classeur Excel (.xlsx) : "
            "il est peut-être endommagé. Ouvrez-le dans Excel et enregistrez-le de nouveau "
            "au format .xlsx.",
            f"The file “{path.name}” could not be read as an Excel workbook (.xlsx): it may be "
            "damaged. Open it in Excel and save it again as .xlsx.",
            field="path",
        ) from exc


def _pick_sheet(workbook: Any, sheet: str | None, path: Path) -> Any:
    names: list[str] = list(workbook.sheetnames)
    if not names:
        raise UserError(
            f"Le classeur « {path.name} » ne contient aucune feuille.",
            f"The workbook “{path.name}” has no sheet.",
            field="sheet",
        )
    if sheet is None:
        return workbook[names[0]]
    if sheet in names:
        return workbook[sheet]
    wanted = _normalise(sheet)
    for name in names:
        if _normalise(name) == wanted:
            return workbook[name]
    listed = ", ".join(f"« {shown(n)} »" for n in names)
    listed_en = ", ".join(f"“{shown(n)}”" for n in names)
    raise UserError(
        f"Le classeur « {path.name} » n'a pas de feuille « {sheet} ». Feuilles : {listed}.",
        f"The workbook “{path.name}” has no sheet “{sheet}”. Sheets: {listed_en}.",
        field="sheet",
    )


# -- the header -----------------------------------------------------------------------------


def _find_header(
    raw_rows: Sequence[tuple[Any, ...]], path: Path, sheet_name: str
) -> tuple[int, dict[str, int]]:
    """The header's row number and each field's column index, from the first rows."""
    best: dict[str, int] = {}
    for index, values in enumerate(raw_rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for column, value in enumerate(values):
            if isinstance(value, str):
                field = _HEADERS.get(_normalise(value).rstrip(" :."))
                if field is not None and field not in columns:
                    columns[field] = column
        if all(field in columns for field in _REQUIRED):
            return index + 1, columns
        if len(columns) > len(best):
            best = columns
    missing = [f for f in _REQUIRED if f not in best]
    missing_fr = ", ".join(_FIELD_NAMES[f][0] for f in missing)
    missing_en = ", ".join(_FIELD_NAMES[f][1] for f in missing)
    raise UserError(
        f"Feuille « {sheet_name} » de « {path.name} » : aucune ligne d'en-tête trouvée dans les "
        f"{HEADER_SEARCH_ROWS} premières lignes (colonnes attendues : Chapitre, Code ou "
        f"Référence, Titre ou Intitulé, Texte ou Exigence ; introuvables : {missing_fr}).",
        f"Sheet “{sheet_name}” of “{path.name}”: no header row found in the first "
        f"{HEADER_SEARCH_ROWS} rows (expected columns: Chapter, Code, Title, Text; "
        f"not found: {missing_en}).",
        field="sheet",
    )


def _normalise(value: str) -> str:
    """Lower case, accents removed, spaces collapsed: "  Référence " -> "reference"."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


# -- the rows -------------------------------------------------------------------------------


def _read_rows(
    raw_rows: Sequence[tuple[Any, ...]], header_row: int, columns: dict[str, int]
) -> tuple[list[SheetRequirement], list[SheetProblem]]:
    rows: list[SheetRequirement] = []
    problems: list[SheetProblem] = []
    first_row_of_code: dict[str, int] = {}
    chapter = ""

    for index in range(header_row, len(raw_rows)):
        row_number = index + 1
        values = raw_rows[index]
        chapter = _one_line(_cell(values, columns, "chapter")) or chapter  # fill down
        code = _one_line(_cell(values, columns, "code"))
        title = _one_line(_cell(values, columns, "title"))
        text = _multi_line(_cell(values, columns, "text"))
        if not (code or title or text):
            continue  # a blank row, or a chapter heading row that only sets the chapter

        row = SheetRequirement(chapter, code, title, text, row_number)
        found = _check_row(
            row, chapter_expected="chapter" in columns, first_row_of_code=first_row_of_code
        )
        if found:
            problems.extend(SheetProblem(row_number, fr, en) for fr, en in found)
        else:
            rows.append(row)

    if not rows and not problems:
        problems.append(
            SheetProblem(
                header_row,
                "Aucune exigence sous la ligne d'en-tête.",
                "No requirement below the header row.",
            )
        )
    return rows, problems


def _cell(values: tuple[Any, ...], columns: dict[str, int], field: str) -> Any:
    column = columns.get(field)
    return values[column] if column is not None and column < len(values) else None


def _check_row(
    row: SheetRequirement, *, chapter_expected: bool, first_row_of_code: dict[str, int]
) -> list[tuple[str, str]]:
    """The row's problems as (French, English); records its code when it is a new one."""
    found: list[tuple[str, str]] = []
    if chapter_expected and not row.chapter:
        found.append(
            (
                "Chapitre manquant (aucun chapitre plus haut à reporter).",
                "Chapter missing (no chapter above to fill down from).",
            )
        )
    if not row.code:
        found.append(("Code manquant.", "Missing code."))
    elif row.code.casefold() in first_row_of_code:
        first = first_row_of_code[row.code.casefold()]
        found.append(
            (
                f"Code « {shown(row.code)} » en double (déjà à la ligne {first}).",
                f"Duplicate code “{shown(row.code)}” (already on row {first}).",
            )
        )
    else:
        first_row_of_code[row.code.casefold()] = row.row_number
    if not row.title:
        found.append(("Titre manquant.", "Title missing."))
    if not row.text:
        found.append(("Texte de l'exigence manquant.", "Requirement text missing."))
    for field in ("chapter", "code", "title", "text"):
        length = len(getattr(row, field))
        if length > EXCEL_CELL_MAX:
            name_fr, name_en = _FIELD_NAMES[field]
            found.append(
                (
                    f"{name_fr} trop long : {_fr_int(length)} caractères, Excel en accepte "
                    f"{_fr_int(EXCEL_CELL_MAX)} au plus.",
                    f"{name_en} too long: {length:,} characters, Excel allows at most "
                    f"{EXCEL_CELL_MAX:,}.",
                )
            )
    return found


def _fr_int(number: int) -> str:
    """32767 -> "32 767" (narrow no-break space, the French thousands separator)."""
    return f"{number:,}".replace(",", "\u202f")


def _as_text(value: Any) -> str:
    """A cell value as text.

    Whole numbers lose their ".0" (a code typed 4 may read 4.0). Excel writes the characters
    XML cannot hold as "_xHHHH_" (a carriage return is "_x000D_"), and a literal "_x" as
    "_x005F_x"; openpyxl leaves those escapes in, so they are decoded here.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return str(value)


def _strip_controls(text: str) -> str:
    """Control characters (and stray surrogates) removed, except tab and newline.

    Windows line ends become newlines first.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def _one_line(value: Any) -> str:
    return " ".join(_strip_controls(_as_text(value)).split())


def _multi_line(value: Any) -> str:
    lines = _strip_controls(_as_text(value)).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
