"""The shipped referential catalogue, and the loader's refusal of broken files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cedre_desk.imports.catalogue import (
    CatalogueVersion,
    load_catalogue,
    load_mappings,
    referentials_dir,
)

ISO_SUB_CLAUSES = {
    "4": ["4.1", "4.2", "4.3", "4.4"],
    "5": ["5.1", "5.2", "5.3"],
    "6": ["6.1", "6.2", "6.3"],
    "7": ["7.1", "7.2", "7.3", "7.4", "7.5"],
    "8": ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7"],
    "9": ["9.1", "9.2", "9.3"],
    "10": ["10.1", "10.2", "10.3"],
}


def _by_key() -> dict[tuple[str, str], CatalogueVersion]:
    return {v.key: v for v in load_catalogue()}


# -- the shipped data -----------------------------------------------------------------------


def test_the_catalogue_holds_the_four_versions_oldest_first() -> None:
    versions = load_catalogue()
    assert [v.key for v in versions] == [
        ("CEDRE", "V1"),
        ("CEDRE", "V2"),
        ("ISO 9001", "2015"),
        ("CEDRE", "V3"),
    ]
    assert [v.adopted_on for v in versions] == sorted(v.adopted_on for v in versions)


def test_adoption_dates_and_their_precision() -> None:
    versions = _by_key()
    assert versions["CEDRE", "V1"].adopted_on == date(2005, 1, 1)
    assert versions["CEDRE", "V1"].adopted_on_precision == "year"
    assert versions["CEDRE", "V2"].adopted_on == date(2008, 1, 1)
    assert versions["CEDRE", "V2"].adopted_on_precision == "year"
    assert versions["CEDRE", "V3"].adopted_on == date(2015, 11, 20)
    assert versions["CEDRE", "V3"].adopted_on_precision == "day"
    assert versions["ISO 9001", "2015"].adopted_on_precision == "day"


def test_codes_are_unique_within_each_version_files_read_raw() -> None:
    # Read the files directly, so this holds even if the loader's own check were broken.
    for path in sorted(referentials_dir().glob("*.json")):
        if path.name == "mappings.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        codes = [c["code"] for c in data["chapters"]]
        codes += [r["code"] for c in data["chapters"] for r in c["requirements"]]
        assert len(codes) == len(set(codes)), path.name


def test_iso_9001_2015_has_clauses_4_to_10_with_their_sub_clauses() -> None:
    iso = _by_key()["ISO 9001", "2015"]
    assert [c.code for c in iso.chapters] == [str(n) for n in range(4, 11)]
    for chapter in iso.chapters:
        assert [r.code for r in chapter.requirements] == ISO_SUB_CLAUSES[chapter.code]
        assert chapter.title and chapter.title_en
        assert all(r.title and r.title_en for r in chapter.requirements)


def test_iso_9001_2015_titles_in_french_with_english_alongside() -> None:
    iso = _by_key()["ISO 9001", "2015"]
    chapters = {c.code: c for c in iso.chapters}
    requirements = {r.code: r for c in iso.chapters for r in c.requirements}
    assert chapters["4"].title == "Contexte de l'organisme"
    assert chapters["4"].title_en == "Context of the organization"
    assert chapters["8"].title == "Réalisation des activités opérationnelles"
    assert chapters["9"].title_en == "Performance evaluation"
    assert requirements["4.1"].title == "Compréhension de l'organisme et de son contexte"
    assert requirements["4.1"].title_en == "Understanding the organization and its context"
    assert requirements["10.3"].title == "Amélioration continue"
    assert requirements["10.3"].title_en == "Continual improvement"


def test_nothing_claims_official_text_and_every_file_says_its_source() -> None:
    for version in load_catalogue():
        assert version.official_text is False, version.key
        assert len(version.source) > 40, version.key


def test_no_requirement_text_is_shipped() -> None:
    for version in load_catalogue():
        for chapter in version.chapters:
            assert all(r.text == "" for r in chapter.requirements), version.key
    for path in referentials_dir().glob("*.json"):
        assert '"text"' not in path.read_text(encoding="utf-8"), path.name


def test_cedre_versions_with_unknown_content_carry_no_requirement() -> None:
    versions = _by_key()
    for key in (("CEDRE", "V1"), ("CEDRE", "V2"), ("CEDRE", "V3")):
        assert all(not c.requirements for c in versions[key].chapters), key
    (placeholder,) = versions["CEDRE", "V1"].chapters
    assert "federation's sheet" in placeholder.title_en
    assert len(versions["CEDRE", "V3"].chapters) == 4


def test_the_shipped_mappings_load_and_name_known_versions() -> None:
    versions = _by_key()
    mappings = load_mappings()
    assert mappings
    for mapping in mappings:
        assert mapping.from_key in versions
        assert mapping.to_key in versions
        assert mapping.source


# -- broken files ---------------------------------------------------------------------------

VALID: dict[str, Any] = {
    "referential": "CEDRE",
    "version": "V9",
    "title": "Essai",
    "adopted_on": "2020-06-30",
    "adopted_on_precision": "day",
    "source": "test",
    "official_text": False,
    "chapters": [
        {
            "code": "1",
            "title": "Un",
            "title_en": "One",
            "requirements": [
                {"code": "1.1", "title": "Un un", "title_en": "One one"},
                {"code": "1.2", "title": "Un deux", "title_en": "One two"},
            ],
        },
        {"code": "2", "title": "Deux", "title_en": "Two", "requirements": []},
    ],
}
OTHER: dict[str, Any] = {**copy.deepcopy(VALID), "version": "V10", "adopted_on": "2021-01-01"}


def _write(folder: Path, name: str, data: Any) -> None:
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _mutated(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    change(data)
    return data


def test_a_valid_folder_loads(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", VALID)
    _write(tmp_path, "b.json", OTHER)
    _write(
        tmp_path,
        "mappings.json",
        {
            "mappings": [
                {
                    "from": {"referential": "CEDRE", "version": "V9"},
                    "to": {"referential": "CEDRE", "version": "V10"},
                    "pairs": [["1", "1"], ["1.1", "1.2"]],
                }
            ]
        },
    )
    versions = load_catalogue(tmp_path)
    assert [v.version for v in versions] == ["V9", "V10"]
    assert versions[0].chapters[0].requirements[1].title_en == "One two"
    (mapping,) = load_mappings(tmp_path)
    assert mapping.from_key == ("CEDRE", "V9")
    assert mapping.pairs == (("1", "1"), ("1.1", "1.2"))


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _delete(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.pop(key)


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "duplicate requirement code",
        _set(["chapters", 0, "requirements", 1, "code"], "1.1"),
        "duplicate code '1.1'",
    ),
    (
        "requirement code equal to a chapter code",
        _set(["chapters", 0, "requirements", 1, "code"], "2"),
        "duplicate code '2'",
    ),
    ("duplicate chapter code", _set(["chapters", 1, "code"], "1"), "duplicate code '1'"),
    ("impossible date", _set(["adopted_on"], "2015-02-30"), "not a valid date"),
    ("date without dashes", _set(["adopted_on"], "20200630"), "YYYY-MM-DD"),
    ("date in French form", _set(["adopted_on"], "30/06/2020"), "YYYY-MM-DD"),
    ("year precision on a day", _set(["adopted_on_precision"], "year"), "YYYY-01-01"),
    ("unknown precision", _set(["adopted_on_precision"], "month"), "adopted_on_precision"),
    ("missing source", _delete("source"), "missing key(s) source"),
    ("empty source", _set(["source"], "  "), "source"),
    ("missing chapters", _delete("chapters"), "missing key(s) chapters"),
    ("no chapter", _set(["chapters"], []), "chapters is empty"),
    ("official_text not a boolean", _set(["official_text"], "no"), "official_text"),
    ("unknown referential", _set(["referential"], "ISO 14001"), "referential"),
    ("unknown key", _set(["titre"], "x"), "unknown key(s) titre"),
    (
        "requirement text",
        _set(["chapters", 0, "requirements", 0, "text"], "Le texte"),
        "'text' is not allowed",
    ),
    (
        "requirement without title_en",
        lambda d: d["chapters"][0]["requirements"][0].pop("title_en"),
        "title_en",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [(c, e) for _, c, e in BROKEN], ids=[n for n, _, _ in BROKEN]
)
def test_a_broken_version_file_is_refused_naming_file_and_problem(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    _write(tmp_path, "broken.json", _mutated(change))
    with pytest.raises(ValueError) as raised:
        load_catalogue(tmp_path)
    assert "broken.json" in str(raised.value)
    assert expected in str(raised.value)


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"referential": "CEDRE",', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.json: not valid JSON"):
        load_catalogue(tmp_path)


def test_the_same_version_in_two_files_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", VALID)
    _write(tmp_path, "b.json", VALID)
    with pytest.raises(ValueError, match=r"b\.json: CEDRE V9 is already defined in a\.json"):
        load_catalogue(tmp_path)


def _mapping(pairs: list[list[str]], to_version: str = "V10") -> dict[str, Any]:
    return {
        "mappings": [
            {
                "from": {"referential": "CEDRE", "version": "V9"},
                "to": {"referential": "CEDRE", "version": to_version},
                "pairs": pairs,
            }
        ]
    }


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        (_mapping([["1.1", "9.9"]]), "unknown code '9.9' in CEDRE V10"),
        (_mapping([["7", "1"]]), "unknown code '7' in CEDRE V9"),
        (_mapping([["1", "1"], ["1", "1"]]), "listed twice"),
        (_mapping([["1"]]), "a pair must be a list of two codes"),
        (_mapping([], to_version="V11"), "unknown version CEDRE V11"),
        (_mapping([], to_version="V9"), "onto itself"),
        ({"pairs": []}, "missing key(s) mappings"),
    ],
    ids=[
        "unknown to-code",
        "unknown from-code",
        "pair twice",
        "half pair",
        "unknown version",
        "self mapping",
        "no mappings key",
    ],
)
def test_a_broken_mapping_is_refused_naming_file_and_problem(
    tmp_path: Path, mapping: dict[str, Any], expected: str
) -> None:
    _write(tmp_path, "a.json", VALID)
    _write(tmp_path, "b.json", OTHER)
    _write(tmp_path, "mappings.json", mapping)
    with pytest.raises(ValueError) as raised:
        load_mappings(tmp_path)
    assert "mappings.json" in str(raised.value)
    assert expected in str(raised.value)


def test_mappings_json_is_not_read_as_a_version(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", VALID)
    _write(tmp_path, "mappings.json", {"mappings": []})
    assert [v.version for v in load_catalogue(tmp_path)] == ["V9"]
    assert load_mappings(tmp_path) == ()
