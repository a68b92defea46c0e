"""Le Cap in the yearly figures: how many companies ran it in the year, and the share whose
assessment a third party or a peer reviewed, per region.

A group's assessment counts for each company that was a member of the group on the
assessment's day (as a group's audits and decisions do: a member leaving changes no past
year's figures). A company that ran Le Cap twice
in the year counts once; it counts as reviewed when at least one of its assessments of the
year was, as reviewed by a third party when one was, else by a peer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from cedre_desk.services.cap.assessments import PEER, THIRD_PARTY
from cedre_desk.services.groups import shares_on
from cedre_desk.storage.cap_models import CapAssessment
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Company, GroupMember


@dataclass(frozen=True)
class CapRegionFigures:
    region: str  # "" for companies with no region
    companies: int  # companies that ran Le Cap in the year
    third_party: int  # of which reviewed by a third party
    peer: int  # of which reviewed by a peer (and by no third party)

    @property
    def reviewed(self) -> int:
        return self.third_party + self.peer

    @property
    def reviewed_share(self) -> float:
        return self.reviewed / self.companies if self.companies else 0.0


@dataclass(frozen=True)
class CapYearFigures:
    year: int
    regions: tuple[CapRegionFigures, ...]  # by region name
    total: CapRegionFigures


def cap_year_figures(db: Database, year: int) -> CapYearFigures:
    start, end = date(year, 1, 1), date(year, 12, 31)
    held = CapAssessment.held_on.between(start, end)
    own = sa.select(CapAssessment.company_id.label("company_id"),
                    CapAssessment.reviewer_kind.label("kind")).where(
        held, CapAssessment.company_id.is_not(None))
    through_group = (sa.select(GroupMember.company_id.label("company_id"),
                               CapAssessment.reviewer_kind.label("kind"))
                     .join(GroupMember, sa.and_(GroupMember.group_id == CapAssessment.group_id,
                                                shares_on(CapAssessment.held_on)))
                     .where(held))
    runs = sa.union_all(own, through_group).subquery()
    with db.engine.connect() as conn:
        rows = conn.execute(
            sa.select(Company.id, Company.region, runs.c.kind)
            .join(runs, runs.c.company_id == Company.id)).all()
    best: dict[int, tuple[str, str]] = {}  # company -> (region, strongest review)
    rank = {THIRD_PARTY: 2, PEER: 1, "": 0}
    for company_id, region, kind in rows:
        _, seen = best.get(company_id, (region, ""))
        best[company_id] = (region or "", kind if rank[kind] > rank[seen] else seen)
    by_region: dict[str, list[str]] = {}
    for region, kind in best.values():
        by_region.setdefault(region, []).append(kind)
    regions = tuple(_figures(region, kinds) for region, kinds in sorted(by_region.items()))
    return CapYearFigures(year, regions, _figures("", [kind for _, kind in best.values()]))


def _figures(region: str, kinds: list[str]) -> CapRegionFigures:
    return CapRegionFigures(region, len(kinds), kinds.count(THIRD_PARTY), kinds.count(PEER))
