"""Every released schema's register opens with today's program without losing a row."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cedre_desk.storage import migrate
from cedre_desk.storage.integrity import check_file
from cedre_desk.storage.opening import open_register

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "registers").glob("schema-*.sqlite"))


def row_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        # stored_status is derived data, which every upgrade empties (storage/migrate.py).
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('alembic_version', 'stored_status')")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_there_is_a_register_for_the_current_schema():
    assert f"schema-{migrate.head_revision()}.sqlite" in {p.name for p in FIXTURES}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_a_released_register_upgrades_without_losing_a_row(fixture: Path, tmp_path: Path):
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    before = row_counts(path)
    assert before["company"] > 0 and before["finding"] > 0
    db = open_register(path)
    db.close()
    after = row_counts(path)
    assert {t: after.get(t) for t in before} == before
    assert check_file(path).sound
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            migrate.head_revision())
