"""Read a Le Cap grid from an Excel sheet (.xlsx): the federation's own grid, or one edited.

The grid's sheet (the first, or one named "Grille") has a header row, somewhere in its first
20 rows, naming the columns theme, sub-theme, code, question, one column per level of the
scale ("Niveau 0", "Niveau 1"...), target and suggested action, in French or English, whatever
their accents and case. Theme and sub-theme cells may be merged or left blank under their
first row: they are filled down. Themes and sub-themes take their codes from their order
(1, 2... and 1.1, 1.2...). A sheet named "Échelle" / "Scale" gives the scale (level, label,
English label, score); without it the shipped scale is kept when it has as many levels,
otherwise the scores are spread evenly from 0 to 1.

Every row with a problem is reported (French and English, with its row number) and the grid
is only built when there is none: a grid is all or nothing. An unreadable file raises
`UserError` (the same checks as the requirement sheet).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cedre_desk.audits.cap import CapGrid, CapIndicator, CapLevel, CapSubtheme, CapTheme
from cedre_desk.errors import UserError, shown
from cedre_desk.imports.requirement_sheet import (
    HEADER_SEARCH_ROWS,
    SheetProblem,
    _multi_line,
    _normalise,
    _one_line,
    _read_raw_rows,
)

GRID_SHEETS = ("grille", "grid")
SCALE_SHEETS = ("echelle", "scale")
_HEADERS = {
    "theme": "theme", "sous-theme": "subtheme", "sous theme": "subtheme",
    "subtheme": "subtheme", "sub-theme": "subtheme", "code": "code", "reference": "code",
    "indicateur": "code", "indicator": "code", "question": "question", "cible": "target",
    "target": "target", "objectif": "target", "action suggeree": "action",
    "action": "action", "suggested action": "action",
}
_LEVEL_HEADER = re.compile(r"^(?:niveau|level)\s*(\d+)$")
_REQUIRED = ("theme", "subtheme", "code", "question", "target", "action")


@dataclass(frozen=True)
class GridSheet:
    grid: CapGrid | None  # None when a problem was found
    problems: tuple[SheetProblem, ...]


def read_cap_grid_sheet(path: Path, *, label: str, title: str, shipped: CapGrid) -> GridSheet:
    """The grid of the workbook at `path`, named `label`; `shipped` lends its scale and the
    English titles of the themes and sub-themes it shares (matched on the French title)."""
    sheet_name, rows = _read_raw_rows(path, _pick(path, GRID_SHEETS))
    header_row, columns, levels = _header(rows, path, sheet_name)
    scale, problems = _scale(path, shipped, len(levels))
    english = {_normalise(t.title): t.title_en for t in shipped.themes}
    english |= {_normalise(s.title): s.title_en for t in shipped.themes for s in t.subthemes}
    themes: dict[str, dict[str, list[CapIndicator]]] = {}
    theme = subtheme = ""
    seen: dict[str, int] = {}
    for index in range(header_row, len(rows)):
        number, values = index + 1, rows[index]
        cell = lambda field: values[columns[field]] if columns[field] < len(values) else None  # noqa: E731,B023
        theme = _one_line(cell("theme")) or theme
        subtheme = _one_line(cell("subtheme")) or subtheme
        code, question = _one_line(cell("code")), _multi_line(cell("question"))
        meanings = tuple(_multi_line(values[c] if c < len(values) else None) for c in levels)
        action = _multi_line(cell("action"))
        if not (code or question or any(meanings) or action):
            continue
        found = _check(number, theme, subtheme, code, question, meanings, seen)
        target = _target(cell("target"), scale)
        if target is None:
            found.append(SheetProblem(number, "Cible absente ou hors de l'échelle.",
                                      "Target missing or off the scale."))
        if not action:
            found.append(SheetProblem(number, "Action suggérée manquante.",
                                      "Suggested action missing."))
        if found:
            problems.extend(found)
            continue
        assert target is not None
        themes.setdefault(theme, {}).setdefault(subtheme, []).append(
            CapIndicator(code, question, meanings, target, action))
    if not themes and not problems:
        problems.append(SheetProblem(header_row, "Aucun indicateur sous la ligne d'en-tête.",
                                     "No indicator below the header row."))
    if problems:
        return GridSheet(None, tuple(problems))
    built = tuple(
        CapTheme(str(t), name, english.get(_normalise(name), name), tuple(
            CapSubtheme(f"{t}.{s}", sub, english.get(_normalise(sub), sub), tuple(indicators))
            for s, (sub, indicators) in enumerate(subs.items(), start=1)))
        for t, (name, subs) in enumerate(themes.items(), start=1))
    source = f"Chargée depuis la feuille « {path.name} » / loaded from the sheet “{path.name}”."
    return GridSheet(CapGrid(label, title, source, False, scale, built), ())


def _pick(path: Path, names: tuple[str, ...]) -> str | None:
    """The sheet named as one of `names` (accents and case aside), else None (the first)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:
        return None  # _read_raw_rows says what is wrong with the file
    try:
        return next((n for n in book.sheetnames if _normalise(n) in names), None)
    finally:
        book.close()


def _header(rows: Sequence[tuple[Any, ...]], path: Path,
            sheet: str) -> tuple[int, dict[str, int], list[int]]:
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        levels: dict[int, int] = {}
        for column, value in enumerate(values):
            if not isinstance(value, str):
                continue
            name = _normalise(value).rstrip(" :.")
            if (match := _LEVEL_HEADER.match(name)) is not None:
                levels.setdefault(int(match.group(1)), column)
            elif name in _HEADERS:
                columns.setdefault(_HEADERS[name], column)
        if all(f in columns for f in _REQUIRED) and len(levels) >= 2 \
                and sorted(levels) == list(range(len(levels))):
            return index + 1, columns, [levels[n] for n in sorted(levels)]
    raise UserError(
        f"Feuille « {sheet} » de « {path.name} » : aucune ligne d'en-tête trouvée dans les "
        f"{HEADER_SEARCH_ROWS} premières lignes (colonnes attendues : Thème, Sous-thème, Code, "
        "Question, Niveau 0, Niveau 1…, Cible, Action suggérée).",
        f"Sheet “{sheet}” of “{path.name}”: no header row found in the first "
        f"{HEADER_SEARCH_ROWS} rows (expected columns: Theme, Sub-theme, Code, Question, "
        "Level 0, Level 1…, Target, Suggested action).", field="sheet")


def _scale(path: Path, shipped: CapGrid,
           count: int) -> tuple[tuple[CapLevel, ...], list[SheetProblem]]:
    name = _pick(path, SCALE_SHEETS)
    if name is None:
        if len(shipped.scale) == count:
            return shipped.scale, []
        return tuple(CapLevel(n, n / (count - 1), f"Niveau {n}", f"Level {n}")
                     for n in range(count)), []
    _, rows = _read_raw_rows(path, name)
    levels: list[CapLevel] = []
    for values in rows[1:]:
        cells = [*values, None, None, None, None][:4]
        if all(v in (None, "") for v in cells):
            continue
        try:
            level, score = int(cells[0]), float(cells[3])
        except (TypeError, ValueError):
            return shipped.scale, [SheetProblem(0, f"Feuille « {shown(name)} » : niveau ou "
                                                "score illisible.", f"Sheet “{shown(name)}”: "
                                                "level or score unreadable.")]
        label = _one_line(cells[1]) or f"Niveau {level}"
        levels.append(CapLevel(level, score, label, _one_line(cells[2]) or label))
    scores = [s.score for s in levels]
    if ([s.level for s in levels] != list(range(count)) or scores[0] != 0 or scores[-1] != 1
            or any(a >= b for a, b in itertools.pairwise(scores))):
        return shipped.scale, [SheetProblem(0, f"Feuille « {shown(name)} » : il faut les "
                                            f"niveaux 0 à {count - 1}, dont les scores "
                                            "montent de 0 à 1.",
                                            f"Sheet “{shown(name)}”: levels 0 to {count - 1} are "
                                            "needed, with scores rising from 0 to 1.")]
    return tuple(levels), []


def _check(number: int, theme: str, subtheme: str, code: str, question: str,
           meanings: tuple[str, ...], seen: dict[str, int]) -> list[SheetProblem]:
    found: list[SheetProblem] = []
    if not theme or not subtheme:
        found.append(SheetProblem(number, "Thème ou sous-thème manquant.",
                                  "Theme or sub-theme missing."))
    if not code:
        found.append(SheetProblem(number, "Code manquant.", "Missing code."))
    elif code.casefold() in seen:
        first = seen[code.casefold()]
        found.append(SheetProblem(number, f"Code « {shown(code)} » en double (déjà à la ligne "
                                          f"{first}).",
                                  f"Duplicate code “{shown(code)}” (already on row {first})."))
    else:
        seen[code.casefold()] = number
    if not question:
        found.append(SheetProblem(number, "Question manquante.", "Question missing."))
    if not all(meanings):
        found.append(SheetProblem(number, "Il manque le sens d'un niveau de l'échelle.",
                                  "The meaning of a level of the scale is missing."))
    return found


def _target(value: Any, scale: tuple[CapLevel, ...]) -> int | None:
    """A level number (2, "2", 2.0) or a level's label ("En place")."""
    whole = isinstance(value, int | float) and not isinstance(value, bool)
    if whole and float(value) == int(value):
        level = int(value)
    else:
        text = _normalise(_one_line(value))
        match = next((s.level for s in scale if text in (_normalise(s.label),
                                                         _normalise(s.label_en))), None)
        level = match if match is not None else (int(text) if text.isdigit() else -1)
    return level if 0 <= level < len(scale) else None
