"""Exports through the services: the Excel register says what the register holds and what the
cycle rules compute; the audit report and the calendar are read from the register."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from icalendar import Calendar
from openpyxl import load_workbook

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel, Outcome, Scheme
from cedre_desk.errors import NotFound, ValidationError
from cedre_desk.exports.calendar_events import Period
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.services.exporting import ExportService
from cedre_desk.storage.models import Company

from ..exports.pdf_checks import assert_fonts_embedded, pdf_text
from .conftest import d

TODAY = d("2014-07-01")


@pytest.fixture
def certified(world):
    """GDID granted CEDRE on 13/06/2013 after a certification audit with two findings."""
    audits = AuditService(world.db)
    audit = audits.create(AuditInput(AuditKind.CERTIFICATION, world.v2,
                                     company_id=world.company_id, start_on=d("2013-04-02"),
                                     end_on=d("2013-04-03"), status=AuditStatus.CLOSED,
                                     auditor_ids=(world.auditor_id,),
                                     conclusion="=Conforme", recommendation="Accorder"))
    requirement = world.requirement(world.v2)
    audits.add_finding(audit, FindingInput(FindingLevel.MINOR_NC, "Revue <b>absente</b>",
                                           requirement_id=requirement, action="Tenir la revue",
                                           action_due=d("2013-09-30")))
    audits.add_finding(audit, FindingInput(FindingLevel.STRENGTH, "Accueil soigné"))
    committees = CommitteeService(world.db)
    session = committees.create_session(d("2013-06-13"), place="Paris")
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=audit))
    world.audit_id = audit
    return world


def test_the_register_workbook_holds_every_kind_of_record(certified, tmp_path):
    target = tmp_path / "registre.xlsx"
    report = ExportService(certified.db).register(target, today=TODAY)
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Structures", "Groupes", "Appartenances", "Auditeurs",
                                   "Accompagnements",
                                   "Engagements", "Audits", "Constats", "Sessions de comité",
                                   "Décisions", "Échéances", "Historique"]
    company = [c.value for c in workbook["Structures"][2]]
    assert company[:3] == [certified.company_id, "GDID", None]
    assert company[6] == "Salon de Provence"
    assert company[13] == "Suivi en retard"  # computed by the cycle rules on TODAY
    assert company[15] == datetime(2016, 6, 12)
    audit = [c.value for c in workbook["Audits"][2]]
    assert audit[5:7] == ["Audit de certification", "CEDRE V2"]
    assert audit[14] == "=Conforme" and workbook["Audits"]["O2"].data_type == "s"
    assert audit[-5:] == [1, 0, 0, 1, 0]  # PF, PP, PS, NCm, NCM
    findings = list(workbook["Constats"].iter_rows(min_row=2, values_only=True))
    assert findings[0][6:8] == ("Non-conformité mineure", "Revue <b>absente</b>")
    assert findings[0][3] == "CEDRE V2" and findings[1][4] is None
    decision = [c.value for c in workbook["Décisions"][2]]
    assert decision[6:9] == ["Accordée", "CEDRE", "CEDRE-2013-0001"]
    due = list(workbook["Échéances"].iter_rows(min_row=2, values_only=True))
    assert len(due) == len(CycleService(certified.db).due(TODAY))
    assert due[0][1] == "oui"  # the first follow-up, late on TODAY
    assert report.rows["Historique"] == workbook["Historique"].max_row - 1 > 0
    assert workbook["Constats"].freeze_panes == "A2"
    assert "Constats" in workbook["Constats"].tables


def test_the_register_in_english(certified, tmp_path):
    target = tmp_path / "register.xlsx"
    ExportService(certified.db).register(target, today=TODAY, lang="en")
    workbook = load_workbook(target)
    assert workbook.sheetnames[0] == "Companies"
    assert workbook["Audits"]["F2"].value == "Certification audit"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_register(certified, tmp_path):
    target = tmp_path / "registre.xlsx"
    plus = CompanyService(certified.db).create(CompanyInput(name="+Plus & « Égalité »"))
    with certified.db.engine.begin() as conn:  # a control character put in from outside
        conn.execute(sa.update(Company).where(Company.id == plus).values(notes="a\x01b"))
    ExportService(certified.db).register(target, today=TODAY)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,"
         "false,false,-1", "--outdir", str(tmp_path), str(target)],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "registre-Structures.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["N°", "Nom", "SIRET"]
    assert "+Plus & « Égalité »" in [row[1] for row in rows]
    assert any(row[-1] == "a\x01b" for row in rows)  # the escape read back as the character
    with (tmp_path / "registre-Audits.csv").open(encoding="utf-8") as handle:
        assert "=Conforme" in handle.read()  # text, not a formula's result


def test_the_audit_report_from_the_register(certified, tmp_path):
    target = tmp_path / "rapport.pdf"
    ExportService(certified.db).audit_report(certified.audit_id, target, today=TODAY)
    text = pdf_text(target)
    for expected in ("GDID", "Salon de Provence (13)", "Claire Auditrice", "CEDRE V2",
                     "Audit de certification", "Revue <b>absente</b>", "Tenir la revue",
                     "30/09/2013", "Hors exigence", "Accorder", "=Conforme"):
        assert expected in text, expected
    assert_fonts_embedded(target)
    with pytest.raises(NotFound):
        ExportService(certified.db).audit_report(9999, target, today=TODAY)


def test_the_calendar_holds_the_events_of_the_period_and_what_is_late(certified, tmp_path):
    service = ExportService(certified.db)
    period = Period(d("2014-07-01"), d("2015-06-30"))
    events = service.calendar_events(period, today=TODAY)
    # follow-up 1 was due on 13/06/2014, before the period: late, so on the list all the same
    assert [(e.kind.value, e.late) for e in events] == [("follow_up_1", True),
                                                         ("follow_up_2", False)]
    assert events[1].cycle_start == d("2013-06-13")
    later = service.calendar_events(Period(d("2015-07-01"), d("2016-06-30")), today=TODAY)
    assert later[0].kind.value == "follow_up_1"
    assert "follow_up_2" not in [e.kind.value for e in later]
    whole = service.calendar_events(Period(d("2013-01-01"), d("2016-12-31")), today=TODAY)
    assert [e.kind.value for e in whole] == ["follow_up_1", "follow_up_2", "renewal_audit",
                                             "renewal_committee", "expiry"]
    assert whole[0].late  # not done, due before TODAY
    target = tmp_path / "c.ics"
    service.calendar(target, period=period, today=TODAY,
                     generated_at=datetime(2014, 7, 1, tzinfo=UTC))
    assert len(list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))) == 2
    service.calendar(tmp_path / "c.pdf", period=period, today=TODAY)
    service.calendar(tmp_path / "c.xlsx", period=period, today=TODAY)
    assert "Audit de suivi 2" in pdf_text(tmp_path / "c.pdf")
    assert "en retard" in pdf_text(tmp_path / "c.pdf")
    assert "Déjà en retard, avant la période" in pdf_text(tmp_path / "c.pdf")
    sheet = load_workbook(tmp_path / "c.xlsx").worksheets[0]
    late_column = [cell.value for cell in sheet[1]].index("En retard")
    assert [row[late_column] for row in sheet.iter_rows(min_row=2, values_only=True)
            if row[0] is not None] == ["oui", None]


def test_a_calendar_needs_a_known_format_and_a_period_in_order(certified, tmp_path):
    service = ExportService(certified.db)
    with pytest.raises(ValidationError):
        service.calendar(tmp_path / "c.doc", period=Period(TODAY, TODAY), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        service.calendar(tmp_path / "c.ics", period=Period(TODAY, date(2014, 1, 1)),
                         today=TODAY)
    assert "précède" in refused.value.fr
