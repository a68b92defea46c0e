"""A full disk is a full disk (issue 15, point 1): on a small filesystem filled up, every
command says so with its own exit status, none calls the register damaged or suggests a
restore, and once space is freed the register holds everything it held. With the SIGKILL
harness, writers killed while the disk fills leave it sound with every acknowledged record.

Mounting a small tmpfs needs root: run as another user, these tests are skipped (and say so).
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cedre_desk.__main__ import main
from cedre_desk.errors import DiskFullError
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage.integrity import check_file

from .conftest import Zygote, kills

SIZE = "3m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root: the full-disk case is not run")
    folder = tmp_path / "petit-disque"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs",
                              str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}): not run")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "remplissage"
    # Unbuffered: a buffered file would try to write its last chunk again on closing, and
    # raise "no space left" from the `with` itself.
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError:
            pass
    return filler


def _companies(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM company").fetchone()[0]


def test_every_command_on_a_full_disk_says_disk_full_never_damaged(small_disk: Path,
                                                                  tmp_path: Path, capsys):
    register = small_disk / "registre.sqlite"
    db = create_register(register)
    for name in ("Forge Martin", "Scierie Dubois"):
        CompanyService(db).create(CompanyInput(name=name))
    db.close()
    workbook = tmp_path / "rien.xlsx"  # the import fails on the disk before reading it
    workbook.write_bytes(b"")
    filler = _fill(small_disk)
    capsys.readouterr()
    assert main(["check", "--db", str(register)]) == 0  # read to its end: sound
    assert "sain" in capsys.readouterr().out
    for command in (["backup"], ["demo", "--companies", "3"]):
        assert main([*command, "--db", str(register)]) == DiskFullError.exit_status == 4
        err = capsys.readouterr().err
        assert "plein" in err, err
        assert "endommagé" not in err and "restaur" not in err, err
    filler.unlink()
    assert check_file(register).sound and _companies(register) == 2
    assert main(["check", "--db", str(register)]) == 0


def test_writers_killed_while_the_disk_fills_leave_every_acknowledged_record(
        small_disk: Path, zygote: Zygote, request):
    """Each round frees a little space (one chunk of filler), then writes through the
    services until the disk is full again (the first round) or until killed."""
    register = small_disk / "registre.sqlite"
    create_register(register, user="crash").close()
    chunks = []
    for number in range(64):
        chunk = small_disk / f"bloc-{number}"
        try:
            chunk.write_bytes(b"\0" * 32768)
        except OSError:
            chunk.unlink(missing_ok=True)
            break
        chunks.append(chunk)
    rnd = random.Random(11)
    acknowledged: set[str] = set()
    for number in range(kills(request.config, quick=3, full=16)):
        if chunks:
            chunks.pop().unlink()
        result = zygote.run("services", kill_after=rnd.uniform(0.2, 2.0) if number else None,
                            db=str(register), seed=number, timeout=120)
        assert result.errors or number, "the first round writes until the disk is full"
        for error in result.errors:  # the disk filled up: said so, nothing else
            assert "DiskFullError" in error, error
        acknowledged |= {ack[2] for ack in result.acks if ack[0] == "company"}
        assert check_file(register).sound
    with closing(sqlite3.connect(f"file:{register}?mode=ro", uri=True)) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM company")}
    deleted = {name for name in acknowledged if name.startswith("D")}
    assert acknowledged - deleted <= names
