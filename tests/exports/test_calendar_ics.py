"""The .ics written line by line says exactly what icalendar's component tree said.

`tree_ics` below is the writer the calendar had before (an icalendar Event per deadline with
its VALARM, then `Calendar.to_ical`), kept here only as the reference: both files are read
back with `Calendar.from_ical` and every event must carry the same properties, with the same
parameters and values, as the tree's, for the events of a demo register and for texts
made to be awkward (commas, semicolons, backslashes, newlines, accents, emoji, very long).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Alarm, Calendar, Event
from icalendar.parser import Contentline

from cedre_desk.audits.vocabulary import CompanyState, EventKind, label
from cedre_desk.exports.calendar_events import CalendarEvent, Period, event_uid
from cedre_desk.exports.calendar_files import write_ics
from cedre_desk.exports.calendar_ics import description_text, fold, summary_text
from cedre_desk.exports.dates import day
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.exporting import ExportService
from cedre_desk.storage.database import Database

TODAY = date(2026, 3, 16)
PERIOD = Period(TODAY, TODAY + timedelta(days=364))
STAMP = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)
AWKWARD = ("Aide, Soins; Domicile \\ « Côte-d'Or » — Œuvre Ünïon 🌿 " * 4).strip()


def tree_ics(target: Path, events: Sequence[CalendarEvent], period: Period, *,
             generated_at: datetime, reminder_days: int = 30, lang: str = "fr") -> None:
    """The former writer: one icalendar component per event, the calendar serialised whole."""
    def name(value):
        return label(value, lang)

    calendar = Calendar()
    calendar.add("prodid", "-//cedre-desk//Echeances CEDRE//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = "Échéances CEDRE" if lang == "fr" else "CEDRE deadlines"
    calendar.add("x-wr-calname", f"{title} {day(period.start, lang)} – {day(period.end, lang)}")
    for event in events:
        summary = summary_text(event, name, lang)
        entry = Event()
        entry.add("uid", event_uid(event))
        entry.add("dtstamp", generated_at)
        entry.add("dtstart", event.due)
        entry.add("dtend", event.due + timedelta(days=1))
        entry.add("summary", summary)
        entry.add("description", description_text(event, name, lang))
        if event.town:
            entry.add("location", event.town)
        entry.add("categories", ["CEDRE", label(event.kind, lang)])
        entry.add("transp", "TRANSPARENT")
        if reminder_days > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", timedelta(days=-reminder_days))
            entry.add_component(alarm)
        calendar.add_component(entry)
    target.write_bytes(calendar.to_ical())


def demo_events(db: Database) -> list[CalendarEvent]:
    generate_demo(db, companies=80, seed=5, today=TODAY)
    events = ExportService(db).calendar_events(PERIOD, today=TODAY)
    assert len(events) > 40 and len({e.kind for e in events}) >= 5
    first = events[0]
    awkward = [
        replace(first, company=AWKWARD, town=f"Saint-Étienne, Loire; {AWKWARD}",
                kind=EventKind.FOLLOW_UP_1, expected_session=True, siret=None, scheme=None),
        replace(first, company="Ligne 1\nLigne 2\r\nLigne 3\rfin", town="",
                kind=EventKind.FOLLOW_UP, ordinal=4, state=CompanyState.LAPSED),
        replace(first, company="é" * 200, town="中" * 60),
        replace(first, company="a\\" * 60, town="^" * 90),
    ]
    awkward = [replace(event, company_id=10**6 + number)  # UIDs of their own
               for number, event in enumerate(awkward)]
    return [*events, *awkward]


def properties(component) -> dict[str, list[tuple[str, bytes]]]:
    """Each property of a component: its parameters and its value as icalendar writes it."""
    found: dict[str, list[tuple[str, bytes]]] = {}
    for name, value in component.property_items(recursive=False, sorted=True):
        if name in ("BEGIN", "END"):
            continue
        found.setdefault(name, []).append((value.params.to_ical(), value.to_ical()))
    return found


def read_events(target: Path) -> dict[str, tuple[dict, list[dict]]]:
    calendar = Calendar.from_ical(target.read_bytes())
    assert not calendar.errors and not calendar.walk("VTIMEZONE")
    events = {}
    for event in calendar.walk("VEVENT"):
        assert not event.errors
        events[str(event["UID"])] = (properties(event),
                                     [properties(alarm) for alarm in event.walk("VALARM")])
    return events


@pytest.mark.parametrize(("lang", "reminder_days", "stamp"), [
    ("fr", 30, STAMP),
    ("en", 7, datetime(2026, 3, 16, 10, 0, tzinfo=timezone(timedelta(hours=2)))),
    ("fr", 0, STAMP),
])
def test_every_event_says_what_the_component_tree_said(db, tmp_path, lang, reminder_days,
                                                       stamp):
    events = demo_events(db)
    written, expected = tmp_path / "lines.ics", tmp_path / "tree.ics"
    write_ics(written, events, PERIOD, generated_at=stamp, reminder_days=reminder_days,
              lang=lang)
    tree_ics(expected, events, PERIOD, generated_at=stamp, reminder_days=reminder_days,
             lang=lang)
    ours, theirs = read_events(written), read_events(expected)
    assert len(ours) == len(events)
    assert ours.keys() == theirs.keys()
    for uid, (props, alarms) in ours.items():
        assert props == theirs[uid][0], uid
        assert alarms == theirs[uid][1], uid
        assert len(alarms) == (1 if reminder_days else 0)
    head = Calendar.from_ical(written.read_bytes())
    tree_head = Calendar.from_ical(expected.read_bytes())
    assert properties(head) == properties(tree_head)
    stamp_line = next(line for line in written.read_bytes().split(b"\r\n")
                      if line.startswith(b"DTSTAMP"))
    assert stamp_line == b"DTSTAMP:20260316T080000Z"  # in UTC, as RFC 5545 wants


def test_awkward_texts_come_back_as_they_were(db, tmp_path):
    events = demo_events(db)[-4:]
    target = tmp_path / "e.ics"
    write_ics(target, events, PERIOD, generated_at=STAMP)
    read = {str(e["UID"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    first = read[event_uid(events[0])]
    assert str(first["SUMMARY"]) == f"Audit de suivi 1 (comité attendu) — {AWKWARD}"
    assert str(first["LOCATION"]) == f"Saint-Étienne, Loire; {AWKWARD}"
    assert str(first["DESCRIPTION"]).splitlines()[0] == f"Audit de suivi 1 : {AWKWARD}"
    assert "SIRET" not in str(first["DESCRIPTION"])
    assert str(first.walk("VALARM")[0]["DESCRIPTION"]) == str(first["SUMMARY"])
    second = read[event_uid(events[1])]
    assert "LOCATION" not in second
    assert str(second["SUMMARY"]).endswith("— Ligne 1\nLigne 2\nLigne 3\nfin")
    assert str(read[event_uid(events[2])]["LOCATION"]) == "中" * 60
    assert str(read[event_uid(events[3])]["SUMMARY"]).endswith("— " + "a\\" * 60)
    assert read[event_uid(events[0])].categories == ["CEDRE", "Audit de suivi 1"]


def test_lines_are_folded_at_75_octets_between_characters(db, tmp_path):
    target = tmp_path / "e.ics"
    write_ics(target, demo_events(db), PERIOD, generated_at=STAMP)
    raw = target.read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75  # long lines were folded, to the limit
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line whole: no UTF-8 sequence cut by a fold
    assert sum(line.startswith(b" ") for line in lines) > 100


@pytest.mark.parametrize("text", [
    "", "x" * 73, "x" * 74, "x" * 75, "x" * 300, "é" * 100, "x" + "é" * 100, "xx" + "€" * 80,
    "x" * 3 + "🌿" * 50, "a\\" * 80, "x" + "a\\" * 80, "^" * 200, "x" * 73 + "\\n" + "y" * 80,
    "Échéance — " + "Comité à atteindre, « attendu » ; " * 9,
])
def test_fold_is_icalendars_folding(text):
    name = "DESCRIPTION:"
    for shift in range(5):  # the text at every offset against the 74-octet boundary
        line = name + "y" * shift + text
        assert fold(line.encode()) == Contentline(line).to_ical(), (shift, text)
