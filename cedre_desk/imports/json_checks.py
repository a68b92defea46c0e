"""The small checks every JSON resource loader makes (the referential catalogue, the Le Cap
grid): an object with exactly its keys, a non-empty trimmed string, a list. Each failure is a
ValueError naming where in the file it is, for the maintainers who edit those files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def check_keys(data: Any, allowed: frozenset[str], where: str,
               required: frozenset[str] | None = None) -> None:
    """`data` is an object holding every `required` key (all `allowed` ones by default) and
    no other."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected a JSON object")
    missing = sorted((allowed if required is None else required) - data.keys())
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    unknown = sorted(set(data.keys()) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")


def text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: expected a non-empty string, got {value!r}")
    if value != value.strip():
        raise ValueError(f"{where}: {value!r} has leading or trailing spaces")
    return value


def json_list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a JSON list")
    return value
