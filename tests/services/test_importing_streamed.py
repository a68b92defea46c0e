"""An import writes its rows as they are planned, in chunks, inside its one transaction: a row
refused late still leaves nothing written, and the history says where each record came from.
A row refused against the register counts no record in its sheet's account."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from openpyxl import Workbook

from cedre_desk.services.importing import planned
from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Change, Company, Decision

TODAY = date(2016, 6, 1)
HEADER = ["Nom", "Ville", "Date du comité", "Décision"]


def _workbook(path: Path, rows: list[list[str]]) -> Path:
    workbook = Workbook()
    workbook.active.title = "Suivi"
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _count(db, model) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(model))


def test_rows_written_before_a_refused_row_are_rolled_back(db, tmp_path, monkeypatch):
    monkeypatch.setattr(planned, "FLUSH_ROWS", 1)  # every planned row written at once
    path = _workbook(tmp_path / "suivi.xlsx", [
        ["ISIS", "Istres", "19/11/2015", "accordée"],
        ["EMS", "Montauban", "19/11/2015", "renouvelée"]])  # nothing to renew: refused
    companies, changes = _count(db, Company), _count(db, Change)
    result = ImportService(db).run(path, today=TODAY)
    assert not result.written and [(p.sheet, p.row) for p in result.problems] == [("Suivi", 3)]
    assert (_count(db, Company), _count(db, Decision), _count(db, Change)) == (
        companies, 0, changes)


def test_rows_written_in_chunks_keep_their_history(db, tmp_path, monkeypatch):
    monkeypatch.setattr(planned, "FLUSH_ROWS", 2)
    path = _workbook(tmp_path / "suivi.xlsx", [
        ["ISIS", "Istres", "19/11/2015", "accordée"],
        ["EMS", "Montauban", "19/11/2015", "accordée"],
        ["CDM", "Ambert", "19/11/2015", "ajournée"]])
    changes = _count(db, Change)
    result = ImportService(db).run(path, today=TODAY)
    assert result.written, result.problems
    assert (_count(db, Company), _count(db, Decision)) == (3, 3)
    with db.engine.connect() as conn:
        after = conn.execute(sa.select(Change.table_name, Change.after)
                             .where(Change.action == "import").order_by(Change.id)).all()
    assert len(after) == _count(db, Change) - changes == 3 + 3 + 1  # and the session
    assert [a for t, a in after if t == "company"] == [
        "suivi.xlsx : Suivi!2", "suivi.xlsx : Suivi!3", "suivi.xlsx : Suivi!4"]


def test_a_row_refused_against_the_register_counts_no_record(db, tmp_path):
    path = _workbook(tmp_path / "suivi.xlsx", [
        ["ISIS", "Istres", "19/11/2015", "accordée"],
        ["EMS", "Montauban", "19/11/2015", "renouvelée"]])  # nothing to renew: refused
    result = ImportService(db).run(path, today=TODAY, dry_run=True)
    assert [(p.sheet, p.row) for p in result.problems] == [("Suivi", 3)]
    text = import_summary(result, "en")
    assert "  Rows 2 to 3: 1 read (1 companies, 1 decisions), 1 refused, 0 empty." in text
