"""Le Cap in the demonstration register: some companies (and a group) ran the
self-assessment, most of them twice a year apart, so the screens and reports show a picture,
a previous assessment beside it, a progress plan and some late actions.

Drawn from a random generator of its own (seeded from the demo's seed): adding Le Cap changed
nothing of the register a seed gave before. Written with Core inserts like the rest of the
demo, without change history: nobody typed these rows.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from cedre_desk.audits.cap import CapGrid, below_target
from cedre_desk.imports.cap_grid import grid_to_text, load_shipped_grid
from cedre_desk.storage.cap_models import CapAction, CapAnswer, CapAssessment, CapGridVersion
from cedre_desk.storage.models import CertificationGroup, Company

MAX_COMPANIES = 120  # a big demo register needs no more to show Le Cap
PARTICIPANTS = ("Directrice, chargée d'insertion, deux salariés en parcours",
                "Directeur, président, responsable qualité",
                "Équipe permanente et deux administrateurs",
                "Directrice, encadrant technique, une bénévole")
THIRD_PARTIES = (("Anne Martin", "délégation régionale"), ("Marc Lefèvre", "formateur"),
                 ("Sophie Bernard", "délégation régionale"), ("Karim Haddad", "consultant"))
PEERS = (("Hélène Dubois", "directrice d'une structure adhérente"),
         ("Paul Girard", "responsable qualité d'un adhérent"))
OWNERS = ("Directrice", "Responsable qualité", "Chargée d'insertion", "Président",
          "Encadrant technique")


def write_cap(conn: Connection, seed: int, today: date) -> int:
    """Write the shipped grid and the demo's assessments; returns how many assessments."""
    rng = random.Random(f"le-cap-{seed}")
    grid = load_shipped_grid()
    grid_id = _insert(conn, sa.insert(CapGridVersion).values(
        label=grid.label, title=grid.title, loaded_on=today, official_text=grid.official_text,
        definition=grid_to_text(grid), version=1))
    companies = list(conn.execute(sa.select(Company.id).order_by(Company.id)).scalars())
    chosen = sorted(rng.sample(companies, min(MAX_COMPANIES, max(1, len(companies) // 5))))
    owners: list[tuple[int | None, int | None]] = [(c, None) for c in chosen]
    group = conn.execute(sa.select(CertificationGroup.id).order_by(CertificationGroup.id)
                         .limit(1)).scalar()
    if group is not None:
        owners.append((None, group))
    written = 0
    for company_id, group_id in owners:
        first_on = today - timedelta(days=rng.randint(380, 720))
        levels = {i.code: max(0, min(3, i.target + rng.choice((-2, -1, -1, 0, 0, 1))))
                  for i in grid.indicators()}
        runs = [(first_on, levels, True)]
        if rng.random() < 0.7:
            later = {code: min(3, level + rng.choice((0, 0, 1, 1, -1)) if level else 1)
                     for code, level in levels.items()}
            runs.append((first_on + timedelta(days=rng.randint(330, 370)), later,
                         rng.random() < 0.8))
        for index, (held_on, answers, complete) in enumerate(runs):
            last = index == len(runs) - 1
            _assessment(conn, rng, grid, grid_id, (company_id, group_id), held_on,
                        answers, complete or not last, today)
            written += 1
    return written


def _assessment(conn: Connection, rng: random.Random, grid: CapGrid, grid_id: int,
                owner: tuple[int | None, int | None], held_on: date, levels: dict[str, int],
                complete: bool, today: date) -> None:
    kind = rng.choices(("third_party", "peer", ""), (6, 3, 1))[0]
    name, role = rng.choice(THIRD_PARTIES if kind == "third_party" else PEERS) if kind \
        else ("", "")
    assessment_id = _insert(conn, sa.insert(CapAssessment).values(
        company_id=owner[0], group_id=owner[1], grid_id=grid_id, held_on=held_on,
        participants=rng.choice(PARTICIPANTS), reviewer_name=name, reviewer_kind=kind,
        reviewer_role=role, status="completed" if complete else "in_progress", notes="",
        version=1))
    answered = dict(levels)
    if not complete:  # saved half-done: the last sub-themes not answered yet
        for code in list(answered)[-rng.randint(3, 6):]:
            del answered[code]
    conn.execute(sa.insert(CapAnswer), [
        {"assessment_id": assessment_id, "indicator": code, "level": level,
         "comment": _comment(rng, grid, code, level), "evidence": _evidence(rng, level)}
        for code, level in answered.items()])
    actions = []
    for position, indicator in enumerate(below_target(grid, dict(answered))):
        due = held_on + timedelta(days=rng.choice((90, 120, 180, 270, 365)))
        if due < today:
            status = rng.choices(("done", "in_progress", "open", "dropped"), (6, 2, 2, 1))[0]
        else:
            status = rng.choice(("open", "open", "in_progress"))
        actions.append({"assessment_id": assessment_id, "indicator": indicator.code,
                        "text": indicator.action, "owner": rng.choice(OWNERS),
                        "due_on": due, "status": status, "position": position, "version": 1})
    if actions:
        conn.execute(sa.insert(CapAction), actions)


def _insert(conn: Connection, statement: sa.Insert) -> int:
    key = conn.execute(statement).inserted_primary_key
    assert key is not None
    return int(key[0])


def _comment(rng: random.Random, grid: CapGrid, code: str, level: int) -> str:
    if rng.random() < 0.4:
        return ""
    indicator = grid.indicator(code)
    assert indicator is not None
    meaning = indicator.levels[level]
    return f"Constaté en réunion : {meaning[0].lower()}{meaning[1:]}"


def _evidence(rng: random.Random, level: int) -> str:
    if level < 2 or rng.random() < 0.3:
        return ""
    return rng.choice(("Compte rendu du conseil d'administration", "Projet associatif 2024",
                       "Tableau de suivi partagé", "Enquête de satisfaction 2025",
                       "Document unique à jour"))
