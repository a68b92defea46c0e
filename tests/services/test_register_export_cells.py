"""The Excel register, cell for cell, on a generated register: every value of every line of
every sheet is in its cell with the type the rules give it (text, number, a date with the
French format, a text that looks like a formula kept as typed), whatever path the writer takes
to get there; the big sheets are read while written (a server-side cursor on PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from cedre_desk.exports import register_workbook
from cedre_desk.exports.workbook_model import FORMULA_START, Sheet
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.exporting import ExportService
from cedre_desk.storage.models import Audit, Company, Finding

TODAY = date(2026, 3, 16)
# Texts a user may type that must stay text: put where the demo register has none.
RISKY = {"notes": "=SOMME(A1:A9)", "town": "-Nord", "contact_name": "@moi"}


@pytest.fixture
def demo(db):
    generate_demo(db, companies=40, seed=5, today=TODAY)
    with db.engine.begin() as conn:
        first = conn.scalar(sa.select(sa.func.min(Company.id)))
        conn.execute(sa.update(Company).where(Company.id == first).values(**RISKY))
        conn.execute(sa.update(Audit).where(Audit.id == conn.scalar(
            sa.select(sa.func.min(Audit.id)))).values(conclusion="#N/A"))
        conn.execute(sa.update(Finding).where(Finding.id == conn.scalar(
            sa.select(sa.func.min(Finding.id)))).values(text="+33 1 23 45 67 89"))
    return db


def _expected(value, kind):
    """(value, type, number format, quote prefix) the rules give a cell holding `value`."""
    if value is None or value == "":
        return None, "n", "General", False
    if isinstance(value, str):
        quoted = value[0] in FORMULA_START or value == "#N/A"
        return value, "s", "General", quoted
    if kind == "datetime" and isinstance(value, datetime):
        return value.replace(microsecond=0), "d", "DD/MM/YYYY HH:MM", False
    if kind in ("date", "datetime") and isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return datetime(day.year, day.month, day.day), "d", "DD/MM/YYYY", False
    return value, "n", "General", False


def test_every_cell_of_every_sheet_holds_its_line_s_value(demo, tmp_path, monkeypatch):
    lines: dict[str, Sheet] = {}
    write = register_workbook.write_workbook

    def keeping_the_lines(target, sheets, **options):
        kept = [Sheet(s.title, s.table, s.columns, [tuple(row) for row in s.rows])
                for s in sheets]
        lines.update((sheet.title, sheet) for sheet in kept)
        return write(target, kept, **options)

    monkeypatch.setattr(register_workbook, "write_workbook", keeping_the_lines)
    target = tmp_path / "registre.xlsx"
    report = ExportService(demo).register(target, today=TODAY)
    workbook = load_workbook(target)
    assert workbook.sheetnames == list(lines)
    assert report.rows == {title: len(sheet.rows) for title, sheet in lines.items()}
    assert all(len(lines[title].rows) > 0 for title in ("Structures", "Audits", "Constats",
                                                           "Historique"))
    risky_seen = 0
    for title, sheet in lines.items():
        cells = workbook[title]
        assert [cell.value for cell in cells[1]] == [column.header for column in sheet.columns]
        assert cells.max_row == max(len(sheet.rows), 1) + 1 or not sheet.rows
        for number, line in enumerate(sheet.rows, start=2):
            for position, (column, value) in enumerate(zip(sheet.columns, line, strict=True),
                                                       start=1):
                cell = cells.cell(number, position)
                found = (cell.value, cell.data_type, cell.number_format, bool(cell.quotePrefix))
                assert found == _expected(value, column.kind), (title, cell.coordinate, value)
                risky_seen += found[3]
    assert risky_seen >= len(RISKY) + 2  # the texts put in above, at least
