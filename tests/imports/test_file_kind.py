"""A file that is no workbook is refused saying what it is, by every reader of workbooks: the
import, the federation's requirement sheets and Le Cap grids (one detection, file_kind)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from cedre_desk.__main__ import main
from cedre_desk.errors import UserError
from cedre_desk.imports.cap_grid import load_shipped_grid
from cedre_desk.imports.cap_grid_sheet import read_cap_grid_sheet
from cedre_desk.imports.file_kind import EMPTY, FOLDER, PDF, TEXT, UNREADABLE, file_kind
from cedre_desk.imports.requirement_sheet import read_requirement_sheet
from cedre_desk.services.register import create_register


def _random(path: Path) -> None:
    path.write_bytes(random.Random(15).randbytes(3000))


def _pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                     + random.Random(2).randbytes(2000))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _folder(path: Path) -> None:
    path.mkdir()


# (make the file, its kind, what the French message says, what the English one says)
CASES = {
    "random bytes": (_random, UNREADABLE, "contenu illisible : ni un classeur .xlsx ni un CSV",
                     "neither an .xlsx workbook nor a CSV"),
    "pdf": (_pdf, PDF, "ce fichier est un PDF, pas un classeur Excel", "this file is a PDF"),
    "empty": (_empty, EMPTY, "fichier vide", "empty file"),
    "folder": (_folder, FOLDER, "est un dossier, pas un classeur", "is a folder"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_kind_of_a_file_that_is_no_workbook(tmp_path: Path, case: str):
    make, kind, _, _ = CASES[case]
    path = tmp_path / "classeur.xlsx"
    make(path)
    assert file_kind(path) == kind


@pytest.mark.parametrize("text", [
    b"Nom;SIRET;Ville\nISIS;;Istres\n",
    "\ufeffNom;Ville\nÉtoile;Besançon\n".encode(),
    "Nom;Ville\nÉtoile;Besançon\r\n".encode("cp1252"),
    ("é" * 3000).encode()[:4095],  # a character cut by the end of what is read
])
def test_a_csv_is_text(tmp_path: Path, text: bytes):
    path = tmp_path / "classeur.xlsx"
    path.write_bytes(text)
    assert file_kind(path) == TEXT


def _requirement_sheet(path: Path) -> None:
    read_requirement_sheet(path)


def _cap_grid(path: Path) -> None:
    shipped = load_shipped_grid()
    read_cap_grid_sheet(path, label="Grille 2027", title="Le Cap", shipped=shipped)


READERS: dict[str, Callable[[Path], None]] = {
    "requirement sheet": _requirement_sheet, "Le Cap grid": _cap_grid}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", CASES)
def test_the_sheet_readers_say_what_the_file_is(tmp_path: Path, case: str, reader: str):
    make, _, fr, en = CASES[case]
    path = tmp_path / "classeur.xlsx"
    make(path)
    with pytest.raises(UserError) as caught:
        READERS[reader](path)
    assert fr in caught.value.fr and en in caught.value.en
    assert "CSV ?" not in caught.value.fr  # what random bytes and PDFs were called


@pytest.mark.sqlite_only
@pytest.mark.parametrize("case", CASES)
def test_the_import_says_what_the_file_is(register_path: Path, tmp_path: Path, case: str,
                                          capsys):
    make, _, fr, en = CASES[case]
    create_register(register_path).close()
    path = tmp_path / "classeur.xlsx"
    make(path)
    assert main(["import", "--db", str(register_path), str(path)]) == 1
    assert fr in capsys.readouterr().err
    assert main(["import", "--db", str(register_path), "--lang", "en", str(path)]) == 1
    assert en in capsys.readouterr().err
