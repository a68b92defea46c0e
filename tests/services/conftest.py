"""A small world for service tests: versions, a company, an auditor, a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ISO_9001, ReferentialService


@dataclass
class World:
    db: object
    company_id: int
    auditor_id: int
    v2: int
    v3: int
    iso: int

    def requirement(self, version_id: int) -> int:
        nodes = ReferentialService(self.db).tree(version_id)
        # the deepest node first; a version with chapters only takes findings on a chapter
        return max(nodes, key=lambda n: (n.parent_id is not None, -n.id)).id


@pytest.fixture
def world(db) -> World:
    versions = {(v.referential, v.label): v.id for v in ReferentialService(db).versions()}
    company_id = CompanyService(db).create(CompanyInput(name="GDID", town="Salon de Provence",
                                                        department="13"))
    auditor_id = AuditorService(db).create("Claire Auditrice", "claire@example.org")
    return World(db, company_id, auditor_id, versions[(CEDRE, "V2")], versions[(CEDRE, "V3")],
                 versions[(ISO_9001, "2015")])


def d(text: str) -> date:
    return date.fromisoformat(text)
