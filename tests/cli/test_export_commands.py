"""export, import and stats on the command line: files written, exit statuses, JSON keys."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import Workbook, load_workbook

from cedre_desk.__main__ import main
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, Outcome, Scheme
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.register import create_register
from cedre_desk.storage.opening import open_register

from ..exports.pdf_checks import pdf_text

KEYS = ["year", "newly_certified", "entered", "renewed", "preparing_renewal",
        "follow_up_audits", "certified_at_year_end", "certified_by_scheme", "certified_share"]


@pytest.fixture
def register(register_path: Path) -> Path:
    """ISIS granted CEDRE on 13/06/2013."""
    db = create_register(register_path)
    version = ReferentialService(db).in_force(CEDRE, date(2013, 4, 1))
    company = CompanyService(db).create(CompanyInput(name="ISIS", town="Istres",
                                                     department="13"))
    audit = AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id,
                                               company_id=company, start_on=date(2013, 4, 2),
                                               status=AuditStatus.DONE))
    committees = CommitteeService(db)
    session = committees.create_session(date(2013, 6, 13))
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=company, audit_id=audit))
    db.close()
    return register_path


def test_export_register(register, tmp_path, capsys):
    target = tmp_path / "registre.xlsx"
    assert main(["export", "register", "--db", str(register), "-o", str(target),
                 "--today", "2014-07-01"]) == 0
    assert "Registre exporté" in capsys.readouterr().out
    assert load_workbook(target)["Structures"]["B2"].value == "ISIS"


def test_export_report_calendar_and_stats(register, tmp_path, capsys):
    db = str(register)
    assert main(["export", "report", "--db", db, "--audit", "1", "-o",
                 str(tmp_path / "r.pdf")]) == 0
    assert "ISIS" in pdf_text(tmp_path / "r.pdf")
    assert main(["export", "calendar", "--db", db, "--from", "2014-01-01", "--to",
                 "31/12/2014", "-o", str(tmp_path / "c.ics"), "--reminder", "10",
                 "--today", "2014-01-01"]) == 0
    events = list(Calendar.from_ical((tmp_path / "c.ics").read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Audit de suivi 1 — ISIS"]
    for suffix in (".xlsx", ".pdf"):
        assert main(["export", "stats", "--db", db, "--year", "2013", "-o",
                     str(tmp_path / f"s{suffix}")]) == 0
        assert (tmp_path / f"s{suffix}").stat().st_size > 0
    assert main(["export", "calendar", "--db", db, "-o", str(tmp_path / "c.txt")]) == 1
    assert "extension" in capsys.readouterr().err


def test_stats_json_prints_the_documented_keys(register, capsys):
    assert main(["stats", "--db", str(register), "--year", "2013", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [key for key in data if key in KEYS] == KEYS
    assert data["newly_certified"] == 1 and data["certified_at_year_end"] == 1
    assert data["certified_by_scheme"] == {"CEDRE": 1, "CEDRE ISO 9001": 0}
    assert data["certified_share"] == 1.0
    assert main(["stats", "--db", str(register), "--year", "2013", "--lang", "en"]) == 0
    assert "Newly certified companies" in capsys.readouterr().out


def test_stats_lists_the_newly_certified_per_scheme_as_the_report_does(register, capsys):
    assert main(["stats", "--db", str(register), "--year", "2013", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["newly_certified_lines"] == {"CEDRE ISO 9001": [], "CEDRE": [{
        "text": "ISIS (AI) à Istres (13)", "group": None,
        "companies": [{"name": "ISIS", "legal_types": ["AI"], "town": "Istres",
                       "department": "13"}]}]}
    assert data["engaged_at_year_end"] == 0 and data["engaged_companies"] == []
    assert main(["stats", "--db", str(register), "--year", "2013"]) == 0
    assert "CEDRE\u00a0:\n  ISIS (AI) à Istres (13)\n" in capsys.readouterr().out


def _hand_kept(path: Path, rows) -> Path:
    workbook = Workbook()
    workbook.active.append(["Nom", "Lieu", "Date du comité", "Décision"])
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_import_exit_statuses_dry_run_and_column_mapping(register, tmp_path, capsys):
    db = str(register)
    good = _hand_kept(tmp_path / "bon.xlsx", [["EMS", "Montauban (82)", "13/06/2013",
                                               "refusée"]])
    # "Lieu" means nothing known: without --map the town is not read, with it it is.
    assert main(["import", "--db", db, str(good), "--dry-run", "--map", "Lieu=town"]) == 0
    out = capsys.readouterr().out
    assert "Essai à blanc" in out and "1 structure nouvelle\n" in out
    assert main(["import", "--db", db, str(good), "--map", "Lieu=town"]) == 0
    assert "Importé" in capsys.readouterr().out
    check = open_register(register)
    names = {row.name: row for row in CompanyService(check).rows()}
    check.close()
    assert names["EMS"].department == "82"

    bad = _hand_kept(tmp_path / "mauvais.xlsx", [["APTIMA", "Mantes", "13/06/2013", "peut-être"]])
    assert main(["import", "--db", db, str(bad), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and "unknown decision" in err and "nothing was written" in err
    assert main(["import", "--db", db, str(bad), "--map", "Lieu"]) == 1
    assert "Header=field" in capsys.readouterr().err
