"""The due list of a period from the register, on screen (CycleService.due, ExportService
.calendar_events) and in the files (.xlsx, .pdf, .ics read back): both ends of the period
included, what is late listed once, whatever the period."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, Outcome, Scheme
from cedre_desk.errors import ValidationError
from cedre_desk.exports.calendar_events import Period
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.due import CycleService
from cedre_desk.services.exporting import ExportService

from ..exports.pdf_checks import pdf_text
from .conftest import d

TODAY = d("2014-07-01")  # follow-up 1 was due on 13/06/2014: late; follow-up 2 on 13/06/2015


@pytest.fixture
def granted(world):
    """GDID granted CEDRE on 13/06/2013."""
    audit = AuditService(world.db).create(AuditInput(
        AuditKind.CERTIFICATION, world.v2, company_id=world.company_id,
        start_on=d("2013-04-02"), status=AuditStatus.CLOSED))
    committees = CommitteeService(world.db)
    session = committees.create_session(d("2013-06-13"))
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=world.company_id, audit_id=audit))
    return world


def _listed(db, start: str, end: str) -> list[tuple[str, bool]]:
    period = Period(d(start), d(end))
    on_screen = [(r.event.value, r.late) for r in CycleService(db).due(TODAY, period=period)]
    exported = [(e.kind.value, e.late)
                for e in ExportService(db).calendar_events(period, today=TODAY)]
    assert on_screen == exported  # the window and the files list the same
    return exported


def test_a_deadline_on_either_end_of_the_period_is_in_it(granted):
    late = ("follow_up_1", True)
    assert _listed(granted.db, "2015-06-13", "2015-06-13") == [late, ("follow_up_2", False)]
    assert _listed(granted.db, "2015-01-01", "2015-06-13") == [late, ("follow_up_2", False)]
    assert _listed(granted.db, "2015-06-13", "2015-12-31") == [late, ("follow_up_2", False)]
    assert _listed(granted.db, "2015-06-14", "2015-12-31") == [late]
    assert _listed(granted.db, "2015-01-01", "2015-06-12") == [late]


def test_what_is_late_is_listed_once_inside_or_before_the_period(granted):
    # the late deadline's own day inside the period: one line, not one per reason
    assert _listed(granted.db, "2014-06-01", "2014-06-30") == [("follow_up_1", True)]
    assert _listed(granted.db, "2014-07-01", "2014-07-31") == [("follow_up_1", True)]


def test_the_files_of_a_period_hold_the_same_lines(granted, tmp_path):
    period = Period(d("2014-07-01"), d("2015-06-30"))
    service = ExportService(granted.db)
    for suffix in (".xlsx", ".pdf", ".ics"):
        service.calendar(tmp_path / f"p{suffix}", period=period, today=TODAY,
                         generated_at=datetime(2014, 7, 1, tzinfo=UTC))
    rows = [row for row in load_workbook(tmp_path / "p.xlsx").worksheets[0]
            .iter_rows(min_row=2, values_only=True) if row[0] is not None]
    assert [(row[0].date(), row[4], row[8]) for row in rows] == [
        (d("2014-06-13"), "Audit de suivi 1", "oui"), (d("2015-06-13"), "Audit de suivi 2", None)]
    events = list(Calendar.from_ical((tmp_path / "p.ics").read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [d("2014-06-13"), d("2015-06-13")]
    text = pdf_text(tmp_path / "p.pdf")
    assert "Échéances CEDRE du 01/07/2014 au 30/06/2015" in text
    assert text.count("Audit de suivi 1") == 1 and "Déjà en retard" in text


def test_a_reversed_period_is_refused_before_anything_is_written(granted, tmp_path):
    with pytest.raises(ValidationError) as refused:
        ExportService(granted.db).calendar(tmp_path / "p.ics",
                                           period=Period(d("2015-01-01"), d("2014-01-01")),
                                           today=TODAY)
    assert "précède son début" in refused.value.fr
    assert not (tmp_path / "p.ics").exists()
