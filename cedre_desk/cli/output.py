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
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "fr" else ",")
    writer.writerow(_HEADERS[lang])
    writer.writerows(map(_Cells(lang, csv_safe=True), rows))
    return buffer.getvalue()


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
