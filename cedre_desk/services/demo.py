"""A demonstration register: invented companies with twenty years of certification history.

`generate_demo` fills an empty register, deterministically from a seed, with member companies
(types, regions and towns in DOMAIN.md's proportions), groups certified together, auditors
and the companies they coached, committee sessions (June and November, from 2005), and each
file's history: engagement, internal and mock audits, certification, follow-ups, renewals,
deferrals and refusals, suspensions (some ending in withdrawal), lapses, late follow-ups, the
CEDRE ISO 9001 scheme, findings against the audited version's requirements and corrective
actions. Every decision obeys the cycle rules: certificate dates come from
`certificate_validity`, and each file is steered towards an ending (certified, follow-up
late, suspended...) that `company_status` then computes back from the written facts.

Speed: at 20,000 companies (about 200,000 audits and 600,000 findings) rows are built as plain
dicts with their primary keys assigned here and written with SQLAlchemy Core bulk inserts in
one transaction, flushed in chunks, parents before children. The change history (`change`
table) is not written: these rows were never typed by anyone.
"""

from __future__ import annotations

import bisect
import random
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import ceil
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import (
    AuditFact,
    Certificate,
    DecisionFact,
    certificate_validity,
    company_status,
    version_in_force,
)
from cedre_desk.audits.dates import add_months
from cedre_desk.audits.settings import CycleSettings
from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    CompanyState,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.errors import RegisterError, UserError
from cedre_desk.services import demo_names as names
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
    Referential,
    ReferentialVersion,
    Requirement,
)

CEDRE_CODE = "CEDRE"
ISO_CODE = "ISO 9001"
FIRST_SESSION_YEAR = 2005
FIRST_AUDIT_DAY = date(2005, 1, 10)  # the certification (and its V1) starts in 2005
GROUPS_FROM = date(2013, 11, 1)  # group certification aimed at the last quarter of 2013
ISO_FROM = date(2013, 11, 1)  # CEDRE ISO 9001 offered from then
SINGLE_OFFER_FROM = date(2015, 11, 20)  # V3: CEDRE inside one CEDRE ISO 9001 offer
CHUNK_ROWS = 50_000

# How the files end up on `today` (a computed state each); the rest is the way there.
ENDINGS: tuple[tuple[CompanyState, float], ...] = (
    (CompanyState.NOT_ENGAGED, 0.13),
    (CompanyState.ENGAGED, 0.16),
    (CompanyState.CERTIFIED, 0.31),
    (CompanyState.RENEWAL_DUE, 0.07),
    (CompanyState.FOLLOW_UP_LATE, 0.07),
    (CompanyState.SUSPENDED, 0.03),
    (CompanyState.LAPSED, 0.04),
    (CompanyState.EXPIRED, 0.11),
    (CompanyState.WITHDRAWN, 0.08),
)
# When `today` leaves no way to reach an ending, the file takes the next one.
FALLBACK = {
    CompanyState.SUSPENDED: CompanyState.WITHDRAWN,
    CompanyState.WITHDRAWN: CompanyState.EXPIRED,
    CompanyState.LAPSED: CompanyState.EXPIRED,
    CompanyState.EXPIRED: CompanyState.CERTIFIED,
    CompanyState.RENEWAL_DUE: CompanyState.CERTIFIED,
    CompanyState.FOLLOW_UP_LATE: CompanyState.CERTIFIED,
    CompanyState.CERTIFIED: CompanyState.ENGAGED,
}

# Levels of ordinary findings, weighted; major nonconformities only where the story has one.
LEVEL_POOL = (
    [FindingLevel.STRENGTH] * 30 + [FindingLevel.IMPROVEMENT] * 35
    + [FindingLevel.SENSITIVE] * 20 + [FindingLevel.MINOR_NC] * 15
)
FINDING_COUNTS = {
    AuditKind.CERTIFICATION: (2, 3, 4, 4, 4, 5, 6),
    AuditKind.FOLLOW_UP: (2, 2, 3, 3, 4, 4, 5),
    AuditKind.RENEWAL: (2, 3, 4, 4, 4, 5, 6),
    AuditKind.SPECIAL: (1, 1, 2),
    AuditKind.MOCK: (1, 2, 2, 3),
    AuditKind.INTERNAL: (1, 1, 2),
}
DURATIONS = {
    AuditKind.CERTIFICATION: (1.5, 2.0, 2.0, 2.5),
    AuditKind.FOLLOW_UP: (0.5, 1.0, 1.0, 1.5),
    AuditKind.RENEWAL: (1.5, 2.0, 2.0),
    AuditKind.SPECIAL: (0.5, 1.0),
    AuditKind.MOCK: (1.0, 1.5),
    AuditKind.INTERNAL: (0.5, 1.0),
}
CONCLUSIONS = {
    AuditKind.INTERNAL: ("Audit interne de préparation mené avec l'équipe permanente.",
                         "Poursuivre la mise en place des enregistrements."),
    AuditKind.MOCK: ("Audit à blanc : le système qualité se met en place.",
                     "Traiter les écarts relevés avant l'audit de certification."),
    AuditKind.CERTIFICATION: ("Système qualité en place et appliqué.",
                              "Avis favorable à la certification."),
    AuditKind.FOLLOW_UP: ("Le système qualité est maintenu et s'améliore.",
                          "Maintien de la certification recommandé."),
    AuditKind.RENEWAL: ("Le système qualité a mûri sur le cycle écoulé.",
                        "Avis favorable au renouvellement."),
    AuditKind.SPECIAL: ("Audit complémentaire sur les non-conformités relevées.",
                        "Vérifier la levée des écarts au prochain audit."),
}
SEVERE = ("Écarts majeurs constatés sur le système qualité.",
          "Saisine du comité de certification : non-conformité majeure.")


class _Pending(Exception):
    """The file's next step falls on or after `today`: its history stops there."""


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


def generate_demo(
    db: Database, *, companies: int = 530, seed: int = 1, today: date
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
        generator = _Generator(conn, random.Random(seed), today, read_settings(conn))
        return generator.run(companies)


def _refuse_if_not_empty(conn: Connection) -> None:
    for table in (Company, CertificationGroup, Auditor, CommitteeSession, Audit, Decision):
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            raise UserError(
                "Ce registre contient déjà des données (structures, audits, comités...) : "
                "les données de démonstration ne s'écrivent que dans un registre vide.",
                "This register already holds data (companies, audits, committees...): "
                "demonstration data is only written into an empty register.",
            )


def _advance_sequences(conn: Connection) -> None:
    """On PostgreSQL, move the id sequences past the ids given here, so that the next row a
    user adds does not collide with the demo's. (SQLite takes max(id) + 1 by itself.)"""
    if conn.dialect.name != "postgresql":
        return
    for model in (Company, CertificationGroup, Auditor, CommitteeSession, Engagement, Audit,
                  Finding, Decision):
        table = model.__tablename__
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce(max(id), 0) + 1, false) FROM {table}"))


# --- small helpers ---------------------------------------------------------------------------


def _apportion(total: int, weights: Sequence[tuple[Any, float]], minimum: int = 0) -> list[Any]:
    """`total` items spread by weight (largest remainder), each at least `minimum` if room."""
    floor = minimum if total >= minimum * len(weights) else 0
    rest = total - floor * len(weights)
    weight_sum = sum(w for _, w in weights)
    shares = [rest * w / weight_sum for _, w in weights]
    counts = [floor + int(s) for s in shares]
    leftover = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] % 1), i))
    for i in by_remainder[:leftover]:
        counts[i] += 1
    items: list[Any] = []
    for (item, _), count in zip(weights, counts, strict=True):
        items.extend([item] * count)
    return items


def _luhn_digit(prefix: str) -> str:
    """The digit that, appended to `prefix`, makes the whole pass the Luhn checksum."""
    total = 0
    for position, char in enumerate(reversed(prefix), start=1):
        value = int(char)
        if position % 2 == 1:  # doubled once the check digit sits at position 0
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def _weekday_start(day: date, ndays: int) -> date:
    """`day`, moved back so that an audit of `ndays` days runs from Monday to Friday."""
    return day - timedelta(days=max(0, day.weekday() + ndays - 5))


def _second_thursday(year: int, month: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (nth - 1))


@dataclass
class _Draft:
    """A company's fixed attributes, before its history is written."""

    id: int
    name: str
    types: list[LegalType]
    region: str
    department: str
    town: str
    siret: str | None
    contact: tuple[str, str]


@dataclass
class _File:
    """One certification file: a company on its own, or a group and its members."""

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


@dataclass
class _Versions:
    """The catalogue as the demo needs it: versions in force by date, requirements per version."""

    cedre: list[tuple[int, date]]
    iso: list[tuple[int, date]]
    requirements: dict[int, list[int]]
    _pools: dict[tuple[int, int | None], list[int]] = field(default_factory=dict)

    def at(self, versions: list[tuple[int, date]], day: date) -> int:
        # Before the first adoption (the ISO variant from 2013 and only ISO 9001:2015 in the
        # catalogue), the earliest version stands in.
        found = version_in_force(versions, day)
        return found if found is not None else min(versions, key=lambda v: v[1])[0]

    def pool(self, version_id: int, iso_id: int | None) -> list[int]:
        key = (version_id, iso_id)
        if key not in self._pools:
            pool = list(self.requirements[version_id])
            if iso_id is not None:
                # Combined audits: about a third of findings against an ISO 9001 clause.
                pool = pool * 2 + self.requirements[iso_id]
            self._pools[key] = pool
        return self._pools[key]


def _read_versions(conn: Connection) -> _Versions:
    rows = conn.execute(
        sa.select(ReferentialVersion.id, Referential.code, ReferentialVersion.adopted_on)
        .join(Referential, Referential.id == ReferentialVersion.referential_id)
        .order_by(ReferentialVersion.adopted_on, ReferentialVersion.id)
    ).all()
    cedre = [(vid, adopted) for vid, code, adopted in rows if code == CEDRE_CODE]
    iso = [(vid, adopted) for vid, code, adopted in rows if code == ISO_CODE]
    nodes: dict[int, list[tuple[int, bool]]] = {}
    for rid, vid, parent in conn.execute(
        sa.select(Requirement.id, Requirement.version_id, Requirement.parent_id)
        .order_by(Requirement.version_id, Requirement.position, Requirement.id)
    ):
        nodes.setdefault(vid, []).append((rid, parent is not None))
    requirements: dict[int, list[int]] = {}
    for vid, _ in cedre + iso:
        version_nodes = nodes.get(vid, [])
        # Requirements where a version lists them, else its chapters (placeholders).
        leaves = [rid for rid, is_leaf in version_nodes if is_leaf]
        requirements[vid] = leaves or [rid for rid, _ in version_nodes]
    missing = [vid for vid, _ in cedre + iso if not requirements[vid]]
    if not cedre or not iso or missing:
        raise UserError(
            "Le catalogue des référentiels (CEDRE et ISO 9001, avec leurs chapitres) manque "
            "à ce registre : créez-le avec cedre-desk avant d'y écrire la démonstration.",
            "The referential catalogue (CEDRE and ISO 9001, with their chapters) is missing "
            "from this register: create it with cedre-desk before writing the demo into it.",
        )
    return _Versions(cedre, iso, requirements)


class _Writer:
    """Row buffers per table, flushed parents first; ids handed out here."""

    ORDER = (Company, CompanyLegalType, CertificationGroup, GroupMember, Auditor, Coaching,
             CommitteeSession, Engagement, Audit, AuditAuditor, Finding)

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[Any, list[dict[str, Any]]] = {model: [] for model in self.ORDER}
        self.counts: Counter[Any] = Counter()
        self.pending = 0

    def add(self, model: Any, row: dict[str, Any]) -> None:
        self.rows[model].append(row)
        self.pending += 1

    def next_id(self, model: Any) -> int:
        self.counts[model] += 1
        return self.counts[model]

    def maybe_flush(self) -> None:
        if self.pending >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        for model in self.ORDER:
            self.insert(model, self.rows[model])
            self.rows[model] = []
        self.pending = 0

    def insert(self, model: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(sa.insert(model.__table__), rows)


class _Generator:
    def __init__(self, conn: Connection, rng: random.Random, today: date,
                 settings: CycleSettings) -> None:
        self.rng = rng
        self.today = today
        self.settings = settings
        self.lead = timedelta(days=settings.file_lead_days)
        self.versions = _read_versions(conn)
        self.out = _Writer(conn)
        self.sessions: list[date] = []
        self.held = 0  # sessions before today: the ones that can carry decisions
        self.decisions: list[dict[str, Any]] = []
        self.auditors: list[int] = []
        self.auditors_by_region: dict[str, list[int]] = {}
        self.states: Counter[CompanyState] = Counter()
        self._chains: dict[int, list[tuple[date, date]]] = {}
        self._months: dict[tuple[date, int], date] = {}
        self.legal_types = 0
        self.group_members = 0
        self.coachings = 0
        self.audit_auditors = 0
        self.options: dict[CompanyState, list[tuple[int, int, int]]] = {}

    # --- the whole register --------------------------------------------------------------

    def run(self, n_companies: int) -> DemoSummary:
        drafts = self._drafts(n_companies)
        groups = self._groups(drafts)
        self._auditors(max(3, round(n_companies / 25)))
        self._sessions()
        self.options = self._options()
        in_group = {cid for _, members in groups for cid in members}
        by_id = {d.id: d for d in drafts}
        solo = [d for d in drafts if d.id not in in_group]
        endings = _apportion(len(solo), ENDINGS, minimum=1)
        self.rng.shuffle(endings)
        group_weights = [(e, w) for e, w in ENDINGS if e is not CompanyState.NOT_ENGAGED]
        files: list[tuple[_File, list[_Draft]]] = []
        for draft, ending in zip(solo, endings, strict=True):
            files.append((_File(draft.id, None, [draft.id], draft.region, ending), [draft]))
        for group_id, members in groups:
            ending = self.rng.choices([e for e, _ in group_weights],
                                      [w for _, w in group_weights])[0]
            region = by_id[members[0]].region
            files.append((_File(None, group_id, members, region, ending),
                          [by_id[m] for m in members]))
        files.sort(key=lambda pair: pair[1][0].id)
        group_names = dict(_group_names(groups, by_id))
        for file, drafts_of_file in files:
            self._file(file, drafts_of_file, group_names)
            self.out.maybe_flush()
        self.out.flush()
        self._number_certificates()
        self.out.insert(Decision, self.decisions)
        _advance_sequences(self.out.conn)
        counts = self.out.counts
        return DemoSummary(
            companies=counts[Company], legal_types=self.legal_types,
            groups=counts[CertificationGroup], group_members=self.group_members,
            auditors=counts[Auditor], coachings=self.coachings,
            engagements=counts[Engagement], sessions=counts[CommitteeSession],
            audits=counts[Audit], audit_auditors=self.audit_auditors,
            findings=counts[Finding], decisions=counts[Decision],
            states=dict(sorted(self.states.items())),
        )

    def _drafts(self, n: int) -> list[_Draft]:
        rng = self.rng
        types = _apportion(n, [(t, float(c)) for t, c in names.TYPE_COUNTS])
        rng.shuffle(types)
        regions = names.REGIONS
        region_weights = [w for _, w, _ in regions]
        used_names: set[str] = set()
        sirens: set[str] = set()
        drafts = []
        for index, first_type in enumerate(types, start=1):
            region, _, departments = rng.choices(regions, region_weights)[0]
            department, towns = rng.choice(departments)
            town = rng.choice(towns)
            kinds = [first_type]
            for first, second, share in names.SECOND_TYPES:
                if first is first_type and rng.random() < share:
                    kinds.append(second)
            name = self._company_name(first_type, region, town, department, used_names)
            siret = self._siret(sirens) if rng.random() >= 0.10 else None
            contact = (rng.choice(names.FIRST_NAMES), rng.choice(names.FICTITIOUS_SURNAMES))
            drafts.append(_Draft(index, name, kinds, region, department, town, siret, contact))
        return drafts

    def _company_name(self, kind: LegalType, region: str, town: str, department: str,
                      used: set[str]) -> str:
        rng = self.rng
        rivers = names.RIVERS.get(region, ())
        templates = [t for t in names.NAME_TEMPLATES[kind] if rivers or "{val}" not in t]
        river = rng.choice(rivers) if rivers else ""
        name = rng.choice(templates).format(
            w=rng.choice(names.NAME_WORDS), t=town, de_t=names.of_place(town), d=department,
            val="Val " + names.of_place(river), th=rng.choice(names.THEMES))
        if name in used:
            name = f"{name} ({town})" if town not in name else f"{name} ({department})"
        suffix = 2
        base = name
        while name in used:
            name = f"{base} {suffix}"
            suffix += 1
        used.add(name)
        return name[:200]

    def _siret(self, sirens: set[str]) -> str:
        rng = self.rng
        while True:
            stem = f"{rng.randint(3, 9)}{rng.randint(0, 9_999_999):07d}"
            siren = stem + _luhn_digit(stem)
            if siren not in sirens and siren != "356000000":
                sirens.add(siren)
                break
        nic = f"{rng.choice((1, 1, 1, 2, 3, 12, 25)):04d}"
        return siren + nic + _luhn_digit(siren + nic)

    def _groups(self, drafts: list[_Draft]) -> list[tuple[int, list[int]]]:
        """GES companies certified together with 1 to 3 companies of their region."""
        rng = self.rng
        free: dict[str, list[_Draft]] = {}
        for draft in drafts:
            if LegalType.GES not in draft.types:
                free.setdefault(draft.region, []).append(draft)
        groups: list[tuple[int, list[int]]] = []
        for draft in drafts:
            if LegalType.GES not in draft.types or (groups and rng.random() >= 0.6):
                continue
            candidates = free.get(draft.region, [])
            if not candidates:  # a small register: a partner from another region
                candidates = next((c for _, c in sorted(free.items()) if c), [])
            same_department = [d for d in candidates if d.department == draft.department]
            pool = same_department if len(same_department) >= 3 else candidates
            wanted = min(rng.randint(1, 3), len(pool))
            if wanted == 0:
                continue
            chosen = rng.sample(pool, wanted)
            for member in chosen:
                candidates.remove(member)
            groups.append((len(groups) + 1, [draft.id] + [m.id for m in chosen]))
        return groups

    def _auditors(self, count: int) -> None:
        rng = self.rng
        regions = names.REGIONS
        taken: set[str] = set()
        for _ in range(count):
            while True:
                first = rng.choice(names.FIRST_NAMES)
                initial = chr(ord("A") + rng.randrange(26))
                last = rng.choice(names.FICTITIOUS_SURNAMES)
                name = f"{first} {initial}. {last}"
                if name not in taken:
                    taken.add(name)
                    break
            auditor_id = self.out.next_id(Auditor)
            region = rng.choices(regions, [w for _, w, _ in regions])[0][0]
            self.auditors.append(auditor_id)
            self.auditors_by_region.setdefault(region, []).append(auditor_id)
            email = f"{_slug(first)}.{initial.lower()}.{_slug(last)}@example.org"
            self.out.add(Auditor, dict(id=auditor_id, name=name, email=email, active=True,
                                       version=1))

    def _sessions(self) -> None:
        for year in range(FIRST_SESSION_YEAR, self.today.year + 2):
            # Second Thursday of June, third of November (13 June and 21 November 2013).
            for month, nth in ((6, 2), (11, 3)):
                held_on = _second_thursday(year, month, nth)
                status = SessionStatus.HELD if held_on < self.today else SessionStatus.PLANNED
                self.sessions.append(held_on)
                self.out.add(CommitteeSession, dict(
                    id=self.out.next_id(CommitteeSession), held_on=held_on, place="Paris",
                    members="Comité de certification CEDRE (composition fictive)",
                    status=status, version=1))
        self.held = bisect.bisect_left(self.sessions, self.today)

    # --- dates of the cycle --------------------------------------------------------------

    def months(self, day: date, n: int) -> date:
        key = (day, n)
        found = self._months.get(key)
        if found is None:
            found = self._months[key] = add_months(day, n)
        return found

    def chain(self, g: int) -> list[tuple[date, date]]:
        """The certificates (valid_from, valid_until) of a file granted at session `g` and
        renewed without a break, up to the one running on `today`."""
        if g not in self._chains:
            st = self.settings
            start, end = certificate_validity(Outcome.GRANTED, self.sessions[g], None, st)
            chain = [(start, end)]
            while end < self.today:
                previous = Certificate(Scheme.CEDRE, self.sessions[g], start, end)
                start, end = certificate_validity(Outcome.RENEWED, end, previous, st)
                chain.append((start, end))
            self._chains[g] = chain
        return self._chains[g]

    def first_session(self, day: date) -> int:
        """Index of the first session on or after `day` (len(sessions) if none)."""
        return bisect.bisect_left(self.sessions, day)

    def last_session(self, day: date) -> int:
        """Index of the last session on or before `day` (-1 if none)."""
        return bisect.bisect_right(self.sessions, day) - 1

    def _options(self) -> dict[CompanyState, list[tuple[int, int, int]]]:
        """For each certified ending, the (grant session, cycle, follow-up) that reach it."""
        st, today, lead = self.settings, self.today, self.lead
        options: dict[CompanyState, list[tuple[int, int, int]]] = {}

        def add(state: CompanyState, option: tuple[int, int, int]) -> None:
            options.setdefault(state, []).append(option)

        held = self.held
        suspension = None
        if held >= 2 and self.months(self.sessions[held - 1], st.suspension_max_months) >= today:
            suspension = held - 1
        for g in range(held):
            for c, (start, end) in enumerate(self.chain(g)):
                dues = [self.months(start, k * st.follow_up_interval_months)
                        for k in range(1, st.follow_ups_per_cycle + 1)]
                if start <= today <= end:
                    opens = self.months(start, st.follow_up_interval_months
                                        * st.follow_ups_per_cycle)
                    add(CompanyState.CERTIFIED if today < opens else CompanyState.RENEWAL_DUE,
                        (g, c, 0))
                    late = [k for k, due in enumerate(dues, 1) if due < today - timedelta(14)]
                    if late:
                        add(CompanyState.FOLLOW_UP_LATE, (g, c, late[-1]))
                if suspension is not None and start < self.sessions[suspension] <= end:
                    for k, due in enumerate(dues, 1):
                        low, high = self._suspension_window(due, suspension)
                        if low <= high:
                            add(CompanyState.SUSPENDED, (g, c, k))
                restorable = self.months(end, st.restoration_months)
                if end < today <= restorable:
                    add(CompanyState.LAPSED, (g, c, 0))
                elif restorable < today:
                    add(CompanyState.EXPIRED, (g, c, 0))
                for k, due in enumerate(dues, 1):
                    s = self.first_session(due + timedelta(34) + lead)
                    if s + 1 < held and self.sessions[s] <= end:
                        add(CompanyState.WITHDRAWN, (g, c, k))
        return options

    def _suspension_window(self, due: date, suspension: int) -> tuple[date, date]:
        """The days a follow-up can be held so that `suspension` is the session after it."""
        previous = self.sessions[suspension - 1]
        low = max(due - timedelta(60), previous - self.lead + timedelta(1))
        high = min(due + timedelta(30), self.sessions[suspension] - self.lead - timedelta(4),
                   self.today - timedelta(5))
        return low, high

    # --- one file ------------------------------------------------------------------------

    def _file(self, f: _File, members: list[_Draft], group_names: dict[int, str]) -> None:
        rng = self.rng
        ending = f.ending
        option = None
        while ending not in (CompanyState.NOT_ENGAGED, CompanyState.ENGAGED):
            candidates = self.options.get(ending, [])
            if f.group_id is not None:
                candidates = [o for o in candidates if self.sessions[o[0]] >= GROUPS_FROM]
            if candidates:
                option = rng.choice(candidates)
                break
            ending = FALLBACK[ending]
        f.ending = ending
        if ending is not CompanyState.NOT_ENGAGED:
            self._staff(f)
        try:
            if ending is CompanyState.ENGAGED:
                self._engaged_history(f)
            elif option is not None:
                self._certified_history(f, *option)
        except _Pending:
            pass
        self._write_companies(f, members, group_names)
        status = company_status(f.decisions, f.audits, bool(f.engaged_on) or bool(f.audits),
                                self.sessions, self.settings, self.today)
        self.states[status.state] += len(f.members)

    def _staff(self, f: _File) -> None:
        """The file's coach(es) and the auditors who may audit it (never a coach)."""
        rng = self.rng
        pool = self.auditors_by_region.get(f.region) or self.auditors
        n_coaches = 2 if len(self.auditors) >= 4 and f.group_id is None and rng.random() < 0.15 \
            else 1
        f.coaches = rng.sample(pool, min(n_coaches, len(pool)))
        candidates = [a for a in pool if a not in f.coaches]
        if len(candidates) < 2:
            candidates = [a for a in self.auditors if a not in f.coaches]
        f.team = rng.sample(candidates, min(3, len(candidates)))

    def _write_companies(self, f: _File, members: list[_Draft],
                         group_names: dict[int, str]) -> None:
        rng, out = self.rng, self.out
        first_engaged = min(f.engaged_on) if f.engaged_on else None
        ending = f.ending
        inactive_share = {CompanyState.EXPIRED: 0.25, CompanyState.WITHDRAWN: 0.25,
                          CompanyState.NOT_ENGAGED: 0.07}.get(ending, 0.005)
        for draft in members:
            if first_engaged is not None:
                member_since = max(date(1988, 1, 1),
                                   first_engaged - timedelta(rng.randint(0, 3650)))
            else:
                span = (self.today - date(1990, 1, 1)).days - 60
                member_since = date(1990, 1, 1) + timedelta(rng.randint(0, max(span, 0)))
            first, last = draft.contact
            out.add(Company, dict(
                id=draft.id, name=draft.name, siret=draft.siret, region=draft.region,
                department=draft.department, town=draft.town, contact_name=f"{first} {last}",
                email=f"{_slug(first)}.{_slug(last)}.{draft.id}@example.org", phone="",
                member_since=member_since, active=rng.random() >= inactive_share,
                notes="Données fictives de démonstration.", version=1))
            out.counts[Company] += 1
            for legal_type in draft.types:
                out.add(CompanyLegalType, dict(company_id=draft.id, legal_type=legal_type))
                self.legal_types += 1
            if first_engaged is not None:
                for coach in f.coaches:
                    out.add(Coaching, dict(auditor_id=coach, company_id=draft.id,
                                           since=first_engaged))
                    self.coachings += 1
        if f.group_id is not None:
            out.add(CertificationGroup, dict(
                id=f.group_id, name=group_names[f.group_id],
                notes="Certification collective (données fictives).", version=1))
            out.counts[CertificationGroup] += 1
            for member in f.members:
                out.add(GroupMember, dict(group_id=f.group_id, company_id=member))
                self.group_members += 1

    def _engage(self, f: _File, day: date) -> None:
        f.engaged_on.append(day)
        notes = "Formation-action et démarche qualité (données fictives)."
        for member in f.members:
            self.out.add(Engagement, dict(
                id=self.out.next_id(Engagement), company_id=member, coach_id=f.coaches[0],
                started_on=day, notes=notes, version=1))

    def _choose_scheme(self, f: _File, on: date) -> None:
        if on < ISO_FROM:
            f.scheme = Scheme.CEDRE
            return
        share = 0.7 if f.group_id is not None else 0.22
        f.scheme = Scheme.CEDRE_ISO_9001 if self.rng.random() < share else Scheme.CEDRE

    # --- histories -----------------------------------------------------------------------

    def _engaged_history(self, f: _File) -> None:
        """Engaged, not certified: preparing, or a first audit deferred or refused."""
        rng, today = self.rng, self.today
        earliest = max(FIRST_AUDIT_DAY, today - timedelta(8 * 365))
        if f.group_id is not None:
            earliest = max(earliest, GROUPS_FROM - timedelta(365))
        span = (today - timedelta(20) - earliest).days
        if span <= 0:
            return
        engaged_on = earliest + timedelta(rng.randint(0, span))
        self._choose_scheme(f, engaged_on)
        self._engage(f, engaged_on)
        day = engaged_on + timedelta(rng.randint(60, 200))
        _, end, done = self._audit(f, AuditKind.INTERNAL, day)
        if not done:
            return
        if rng.random() < 0.6:
            _, end, done = self._audit(f, AuditKind.MOCK, end + timedelta(rng.randint(60, 200)))
            if not done:
                return
        route = rng.random()
        day = end + timedelta(rng.randint(45, 240))
        if route < 0.4:  # still preparing
            if day > today:
                self._audit(f, AuditKind.CERTIFICATION, day, planned=True)
            return
        if route < 0.7:  # certification audit coming, or held and waiting for its committee
            day = max(day, today + timedelta(rng.randint(-50, 120)))
            self._audit(f, AuditKind.CERTIFICATION, day)
            return
        outcome = Outcome.DEFERRED if route < 0.88 else Outcome.REFUSED
        audit_id, end, done = self._audit(f, AuditKind.CERTIFICATION, day,
                                          severity=1 if outcome is Outcome.DEFERRED else 2)
        s = self.first_session(end + self.lead)
        self._decide(f, s, outcome, audit_id, done)
        if outcome is Outcome.DEFERRED:
            self._audit(f, AuditKind.SPECIAL, self.sessions[s] + timedelta(rng.randint(20, 90)))

    def _certified_history(self, f: _File, g: int, c_end: int, k: int,
                           prior_allowed: bool = True) -> None:
        """Preparation, certification at session `g`, `c_end` renewals, then the ending."""
        rng, lead = self.rng, self.lead
        grant = self.sessions[g]
        deferred = g >= 1 and rng.random() < 0.10 and (
            self.sessions[g - 1] - lead - timedelta(75) >= FIRST_AUDIT_DAY)
        first_decision = g - 1 if deferred else g
        refused = (f.ending is not CompanyState.EXPIRED and first_decision >= 3
                   and rng.random() < 0.06
                   and self.sessions[first_decision - 3] - lead - timedelta(400)
                   >= FIRST_AUDIT_DAY)
        if refused:
            refusal = first_decision - rng.randint(2, 3)
            first_audit = self.sessions[refusal] - lead - timedelta(rng.randint(5, 70))
        else:
            first_audit = self.sessions[first_decision] - lead - timedelta(rng.randint(5, 70))
        prep_days = rng.randint(240, 900)
        engaged_on = first_audit - timedelta(prep_days)
        if prior_allowed and f.group_id is None and not refused and g >= 8 \
                and rng.random() < 0.15:
            self._prior_run(f, engaged_on)
        self._choose_scheme(f, grant)
        self._engage(f, engaged_on)
        internal = max(engaged_on + timedelta(rng.randint(60, 200)),
                       FIRST_AUDIT_DAY + timedelta(rng.randint(0, 40)))
        if internal < first_audit - timedelta(60):
            self._audit(f, AuditKind.INTERNAL, internal)
        if rng.random() < 0.6:
            mock = first_audit - timedelta(rng.randint(25, 55))
            if mock >= FIRST_AUDIT_DAY:
                self._audit(f, AuditKind.MOCK, mock)
        if refused:
            audit_id, _, done = self._audit(f, AuditKind.CERTIFICATION, first_audit,
                                              severity=2)
            self._decide(f, refusal, Outcome.REFUSED, audit_id, done)
            retry = self.sessions[first_decision] - lead - timedelta(rng.randint(5, 70))
            self._audit(f, AuditKind.MOCK, retry - timedelta(rng.randint(60, 120)))
            first_audit = retry
        if deferred:
            audit_id, _, done = self._audit(f, AuditKind.CERTIFICATION, first_audit,
                                              severity=1)
            self._decide(f, g - 1, Outcome.DEFERRED, audit_id, done)
            day = self.sessions[g - 1] + timedelta(rng.randint(20, 60))
            _, _, special_done = self._audit(f, AuditKind.SPECIAL, min(day, grant - lead))
            if not special_done:
                raise _Pending
        else:
            audit_id, _, done = self._audit(f, AuditKind.CERTIFICATION, first_audit)
        start, until = certificate_validity(Outcome.GRANTED, grant, None, self.settings)
        self._decide(f, g, Outcome.GRANTED, audit_id, done, (start, until))
        certificate = Certificate(f.scheme, grant, start, until)
        f.last_follow_up = None
        for _ in range(c_end):
            self._follow_ups(f, certificate, self.settings.follow_ups_per_cycle, history=True)
            certificate = self._renew(f, certificate)
        self._last_cycle(f, certificate, k)

    def _prior_run(self, f: _File, before: date) -> None:
        """An earlier certification that expired, long before the file started again."""
        st = self.settings
        g0 = self.rng.randrange(0, max(1, self.first_session(before - timedelta(5 * 365))))
        chain = self.chain(g0)
        cycles = [c for c, (_, end) in enumerate(chain[:3])
                  if self.months(end, st.restoration_months) < before - timedelta(60)]
        if not cycles or self.sessions[g0] - self.lead - timedelta(120) < FIRST_AUDIT_DAY:
            return
        saved = f.ending
        f.ending = CompanyState.EXPIRED
        self._certified_history(f, g0, self.rng.choice(cycles), 0, prior_allowed=False)
        f.ending = saved

    def _follow_ups(self, f: _File, certificate: Certificate, count: int, *,
                    history: bool) -> None:
        """Follow-ups 1..count of a certificate, all done."""
        for k in range(1, count + 1):
            self._follow_up(f, certificate, k, history=history)

    def _follow_up(self, f: _File, certificate: Certificate, k: int, *, history: bool) -> None:
        """Follow-up k, done around its due date; in past cycles now and then late, or with
        a major nonconformity (then the committee acts on it)."""
        rng = self.rng
        due = self.months(certificate.valid_from, k * self.settings.follow_up_interval_months)
        late = history and rng.random() < 0.12
        day = due + timedelta(rng.randint(10, 100)) if late else due - timedelta(rng.randint(0, 75))
        day = max(day, (f.last_follow_up or certificate.decided_on) + timedelta(30))
        severe = history and not late and k == 1 and rng.random() < 0.05
        audit_id, end, done = self._audit(f, AuditKind.FOLLOW_UP, day,
                                          severity=1 if severe else 0)
        if not done:
            raise _Pending
        f.last_follow_up = end
        if severe:
            self._major_at_follow_up(f, audit_id, end)

    def _major_at_follow_up(self, f: _File, audit_id: int, end: date) -> None:
        """A major nonconformity at a follow-up: maintained with conditions, or suspended
        then maintained after a special audit (when the next session is within the limit)."""
        rng = self.rng
        s = self.first_session(end + self.lead)
        limit = self.months(self.sessions[s], self.settings.suspension_max_months)
        if s + 1 < self.held and self.sessions[s + 1] <= limit and rng.random() < 0.5:
            self._decide(f, s, Outcome.SUSPENDED, audit_id, True,
                         conditions="Suspension : audit spécial sous six mois.")
            day = self.sessions[s] + timedelta(rng.randint(20, 60))
            special, _, done = self._audit(f, AuditKind.SPECIAL,
                                           min(day, self.sessions[s + 1] - self.lead))
            self._decide(f, s + 1, Outcome.MAINTAINED, special, done,
                         conditions="Levée de la suspension : non-conformité levée.")
        else:
            self._decide(f, s, Outcome.MAINTAINED, audit_id, True,
                         conditions="Maintien sous réserve de lever la non-conformité "
                                    "majeure sous trois mois.")

    def _renew(self, f: _File, certificate: Certificate) -> Certificate:
        """The renewal audit and decision: before expiry, or at times restored after it."""
        rng, lead, st = self.rng, self.lead, self.settings
        end = certificate.valid_until
        s = self.last_session(end)
        after_fu = (f.last_follow_up or certificate.decided_on) + timedelta(20)
        restorable = self.months(end, st.restoration_months)
        late = s + 1 < self.held and self.sessions[s + 1] <= restorable and rng.random() < 0.05
        if late:
            s += 1
            day = max(after_fu, end - timedelta(rng.randint(0, 30)))
        else:
            day = max(after_fu, self.sessions[s] - lead - timedelta(rng.randint(5, 100)))
        day = min(day, self.sessions[s] - lead - timedelta(4))
        if f.scheme is Scheme.CEDRE and day >= SINGLE_OFFER_FROM and rng.random() < 0.08:
            f.scheme = Scheme.CEDRE_ISO_9001
        audit_id, _, done = self._audit(f, AuditKind.RENEWAL, day)
        decided_on = self.sessions[s]
        start, until = certificate_validity(Outcome.RENEWED, decided_on, certificate, st)
        self._decide(f, s, Outcome.RENEWED, audit_id, done, (start, until))
        f.last_follow_up = None
        return Certificate(f.scheme, decided_on, start, until)

    def _last_cycle(self, f: _File, certificate: Certificate, k: int) -> None:
        """The running (or last) certificate: where the file's ending is played out."""
        rng, st, today, lead = self.rng, self.settings, self.today, self.lead
        n = st.follow_ups_per_cycle
        ending = f.ending
        due = self.months(certificate.valid_from, max(k, 1) * st.follow_up_interval_months)
        if ending is CompanyState.CERTIFIED:
            for k_next in range(1, n + 1):
                due = self.months(certificate.valid_from, k_next * st.follow_up_interval_months)
                if due >= today:  # the next follow-up: held early already, or planned
                    day = max(due - timedelta(rng.randint(0, 75)),
                              (f.last_follow_up or certificate.decided_on) + timedelta(30))
                    self._audit(f, AuditKind.FOLLOW_UP, day)
                    return
                self._follow_up(f, certificate, k_next, history=False)
        elif ending is CompanyState.RENEWAL_DUE:
            self._follow_ups(f, certificate, n, history=False)
            s = self.last_session(certificate.valid_until)
            if s >= self.held:
                day = self.sessions[s] - lead - timedelta(rng.randint(5, 80))
                day = max(day, (f.last_follow_up or today) + timedelta(20))
                self._audit(f, AuditKind.RENEWAL, day)
            else:  # the session before expiry is past: the renewal audit is late
                self._audit(f, AuditKind.RENEWAL, today + timedelta(rng.randint(10, 90)),
                            planned=True)
        elif ending is CompanyState.FOLLOW_UP_LATE:
            self._follow_ups(f, certificate, k - 1, history=False)
            day = (due - timedelta(rng.randint(0, 40)) if rng.random() < 0.5
                   else today + timedelta(rng.randint(5, 60)))
            self._audit(f, AuditKind.FOLLOW_UP, day, planned=True)
        elif ending is CompanyState.SUSPENDED:
            self._follow_ups(f, certificate, k - 1, history=False)
            suspension = self.held - 1
            low, high = self._suspension_window(due, suspension)
            day = low + timedelta(rng.randint(0, max(0, (high - low).days)))
            audit_id, _, done = self._audit(f, AuditKind.FOLLOW_UP, day, severity=1,
                                            keep_open=True)
            self._decide(f, suspension, Outcome.SUSPENDED, audit_id, done,
                         conditions="Suspension : non-conformité majeure à lever sous six mois.")
            self._audit(f, AuditKind.SPECIAL, today + timedelta(rng.randint(10, 60)),
                        planned=True)
        elif ending is CompanyState.WITHDRAWN:
            self._follow_ups(f, certificate, k - 1, history=False)
            day = max(due + timedelta(rng.randint(-60, 30)),
                      (f.last_follow_up or certificate.decided_on) + timedelta(30))
            audit_id, end, done = self._audit(f, AuditKind.FOLLOW_UP, day, severity=1,
                                              keep_open=True)
            s = self.first_session(end + lead)
            self._decide(f, s, Outcome.SUSPENDED, audit_id, done,
                         conditions="Suspension : non-conformité majeure à lever sous six mois.")
            special = None
            if rng.random() < 0.5:
                day = self.sessions[s] + timedelta(rng.randint(20, 60))
                special, _, done = self._audit(f, AuditKind.SPECIAL,
                                               min(day, self.sessions[s + 1] - lead),
                                               severity=1, keep_open=True)
            self._decide(f, s + 1, Outcome.WITHDRAWN, special, special is None or done,
                         conditions="Retrait : non-conformité majeure non levée.")
        elif ending is CompanyState.LAPSED:
            self._follow_ups(f, certificate, n, history=False)
            if rng.random() < 0.5:
                self._audit(f, AuditKind.RENEWAL, today + timedelta(rng.randint(10, 60)),
                            planned=True)
        elif ending is CompanyState.EXPIRED:
            missed = rng.random() < 0.25
            self._follow_ups(f, certificate, n - 1 if missed else n, history=False)
            if missed:
                last_due = self.months(certificate.valid_from,
                                       n * st.follow_up_interval_months)
                self._audit(f, AuditKind.FOLLOW_UP, last_due - timedelta(rng.randint(0, 30)),
                            planned=True)

    # --- rows ----------------------------------------------------------------------------

    def _audit(self, f: _File, kind: AuditKind, day: date, *, planned: bool = False,
               severity: int = 0, keep_open: bool = False) -> tuple[int, date, bool]:
        """Write one audit (done if it ends before today, unless `planned`), its auditors and,
        once done, its findings. Returns (id, end date or planned date, done)."""
        rng, out, today = self.rng, self.out, self.today
        duration = rng.choice(DURATIONS[kind])
        if f.group_id is not None and kind in (AuditKind.CERTIFICATION, AuditKind.RENEWAL):
            duration += 1.0
        ndays = ceil(duration)
        start = _weekday_start(day, ndays)
        end = start + timedelta(ndays - 1)
        done = not planned and end < today
        audit_id = out.next_id(Audit)
        version_id = self.versions.at(self.versions.cedre, start)
        iso_id = (self.versions.at(self.versions.iso, start)
                  if f.scheme is Scheme.CEDRE_ISO_9001 else None)
        if done:
            age = (today - end).days
            status = (AuditStatus.CLOSED if age > 120 else
                      AuditStatus.REPORT_SENT if age > 21 else AuditStatus.DONE)
            conclusion, recommendation = SEVERE if severity else CONCLUSIONS[kind]
        else:
            status = AuditStatus.PLANNED
            conclusion = recommendation = ""
        out.add(Audit, dict(
            id=audit_id, company_id=f.company_id, group_id=f.group_id, kind=kind,
            version_id=version_id, iso_version_id=iso_id,
            planned_on=start if done or not planned else day,
            start_on=start if done else None, end_on=end if done else None, status=status,
            duration_days=duration, conclusion=conclusion, recommendation=recommendation,
            version=1))
        f.audits.append(AuditFact(kind, status, start if done else day, end if done else None))
        team = f.team
        lead_auditor = rng.choice(team)
        out.add(AuditAuditor, dict(audit_id=audit_id, auditor_id=lead_auditor, lead=True))
        self.audit_auditors += 1
        second = kind in (AuditKind.CERTIFICATION, AuditKind.RENEWAL) and rng.random() < 0.4
        if second and len(team) > 1:
            other = rng.choice([a for a in team if a != lead_auditor])
            out.add(AuditAuditor, dict(audit_id=audit_id, auditor_id=other, lead=False))
            self.audit_auditors += 1
        if done:
            self._findings(audit_id, kind, end, self.versions.pool(version_id, iso_id),
                           severity, keep_open)
        return audit_id, end if done else day, done

    def _findings(self, audit_id: int, kind: AuditKind, end: date, pool: list[int],
                  severity: int, keep_open: bool) -> None:
        """About three findings, against the audited versions' requirements; a corrective
        action with a deadline for each nonconformity, most of them closed by now."""
        # The hottest loop of the demo (600,000 findings at scale): picks by index from
        # random() are several times faster than Random.choice.
        rnd, out, today = self.rng.random, self.out, self.today
        counts = FINDING_COUNTS[kind]
        count = max(counts[int(rnd() * len(counts))], severity)
        rows = out.rows[Finding]
        for position in range(count):
            level = (FindingLevel.MAJOR_NC if position < severity
                     else LEVEL_POOL[int(rnd() * len(LEVEL_POOL))])
            action = ""
            action_due = closed_on = None
            if level is FindingLevel.MAJOR_NC or level is FindingLevel.MINOR_NC:
                choices = names.NONCONFORMITIES[level]
                text, action = choices[int(rnd() * len(choices))]
                months = 1 if level is FindingLevel.MAJOR_NC else 1 + int(rnd() * 3)
                action_due = end + timedelta(30 * months)
                closing = end + timedelta(7 + int(rnd() * (30 * months + 14)))
                if closing < today and not (keep_open and level is FindingLevel.MAJOR_NC) \
                        and rnd() < 0.92:
                    closed_on = closing
            else:
                texts = names.FINDINGS[level]
                text = texts[int(rnd() * len(texts))]
            rows.append(dict(
                id=out.next_id(Finding), audit_id=audit_id,
                requirement_id=pool[int(rnd() * len(pool))], level=level, text=text,
                action=action, action_due=action_due, action_closed_on=closed_on,
                position=position, version=1))
        out.pending += count

    def _decide(self, f: _File, s: int, outcome: Outcome, audit_id: int | None,
                audit_done: bool, certificate: tuple[date, date] | None = None,
                conditions: str = "") -> None:
        """A committee decision at session `s`: taken only once the session is held."""
        if s >= self.held or not audit_done:
            raise _Pending
        assert s not in f.used_sessions, "one decision per file and session"
        f.used_sessions.add(s)
        held_on = self.sessions[s]
        valid_from, valid_until = certificate if certificate else (None, None)
        self.decisions.append(dict(
            id=len(self.decisions) + 1, session_id=s + 1, company_id=f.company_id,
            group_id=f.group_id, audit_id=audit_id, outcome=outcome, scheme=f.scheme,
            certificate_number=None, valid_from=valid_from, valid_until=valid_until,
            conditions=conditions, version=1))
        self.out.counts[Decision] += 1
        f.decisions.append(DecisionFact(held_on, outcome, f.scheme, valid_from, valid_until))

    def _number_certificates(self) -> None:
        """Certificate numbers in decision order, per scheme and year: CEDRE-2013-0042."""
        numbered = sorted(
            (d for d in self.decisions if d["outcome"].starts_certificate),
            key=lambda d: (d["session_id"], d["id"]),
        )
        counters: Counter[str] = Counter()
        for decision in numbered:
            prefix = "CEDRE-ISO" if decision["scheme"] is Scheme.CEDRE_ISO_9001 else "CEDRE"
            stem = f"{prefix}-{self.sessions[decision['session_id'] - 1].year}-"
            counters[stem] += 1
            decision["certificate_number"] = f"{stem}{counters[stem]:04d}"


def _group_names(groups: list[tuple[int, list[int]]],
                 by_id: dict[int, _Draft]) -> list[tuple[int, str]]:
    """A group is named after its GES company (the first member)."""
    return [(group_id, by_id[members[0]].name) for group_id, members in groups]
