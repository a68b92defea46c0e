"""The demo's auditors, spread over the regions, and who coaches and audits each file: an
auditor never audits a company they coached."""

from __future__ import annotations

import random

from cedre_desk.services.demo import names
from cedre_desk.services.demo.certification_file import CertificationFile
from cedre_desk.services.demo.writer import RowWriter
from cedre_desk.storage.models import Auditor


class AuditorPool:
    """The auditors' ids, all of them and per region."""

    def __init__(self) -> None:
        self.all: list[int] = []
        self.by_region: dict[str, list[int]] = {}

    def staff(self, rng: random.Random, f: CertificationFile) -> None:
        """The file's coach(es) and the auditors who may audit it (never a coach)."""
        pool = self.by_region.get(f.region) or self.all
        n_coaches = 2 if len(self.all) >= 4 and f.group_id is None and rng.random() < 0.15 \
            else 1
        f.coaches = rng.sample(pool, min(n_coaches, len(pool)))
        candidates = [a for a in pool if a not in f.coaches]
        if len(candidates) < 2:
            candidates = [a for a in self.all if a not in f.coaches]
        f.team = rng.sample(candidates, min(3, len(candidates)))


def write_auditors(rng: random.Random, out: RowWriter, count: int) -> AuditorPool:
    """`count` auditors with distinct invented names, each in a region weighted like the
    membership."""
    regions = names.REGIONS
    pool = AuditorPool()
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
        auditor_id = out.next_id(Auditor)
        region = rng.choices(regions, [w for _, w, _ in regions])[0][0]
        pool.all.append(auditor_id)
        pool.by_region.setdefault(region, []).append(auditor_id)
        email = f"{names.slug(first)}.{initial.lower()}.{names.slug(last)}@example.org"
        out.add(Auditor, dict(id=auditor_id, name=name, email=email, active=True, version=1))
    return pool
