"""The renewal calendar as an iCalendar file, written event by event (the events and their
UIDs: calendar_events.py).

Building an icalendar component tree per event and serialising it took 9 s for the 20,000
events of the reference register (docs/performance.md), most of it in icalendar's generic
machinery: a property-type lookup per value, a Contentline per property, folding one
character at a time. Every event here has the same few properties, so each VEVENT is written
as its content lines straight into the file. icalendar still does what RFC 5545 is about:
`vText` escapes every TEXT value (backslash, comma, semicolon, newlines), `vDate`,
`vCategory` and `vDuration` format the other values, and the calendar's header and the
DTSTAMP line come from icalendar components rendered once. Only the folding is done here,
on the encoded bytes, the way icalendar folds (`Contentline.to_ical`): at most 74 octets of
content per physical line (75 with the leading space), never inside a UTF-8 sequence, never
right after a backslash. The output is the same, byte for byte, as the tree's `to_ical`
(tests/exports/test_calendar_ics.py compares them).

This module imports icalendar: it is loaded by the first .ics export, not by the window's start.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from icalendar import Calendar, Event
from icalendar.prop import vCategory, vDate, vDuration, vText

from cedre_desk.audits.vocabulary import EventKind, label
from cedre_desk.exports.calendar_events import CalendarEvent, Period, event_uid
from cedre_desk.exports.dates import day

FOLD = b"\r\n "  # CRLF then one space: the next physical line continues this one
FOLD_AT = 74  # octets of content per physical line, as icalendar folds
_CONTINUATION = 0x80  # 10xxxxxx: a byte inside a UTF-8 sequence, not the start of a character
_ESCAPE_BYTES = frozenset(b"\\^")  # icalendar keeps them on the line of what they escape
END_CALENDAR = b"END:VCALENDAR\r\n"

Labels = Callable[[StrEnum], str]  # a vocabulary value's label in the export's language


def write_ics_file(target: Path, events: Sequence[CalendarEvent], period: Period, *,
                   generated_at: datetime, reminder_days: int, lang: str) -> None:
    """The events as an iCalendar file at `target` (a fresh temporary file: atomic_target)."""
    event_lines = _event_writer(generated_at, reminder_days, lang)
    with Path(target).open("wb", buffering=1 << 20) as handle:
        handle.write(_calendar_header(period, lang))
        for event in events:
            handle.write(event_lines(event))
        handle.write(END_CALENDAR)


def fold(line: bytes) -> bytes:
    """One content line folded as icalendar folds it (module docstring), CRLF not included."""
    if len(line) <= FOLD_AT:
        return line
    pieces = []
    start, end = 0, len(line)
    while end - start > FOLD_AT:
        cut = start + FOLD_AT
        while line[cut] & 0xC0 == _CONTINUATION:  # back to the start of that character
            cut -= 1
        if cut - start > 1 and line[cut - 1] in _ESCAPE_BYTES:
            cut -= 1
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return FOLD.join(pieces)


def text_line(name: bytes, value: str) -> bytes:
    """`NAME:value` for a TEXT value, escaped by icalendar, folded, with its CRLF."""
    return fold(name + b":" + vText(value).to_ical()) + b"\r\n"


def _calendar_header(period: Period, lang: str) -> bytes:
    """The VCALENDAR's own lines, rendered by icalendar from a calendar without events."""
    calendar = Calendar()
    calendar.add("prodid", "-//cedre-desk//Echeances CEDRE//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = "Échéances CEDRE" if lang == "fr" else "CEDRE deadlines"
    calendar.add("x-wr-calname", f"{name} {day(period.start, lang)} – {day(period.end, lang)}")
    rendered = calendar.to_ical()
    assert rendered.endswith(END_CALENDAR)
    return rendered[:-len(END_CALENDAR)]


def _stamp_line(generated_at: datetime) -> bytes:
    """DTSTAMP as icalendar writes it: Component.add turns the time into UTC (RFC 5545)."""
    probe = Event()
    probe.add("dtstamp", generated_at)
    line: bytes = probe.content_line("DTSTAMP", probe["DTSTAMP"]).to_ical()
    return line + b"\r\n"


def _event_writer(generated_at: datetime, reminder_days: int, lang: str
                  ) -> Callable[[CalendarEvent], bytes]:
    """A function giving one event's VEVENT (with its VALARM) as bytes. What is the same for
    many events (the stamp, a kind's categories, a day's date, a town) is rendered once."""
    name = functools.cache(functools.partial(label, lang=lang))  # a few values, many events
    stamp = _stamp_line(generated_at)
    transparent = b"TRANSP:TRANSPARENT\r\n"  # a deadline does not make anyone busy
    trigger = b"TRIGGER:" + vDuration(timedelta(days=-reminder_days)).to_ical() + b"\r\n"
    categories: dict[EventKind, bytes] = {}
    days: dict[date, bytes] = {}
    towns: dict[str, bytes] = {}

    def categories_line(kind: EventKind) -> bytes:
        if kind not in categories:
            value = vCategory(["CEDRE", name(kind)]).to_ical()
            categories[kind] = fold(b"CATEGORIES:" + value) + b"\r\n"
        return categories[kind]

    def date_value(due: date) -> bytes:
        if due not in days:
            days[due] = vDate(due).to_ical()
        return days[due]

    def location_line(town: str) -> bytes:
        if town not in towns:
            towns[town] = text_line(b"LOCATION", town)
        return towns[town]

    def event_lines(event: CalendarEvent) -> bytes:
        summary = vText(summary_text(event, name, lang)).to_ical()
        summary_line = fold(b"SUMMARY:" + summary) + b"\r\n"
        lines = [b"BEGIN:VEVENT\r\n", summary_line,
                 b"DTSTART;VALUE=DATE:" + date_value(event.due) + b"\r\n",
                 b"DTEND;VALUE=DATE:" + date_value(event.due + timedelta(days=1)) + b"\r\n",
                 stamp, text_line(b"UID", event_uid(event)), categories_line(event.kind),
                 text_line(b"DESCRIPTION", description_text(event, name, lang))]
        if event.town:
            lines.append(location_line(event.town))
        lines.append(transparent)
        if reminder_days > 0:
            lines += [b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
                      fold(b"DESCRIPTION:" + summary) + b"\r\n", trigger, b"END:VALARM\r\n"]
        lines.append(b"END:VEVENT\r\n")
        return b"".join(lines)

    return event_lines


def summary_text(event: CalendarEvent, name: Labels, lang: str) -> str:
    star = (" (comité attendu)" if lang == "fr" else " (expected committee)") \
        if event.expected_session else ""
    return f"{name(event.kind)}{star} — {event.company}"


def description_text(event: CalendarEvent, name: Labels, lang: str) -> str:
    lines = [f"{name(event.kind)} : {event.company}" if lang == "fr"
             else f"{name(event.kind)}: {event.company}"]
    if event.siret:
        lines.append(f"SIRET {event.siret}")
    state = name(event.state)
    lines.append(f"État : {state}" if lang == "fr" else f"State: {state}")
    if event.scheme is not None:
        lines.append(name(event.scheme))
    if event.expected_session:
        lines.append("Date d'un comité attendu, pas encore fixé." if lang == "fr"
                     else "Date of an expected committee, not set yet.")
    return "\n".join(lines)
