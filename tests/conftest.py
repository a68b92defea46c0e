"""Shared test set-up: Qt offscreen, a private data folder, a fresh register per test.

Two engines: by default every register is a SQLite file. With CEDRE_DESK_TEST_DB=postgresql
and CEDRE_DESK_TEST_PG set to a server's admin URL (scripts/test starts such a server), the
`db` fixture is a fresh database on that server instead (tests/engines.py), and the tests that
use no register of their own (`db` or `server_url`) are skipped: the SQLite pass covers them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import engines

# Set before anything imports Qt: the tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="run the long (slow) tests too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if engines.on_server():
        engines.skip_on_server(items)
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
def db(request: pytest.FixtureRequest, register_path: Path) -> Iterator[object]:
    if engines.on_server():
        database = engines.server_register(request.getfixturevalue("register_template"))
        yield database
        engines.drop_register(database)
        return
    from cedre_desk.services.register import create_register

    database = create_register(register_path, user="testeur")
    yield database
    database.close()


@pytest.fixture(scope="session")
def register_template() -> Iterator[str]:
    """A register made once per session on the server, copied for each test (fast)."""
    name = engines.make_template()
    yield name
    engines.drop_database(name)


@pytest.fixture
def server_url() -> Iterator[str]:
    """An empty database on the test server (skipped when no server is given)."""
    if not engines.server_admin_url():
        pytest.skip("no PostgreSQL server: set CEDRE_DESK_TEST_PG (scripts/test does)")
    url, name = engines.empty_database()
    yield url
    engines.drop_database(name)
