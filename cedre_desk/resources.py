"""Where the shipped data files are: inside the package once installed, at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources/ folder: the wheel puts it in the package, a checkout keeps it beside."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("resources/ not found beside the cedre_desk package")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
