"""What became of every sheet, column and row of a workbook, so that nothing is left out in
silence: the import summary and the dry run are written from these accounts.

A column is read as a field, or left out with the reason and, when a field would place it,
the `--map "Header=field"` that does. A row is read (and what it gave), empty, above the
header (a title block), or refused (its reason is among the workbook's problems).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Reasons a column is left out: (French, English).
NOT_RECOGNISED = ("en-tête non reconnu", "header not recognised")
LEFT_OUT_BY_MAP = ("laissée de côté par la correspondance (--map)",
                   "left out by the mapping (--map)")
COMPUTED = ("calculée par le programme, jamais importée", "computed by the program, never "
            "imported")
NOT_READ_HERE = ("pas lue dans une feuille de ce genre", "not read in a sheet of this kind")
NO_AUDIT_HERE = ("aucun audit sur cette feuille : ni date ni type d'audit",
                 "no audit on this sheet: no audit date nor kind")
FROM_COMPANIES_SHEET = ("les structures viennent de la feuille des structures",
                        "companies come from the companies sheet")


@dataclass(frozen=True)
class ColumnAccount:
    letter: str  # "A", "B"... as Excel names the column
    header: str
    field: str | None  # the field read; None when the column is left out
    why: tuple[str, str] = ("", "")  # why it is left out (French, English)
    suggestion: str | None = None  # the field a --map would give it

    @property
    def read(self) -> bool:
        return self.field is not None

    def map_option(self) -> str:
        """The option that places this column (FIELD when no field is guessed)."""
        header = self.header.replace('"', '\\"')
        return f'--map "{header}={self.suggestion or "FIELD"}"'


@dataclass
class SheetAccount:
    sheet: str
    kind: str  # what the rows hold; "" when the sheet is left out whole
    because: tuple[str, ...] = ()  # the column fields that decided the kind
    makes_companies: bool = False
    header_row: int = 0
    left_out: tuple[str, str] = ("", "")  # why the whole sheet is left out
    rows_above: list[int] = field(default_factory=list)  # non-empty rows above the header
    first_row: int = 0
    last_row: int = 0
    empty_rows: int = 0
    total_rows: list[int] = field(default_factory=list)  # "Total", 4: left out, said
    read_rows: int = 0
    refused_rows: set[int] = field(default_factory=set)  # rows refused while reading
    records: Counter[str] = field(default_factory=Counter)  # records this sheet gave, by list
    columns: list[ColumnAccount] = field(default_factory=list)
    hidden: bool = False  # hidden in Excel: read by its columns all the same

    @property
    def ignored(self) -> list[ColumnAccount]:
        return [c for c in self.columns if not c.read]


def column_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
