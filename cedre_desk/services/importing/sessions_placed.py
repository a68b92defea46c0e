"""The committee session a decision of a workbook is placed on, when its row does not give
the session's day: a decision dated "nov. 2015" belongs to that month's one session."""

from __future__ import annotations

from dataclasses import replace

from cedre_desk.imports.workbook_records import DecisionRecord, Problem
from cedre_desk.services.importing.plan import Planner


def place_on_session(p: Planner, record: DecisionRecord) -> DecisionRecord:
    """The record with its session's day; a row that cannot be placed is rejected."""
    if record.session_month_only:
        return _session_of_month(p, record)
    return record


def _session_of_month(p: Planner, record: DecisionRecord) -> DecisionRecord:
    """A decision dated "nov. 2015" belongs to that month's one committee session (in the
    workbook or the register); with none, or several, its row is refused."""
    month = (record.session_on.year, record.session_on.month)
    known = set(p.index.session_by_date) | {
        d.session_on for d in p.parsed.decisions if not d.session_month_only}
    days = sorted(d for d in known if (d.year, d.month) == month)
    when = f"{record.session_on:%m/%Y}"
    if len(days) != 1:
        raise p.reject(
            record.source, f"date du comité sans jour ({when}) et "
            f"{'aucune session' if not days else 'plusieurs sessions'} ce mois-là : indiquez "
            "le jour.", f"committee date without a day ({when}) and "
            f"{'no session' if not days else 'several sessions'} that month: give the day.")
    p.plan.warnings.append(Problem(
        record.source.sheet, record.source.row,
        f"date du comité sans jour ({when}) : rattachée à la session du {days[0]:%d/%m/%Y}.",
        f"committee date without a day ({when}): taken as the session of "
        f"{days[0].isoformat()}."))
    return replace(record, session_on=days[0], session_month_only=False)
