"""new and import --new: a register made empty, or made by its import, all or nothing: a
refused, failed or killed import leaves no file at the path asked for."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from cedre_desk.__main__ import main
from cedre_desk.services.companies import CompanyService
from cedre_desk.storage.opening import open_register


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    workbook.active.title = "Suivi"
    workbook.active.append(["Structure", "Ville", "Type", "Date d'audit", "Date du comité",
                            "Décision"])
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


GOOD = [["ISIS", "Istres (13)", "AI", "01/10/2015", "19/11/2015", "Accordée"],
        ["EMS", "Montauban (82)", "EI", "02/10/2015", "19/11/2015", "Accordée"]]


def _left(folder: Path) -> list[str]:
    """The files beside the workbooks (the data folder aside: crash logs go there)."""
    return sorted(p.name for p in folder.iterdir() if p.suffix != ".xlsx" and p.name != "home")


def test_new_makes_an_empty_register_and_refuses_an_existing_path(tmp_path, capsys):
    path = tmp_path / "registre.sqlite"
    assert main(["new", "--db", str(path)]) == 0
    assert "Registre créé, vide" in capsys.readouterr().out
    db = open_register(path)
    assert CompanyService(db).rows() == []
    db.close()
    before = path.read_bytes()
    assert main(["new", "--db", str(path), "--lang", "en"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("mes notes")
    assert main(["new", "--db", str(other)]) == 1
    assert other.read_text() == "mes notes"


def test_import_new_makes_the_register_and_imports_in_one_step(tmp_path, capsys):
    path = tmp_path / "registre.sqlite"
    book = _workbook(tmp_path / "suivi.xlsx", GOOD)
    assert main(["import", "--new", "--db", str(path), str(book), "--today",
                 "2016-06-01"]) == 0
    out = capsys.readouterr().out
    assert "2 structures nouvelles" in out and f"Registre créé : {path}" in out
    assert _left(tmp_path) == ["registre.sqlite"]
    assert main(["due", "--db", str(path), "--today", "2016-06-01", "--format", "json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert {row["company"] for row in due} == {"ISIS", "EMS"}
    # Made once: a second --new on the same path is refused and changes nothing.
    assert main(["import", "--new", "--db", str(path), str(book)]) == 1
    assert "existe déjà" in capsys.readouterr().err


def test_a_refused_import_new_leaves_no_file(tmp_path, capsys):
    path = tmp_path / "registre.sqlite"
    book = _workbook(tmp_path / "suivi.xlsx", [
        *GOOD, ["APTIMA", "Mantes", "EI", "31/02/2015", "19/11/2015", "Accordée"]])
    before = _left(tmp_path)
    assert main(["import", "--new", "--db", str(path), str(book)]) == 1
    assert "rien n'a été écrit" in capsys.readouterr().err
    assert not path.exists() and _left(tmp_path) == before
    # A dry run makes no register either.
    good = _workbook(tmp_path / "bon.xlsx", GOOD)
    assert main(["import", "--new", "--dry-run", "--db", str(path), str(good)]) == 0
    assert not path.exists() and _left(tmp_path) == before


def test_a_failed_import_new_leaves_no_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "registre.sqlite"
    book = _workbook(tmp_path / "suivi.xlsx", GOOD)
    before = _left(tmp_path)

    def fail(*_args, **_kwargs):
        raise OSError("disque plein")

    monkeypatch.setattr(
        "cedre_desk.services.importing.workbook_import.ImportService.run", fail)
    assert main(["import", "--new", "--db", str(path), str(book)]) == 3
    assert not path.exists() and _left(tmp_path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_import_new_leaves_no_register(tmp_path):
    path = tmp_path / "registre.sqlite"
    rows = [[f"STRUCTURE {i}", f"Ville {i}", "AI", "01/10/2015", "19/11/2015", "Accordée"]
            for i in range(4000)]
    book = _workbook(tmp_path / "gros.xlsx", rows)
    env = {**os.environ, "CEDRE_DESK_HOME": str(tmp_path / "home")}
    process = subprocess.Popen(
        [sys.executable, "-m", "cedre_desk", "import", "--new", "--db", str(path), str(book)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("registre.sqlite.import-en-cours-*")):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)  # inside the import now
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not path.exists()
    # What is left says what it is and is never taken for the register.
    assert all(".import-en-cours-" in name for name in _left(tmp_path))
