"""The renewal calendar of a period: every due event, as Excel, PDF (month by month) or .ics.

An event is one deadline of the certification cycle for one company: a follow-up audit, the
latest date for the renewal audit, the committee session the renewal file must reach, the
certificate's expiry (and, for a suspended or lapsed certificate, the end of the suspension
or the last day it can be restored).

In the .ics file each event is an all-day event with a reminder `reminder_days` before (30 by
default). Its UID is made of the company's number, the event's kind (and follow-up number)
and the start of the certificate's cycle: the same deadline keeps the same UID from one
export to the next even when its date moves (a committee session entered, say), so a
calendar that imports an updated file updates its events instead of adding copies.
The events and their UIDs are in calendar_events.py; calendar_ics.py writes the .ics,
calendar_pdf.py the PDF, and this module chooses between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from cedre_desk.audits.vocabulary import label
from cedre_desk.exports.calendar_events import CalendarEvent, Period, event_uid
from cedre_desk.exports.dates import day
from cedre_desk.exports.files import Progress, atomic_target, no_progress
from cedre_desk.exports.workbook_model import Column, Sheet, WorkbookReport
from cedre_desk.exports.workbook_writer import write_workbook


def write_ics(target: Path, events: Sequence[CalendarEvent], period: Period, *,
              generated_at: datetime, reminder_days: int = 30, lang: str = "fr") -> Path:
    """The events as an iCalendar file; `generated_at` (UTC) stamps every event."""
    from cedre_desk.exports.calendar_ics import write_ics_file  # loads icalendar

    with atomic_target(Path(target)) as temporary:
        write_ics_file(temporary, events, period, generated_at=generated_at,
                       reminder_days=reminder_days, lang=lang)
    return Path(target)


def _columns(lang: str) -> list[Column]:
    names = (("Échéance", "Due", "date", 12), ("Structure", "Company", "text", 30),
             ("SIRET", "SIRET", "text", 16), ("Ville", "Town", "text", 18),
             ("Événement", "Event", "text", 32), ("Comité attendu", "Expected committee",
                                                 "text", 9),
             ("État", "State", "text", 18), ("Schéma", "Scheme", "text", 14),
             ("En retard", "Late", "text", 8), ("Identifiant", "Identifier", "text", 30))
    return [Column(en if lang == "en" else fr, kind, width) for fr, en, kind, width in names]


def write_calendar_workbook(target: Path, events: Sequence[CalendarEvent], period: Period, *,
                            lang: str = "fr", progress: Progress = no_progress
                            ) -> WorkbookReport:
    yes = "yes" if lang == "en" else "oui"
    rows = [(e.due, e.company, e.siret, e.town, label(e.kind, lang),
             yes if e.expected_session else None, label(e.state, lang),
             label(e.scheme, lang) if e.scheme else None, yes if e.late else None, event_uid(e))
            for e in events]
    title = "Calendrier" if lang == "fr" else "Calendar"
    sheet = Sheet(title, "Calendrier" if lang == "fr" else "Calendar", _columns(lang), rows)
    name = (f"Échéances du {day(period.start, lang)} au {day(period.end, lang)}" if lang == "fr"
            else f"Deadlines from {day(period.start, lang)} to {day(period.end, lang)}")
    return write_workbook(target, [sheet], title=name, progress=progress)


def write_calendar_pdf(target: Path, events: Sequence[CalendarEvent], period: Period, *,
                       printed_on: date, lang: str = "fr") -> Path:
    from cedre_desk.exports.calendar_pdf import write_pdf  # loads reportlab

    return write_pdf(target, events, period, printed_on=printed_on, lang=lang)
