"""A demonstration register file made whole or not at all (the window's Registre de
démonstration…): its progress, its cancellation, its refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cedre_desk.errors import UserError
from cedre_desk.services.companies import CompanyService
from cedre_desk.services.demo.demo_register import write_demo_register
from cedre_desk.services.register import open_or_create

TODAY = date(2026, 3, 16)


class Cancelled(Exception):
    """What the window raises from the progress callback when the user cancels."""


def test_the_register_is_written_and_its_progress_told_step_by_step(tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    path = tmp_path / "démo" / "Registre de démonstration.sqlite"
    summary = write_demo_register(path, today=TODAY, companies=40, seed=2,
                                  progress=lambda done, total: told.append((done, total)))
    assert summary.companies == 40
    totals = {total for _, total in told}
    assert len(totals) == 1 and told[-1][0] == totals.pop()  # one total, reached at the end
    assert [done for done, _ in told] == list(range(1, len(told) + 1))
    db = open_or_create(path, create=False, read_only=True)
    try:
        assert len(CompanyService(db).rows()) == 40
    finally:
        db.close()


def test_a_cancelled_generation_leaves_no_file_and_no_folder_it_made(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "demo.sqlite"

    def cancel_halfway(done: int, total: int) -> None:
        if done * 2 >= total:
            raise Cancelled

    with pytest.raises(Cancelled):
        write_demo_register(path, today=TODAY, companies=30, progress=cancel_halfway)
    assert not (tmp_path / "new").exists()
    assert list(tmp_path.iterdir()) == []


def test_zero_companies_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "demo.sqlite"
    with pytest.raises(UserError, match="au moins 1"):
        write_demo_register(path, today=TODAY, companies=0)
    assert not (tmp_path / "folder").exists()


def test_an_existing_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite"
    path.write_bytes(b"someone's file")
    with pytest.raises(UserError, match="existe déjà"):
        write_demo_register(path, today=TODAY, companies=5)
    assert path.read_bytes() == b"someone's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite"]
