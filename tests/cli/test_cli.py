"""The command line: exit statuses, messages in both languages, the due list formats."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cedre_desk.__main__ import main
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, Outcome, Scheme
from cedre_desk.errors import NotARegisterError
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.register import create_register
from cedre_desk.storage.disk_errors import DamagedRegisterError


@pytest.fixture
def certified(register_path: Path) -> Path:
    """A register with one company granted on 13/06/2013."""
    db = create_register(register_path)
    v2 = ReferentialService(db).in_force(CEDRE, date(2013, 4, 1))
    assert v2 is not None
    company = CompanyService(db).create(CompanyInput(name="=ISIS", siret="73282932000074"))
    audit = AuditService(db).create(AuditInput(
        AuditKind.CERTIFICATION, v2.id, company_id=company, start_on=date(2013, 4, 2),
        status=AuditStatus.DONE))
    committees = CommitteeService(db)
    session = committees.create_session(date(2013, 6, 13))
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=company, audit_id=audit))
    db.close()
    return register_path


def test_due_json_has_the_documented_keys(certified, capsys):
    assert main(["due", "--db", str(certified), "--today", "2014-07-01", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    first = items[0]
    assert {"company", "siret", "event", "due", "late"} <= set(first)
    assert (first["event"], first["due"], first["late"]) == ("follow_up_1", "2014-06-13", True)
    assert first["siret"] == "73282932000074"


def test_due_within_limits_the_horizon(certified, capsys):
    main(["due", "--db", str(certified), "--today", "2014-01-01", "--within", "30",
          "--format", "json"])
    assert json.loads(capsys.readouterr().out) == []


def test_due_from_to_lists_the_period_with_what_is_late(certified, capsys):
    assert main(["due", "--db", str(certified), "--today", "2014-07-01", "--from", "2014-07-01",
                 "--to", "2015-06-30", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["event"], i["late"]) for i in items] == [("follow_up_1", True),
                                                         ("follow_up_2", False)]
    assert main(["due", "--db", str(certified), "--from", "2015-01-01", "--to",
                 "2014-01-01"]) == 1
    assert "précède" in capsys.readouterr().err


def test_due_table_speaks_french_then_english(certified, capsys):
    main(["due", "--db", str(certified), "--today", "13/07/2014"])
    out = capsys.readouterr().out
    assert "Audit de suivi 1" in out and "13/06/2014" in out and "en retard" in out
    main(["--lang", "en", "due", "--db", str(certified), "--today", "2014-07-13"])
    out = capsys.readouterr().out
    assert "Follow-up audit 1" in out and "1 late" in out


def test_due_csv_keeps_formulas_as_text(certified, capsys):
    main(["due", "--db", str(certified), "--today", "2014-07-01", "--format", "csv"])
    out = capsys.readouterr().out
    assert "'=ISIS" in out


def test_db_option_before_the_command_is_kept(certified, capsys):
    assert main(["--db", str(certified), "due", "--today", "2014-07-01"]) == 0
    assert "ISIS" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"hello, this is a text file\n", b"SQLite format 3\x00"])
def test_a_path_that_is_not_a_register_is_refused(tmp_path, capsys, content):
    path = tmp_path / "not-a-register.sqlite"
    path.write_bytes(content)
    assert main(["due", "--db", str(path)]) == NotARegisterError.exit_status == 7
    err = capsys.readouterr().err
    assert "registre" in err and "Traceback" not in err
    assert path.read_bytes() == content  # never turned into an empty register


def test_a_missing_register_is_refused_not_created(tmp_path, capsys):
    path = tmp_path / "absent.sqlite"
    assert main(["--lang", "en", "due", "--db", str(path)]) == 1
    assert "no register" in capsys.readouterr().err
    assert not path.exists()


def test_check_says_sound_or_lists_problems(certified, tmp_path, capsys):
    assert main(["check", "--db", str(certified)]) == 0
    assert "sain" in capsys.readouterr().out
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(certified.read_bytes()[:4096])
    assert main(["check", "--db", str(broken)]) == 8  # damaged: found by the check, run to its end


@pytest.mark.parametrize("argv", [["frobnicate"], ["due", "--format", "xml"],
                                  ["due", "--bientot"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


@pytest.mark.parametrize("argv", [["due", "--today", "31/02/2015"], ["due", "--within", "-3"]])
def test_bad_values_are_refused_with_exit_1(argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 1


def test_the_module_runs_and_reports_its_version():
    result = subprocess.run([sys.executable, "-m", "cedre_desk", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("cedre-desk ")


def test_the_command_line_never_loads_qt(certified):
    code = ("import sys; from cedre_desk.__main__ import main; "
            f"main(['due', '--db', {str(certified)!r}, '--format', 'json']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_due_only_reads_the_register(certified, capsys):
    """A listing takes no lock and makes no backup: the register's folder is unchanged."""
    before = sorted(p.name for p in certified.parent.iterdir())
    assert main(["due", "--db", str(certified), "--format", "json"]) == 0
    after = sorted(p.name for p in certified.parent.iterdir()
                   if not p.name.endswith(("-wal", "-shm")))
    assert after == [n for n in before if not n.endswith(("-wal", "-shm"))]


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "due", "check", "backup", "backups", "restore", "export", "import",
                    "stats"):
        assert f"    {command} " in out, command


@pytest.mark.parametrize(("argv", "expected"), [
    ([], (None, None)),
    (["--db", "r.sqlite", "--lang", "en"], (Path("r.sqlite"), "en")),
    (["--lang=fr"], (None, "fr")),
])
def test_without_a_command_the_window_opens_with_the_options(argv, expected, monkeypatch):
    opened = []
    monkeypatch.setattr("cedre_desk.ui.app.run_window",
                        lambda db, lang: opened.append((db, lang)) or 0)
    assert main(argv) == 0
    assert opened == [expected]


@pytest.mark.parametrize("argv", [["--lang", "xx"], ["--db"], ["--frobnicate"]])
def test_a_wrong_option_without_a_command_is_a_usage_error(argv, capsys, monkeypatch):
    """Told by the whole parser, whose usage line names the commands; no window opens."""
    monkeypatch.setattr("cedre_desk.ui.app.run_window", lambda db, lang: pytest.fail("opened"))
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "COMMANDE" in capsys.readouterr().err


def test_due_on_a_damaged_register_prints_nothing_but_the_damage(tmp_path, capsys):
    """The quick_check runs beside the listing's reads; the listing waits for its verdict."""
    from ..storage.test_opening_check import damage

    path = tmp_path / "registre.sqlite"
    create_register(path).close()
    damage(path)
    status = main(["due", "--db", str(path), "--today", "2014-07-01", "--format", "csv"])
    assert status == DamagedRegisterError.exit_status == 8
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "endommagé" in captured.err
