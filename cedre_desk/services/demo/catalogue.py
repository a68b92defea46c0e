"""The referential catalogue as the demo needs it: versions in force by date, and the
requirements an audit's findings can rest on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cycle import version_in_force
from cedre_desk.errors import UserError
from cedre_desk.storage.models import Referential, ReferentialVersion, Requirement

CEDRE_CODE = "CEDRE"
ISO_CODE = "ISO 9001"


@dataclass
class Catalogue:
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


def read_catalogue(conn: Connection) -> Catalogue:
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
    return Catalogue(cedre, iso, requirements)
