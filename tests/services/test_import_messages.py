"""What an import says stays readable whatever the workbook holds: one message per bad row,
long values cut with "…", the first 50 refusals printed, then a count and the whole list in a
private file (issue 15, point 7)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from cedre_desk.__main__ import main
from cedre_desk.errors import SHOWN_MAX, shown
from cedre_desk.paths import log_dir
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.services.register import create_register

pytestmark = pytest.mark.sqlite_only  # the command line on a register file

HUGE = "Ω" * 40_000


def test_shown_cuts_a_long_value_with_an_ellipsis_and_keeps_it_on_one_line():
    assert shown("ISIS") == "ISIS"
    cut = shown(HUGE)
    assert len(cut) == SHOWN_MAX and cut.endswith("…") and cut.startswith("ΩΩ")
    assert shown("a" * 10, 5) == "aaaa…"
    assert shown("deux\nlignes\u2028trois") == "deux lignes trois"
    assert shown(12345678901234567890, 8) == "1234567…"


@pytest.fixture
def register(register_path: Path) -> Path:
    create_register(register_path).close()
    return register_path


def _book(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Structures"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_40000_character_value_is_cut_in_every_message_of_an_import(register, tmp_path,
                                                                      capsys):
    """In every column a value of 40,000 characters (32,767 in a cell: Excel's most): the
    summary, each refused row and the window's summary quote at most SHOWN_MAX of it."""
    header = ["Nom", "SIRET", "Ville", "Date d'audit", "Type d'audit", "Auditeur",
              "Type de structure", "Décision", HUGE[:32_767]]
    book = _book(tmp_path / "long.xlsx", header, [
        [HUGE[:32_767]] * len(header),
        ["ISIS", HUGE[:32_767], "Istres", "31/02/2020", "initial", "Claire", "AI", "", ""],
        ["EMS", "", "Montauban", "2020-01-01", HUGE[:32_767], "Paul", HUGE[:32_767], "", ""],
    ])
    for lang in ("fr", "en"):
        assert main(["import", "--db", str(register), "--lang", lang, str(book)]) == 1
        captured = capsys.readouterr()
        for line in (captured.out + captured.err).splitlines():
            assert len(line) < 600, line[:200]
        assert "…" in captured.err
    result = _dry_run(register, book)
    assert not result.ok
    for line in import_summary(result, "fr").splitlines():
        assert len(line) < 600, line[:200]


def _dry_run(register: Path, book: Path):
    from cedre_desk.storage.opening import open_register

    db = open_register(register)
    try:
        return ImportService(db).run(book, today=date(2026, 11, 22), dry_run=True)
    finally:
        db.close()


@pytest.mark.parametrize(("lang", "more"), [
    ("fr", "… et 70 autres erreurs : liste complète dans "),
    ("en", "… and 70 more errors: full list in "),
])
def test_the_first_50_refusals_are_printed_then_a_count_and_the_whole_list_in_a_file(
        register, tmp_path, capsys, lang, more):
    book = _book(tmp_path / "many.xlsx", ["Nom", "SIRET"],
                 [[f"Structure {n}", "123"] for n in range(120)])
    assert main(["import", "--db", str(register), "--lang", lang, str(book)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 52  # 50 rows, the count and the file, the verdict
    assert sum("« 123 »" in line or "'123'" in line for line in err) == 50
    assert err[50].startswith(more)
    full_list = Path(err[50].split(more)[1])
    assert full_list.parent == log_dir()
    assert full_list.stat().st_mode & 0o077 == 0  # the rows quote the register's data
    listed = full_list.read_text(encoding="utf-8")
    where = "row {}:" if lang == "en" else "ligne {} :"
    assert all(where.format(n + 2) in listed for n in range(120))


def test_the_windows_summary_lists_50_refusals_then_counts_the_others(register, tmp_path):
    book = _book(tmp_path / "many.xlsx", ["Nom", "SIRET"],
                 [[f"Structure {n}", "123"] for n in range(60)])
    summary = import_summary(_dry_run(register, book), "fr").splitlines()
    assert sum("SIRET « 123 »" in line for line in summary) == 50
    assert summary[-1].strip() == "… et 10 autres erreurs."


def test_check_cuts_a_long_unknown_value(register_path: Path, capsys):
    db = create_register(register_path)
    generate_demo(db, companies=3, seed=1, today=date(2026, 11, 22))
    db.close()
    with closing(sqlite3.connect(register_path)) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE audit SET status = ? WHERE id = (SELECT min(id) FROM audit)",
                     (HUGE,))
        conn.commit()
    assert main(["check", "--db", str(register_path)]) == 8
    err = capsys.readouterr().err
    assert "ΩΩΩ" in err and "…" in err and len(err) < 2_000
