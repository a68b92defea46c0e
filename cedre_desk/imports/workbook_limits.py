"""The budget of reading a workbook to import: what any register can hold, and no more.

A hostile .xlsx of a few kilobytes can unfold into gigabytes: one 512 MB string, cells far to
the right of every row (each row then padded to 16,384 columns), rows numbered in the
billions, or merged ranges covering whole sheets. Each is refused here before it costs
memory or time, with a message that says what was too large:

- each part of the file (its XML) is at most `MAX_PART_BYTES` once unzipped, and all of them
  `MAX_TOTAL_BYTES`; a text run (a cell's text) is at most `MAX_TEXT_BYTES`, Excel's own
  limit being 32,767 characters per cell. These are checked by streaming the parts, before
  openpyxl builds anything;
- a workbook holds at most `cell_limit(file size)` cells: `CELLS_FREE` and then one cell per
  `BYTES_PER_CELL` bytes of the file (our own export takes about 5 bytes a cell, a hostile
  file of repeated cells a fraction of a byte); a sheet has at most `MAX_COLUMNS` columns and
  rows numbered at most `MAX_ROWS` (Excel's own limit);
- the empty cells padded into rows and filled by merged ranges cost at most
  `PADDING_PER_CELL` times the real cells, plus `PADDING_FREE`.

With these bounds a workbook of up to 10 MB reads within 30 s and 500 MB
(tests/imports/test_workbook_hostile.py builds each hostile file).
"""

from __future__ import annotations

import zipfile

from cedre_desk.errors import UserError

MAX_PART_BYTES = 1 << 30
MAX_TOTAL_BYTES = 2 << 30
MAX_TEXT_BYTES = 256 * 1024  # 32,767 characters, each up to 6 bytes written as an entity
CELLS_FREE = 1_000_000
BYTES_PER_CELL = 2
MAX_COLUMNS = 1000
MAX_ROWS = 1_048_576
PADDING_PER_CELL = 8
PADDING_FREE = 2_000_000
_CHUNK = 1 << 20


def _too_large(name: str, fr: str, en: str) -> UserError:
    return UserError(
        f"Le classeur « {name} » est refusé : {fr} Aucun registre n'en contient autant ; "
        "vérifiez le fichier ou découpez-le.",
        f"The workbook “{name}” is refused: {en} No register holds that much; check the "
        "file or split it.", field="path")


def check_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook whose parts unzip too large or hold a text longer than a cell can."""
    total = 0
    for info in archive.infolist():
        if info.file_size > MAX_PART_BYTES:
            raise _too_large(name, f"la partie {info.filename[:80]} fait "
                             f"{info.file_size // 2**20} Mo une fois décompressée.",
                             f"its part {info.filename[:80]} is {info.file_size // 2**20} MB "
                             "once unzipped.")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _too_large(name, f"il fait {total // 2**20} Mo une fois décompressé.",
                         f"it is {total // 2**20} MB once unzipped.")
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _check_text_runs(archive, info, name)


def _check_text_runs(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """The longest run of bytes without a tag: a cell's text, or whitespace between tags."""
    run = 0
    with archive.open(info) as source:
        while chunk := source.read(_CHUNK):
            pieces = chunk.split(b"<")
            if len(pieces) == 1:
                run += len(chunk)
                longest = run
            else:
                longest = max(run + len(pieces[0]), len(pieces[-1]),
                              max(map(len, pieces[1:-1]), default=0))
                run = len(pieces[-1])
            if longest > MAX_TEXT_BYTES:
                raise _too_large(name, "une cellule contient un texte de plus de 32 767 "
                                 "caractères (la limite d'Excel).",
                                 "a cell holds a text longer than 32,767 characters (Excel's "
                                 "limit).")


def cell_limit(file_size: int) -> int:
    return CELLS_FREE + file_size // BYTES_PER_CELL


class CellBudget:
    """Counts a workbook's cells as they are read and refuses it once over budget."""

    def __init__(self, book: str, max_cells: int) -> None:
        self.book, self.max_cells = book, max_cells
        self.sheet = ""  # the sheet being read, for the message
        self.cells = 0
        self.padding = 0

    def row(self, number: int, cells: int, width: int) -> None:
        if number > MAX_ROWS:
            raise self._refuse(f"une ligne numérotée {number}, au-delà de la limite d'Excel "
                               f"({MAX_ROWS}).", f"a row numbered {number}, beyond Excel's "
                               f"limit ({MAX_ROWS}).")
        self.cells += cells
        if self.cells > self.max_cells:
            raise _too_large(self.book, f"plus de {self.max_cells:,} cellules remplies pour "
                             "un fichier de cette taille.".replace(",", " "),
                             f"more than {self.max_cells:,} filled cells for a file of this "
                             "size.")
        self.pad(width - cells)

    def pad(self, empty: int) -> None:
        self.padding += max(empty, 0)
        if self.padding > PADDING_FREE + PADDING_PER_CELL * self.cells:
            raise self._refuse(
                "ses cellules remplies sont trop dispersées (cellules très éloignées les unes "
                "des autres, ou fusions couvrant la feuille).",
                "its filled cells are too scattered (cells far apart from each other, or "
                "merged ranges covering the sheet).")

    def columns(self, column: int) -> None:
        raise self._refuse(f"une valeur en colonne {column}, au-delà de la colonne "
                           f"{MAX_COLUMNS} qu'un registre n'atteint jamais.",
                           f"a value in column {column}, beyond column {MAX_COLUMNS}, which "
                           "no register reaches.")

    def _refuse(self, fr: str, en: str) -> UserError:
        return _too_large(self.book, f"la feuille « {self.sheet[:60]} » a {fr}",
                          f"sheet “{self.sheet[:60]}” has {en}")
