"""What an import needs to know of the register it goes into, read once with Core selects.

Names are matched accents, case and spacing aside (`bare`); ids for new records are handed out
past the highest id the table ever had (importing.ids: a deleted record's id is never given
again), so the whole import can be written with bulk inserts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import DecisionFact
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import Outcome
from cedre_desk.imports.workbook_values import bare
from cedre_desk.services.importing.ids import next_ids
from cedre_desk.services.referentials import ISO_9001
from cedre_desk.services.settings import read_settings
from cedre_desk.storage.models import (
    Audit,
    Auditor,
    CertificationGroup,
    Coaching,
    CommitteeSession,
    Company,
    Decision,
    Engagement,
    Finding,
    GroupMember,
    Referential,
    ReferentialVersion,
    Requirement,
)


@dataclass(frozen=True)
class Version:
    id: int
    referential: str
    label: str
    adopted_on: date


@dataclass
class RegisterIndex:
    settings: CycleSettings
    next_id: dict[str, int]
    company_by_siret: dict[str, int]
    # bare name -> (id, town, siret) of each company of that name
    companies_by_name: dict[str, list[tuple[int, str, str | None]]]
    group_by_name: dict[str, int]
    members: dict[int, set[int]]
    auditor_by_name: dict[str, int]
    session_by_date: dict[date, int]
    versions: list[Version]
    requirements: dict[tuple[int, str], int]
    certificate_numbers: set[str]
    decided: set[tuple[int, str, int]]  # (session id, "c" or "g", file id)
    certificates: dict[tuple[str, int], list[tuple[date, date, date]]]  # file -> (on, from, until)
    coaches: dict[int, set[int]]  # company -> auditors who coached it
    coaching_pairs: set[tuple[int, int]]
    engagements: set[tuple[int, date]]  # (company, start): a flat sheet repeats them
    company_names: dict[int, str]  # id -> name, to refuse a known SIRET under another name
    # An audit is the same audit by file, kind and date (its start, else its planned day):
    # (file, kind, day) -> the audit's values a decision checks (see Planner.audit_for).
    audits: dict[tuple[str, int, str, date], dict[str, Any]]
    # A decision is the same decision by file, session date and outcome.
    decisions: set[tuple[str, int, date, str]]
    # Each file's decisions in the register, for the cycle rules (a withdrawal already there).
    decision_facts: dict[tuple[str, int], list[DecisionFact]]
    _named: dict[tuple[str, bool], Version | None] = field(default_factory=dict)

    def take_id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def version_named(self, text: str, iso: bool) -> Version | None:
        """ "CEDRE V3", "V3", "v3" or "ISO 9001 2015", "2015", "ISO 9001:2015"."""
        key = (text, iso)
        if key not in self._named:  # asked once per finding: remember the answers
            self._named[key] = self._version_named(text, iso)
        return self._named[key]

    def _version_named(self, text: str, iso: bool) -> Version | None:
        wanted = bare(text).replace(":", " ")
        for version in self.versions:
            if (version.referential == ISO_9001) != iso:
                continue
            names = {bare(f"{version.referential} {version.label}").replace(":", " "),
                     bare(version.label)}
            if wanted in names:
                return version
        return None

    def version_by_id(self, version_id: int) -> Version:
        return next(v for v in self.versions if v.id == version_id)


# The tables whose rows an import gives ids to.
ID_TABLES: tuple[sa.Table, ...] = tuple(
    model.__table__ for model in (Company, CertificationGroup, Auditor, CommitteeSession, Audit,
                                  Finding, Decision, Engagement))


def read_index(conn: Connection) -> RegisterIndex:
    next_id = next_ids(conn, ID_TABLES)
    company_by_siret: dict[str, int] = {}
    companies_by_name: dict[str, list[tuple[int, str, str | None]]] = defaultdict(list)
    company_names: dict[int, str] = {}
    for cid, name, siret, town in conn.execute(
            sa.select(Company.id, Company.name, Company.siret, Company.town)):
        if siret:
            company_by_siret[siret] = cid
        companies_by_name[bare(name)].append((cid, town, siret))
        company_names[cid] = name
    members: dict[int, set[int]] = defaultdict(set)
    for gid, cid in conn.execute(sa.select(GroupMember.group_id, GroupMember.company_id)):
        members[gid].add(cid)
    versions = [Version(*row) for row in conn.execute(
        sa.select(ReferentialVersion.id, Referential.code, ReferentialVersion.label,
                  ReferentialVersion.adopted_on)
        .join(Referential, Referential.id == ReferentialVersion.referential_id)
        .order_by(ReferentialVersion.adopted_on))]
    decided: set[tuple[int, str, int]] = set()
    certificates: dict[tuple[str, int], list[tuple[date, date, date]]] = defaultdict(list)
    decisions: set[tuple[str, int, date, str]] = set()
    facts: dict[tuple[str, int], list[DecisionFact]] = defaultdict(list)
    for sid, cid, gid, outcome, on, valid_from, valid_until, scheme in conn.execute(
            sa.select(Decision.session_id, Decision.company_id, Decision.group_id,
                      Decision.outcome, CommitteeSession.held_on, Decision.valid_from,
                      Decision.valid_until, Decision.scheme)
            .join(CommitteeSession, CommitteeSession.id == Decision.session_id)):
        file = ("c", cid) if cid is not None else ("g", gid)
        decided.add((sid, *file))
        decisions.add((*file, on, str(outcome)))
        facts[file].append(DecisionFact(on, Outcome(outcome), scheme, valid_from, valid_until))
        if outcome in (Outcome.GRANTED, Outcome.RENEWED) and valid_from and valid_until:
            certificates[file].append((on, valid_from, valid_until))
    coaches: dict[int, set[int]] = defaultdict(set)
    pairs = set()
    for aid, cid in conn.execute(sa.select(Coaching.auditor_id, Coaching.company_id)):
        coaches[cid].add(aid)
        pairs.add((aid, cid))
    for cid, coach in conn.execute(sa.select(Engagement.company_id, Engagement.coach_id)
                                   .where(Engagement.coach_id.is_not(None))):
        coaches[cid].add(coach)
    return RegisterIndex(
        settings=read_settings(conn),
        next_id=next_id,
        company_by_siret=company_by_siret,
        companies_by_name=companies_by_name,
        group_by_name={bare(n): gid for gid, n in conn.execute(
            sa.select(CertificationGroup.id, CertificationGroup.name))},
        members=members,
        auditor_by_name={bare(n): aid for aid, n in conn.execute(
            sa.select(Auditor.id, Auditor.name))},
        session_by_date={on: sid for sid, on in conn.execute(
            sa.select(CommitteeSession.id, CommitteeSession.held_on))},
        versions=versions,
        requirements={(vid, code): rid for rid, vid, code in conn.execute(
            sa.select(Requirement.id, Requirement.version_id, Requirement.code))},
        certificate_numbers=set(conn.scalars(sa.select(Decision.certificate_number).where(
            Decision.certificate_number.is_not(None)))),
        decided=decided,
        certificates=certificates,
        coaches=coaches,
        coaching_pairs=pairs,
        engagements={(cid, on) for cid, on in conn.execute(
            sa.select(Engagement.company_id, Engagement.started_on))},
        company_names=company_names,
        audits=_audits(conn),
        decisions=decisions,
        decision_facts=facts,
    )


def _audits(conn: Connection) -> dict[tuple[str, int, str, date], dict[str, Any]]:
    audits: dict[tuple[str, int, str, date], dict[str, Any]] = {}
    columns: list[Any] = [Audit.id, Audit.company_id, Audit.group_id, Audit.kind, Audit.status,
                          Audit.planned_on, Audit.start_on, Audit.end_on, Audit.iso_version_id]
    query = sa.select(*columns)
    for mapping in conn.execute(query).mappings():
        row: dict[str, Any] = dict(mapping)
        day = row["start_on"] or row["planned_on"]
        if day is None:
            continue
        kind, file_id = ("c", row["company_id"]) if row["company_id"] is not None \
            else ("g", row["group_id"])
        audits.setdefault((kind, file_id, str(row["kind"]), day), row)
    return audits
