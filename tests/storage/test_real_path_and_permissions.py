"""One register, one writer, whatever the path; files never more readable than the register;
nothing left behind by a killed run (issue 15, points 3, 4 and 8)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from cedre_desk.__main__ import main
from cedre_desk.errors import AccessDeniedError
from cedre_desk.paths import backups_dir
from cedre_desk.services import maintenance
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.register import create_register
from cedre_desk.storage import backup
from cedre_desk.storage.database import HELD_ELSEWHERE
from cedre_desk.storage.opening import open_register

TODAY = date(2026, 11, 22)
DEAD_PID = 4_000_000  # above Linux's pid_max: never a running process
HOLD = """
import sys
from cedre_desk.storage.opening import open_register
db = open_register(sys.argv[1])
print("read_only" if db.read_only else "writer", flush=True)
sys.stdin.readline()
db.close()
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    path = tmp_path / "vrai" / "registre.sqlite"
    db = create_register(path)
    CompanyService(db).create(CompanyInput(name="Forge Martin"))
    db.close()
    return path


@pytest.mark.parametrize("through", ["symlink", "dotdot"])
def test_two_paths_to_one_register_make_one_writer(real: Path, tmp_path: Path, through: str):
    if through == "symlink":
        other = tmp_path / "lien.sqlite"
        other.symlink_to(real)
    else:
        (tmp_path / "ailleurs").mkdir()
        other = tmp_path / "ailleurs" / ".." / "vrai" / "registre.sqlite"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(other)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "writer"
        second = open_register(real)
        try:
            assert second.read_only and second.read_only_reason == HELD_ELSEWHERE
        finally:
            second.close()
    finally:
        holder.communicate("\n", timeout=20)


def test_a_restore_through_a_link_replaces_the_real_file(real: Path, tmp_path: Path, capsys):
    link = tmp_path / "lien.sqlite"
    link.symlink_to(real)
    copy = backup.backup_register(real, backup.MANUAL)
    db = open_register(real)
    CompanyService(db).create(CompanyInput(name="Scierie Dubois"))
    db.close()
    assert main(["restore", "--db", str(link), str(copy)]) == 0
    assert link.is_symlink() and link.resolve() == real
    with closing(sqlite3.connect(real)) as conn:
        assert conn.execute("SELECT name FROM company").fetchall() == [("Forge Martin",)]
    out = capsys.readouterr().out
    assert "1 structure(s)" in out  # the newer record, named, kept in the copy set aside


def test_a_restore_keeps_the_registers_permissions_owner_and_group(real: Path):
    copy = backup.backup_register(real, backup.MANUAL)
    real.chmod(0o660)
    if os.geteuid() == 0:
        os.chown(real, 1234, 100)
    before = real.stat()
    maintenance.restore_file(real, copy, user="testeur")
    after = real.stat()
    assert mode(real) == 0o660
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_a_read_only_register_is_not_restored(real: Path):
    copy = backup.backup_register(real, backup.MANUAL)
    real.chmod(0o444)
    content = real.read_bytes()
    with pytest.raises(AccessDeniedError):
        maintenance.restore_file(real, copy, user="testeur")
    assert real.read_bytes() == content and mode(real) == 0o444


def test_a_new_register_and_its_folder_are_private(tmp_path: Path):
    path = tmp_path / "nouveau" / "registre.sqlite"
    create_register(path).close()
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_backups_are_never_more_readable_than_the_register(real: Path):
    real.chmod(0o600)
    backups_dir(real).mkdir(mode=0o755, exist_ok=True)
    backups_dir(real).chmod(0o755)  # as an older version left it
    copy = backup.backup_register(real, backup.MANUAL)
    assert mode(copy) == 0o600 and mode(backups_dir(real)) == 0o700
    real.chmod(0o640)
    assert mode(backup.backup_register(real, backup.MANUAL)) == 0o640


def test_an_export_is_never_more_readable_than_the_register(real: Path, tmp_path: Path):
    real.chmod(0o600)
    target = tmp_path / "registre.xlsx"
    db = open_register(real, read_only=True)
    try:
        ExportService(db).register(target, today=TODAY)
    finally:
        db.close()
    assert mode(target) & 0o077 == 0


def test_leftovers_of_a_killed_run_are_removed_on_the_next_run(real: Path, tmp_path: Path):
    backups_dir(real).mkdir(exist_ok=True)
    killed = [real.with_name(f"{real.name}.{DEAD_PID}.partial"),
              backups_dir(real) / f"registre_2026-11-22_101010.sqlite.{DEAD_PID}.partial",
              backups_dir(real) / f"registre_2026-11-22_101010.sqlite.{DEAD_PID}.partial-journal"]
    alive = backups_dir(real) / f"registre_2026-11-22_101011.sqlite.{os.getppid()}.partial"
    for path in [*killed, alive]:
        path.write_bytes(b"x" * 100)
    open_register(real).close()
    assert not any(path.exists() for path in killed)
    assert alive.exists()  # another program's copy in progress
    export_folder = tmp_path / "exports"
    export_folder.mkdir()
    left = export_folder / f".registre-{DEAD_PID}-abcd1234.tmp"
    other = export_folder / f".registre-2024-{DEAD_PID}-abcd1234.tmp"  # another name's
    left.write_bytes(b"x")
    other.write_bytes(b"x")
    db = open_register(real, read_only=True)
    try:
        ExportService(db).register(export_folder / "registre.xlsx", today=TODAY)
    finally:
        db.close()
    assert not left.exists() and other.exists()


def test_a_refused_demo_leaves_no_file(tmp_path: Path):
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--companies", "0"]) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_refused_demo_leaves_no_folder_it_made(tmp_path: Path):
    (tmp_path / "existant").mkdir()
    path = tmp_path / "existant" / "nouveau" / "sous-dossier" / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--companies", "0"]) == 1
    assert [p.name for p in tmp_path.rglob("*")] == ["existant"]  # kept: it was there
