"""Shared test set-up: Qt offscreen, a private data folder, a fresh register per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt: the tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="run the long (slow) tests too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="long run: use --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the user's real data folder or default register."""
    home = tmp_path / "home"
    monkeypatch.setenv("CEDRE_DESK_HOME", str(home))
    monkeypatch.delenv("CEDRE_DESK_DB", raising=False)
    return home


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    return tmp_path / "registre.sqlite"


@pytest.fixture
def db(register_path: Path) -> Iterator[object]:
    from cedre_desk.services.register import create_register

    database = create_register(register_path, user="testeur")
    yield database
    database.close()
