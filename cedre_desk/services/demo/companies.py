"""The demo's member companies: names, places, SIRET numbers and legal types, the groups
certified together, and their rows once each file's history is known."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from cedre_desk.audits.vocabulary import CompanyState, LegalType
from cedre_desk.services.demo import names
from cedre_desk.services.demo.certification_file import CertificationFile
from cedre_desk.services.demo.proportions import apportion
from cedre_desk.services.demo.writer import RowWriter
from cedre_desk.storage.models import (
    CertificationGroup,
    Coaching,
    Company,
    CompanyLegalType,
    GroupMember,
)


@dataclass
class Draft:
    """A company's fixed attributes, before its history is written."""

    id: int
    name: str
    types: list[LegalType]
    region: str
    department: str
    town: str
    siret: str | None
    contact: tuple[str, str]


def draft_companies(rng: random.Random, n: int) -> list[Draft]:
    types = apportion(n, [(t, float(c)) for t, c in names.TYPE_COUNTS])
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
        name = _company_name(rng, first_type, region, town, department, used_names)
        siret = _siret(rng, sirens) if rng.random() >= 0.10 else None
        contact = (rng.choice(names.FIRST_NAMES), rng.choice(names.FICTITIOUS_SURNAMES))
        drafts.append(Draft(index, name, kinds, region, department, town, siret, contact))
    return drafts


def _company_name(rng: random.Random, kind: LegalType, region: str, town: str,
                  department: str, used: set[str]) -> str:
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


def _siret(rng: random.Random, sirens: set[str]) -> str:
    while True:
        stem = f"{rng.randint(3, 9)}{rng.randint(0, 9_999_999):07d}"
        siren = stem + _luhn_digit(stem)
        if siren not in sirens and siren != "356000000":
            sirens.add(siren)
            break
    nic = f"{rng.choice((1, 1, 1, 2, 3, 12, 25)):04d}"
    return siren + nic + _luhn_digit(siren + nic)


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


def form_groups(rng: random.Random, drafts: list[Draft]) -> list[tuple[int, list[int]]]:
    """GES companies certified together with 1 to 3 companies of their region."""
    free: dict[str, list[Draft]] = {}
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


def group_names(groups: list[tuple[int, list[int]]],
                by_id: dict[int, Draft]) -> dict[int, str]:
    """A group is named after its GES company (the first member)."""
    return {group_id: by_id[members[0]].name for group_id, members in groups}


def write_companies(rng: random.Random, out: RowWriter, f: CertificationFile,
                    members: list[Draft], names_of_groups: dict[int, str], today: date) -> None:
    """The file's companies, their legal types and coaches, and its group if it is one."""
    first_engaged = min(f.engaged_on) if f.engaged_on else None
    ending = f.ending
    inactive_share = {CompanyState.EXPIRED: 0.25, CompanyState.WITHDRAWN: 0.25,
                      CompanyState.NOT_ENGAGED: 0.07}.get(ending, 0.005)
    for draft in members:
        if first_engaged is not None:
            member_since = max(date(1988, 1, 1),
                               first_engaged - timedelta(rng.randint(0, 3650)))
        else:
            span = (today - date(1990, 1, 1)).days - 60
            member_since = date(1990, 1, 1) + timedelta(rng.randint(0, max(span, 0)))
        first, last = draft.contact
        out.add(Company, dict(
            id=draft.id, name=draft.name, siret=draft.siret, region=draft.region,
            department=draft.department, town=draft.town, contact_name=f"{first} {last}",
            email=f"{names.slug(first)}.{names.slug(last)}.{draft.id}@example.org", phone="",
            member_since=member_since, active=rng.random() >= inactive_share,
            notes="Données fictives de démonstration.", version=1))
        for legal_type in draft.types:
            out.add(CompanyLegalType, dict(company_id=draft.id, legal_type=legal_type))
        if first_engaged is not None:
            for coach in f.coaches:
                out.add(Coaching, dict(auditor_id=coach, company_id=draft.id,
                                       since=first_engaged))
    if f.group_id is not None:
        out.add(CertificationGroup, dict(
            id=f.group_id, name=names_of_groups[f.group_id],
            notes="Certification collective (données fictives).", version=1))
        for member in f.members:
            out.add(GroupMember, dict(group_id=f.group_id, company_id=member))
