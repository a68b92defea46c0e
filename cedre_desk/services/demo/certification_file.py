"""One certification file of the demo, as its history is written, and the signal that the
history has reached `today`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cedre_desk.audits.cycle import AuditFact, DecisionFact
from cedre_desk.audits.vocabulary import CompanyState, Scheme


class Pending(Exception):
    """The file's next step falls on or after `today`: its history stops there."""


@dataclass
class CertificationFile:
    """One certification file: a company on its own, or a group and its members.

    `decisions` and `audits` gather the facts written, so that the file's computed state can
    be counted in the summary."""

    company_id: int | None
    group_id: int | None
    members: list[int]
    region: str
    ending: CompanyState
    scheme: Scheme = Scheme.CEDRE
    coaches: list[int] = field(default_factory=list)
    team: list[int] = field(default_factory=list)
    engaged_on: list[date] = field(default_factory=list)
    used_sessions: set[int] = field(default_factory=set)
    decisions: list[DecisionFact] = field(default_factory=list)
    audits: list[AuditFact] = field(default_factory=list)
    last_follow_up: date | None = None
