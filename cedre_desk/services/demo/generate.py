"""`generate_demo`: the whole demonstration register, in one transaction, file by file."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import company_status
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import CompanyState
from cedre_desk.errors import RegisterError, UserError
from cedre_desk.services.demo.auditors import write_auditors
from cedre_desk.services.demo.audits import AuditWriter
from cedre_desk.services.demo.cap import write_cap
from cedre_desk.services.demo.catalogue import read_catalogue
from cedre_desk.services.demo.certification_file import CertificationFile
from cedre_desk.services.demo.committees import Committee, write_sessions
from cedre_desk.services.demo.companies import (
    Draft,
    draft_companies,
    form_groups,
    group_names,
    write_companies,
)
from cedre_desk.services.demo.cycle_dates import CycleDates, committee_days
from cedre_desk.services.demo.endings import ENDINGS, reachable_endings, settle_ending
from cedre_desk.services.demo.histories import FileHistories
from cedre_desk.services.demo.proportions import apportion
from cedre_desk.services.demo.writer import RowWriter, advance_sequences
from cedre_desk.services.settings import read_settings
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    Auditor,
    CertificationGroup,
    Coaching,
    CommitteeSession,
    Company,
    CompanyLegalType,
    Decision,
    Engagement,
    Finding,
    GroupMember,
)


@dataclass(frozen=True)
class DemoSummary:
    """What `generate_demo` wrote: rows per table, and companies per computed state
    (a group's members take the group's state)."""

    companies: int
    legal_types: int
    groups: int
    group_members: int
    auditors: int
    coachings: int
    engagements: int
    sessions: int
    audits: int
    audit_auditors: int
    findings: int
    decisions: int
    states: dict[CompanyState, int] = field(default_factory=dict)
    cap_assessments: int = 0


Progress = Callable[[int, int], None]
"""Told (steps done, steps in all) as the register is written; raising in it cancels the
whole generation (one transaction: nothing is written)."""


def generate_demo(
    db: Database, *, companies: int = 530, seed: int = 1, today: date,
    progress: Progress | None = None,
) -> DemoSummary:
    """Write a demonstration register into the empty register `db`, the same for the same
    seed and `today`; refused (UserError) when the register already holds data."""
    if db.read_only:
        raise RegisterError(
            "Ce registre est ouvert en lecture seule : rien ne peut y être modifié.",
            "This register is open read-only: nothing can be changed.",
        )
    if companies < 1:
        raise UserError("Le nombre de structures doit être d'au moins 1.",
                        "The number of companies must be at least 1.", field="companies")
    with db.engine.begin() as conn:
        _refuse_if_not_empty(conn)
        summary = _write_register(conn, random.Random(seed), today, read_settings(conn),
                                  companies, progress or _no_progress)
        return replace(summary, cap_assessments=write_cap(conn, seed, today))


def _no_progress(_done: int, _total: int) -> None:
    """Nobody watching."""


def _refuse_if_not_empty(conn: Connection) -> None:
    for table in (Company, CertificationGroup, Auditor, CommitteeSession, Audit, Decision):
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            raise UserError(
                "Ce registre contient déjà des données (structures, audits, comités...) : "
                "les données de démonstration ne s'écrivent que dans un registre vide.",
                "This register already holds data (companies, audits, committees...): "
                "demonstration data is only written into an empty register.",
            )


def _write_register(conn: Connection, rng: random.Random, today: date,
                    settings: CycleSettings, n_companies: int, progress: Progress,
                    ) -> DemoSummary:
    catalogue = read_catalogue(conn)
    out = RowWriter(conn)
    drafts = draft_companies(rng, n_companies)
    groups = form_groups(rng, drafts)
    auditors = write_auditors(rng, out, max(3, round(n_companies / 25)))
    dates = CycleDates(committee_days(today), today, settings)
    write_sessions(out, dates)
    routes = reachable_endings(dates)
    committee = Committee(dates, out)
    histories = FileHistories(rng, dates, out, AuditWriter(rng, out, today, catalogue),
                              committee)
    by_id = {d.id: d for d in drafts}
    names_of_groups = group_names(groups, by_id)
    states: Counter[CompanyState] = Counter()
    files = _files(rng, drafts, groups, by_id)
    for done, (f, members) in enumerate(files, start=1):
        # The order of the draws below is the register's: see the package's docstring.
        route = settle_ending(rng, f, routes, dates)
        if f.ending is not CompanyState.NOT_ENGAGED:
            auditors.staff(rng, f)
        histories.write(f, route)
        write_companies(rng, out, f, members, names_of_groups, today)
        status = company_status(f.decisions, f.audits, bool(f.engaged_on) or bool(f.audits),
                                dates.sessions, settings, today)
        states[status.state] += len(f.members)
        out.maybe_flush()
        progress(done, len(files))  # the decisions and Le Cap come after the last
    out.flush()
    committee.write_decisions()
    advance_sequences(conn)
    counts = out.written
    return DemoSummary(
        companies=counts[Company], legal_types=counts[CompanyLegalType],
        groups=counts[CertificationGroup], group_members=counts[GroupMember],
        auditors=counts[Auditor], coachings=counts[Coaching],
        engagements=counts[Engagement], sessions=counts[CommitteeSession],
        audits=counts[Audit], audit_auditors=counts[AuditAuditor],
        findings=counts[Finding], decisions=counts[Decision],
        states=dict(sorted(states.items())),
    )


def _files(rng: random.Random, drafts: list[Draft], groups: list[tuple[int, list[int]]],
           by_id: dict[int, Draft]) -> list[tuple[CertificationFile, list[Draft]]]:
    """One file per company outside a group and one per group, in the order of their
    (first) company, each with the ending it aims at: endings in their proportions for the
    companies, drawn by weight for the groups (which are never 'not engaged')."""
    in_group = {cid for _, members in groups for cid in members}
    solo = [d for d in drafts if d.id not in in_group]
    endings = apportion(len(solo), ENDINGS, minimum=1)
    rng.shuffle(endings)
    group_weights = [(e, w) for e, w in ENDINGS if e is not CompanyState.NOT_ENGAGED]
    files: list[tuple[CertificationFile, list[Draft]]] = []
    for draft, ending in zip(solo, endings, strict=True):
        files.append((CertificationFile(draft.id, None, [draft.id], draft.region, ending),
                      [draft]))
    for group_id, members in groups:
        ending = rng.choices([e for e, _ in group_weights], [w for _, w in group_weights])[0]
        region = by_id[members[0]].region
        files.append((CertificationFile(None, group_id, members, region, ending),
                      [by_id[m] for m in members]))
    files.sort(key=lambda pair: pair[1][0].id)
    return files
