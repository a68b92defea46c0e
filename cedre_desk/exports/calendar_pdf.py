"""The renewal calendar of a period as a PDF, month by month (the events: calendar_events.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from cedre_desk.audits.vocabulary import label
from cedre_desk.exports.calendar_events import CalendarEvent, Period
from cedre_desk.exports.dates import day
from cedre_desk.exports.pdf_layout import (
    DocumentInfo,
    build_pdf,
    grid,
    para,
    section,
    styles,
    text,
)

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def write_pdf(target: Path, events: Sequence[CalendarEvent], period: Period, *,
              printed_on: date, lang: str = "fr") -> Path:
    s = styles()
    months = MONTHS_EN if lang == "en" else MONTHS_FR
    if lang == "en":
        title = f"CEDRE deadlines from {day(period.start, lang)} to {day(period.end, lang)}"
        head = ("Date", "Company", "Event", "State")
        empty, late_word, note = ("No deadline in this period.", "late",
                                  "* date of an expected committee, not set yet")
        already_late = "Already late, before the period"
    else:
        title = f"Échéances CEDRE du {day(period.start, lang)} au {day(period.end, lang)}"
        head = ("Date", "Structure", "Événement", "État")
        empty, late_word, note = ("Aucune échéance sur cette période.", "en retard",
                                  "* date d'un comité attendu, pas encore fixé")
        already_late = "Déjà en retard, avant la période"
    def table(chosen: Sequence[CalendarEvent]) -> Flowable:
        rows: list[tuple[object, ...]] = [head]
        for e in chosen:
            place = f"{e.company} — {e.town}" if e.town else e.company
            what = label(e.kind, lang) + (" *" if e.expected_session else "")
            state = label(e.state, lang)
            if e.late:
                state = f"{state} ({late_word})"
            rows.append((para(day(e.due, lang), s.cell), para(place, s.cell),
                         para(what, s.cell), para(state, s.cell)))
        return grid(rows, [24 * mm, 60 * mm, 52 * mm, 38 * mm])

    story: list[Flowable] = [Paragraph(text(title), s.title)]
    # What is late from before the period comes first, under a heading of its own; the
    # period's own deadlines follow month by month.
    late = [e for e in events if e.due < period.start]
    if late:
        story += [*section(already_late, s.heading), table(late)]
    by_month: dict[tuple[int, int], list[CalendarEvent]] = {}
    for event in events:
        if event.due >= period.start:
            by_month.setdefault((event.due.year, event.due.month), []).append(event)
    if not events:
        story.append(para(empty, s.body))
    for (year, month), month_events in by_month.items():
        heading = f"{months[month - 1]} {year}"
        story += [*section(heading[:1].upper() + heading[1:], s.heading), table(month_events)]
    if any(e.expected_session for e in events):
        story.append(para(note, s.small))
    info = DocumentInfo(title=title, subject=title, author="cedre-desk",
                        lang="en-GB" if lang == "en" else "fr-FR",
                        footer=("Printed on " if lang == "en" else "Édité le ")
                        + day(printed_on, lang))
    return build_pdf(target, info, story)
