"""The demo's certification committee: its sessions, the decisions taken there (only once a
session is held), and the certificate numbers, given once every decision is known."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from cedre_desk.audits.cycle import DecisionFact
from cedre_desk.audits.vocabulary import Outcome, Scheme, SessionStatus
from cedre_desk.services.demo.certification_file import CertificationFile, Pending
from cedre_desk.services.demo.cycle_dates import CycleDates
from cedre_desk.services.demo.writer import RowWriter
from cedre_desk.storage.models import CommitteeSession, Decision


def write_sessions(out: RowWriter, dates: CycleDates) -> None:
    """Every session of the calendar: held before `today`, planned from then on."""
    for held_on in dates.sessions:
        status = SessionStatus.HELD if held_on < dates.today else SessionStatus.PLANNED
        out.add(CommitteeSession, dict(
            id=out.next_id(CommitteeSession), held_on=held_on, place="Paris",
            members="Comité de certification CEDRE (composition fictive)",
            status=status, version=1))


class Committee:
    """The decisions, kept here until the end: their certificate numbers follow the order of
    the sessions, not the order the files are written in."""

    def __init__(self, dates: CycleDates, out: RowWriter) -> None:
        self.dates = dates
        self.out = out
        self.decisions: list[dict[str, Any]] = []

    def decide(self, f: CertificationFile, s: int, outcome: Outcome, audit_id: int | None,
               audit_done: bool, certificate: tuple[date, date] | None = None,
               conditions: str = "") -> None:
        """A committee decision at session `s`: taken only once the session is held."""
        if s >= self.dates.held or not audit_done:
            raise Pending
        assert s not in f.used_sessions, "one decision per file and session"
        f.used_sessions.add(s)
        held_on = self.dates.sessions[s]
        valid_from, valid_until = certificate if certificate else (None, None)
        self.decisions.append(dict(
            id=len(self.decisions) + 1, session_id=s + 1, company_id=f.company_id,
            group_id=f.group_id, audit_id=audit_id, outcome=outcome, scheme=f.scheme,
            certificate_number=None, valid_from=valid_from, valid_until=valid_until,
            conditions=conditions, version=1))
        f.decisions.append(DecisionFact(held_on, outcome, f.scheme, valid_from, valid_until))

    def write_decisions(self) -> None:
        """Number the certificates, then write every decision (after the audits they cite)."""
        self._number_certificates()
        self.out.insert(Decision, self.decisions)

    def _number_certificates(self) -> None:
        """Certificate numbers in decision order, per scheme and year: CEDRE-2013-0042."""
        numbered = sorted(
            (d for d in self.decisions if d["outcome"].starts_certificate),
            key=lambda d: (d["session_id"], d["id"]),
        )
        counters: Counter[str] = Counter()
        for decision in numbered:
            prefix = "CEDRE-ISO" if decision["scheme"] is Scheme.CEDRE_ISO_9001 else "CEDRE"
            stem = f"{prefix}-{self.dates.sessions[decision['session_id'] - 1].year}-"
            counters[stem] += 1
            decision["certificate_number"] = f"{stem}{counters[stem]:04d}"
