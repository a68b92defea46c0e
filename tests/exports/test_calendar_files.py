"""The renewal calendar as .ics (read back by icalendar and by a real client, khal), as a
month-by-month PDF and as an Excel list."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from cedre_desk.audits.vocabulary import CompanyState, EventKind, Scheme
from cedre_desk.exports.calendar_events import CalendarEvent, Period, event_uid
from cedre_desk.exports.calendar_files import write_calendar_pdf, write_calendar_workbook, write_ics

from .pdf_checks import assert_fonts_embedded, pdf_text

PERIOD = Period(date(2026, 5, 1), date(2027, 4, 30))
STAMP = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def _event(due, company_id=1, company="GDID", kind=EventKind.FOLLOW_UP_1, **changes):
    values = dict(due=due, company_id=company_id, company=company, siret="73282932000074",
                  town="Salon de Provence", kind=kind, ordinal=1, late=False,
                  expected_session=False, state=CompanyState.CERTIFIED, scheme=Scheme.CEDRE,
                  cycle_start=date(2025, 6, 12))
    values.update(changes)
    return CalendarEvent(**values)


EVENTS = [
    _event(date(2026, 6, 12)),
    _event(date(2026, 6, 30), 2, "AGIRE 76", EventKind.RENEWAL_AUDIT, ordinal=0,
           expected_session=True, state=CompanyState.RENEWAL_DUE, scheme=Scheme.CEDRE_ISO_9001),
    _event(date(2026, 11, 1), 2, "AGIRE 76", EventKind.RENEWAL_COMMITTEE, ordinal=0,
           expected_session=True, state=CompanyState.RENEWAL_DUE),
    _event(date(2027, 1, 11), 2, "AGIRE 76", EventKind.EXPIRY, ordinal=0,
           state=CompanyState.RENEWAL_DUE),
]


def test_ics_events_are_all_day_with_a_reminder_and_stable_uids(tmp_path):
    target = tmp_path / "echeances.ics"
    write_ics(target, EVENTS, PERIOD, generated_at=STAMP)
    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 6, 12)  # a date, not a date-time: all day
    assert first.decoded("dtend") == date(2026, 6, 13)
    assert str(first["summary"]) == "Audit de suivi 1 — GDID"
    assert str(first["uid"]) == "company-1-follow_up_1-20250612@cedre-desk"
    alarm = first.walk("VALARM")[0]
    assert alarm.decoded("trigger") == timedelta(days=-30)
    assert "(comité attendu)" in str(events[1]["summary"])
    assert len({str(e["uid"]) for e in events}) == 4


def test_the_uid_stays_when_the_date_moves_and_changes_with_the_cycle():
    event = EVENTS[1]
    assert event_uid(replace(event, due=date(2026, 7, 15))) == event_uid(event)
    assert event_uid(replace(event, cycle_start=date(2028, 1, 12))) != event_uid(event)
    third = _event(date(2026, 1, 1), kind=EventKind.FOLLOW_UP, ordinal=3)
    fourth = replace(third, ordinal=4)
    assert event_uid(third) != event_uid(fourth)


def test_the_reminder_can_be_changed_or_left_out(tmp_path):
    target = tmp_path / "e.ics"
    write_ics(target, EVENTS[:1], PERIOD, generated_at=STAMP, reminder_days=7, lang="en")
    event = next(iter(Calendar.from_ical(target.read_bytes()).walk("VEVENT")))
    assert event.walk("VALARM")[0].decoded("trigger") == timedelta(days=-7)
    assert str(event["summary"]) == "Follow-up audit 1 — GDID"
    write_ics(target, EVENTS[:1], PERIOD, generated_at=STAMP, reminder_days=0)
    event = next(iter(Calendar.from_ical(target.read_bytes()).walk("VEVENT")))
    assert event.walk("VALARM") == []


@pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed "
                    "(scripts/setup installs it with the test tools)")
def test_khal_imports_the_calendar_and_updates_it_on_reimport(tmp_path):
    folder = tmp_path / "agenda"
    folder.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[cedre]]\npath = {folder}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n", encoding="utf-8")

    def khal(*args: str) -> str:
        done = subprocess.run(["khal", "-c", str(config), *args], capture_output=True,
                              text=True, timeout=120, check=True)
        return done.stdout

    def listed() -> list[str]:
        out = khal("list", "--format", "{start-date} {title}", "2026-05-01", "2027-05-01")
        return [line for line in out.splitlines() if " — " in line]

    target = tmp_path / "echeances.ics"
    write_ics(target, EVENTS, PERIOD, generated_at=STAMP)
    khal("import", "--batch", "-a", "cedre", str(target))
    assert listed() == ["2026-06-12 Audit de suivi 1 — GDID",
                        "2026-06-30 Audit de renouvellement (date limite) (comité attendu) — "
                        "AGIRE 76",
                        "2026-11-01 Comité à atteindre (comité attendu) — AGIRE 76",
                        "2027-01-11 Échéance du certificat — AGIRE 76"]
    # The committee's real date is entered: the new export moves the event, not copies it.
    moved = [replace(e, due=date(2026, 11, 19), expected_session=False)
             if e.kind is EventKind.RENEWAL_COMMITTEE else e for e in EVENTS]
    write_ics(target, moved, PERIOD, generated_at=STAMP + timedelta(days=1))
    khal("import", "--batch", "-a", "cedre", str(target))
    events = listed()
    assert len(events) == 4
    assert "2026-11-19 Comité à atteindre — AGIRE 76" in events
    assert len(list(folder.iterdir())) == 4


def test_the_pdf_calendar_goes_month_by_month(tmp_path):
    target = tmp_path / "echeances.pdf"
    write_calendar_pdf(target, [*EVENTS, replace(EVENTS[0], company="<b>Éole</b>", late=True)],
                       PERIOD, printed_on=date(2026, 5, 1))
    text = pdf_text(target)
    for expected in ("Échéances CEDRE du 01/05/2026 au 30/04/2027", "Juin 2026",
                     "Novembre 2026", "Janvier 2027", "12/06/2026", "GDID — Salon de Provence",
                     "Audit de suivi 1", "Comité à atteindre *", "<b>Éole</b>", "(en retard)",
                     "comité attendu, pas encore fixé", "Page 1 / 1"):
        assert expected in text, expected
    assert text.index("Juin 2026") < text.index("Novembre 2026") < text.index("Janvier 2027")
    assert "Juillet 2026" not in text  # a month without events has no heading
    assert_fonts_embedded(target)


def test_an_empty_period_says_so(tmp_path):
    target = tmp_path / "vide.pdf"
    write_calendar_pdf(target, [], PERIOD, printed_on=date(2026, 5, 1), lang="en")
    assert "No deadline in this period." in pdf_text(target)


def test_the_excel_calendar_has_one_sorted_row_per_event(tmp_path):
    target = tmp_path / "echeances.xlsx"
    write_calendar_workbook(target, EVENTS, PERIOD)
    sheet = load_workbook(target)["Calendrier"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Échéance", "Structure", "SIRET", "Ville", "Événement")
    assert [r[0].date() for r in rows[1:]] == [e.due for e in EVENTS]
    assert rows[2][4] == "Audit de renouvellement (date limite)"
    assert rows[2][5] == "oui"
    assert rows[1][-1] == event_uid(EVENTS[0])
    assert sheet.freeze_panes == "A2" and "Calendrier" in sheet.tables


def test_written_files_replace_the_old_ones(tmp_path: Path):
    target = tmp_path / "e.ics"
    target.write_text("old")
    write_ics(target, EVENTS, PERIOD, generated_at=STAMP)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["e.ics"]


def test_a_month_longer_than_a_page_starts_on_the_first_page(tmp_path):
    target = tmp_path / "long.pdf"
    many = [_event(date(2026, 6, 1 + i % 28), i, f"Structure {i:03d}") for i in range(120)]
    write_calendar_pdf(target, many, PERIOD, printed_on=date(2026, 5, 1))
    first_page = PdfReader(target).pages[0].extract_text()
    assert "Juin 2026" in first_page and "Structure 000" in first_page
