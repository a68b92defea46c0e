"""The referential catalogue shipped as data: resources/referentials/*.json.

One file per referential version (CEDRE V1, V2, V3, ISO 9001:2015) gives its chapters and the
codes and titles of its requirements, never their text: the text belongs to the federation and
is loaded later from its Excel sheet (see `requirement_sheet`). `mappings.json` pairs codes of
one version with codes of another. The format is described in resources/referentials/README.md.

A file that breaks the format raises `ValueError` naming the file and the problem: these files
ship with the program, so a bad one is a bug to fix, not something the user can act on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cedre_desk.imports.json_checks import check_keys as _check_keys
from cedre_desk.imports.json_checks import json_list as _list
from cedre_desk.imports.json_checks import text as _text
from cedre_desk.resources import resource

MAPPINGS_FILE = "mappings.json"
REFERENTIALS = ("CEDRE", "ISO 9001")
PRECISIONS = ("day", "year")

_VERSION_KEYS = frozenset(
    {
        "referential",
        "version",
        "title",
        "adopted_on",
        "adopted_on_precision",
        "source",
        "official_text",
        "chapters",
    }
)
_CHAPTER_KEYS = frozenset({"code", "title", "title_en", "requirements"})
_REQUIREMENT_KEYS = frozenset({"code", "title", "title_en"})
_MAPPING_KEYS = frozenset({"from", "to", "pairs", "source"})
_KEY_KEYS = frozenset({"referential", "version"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class CatalogueRequirement:
    code: str
    title: str
    title_en: str
    text: str = ""


@dataclass(frozen=True)
class CatalogueChapter:
    code: str
    title: str
    title_en: str
    requirements: tuple[CatalogueRequirement, ...]


@dataclass(frozen=True)
class CatalogueVersion:
    referential: str
    version: str
    title: str
    adopted_on: date
    adopted_on_precision: str
    source: str
    official_text: bool
    chapters: tuple[CatalogueChapter, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.referential, self.version)

    def codes(self) -> frozenset[str]:
        """Every chapter and requirement code of this version (one namespace)."""
        found = {chapter.code for chapter in self.chapters}
        found.update(r.code for chapter in self.chapters for r in chapter.requirements)
        return frozenset(found)


@dataclass(frozen=True)
class CatalogueMapping:
    from_key: tuple[str, str]
    to_key: tuple[str, str]
    pairs: tuple[tuple[str, str], ...]
    source: str = ""


def referentials_dir() -> Path:
    return resource("referentials")


def load_catalogue(directory: Path | None = None) -> tuple[CatalogueVersion, ...]:
    """Every version file of the folder (all *.json but mappings.json), oldest first."""
    folder = referentials_dir() if directory is None else directory
    versions: list[CatalogueVersion] = []
    seen: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == MAPPINGS_FILE:
            continue
        version = _parse_version(_read_json(path), path.name)
        if version.key in seen:
            raise ValueError(
                f"{path.name}: {version.referential} {version.version} "
                f"is already defined in {seen[version.key]}"
            )
        seen[version.key] = path.name
        versions.append(version)
    if not versions:
        raise ValueError(f"{folder}: no referential version file (*.json) found")
    versions.sort(key=lambda v: (v.adopted_on, v.referential, v.version))
    return tuple(versions)


def load_mappings(directory: Path | None = None) -> tuple[CatalogueMapping, ...]:
    """The code pairings of mappings.json, checked against the catalogue of the same folder."""
    folder = referentials_dir() if directory is None else directory
    path = folder / MAPPINGS_FILE
    if not path.is_file():
        return ()
    catalogue = {v.key: v for v in load_catalogue(folder)}
    data = _read_json(path)
    where = path.name
    _check_keys(data, frozenset({"mappings"}), where, frozenset({"mappings"}))
    items = _list(data["mappings"], f"{where}: mappings")
    mappings: list[CatalogueMapping] = []
    seen: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for index, item in enumerate(items):
        mapping = _parse_mapping(item, f"{where}: mappings[{index}]", catalogue)
        if (mapping.from_key, mapping.to_key) in seen:
            raise ValueError(
                f"{where}: mappings[{index}]: a second mapping from "
                f"{' '.join(mapping.from_key)} to {' '.join(mapping.to_key)}"
            )
        seen.add((mapping.from_key, mapping.to_key))
        mappings.append(mapping)
    return tuple(mappings)


# -- parsing --------------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path.name}: cannot be read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path.name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc


def _parse_version(data: Any, where: str) -> CatalogueVersion:
    _check_keys(data, _VERSION_KEYS, where, _VERSION_KEYS)
    referential = _text(data["referential"], f"{where}: referential")
    if referential not in REFERENTIALS:
        raise ValueError(
            f"{where}: referential {referential!r} is not one of {', '.join(REFERENTIALS)}"
        )
    precision = _text(data["adopted_on_precision"], f"{where}: adopted_on_precision")
    if precision not in PRECISIONS:
        raise ValueError(
            f"{where}: adopted_on_precision {precision!r} is not one of {', '.join(PRECISIONS)}"
        )
    adopted_on = _date(data["adopted_on"], f"{where}: adopted_on")
    if precision == "year" and (adopted_on.month, adopted_on.day) != (1, 1):
        raise ValueError(
            f"{where}: adopted_on {adopted_on.isoformat()} must be written YYYY-01-01 "
            "when adopted_on_precision is 'year'"
        )
    official_text = data["official_text"]
    if not isinstance(official_text, bool):
        raise ValueError(f"{where}: official_text must be true or false")

    chapters = tuple(
        _parse_chapter(item, f"{where}: chapters[{index}]")
        for index, item in enumerate(_list(data["chapters"], f"{where}: chapters"))
    )
    if not chapters:
        raise ValueError(f"{where}: chapters is empty")
    _check_unique_codes(chapters, where)
    return CatalogueVersion(
        referential=referential,
        version=_text(data["version"], f"{where}: version"),
        title=_text(data["title"], f"{where}: title"),
        adopted_on=adopted_on,
        adopted_on_precision=precision,
        source=_text(data["source"], f"{where}: source"),
        official_text=official_text,
        chapters=chapters,
    )


def _parse_chapter(data: Any, where: str) -> CatalogueChapter:
    _check_keys(data, _CHAPTER_KEYS, where, _CHAPTER_KEYS)
    code = _text(data["code"], f"{where}: code")
    where = f"{where} (chapter {code})"
    requirements = tuple(
        _parse_requirement(item, f"{where}: requirements[{index}]")
        for index, item in enumerate(_list(data["requirements"], f"{where}: requirements"))
    )
    return CatalogueChapter(
        code=code,
        title=_text(data["title"], f"{where}: title"),
        title_en=_text(data["title_en"], f"{where}: title_en"),
        requirements=requirements,
    )


def _parse_requirement(data: Any, where: str) -> CatalogueRequirement:
    if isinstance(data, Mapping) and "text" in data:
        raise ValueError(
            f"{where}: 'text' is not allowed: requirement texts come from the federation's "
            "sheet, never from the catalogue"
        )
    _check_keys(data, _REQUIREMENT_KEYS, where, _REQUIREMENT_KEYS)
    return CatalogueRequirement(
        code=_text(data["code"], f"{where}: code"),
        title=_text(data["title"], f"{where}: title"),
        title_en=_text(data["title_en"], f"{where}: title_en"),
    )


def _check_unique_codes(chapters: tuple[CatalogueChapter, ...], where: str) -> None:
    seen: dict[str, str] = {}
    for chapter in chapters:
        entries = [(chapter.code, f"chapter {chapter.code}")]
        entries += [(r.code, f"requirement {r.code}") for r in chapter.requirements]
        for code, what in entries:
            if code in seen:
                raise ValueError(f"{where}: duplicate code {code!r} ({what}, already {seen[code]})")
            seen[code] = what


def _parse_mapping(
    data: Any, where: str, catalogue: Mapping[tuple[str, str], CatalogueVersion]
) -> CatalogueMapping:
    _check_keys(data, _MAPPING_KEYS, where, frozenset({"from", "to", "pairs"}))
    from_key = _parse_key(data["from"], f"{where}: from", catalogue)
    to_key = _parse_key(data["to"], f"{where}: to", catalogue)
    if from_key == to_key:
        raise ValueError(f"{where}: maps {' '.join(from_key)} onto itself")
    source = _text(data["source"], f"{where}: source") if "source" in data else ""
    from_codes = catalogue[from_key].codes()
    to_codes = catalogue[to_key].codes()
    pairs: list[tuple[str, str]] = []
    for index, pair in enumerate(_list(data["pairs"], f"{where}: pairs")):
        at = f"{where}: pairs[{index}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise ValueError(f"{at}: a pair must be a list of two codes")
        left = _text(pair[0], at)
        right = _text(pair[1], at)
        if left not in from_codes:
            raise ValueError(f"{at}: unknown code {left!r} in {' '.join(from_key)}")
        if right not in to_codes:
            raise ValueError(f"{at}: unknown code {right!r} in {' '.join(to_key)}")
        if (left, right) in pairs:
            raise ValueError(f"{at}: pair {left!r} -> {right!r} is listed twice")
        pairs.append((left, right))
    return CatalogueMapping(from_key=from_key, to_key=to_key, pairs=tuple(pairs), source=source)


def _parse_key(
    data: Any, where: str, catalogue: Mapping[tuple[str, str], CatalogueVersion]
) -> tuple[str, str]:
    _check_keys(data, _KEY_KEYS, where, _KEY_KEYS)
    key = (_text(data["referential"], where), _text(data["version"], where))
    if key not in catalogue:
        raise ValueError(f"{where}: unknown version {' '.join(key)}")
    return key


# -- small checks ---------------------------------------------------------------------------




def _date(value: Any, where: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{where}: {value!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{where}: {value!r} is not a valid date ({exc})") from exc
