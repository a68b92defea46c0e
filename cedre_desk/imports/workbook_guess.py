"""What a column whose header is not recognised most likely holds, from its values: the field
the summary offers in its `--map "Header=field"`, and the check that no decisions are left in
a column that is not read.

A column is taken to hold a kind of value when most of its filled cells read as such:
decisions ("Accordée"), schemes ("CEDRE ISO 9001"), audit kinds ("suivi"), legal types
("AI et ETTI"), or dates, whose field the header's words then choose ("Audit initial le" is
an audit's date, "Entrée démarche" an engagement's).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from cedre_desk.imports import workbook_dates
from cedre_desk.imports import workbook_values as values
from cedre_desk.imports.workbook_fields import normalise

# Words of a date column's header -> the date field they point to, first match wins.
_DATE_WORDS = (("comite", "committee_date"), ("commission", "committee_date"),
               ("decision", "committee_date"), ("session", "committee_date"),
               ("entree", "engaged_on"), ("demarche", "engaged_on"),
               ("engage", "engaged_on"), ("adhe", "member_since"), ("prevu", "planned_on"),
               ("planifi", "planned_on"), ("fin de l'audit", "audit_end"),
               ("audit", "audit_start"), ("validite", "valid_until"),
               ("echeance", "valid_until"), ("valable", "valid_until"))
_READERS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("decision", values.read_outcome), ("scheme", values.read_scheme),
    ("audit_kind", values.read_audit_kind), ("legal_types", values.read_legal_types))


def _most(cells: list[Any], reader: Callable[[Any], Any]) -> bool:
    read = 0
    for value in cells:
        with contextlib.suppress(values.BadValue):
            read += bool(reader(value))
    return read >= 1 and read * 2 > len(cells)


def _filled(cells: Iterable[Any]) -> list[Any]:
    return [v for v in cells if values.as_text(v)]


def holds_decisions(cells: Iterable[Any]) -> bool:
    """Most of the filled cells of a column read as committee decisions."""
    return _most(_filled(cells), values.read_outcome)


def field_from_values(cells: Iterable[Any], header: str, readable: frozenset[str],
                      within: tuple[date, date]) -> str | None:
    """The field a column's values point to, among the fields its sheet reads; a bare number
    counts as a date `within` the certification dates (DateLimits)."""
    filled = _filled(cells)
    for field, reader in _READERS:
        if field in readable and _most(filled, reader):
            return field
    if _most(filled, lambda v: workbook_dates.read_date(v, within=within)):
        key = normalise(header)
        for word, field in _DATE_WORDS:
            if word in key and field in readable:
                return field
    return None


def is_value_list(rows: Iterable[Iterable[Any]], within: tuple[date, date], limit: int = 2000
                  ) -> bool:
    """A sheet of lists of values (the drop-down lists of a hand-kept workbook: "Accordée,
    Ajournée, Refusée" under "Décision"): no date anywhere and no value twice in a column.
    Records repeat their decisions and carry dates; a list names each value once."""
    seen: dict[int, set[str]] = {}
    for number, row in enumerate(rows):
        if number >= limit:
            break
        for index, value in enumerate(row):
            text = values.bare(values.as_text(value))
            if not text:
                continue
            if isinstance(value, date) or _is_date(value, within) \
                    or text in seen.setdefault(index, set()):
                return False
            seen[index].add(text)
    return bool(seen)


def _is_date(value: Any, within: tuple[date, date]) -> bool:
    try:
        return workbook_dates.read_date(value, within=within) is not None
    except values.BadValue:
        return False
