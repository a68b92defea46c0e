"""Le Cap's grid as JSON: the provisional grid shipped in resources/cap/, and the grids a
register keeps (each stored as the same JSON, by version).

The format is described in resources/cap/README.md. A grid that breaks it raises `ValueError`
naming where: the shipped file is the program's own (a bad one is a bug), and a grid read from
a sheet is checked by `cap_grid_sheet` before it is built, with messages for the user.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from cedre_desk.audits.cap import CapGrid, CapIndicator, CapLevel, CapSubtheme, CapTheme
from cedre_desk.imports.json_checks import check_keys as _check_keys
from cedre_desk.imports.json_checks import json_list as _list
from cedre_desk.imports.json_checks import text as _text
from cedre_desk.resources import resource

SHIPPED_FILE = "grid.json"

_GRID_KEYS = frozenset({"label", "title", "source", "official_text", "scale", "themes"})
_LEVEL_KEYS = frozenset({"level", "score", "label", "label_en"})
_THEME_KEYS = frozenset({"code", "title", "title_en", "subthemes"})
_SUBTHEME_KEYS = frozenset({"code", "title", "title_en", "indicators"})
_INDICATOR_KEYS = frozenset({"code", "question", "levels", "target", "action"})


def load_shipped_grid(path: Path | None = None) -> CapGrid:
    """The provisional grid shipped with the program (resources/cap/grid.json)."""
    source = resource("cap", SHIPPED_FILE) if path is None else path
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{source.name}: cannot be read as JSON: {exc}") from exc
    return parse_grid(data, source.name)


def parse_grid(data: Any, where: str = "grid") -> CapGrid:
    _check_keys(data, _GRID_KEYS, where)
    scale = tuple(_level(item, f"{where}: scale[{n}]")
                  for n, item in enumerate(_list(data["scale"], f"{where}: scale")))
    _check_scale(scale, where)
    official = data["official_text"]
    if not isinstance(official, bool):
        raise ValueError(f"{where}: official_text must be true or false")
    themes = tuple(_theme(item, f"{where}: themes[{n}]", len(scale))
                   for n, item in enumerate(_list(data["themes"], f"{where}: themes")))
    if not themes:
        raise ValueError(f"{where}: themes is empty")
    grid = CapGrid(label=_text(data["label"], f"{where}: label"),
                   title=_text(data["title"], f"{where}: title"),
                   source=_text(data["source"], f"{where}: source"),
                   official_text=official, scale=scale, themes=themes)
    _check_codes(grid, where)
    return grid


def grid_as_json(grid: CapGrid) -> dict[str, Any]:
    """The grid as the JSON object `parse_grid` reads back."""
    return {
        "label": grid.label, "title": grid.title, "source": grid.source,
        "official_text": grid.official_text,
        "scale": [{"level": s.level, "score": s.score, "label": s.label,
                   "label_en": s.label_en} for s in grid.scale],
        "themes": [
            {"code": t.code, "title": t.title, "title_en": t.title_en, "subthemes": [
                {"code": s.code, "title": s.title, "title_en": s.title_en, "indicators": [
                    {"code": i.code, "question": i.question, "levels": list(i.levels),
                     "target": i.target, "action": i.action} for i in s.indicators]}
                for s in t.subthemes]}
            for t in grid.themes],
    }


def grid_to_text(grid: CapGrid) -> str:
    return json.dumps(grid_as_json(grid), ensure_ascii=False, sort_keys=True)


def grid_from_text(text: str, where: str = "grid") -> CapGrid:
    return parse_grid(json.loads(text), where)


# -- parts ----------------------------------------------------------------------------------


def _level(data: Any, where: str) -> CapLevel:
    _check_keys(data, _LEVEL_KEYS, where)
    level, score = data["level"], data["score"]
    if not isinstance(level, int) or isinstance(level, bool):
        raise ValueError(f"{where}: level must be a whole number")
    if not isinstance(score, int | float) or isinstance(score, bool) or not 0 <= score <= 1:
        raise ValueError(f"{where}: score must be a number between 0 and 1")
    return CapLevel(level, float(score), _text(data["label"], f"{where}: label"),
                    _text(data["label_en"], f"{where}: label_en"))


def _check_scale(scale: tuple[CapLevel, ...], where: str) -> None:
    if len(scale) < 2:
        raise ValueError(f"{where}: the scale needs at least two levels")
    if [s.level for s in scale] != list(range(len(scale))):
        raise ValueError(f"{where}: the scale's levels must be 0, 1, 2... in order")
    scores = [s.score for s in scale]
    if scores[0] != 0 or scores[-1] != 1 or any(a >= b for a, b in itertools.pairwise(scores)):
        raise ValueError(f"{where}: the scale's scores must rise from 0 to 1")


def _theme(data: Any, where: str, levels: int) -> CapTheme:
    _check_keys(data, _THEME_KEYS, where)
    subthemes = tuple(_subtheme(item, f"{where}: subthemes[{n}]", levels)
                      for n, item in enumerate(_list(data["subthemes"], f"{where}: subthemes")))
    if not subthemes:
        raise ValueError(f"{where}: subthemes is empty")
    return CapTheme(_text(data["code"], f"{where}: code"), _text(data["title"], f"{where}: title"),
                    _text(data["title_en"], f"{where}: title_en"), subthemes)


def _subtheme(data: Any, where: str, levels: int) -> CapSubtheme:
    _check_keys(data, _SUBTHEME_KEYS, where)
    indicators = tuple(_indicator(item, f"{where}: indicators[{n}]", levels)
                       for n, item in enumerate(_list(data["indicators"],
                                                      f"{where}: indicators")))
    if not indicators:
        raise ValueError(f"{where}: indicators is empty")
    return CapSubtheme(_text(data["code"], f"{where}: code"),
                       _text(data["title"], f"{where}: title"),
                       _text(data["title_en"], f"{where}: title_en"), indicators)


def _indicator(data: Any, where: str, levels: int) -> CapIndicator:
    _check_keys(data, _INDICATOR_KEYS, where)
    meanings = tuple(_text(v, f"{where}: levels") for v in _list(data["levels"],
                                                                  f"{where}: levels"))
    if len(meanings) != levels:
        raise ValueError(f"{where}: levels must give one meaning per level of the scale "
                         f"({levels}), not {len(meanings)}")
    target = data["target"]
    if not isinstance(target, int) or isinstance(target, bool) or not 0 <= target < levels:
        raise ValueError(f"{where}: target must be a level of the scale (0 to {levels - 1})")
    return CapIndicator(_text(data["code"], f"{where}: code"),
                        _text(data["question"], f"{where}: question"), meanings, target,
                        _text(data["action"], f"{where}: action"))


def _check_codes(grid: CapGrid, where: str) -> None:
    seen: set[str] = set()
    codes = [t.code for t in grid.themes]
    codes += [s.code for t in grid.themes for s in t.subthemes]
    codes += [i.code for i in grid.indicators()]
    for code in codes:
        if code in seen:
            raise ValueError(f"{where}: code {code!r} is used twice")
        seen.add(code)


