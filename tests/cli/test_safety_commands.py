"""backup, backups, restore and check from the command line."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from cedre_desk.__main__ import main
from cedre_desk.paths import backups_dir
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.register import create_register
from cedre_desk.storage.backup import list_backups, quick_check
from cedre_desk.storage.lock import lock_path
from cedre_desk.storage.opening import open_register


@pytest.fixture
def made(register_path: Path) -> Path:
    db = create_register(register_path)
    CompanyService(db).create(CompanyInput(name="ISIS"))
    db.close()
    return register_path


def names(path: Path) -> list[str]:
    db = open_register(path, read_only=True)
    try:
        return sorted(r.name for r in CompanyService(db).rows())
    finally:
        db.close()


def test_backup_writes_a_verified_copy_in_the_backups_folder(made: Path, capsys):
    assert main(["backup", "--db", str(made)]) == 0
    out = capsys.readouterr().out
    [copy] = list_backups(made)
    assert out.startswith("Sauvegarde vérifiée écrite") and str(copy.path) in out
    assert copy.reason == "manuelle" and quick_check(copy.path)


def test_backup_to_a_named_file_never_overwrites(made: Path, tmp_path: Path, capsys):
    target = tmp_path / "copie.sqlite"
    assert main(["--lang", "en", "backup", "--db", str(made), "-o", str(target)]) == 0
    assert "Verified backup written" in capsys.readouterr().out and quick_check(target)
    assert main(["--lang", "en", "backup", "--db", str(made), "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_backup_of_a_missing_register_is_refused(tmp_path: Path, capsys):
    assert main(["backup", "--db", str(tmp_path / "absent.sqlite")]) == 1
    assert "aucun registre" in capsys.readouterr().err


def test_backups_lists_the_copies_newest_first(made: Path, capsys):
    assert main(["backups", "--db", str(made)]) == 0
    assert "Aucune sauvegarde" in capsys.readouterr().out
    main(["backup", "--db", str(made)])
    main(["backup", "--db", str(made)])
    capsys.readouterr()
    assert main(["--lang", "en", "backups", "--db", str(made)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("manual" in line for line in lines)
    assert lines[0].endswith(str(list_backups(made)[0].path))


def test_restore_puts_a_copy_back_and_keeps_the_current_register(made: Path, capsys):
    main(["backup", "--db", str(made)])
    [copy] = list_backups(made)
    db = open_register(made)
    CompanyService(db).create(CompanyInput(name="Après"))
    db.close()
    capsys.readouterr()
    assert main(["restore", "--db", str(made), str(copy.path)]) == 0
    out = capsys.readouterr().out
    assert "Registre restauré" in out and "avant-restauration" in out
    assert names(made) == ["ISIS"]
    kept = next(c for c in list_backups(made) if c.reason == "avant-restauration")
    assert main(["restore", "--db", str(made), str(kept.path)]) == 0  # and back again
    assert names(made) == ["Après", "ISIS"]


def test_restore_of_a_damaged_register_sets_it_aside(made: Path, capsys):
    main(["backup", "--db", str(made)])
    [copy] = list_backups(made)
    made.write_bytes(made.read_bytes()[:5000])
    capsys.readouterr()
    assert main(["--lang", "en", "restore", "--db", str(made), str(copy.path)]) == 0
    assert "damaged register was set aside" in capsys.readouterr().out
    assert names(made) == ["ISIS"]
    assert [p for p in made.parent.iterdir() if ".endommage-" in p.name]


def test_restore_is_refused_while_another_program_writes(made: Path, capsys):
    main(["backup", "--db", str(made)])
    [copy] = list_backups(made)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from cedre_desk.storage.opening import "
         "open_register; db = open_register(sys.argv[1], user='marie'); print('ok', flush=True);"
         " sys.stdin.readline(); db.close()", str(made)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        capsys.readouterr()
        assert main(["restore", "--db", str(made), str(copy.path)]) == 1
        assert "ouvert en écriture par marie" in capsys.readouterr().err
    finally:
        holder.communicate("\n", timeout=20)


def test_restore_of_something_that_is_not_a_backup_is_refused(made: Path, tmp_path, capsys):
    other = tmp_path / "notes.sqlite"
    other.write_text("pas une sauvegarde")
    before = made.read_bytes()
    assert main(["restore", "--db", str(made), str(other)]) == 1
    assert "pas une sauvegarde" in capsys.readouterr().err
    assert made.read_bytes() == before and not backups_dir(made).exists()


def test_check_names_the_newest_sound_backup_of_a_damaged_register(made: Path, capsys):
    main(["backup", "--db", str(made)])
    [copy] = list_backups(made)
    made.write_bytes(made.read_bytes()[:5000])
    before = made.read_bytes()
    capsys.readouterr()
    assert main(["check", "--db", str(made)]) == 8
    err = capsys.readouterr().err
    assert "problème(s) d'intégrité" in err and "Sauvegarde saine la plus récente" in err
    assert f"cedre-desk restore --db \"{made}\" \"{copy.path}\"" in err
    assert made.read_bytes() == before  # the check changes nothing


def test_check_without_a_sound_backup_says_so(made: Path, capsys):
    made.write_bytes(made.read_bytes()[:5000])
    assert main(["--lang", "en", "check", "--db", str(made)]) == 8
    assert "No sound backup" in capsys.readouterr().err


def test_check_after_an_unclean_shutdown_says_so(made: Path, capsys):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(made).write_text(json.dumps({
        "user": "paul", "host": socket.gethostname(), "pid": dead.pid,
        "since": datetime.now().astimezone().isoformat(), "token": "t"}))
    assert main(["check", "--db", str(made)]) == 0
    out = capsys.readouterr().out
    assert "ne s'est pas terminée proprement" in out and "registre sain" in out
    assert lock_path(made).exists()  # a check takes nothing over


def test_check_tells_who_writes_the_register(made: Path, capsys):
    db = open_register(made, user="jean")
    try:
        assert main(["--lang", "en", "check", "--db", str(made)]) == 0
        assert "open for writing by jean" in capsys.readouterr().out
    finally:
        db.close()
