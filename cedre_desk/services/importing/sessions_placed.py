"""The committee session a decision of a workbook is placed on, when its row does not give
the session's day: a decision dated "nov. 2015" belongs to that month's one session; a
decision on an audits sheet without a committee date goes to the first session after its
audit, entered (in the register or the workbook) or else expected as the cycle rules compute
it (the second Thursday of June, the third of November by default). Each placed row says so
in the summary; a row that cannot be placed is refused, and with it the workbook.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cedre_desk.audits.committees import next_session_after
from cedre_desk.imports.workbook_records import DecisionRecord, Problem
from cedre_desk.services.importing.plan import Planner


def place_on_session(p: Planner, record: DecisionRecord) -> DecisionRecord:
    """The record with its session's day; a row that cannot be placed is rejected."""
    if record.session_month_only:
        return _session_of_month(p, record)
    if record.session_after_audit:
        return _session_after_audit(p, record)
    return record


def _entered_sessions(p: Planner) -> tuple[date, ...]:
    """The sessions entered: the register's, the workbook's sessions, and the committee
    dates its decisions give."""
    days = set(p.index.session_by_date) | {s.held_on for s in p.parsed.sessions} | {
        d.session_on for d in p.parsed.decisions
        if not d.session_month_only and not d.session_after_audit}
    return tuple(sorted(days))


def _session_after_audit(p: Planner, record: DecisionRecord) -> DecisionRecord:
    audited = record.session_on
    try:
        session = next_session_after(_entered_sessions(p), audited, p.index.settings)
    except ValueError:
        session = None
    if session is None or session.on > p.today:
        after = "" if session is None else f" (le {session.on:%d/%m/%Y})"
        after_en = "" if session is None else f" ({session.on.isoformat()})"
        raise p.reject(
            record.source, f"décision sans date du comité : la première session après "
            f"l'audit du {audited:%d/%m/%Y}{after} n'a pas encore eu lieu, la décision ne "
            "peut pas y être placée. Indiquez la date du comité.",
            f"decision without a committee date: the first session after the audit of "
            f"{audited.isoformat()}{after_en} has not taken place yet, the decision cannot be "
            "placed on it. Give the committee date.")
    fr, en = ("session attendue (pas encore saisie)", "expected session (not entered yet)") \
        if session.expected else ("session saisie", "entered session")
    p.plan.warnings.append(Problem(
        record.source.sheet, record.source.row,
        f"date du comité déduite : pas de date du comité sur la ligne, décision placée à la "
        f"{fr} du {session.on:%d/%m/%Y}, la première après l'audit du {audited:%d/%m/%Y}.",
        f"committee date deduced: no committee date on the row, decision placed on the "
        f"{en} of {session.on.isoformat()}, the first after the audit of "
        f"{audited.isoformat()}."))
    return replace(record, session_on=session.on, session_after_audit=False)


def _session_of_month(p: Planner, record: DecisionRecord) -> DecisionRecord:
    """A decision dated "nov. 2015" belongs to that month's one committee session (in the
    workbook or the register); with none, or several, its row is refused."""
    month = (record.session_on.year, record.session_on.month)
    days = [d for d in _entered_sessions(p) if (d.year, d.month) == month]
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
