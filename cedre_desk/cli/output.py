"""The due list as a table for people, CSV for spreadsheets, JSON for programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.vocabulary import label
from cedre_desk.services.due import DueRow

_HEADERS = {
    "fr": ("Échéance", "Retard", "Structure", "SIRET", "Événement", "État"),
    "en": ("Due", "Late", "Company", "SIRET", "Event", "State"),
}
_FORMULA_START = frozenset("=+-@\t\r")


class _Cells:
    """A due row's cells in `lang`. The labels and dates are spelled once per distinct value
    (45,000 rows hold a few dozen labels and a few thousand days: spelling each row's
    anew was a fifth of `cedre-desk-cli due` at 20,000 companies)."""

    def __init__(self, lang: str, *, csv_safe: bool = False) -> None:
        self.lang = lang
        self.csv_safe = csv_safe
        self.yes = "oui" if lang == "fr" else "yes"
        self._labels: dict[tuple[object, bool, object], tuple[str, str]] = {}
        self._days: dict[object, str] = {}

    def __call__(self, row: DueRow) -> tuple[str, ...]:
        key = (row.event, row.expected_session, row.state)
        labels = self._labels.get(key)
        if labels is None:
            labels = self._labels[key] = (
                label(row.event, self.lang) + (" *" if row.expected_session else ""),
                label(row.state, self.lang))
        day = self._days.get(row.due)
        if day is None:
            day = self._days[row.due] = (format_fr(row.due) if self.lang == "fr"
                                         else row.due.isoformat())
        company, siret = row.company, row.siret or ""
        if self.csv_safe:  # a spreadsheet must never read a name as a formula (the other
            company, siret = _as_text(company), _as_text(siret)  # cells are the program's)
        return (day, self.yes if row.late else "", company, siret, labels[0], labels[1])


def _as_text(cell: str) -> str:
    return "'" + cell if cell[:1] in _FORMULA_START else cell


def due_table(rows: Sequence[DueRow], lang: str) -> str:
    if not rows:
        return ("Rien n'est dû.\n" if lang == "fr" else "Nothing is due.\n")
    cells = _Cells(lang)
    lines = [_HEADERS[lang]] + [cells(r) for r in rows]
    widths = [min(max(len(line[i]) for line in lines), 48) for i in range(len(lines[0]))]
    out = ["  ".join(cell[:48].ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
           for line in lines]
    late = sum(r.late for r in rows)
    note = ("* date d'un comité attendu, pas encore fixé" if lang == "fr"
            else "* date of an expected committee, not yet set")
    summary = (f"{len(rows)} échéance(s), dont {late} en retard." if lang == "fr"
               else f"{len(rows)} event(s), {late} late.")
    if any(r.expected_session for r in rows):
        out.append(note)
    out.append(summary)
    return "\n".join(out) + "\n"


def due_csv(rows: Sequence[DueRow], lang: str) -> str:
    delimiter = ";" if lang == "fr" else ","
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerow(_HEADERS[lang])
    pieces = _CsvPieces(lang, delimiter)
    buffer.writelines(map(pieces.line, rows))
    return buffer.getvalue()


class _CsvPieces:
    """A due row's CSV line, put together from pieces the csv module wrote once per distinct
    value: the day and lateness, the company and SIRET, the event and state. The csv module
    quotes each field by its own content (the default dialect, QUOTE_MINIMAL), so pieces of
    two fields joined by the delimiter are the very line it writes for the whole row. At
    20,000 companies, 45,000 rows hold 10,000 companies, a few thousand days and a few dozen
    labels: writing each row whole was a third of the listing's own time."""

    def __init__(self, lang: str, delimiter: str) -> None:
        self.cells = _Cells(lang, csv_safe=True)
        self.delimiter = delimiter
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=delimiter)
        self._days: dict[tuple[object, bool], str] = {}
        self._companies: dict[tuple[str, str | None], str] = {}
        self._labels: dict[tuple[object, bool, object], str] = {}

    def _piece(self, first: str, second: str) -> str:
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._writer.writerow((first, second))
        return buffer.getvalue()[:-2]  # less the dialect's "\r\n"

    def line(self, row: DueRow) -> str:
        company = self._companies.get((row.company, row.siret))
        if company is None:  # the cells as _Cells spells them, without its labels and day
            company = self._companies[(row.company, row.siret)] = self._piece(
                _as_text(row.company), _as_text(row.siret or ""))
        day = self._days.get((row.due, row.late))
        labels = self._labels.get((row.event, row.expected_session, row.state))
        if day is None or labels is None:
            cells = self.cells(row)
            day = self._days[(row.due, row.late)] = self._piece(cells[0], cells[1])
            labels = self._labels[(row.event, row.expected_session, row.state)] = self._piece(
                cells[4], cells[5])
        delimiter = self.delimiter
        return f"{day}{delimiter}{company}{delimiter}{labels}\r\n"


def due_json(rows: Sequence[DueRow], lang: str) -> str:
    items = [
        {
            "company": r.company,
            "company_id": r.company_id,
            "siret": r.siret,
            "event": r.event.value,
            "event_label": label(r.event, lang),
            "due": r.due.isoformat(),
            "late": r.late,
            "expected_session": r.expected_session,
            "state": r.state.value,
            "scheme": r.scheme.value if r.scheme else None,
        }
        for r in rows
    ]
    # No indent: json's C encoder only runs without it (45,000 events: 0.1 s instead of 2 s).
    return json.dumps(items, ensure_ascii=False) + "\n"
