"""A guard over every deletion a service offers: whatever leaves the register, or changes in
it, is in the change history of the same transaction.

The history is written from the session's ORM objects (storage.history): a row removed by the
database itself (ON DELETE CASCADE, ON DELETE SET NULL) or by a Core delete is never recorded.
So each deletion runs on a demonstration register, every table is read with sqlite3 before and
after, and the rows that disappeared (or changed) must be exactly those the history recorded.
A cascade added to the schema, or a delete added to a service, without its history fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import openpyxl
import pytest

import cedre_desk.services
from cedre_desk.audits.vocabulary import LegalType
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditService
from cedre_desk.services.cap.assessments import Answer, AssessmentInput, CapAssessmentService
from cedre_desk.services.cap.plan import ActionInput, CapPlanService
from cedre_desk.services.committees import CommitteeService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import ReferentialService
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import RequirementMapping

# The history itself, the schema's bookkeeping, and stored_status: derived data that triggers
# clear whenever a fact changes (services.status_store), never a fact of the register.
NOT_FACTS = {"change", "stored_status", "alembic_version", "sqlite_sequence"}

Rows = dict[str, dict[str, dict[str, object]]]  # table -> record id -> column -> value


def snapshot(path: Path) -> Rows:
    """Every row of every table, keyed by its record id as the history writes it."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'") if name not in NOT_FACTS]
        found: Rows = {}
        for table in tables:
            columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            names = [c[1] for c in columns]
            key = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
            found[table] = {}
            for values in conn.execute(f'SELECT * FROM "{table}"'):
                row = dict(zip(names, values, strict=True))
                found[table]["/".join(str(row[k]) for k in key)] = row
        return found


def history_since(path: Path, last_id: int) -> set[tuple[str, str, str, str]]:
    """(action, table, record id, field) of the history rows written after `last_id`."""
    with closing(sqlite3.connect(path)) as conn:
        return set(conn.execute(
            "SELECT action, table_name, record_id, field FROM change WHERE id > ?", (last_id,)))


def last_change(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM change").fetchone()[0])


def facts_changed(before: Rows, after: Rows) -> set[tuple[str, str, str, str]]:
    """What the history should hold: (action, table, record id, field) of what changed."""
    facts: set[tuple[str, str, str, str]] = set()
    for table, rows in before.items():
        facts |= {("delete", table, record, "") for record in rows.keys() - after[table].keys()}
        for record in rows.keys() & after[table].keys():
            old, new = rows[record], after[table][record]
            facts |= {("update", table, record, column) for column in old
                      if column != "version" and old[column] != new[column]}
        facts |= {("insert", table, record, column)
                  for record in after[table].keys() - rows.keys()
                  for column, value in after[table][record].items()
                  if column != "version" and value not in (None, "")}
    return facts


def one(db: Database, sql: str) -> int:
    with db.engine.connect() as conn:
        value = conn.exec_driver_sql(sql).scalar()
    assert value is not None, f"the demo register has no row for: {sql}"
    return int(value)


def some_companies(db: Database, count: int) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.exec_driver_sql(
            f"SELECT id FROM company ORDER BY id LIMIT {count}").scalars())


# Each case prepares a record with everything a deletion can take along, and returns the
# deletion to run. Set up through the services, never by hand, except what no service writes.

def delete_company(db: Database, folder: Path) -> Callable[[], object]:
    companies = CompanyService(db)
    company = companies.create(CompanyInput(name="Nouvelle structure",
                                            legal_types=(LegalType.AI, LegalType.EI)))
    GroupService(db).create("Groupement de test", [company, *some_companies(db, 1)])
    AuditorService(db).add_coaching(one(db, "SELECT min(id) FROM auditor"), company)
    return lambda: companies.delete(company)


def delete_group(db: Database, folder: Path) -> Callable[[], object]:
    groups = GroupService(db)
    group = groups.create("Groupement de test", some_companies(db, 3))
    return lambda: groups.delete(group)


def delete_auditor(db: Database, folder: Path) -> Callable[[], object]:
    auditors = AuditorService(db)
    auditor = auditors.create("Auditeur sans audit")
    first, second = some_companies(db, 2)
    auditors.add_coaching(auditor, first, date(2020, 1, 6))
    auditors.add_coaching(auditor, second)
    auditors.engage(second, date(2020, 2, 3), coach_id=auditor)
    return lambda: auditors.delete(auditor)


def remove_coaching(db: Database, folder: Path) -> Callable[[], object]:
    auditor = one(db, "SELECT min(auditor_id) FROM coaching")
    company = one(db, f"SELECT min(company_id) FROM coaching WHERE auditor_id = {auditor}")
    return lambda: AuditorService(db).remove_coaching(auditor, company)


def delete_audit(db: Database, folder: Path) -> Callable[[], object]:
    audit = one(db, """
        SELECT a.id FROM audit a
        WHERE NOT EXISTS (SELECT 1 FROM decision WHERE audit_id = a.id)
          AND (SELECT count(*) FROM finding WHERE audit_id = a.id) >= 2
          AND EXISTS (SELECT 1 FROM audit_auditor WHERE audit_id = a.id)
        ORDER BY a.id LIMIT 1""")
    return lambda: AuditService(db).delete(audit)


def delete_finding(db: Database, folder: Path) -> Callable[[], object]:
    finding = one(db, "SELECT min(id) FROM finding")
    return lambda: AuditService(db).delete_finding(finding)


def delete_session(db: Database, folder: Path) -> Callable[[], object]:
    session = CommitteeService(db).create_session(date(2027, 1, 12), "Lyon")
    return lambda: CommitteeService(db).delete_session(session)


def delete_decision(db: Database, folder: Path) -> Callable[[], object]:
    decision = one(db, "SELECT max(id) FROM decision")
    return lambda: CommitteeService(db).delete_decision(decision)


def delete_requirement(db: Database, folder: Path) -> Callable[[], object]:
    """A chapter loaded from a sheet: the demo's findings use every catalogue requirement."""
    version = one(db, "SELECT min(id) FROM referential_version")
    book = openpyxl.Workbook()
    book.active.append(("Chapitre", "Code", "Intitulé", "Exigence"))
    book.active.append(("9", "9.1", "Projet", "La structure formalise son projet."))
    book.active.append(("9", "9.2", "Valeurs", "La structure partage ses valeurs."))
    book.save(folder / "sheet.xlsx")
    ReferentialService(db).load_sheet(version, folder / "sheet.xlsx")
    chapter = one(db, f"SELECT id FROM requirement WHERE version_id = {version} AND code = '9'")
    child = one(db, f"SELECT max(id) FROM requirement WHERE parent_id = {chapter}")
    elsewhere = one(db, "SELECT min(id) FROM requirement")
    with db.transaction() as session:  # no service maps requirements (the catalogue does)
        session.add(RequirementMapping(from_id=elsewhere, to_id=child))
        session.add(RequirementMapping(from_id=chapter, to_id=elsewhere))
    return lambda: ReferentialService(db).delete_requirement(chapter)


def remove_member(db: Database, folder: Path) -> Callable[[], object]:
    """Leaving a group ends the membership (left_on): a change, recorded, no row gone."""
    group = one(db, "SELECT min(group_id) FROM group_member")
    member = one(db, f"SELECT min(company_id) FROM group_member WHERE group_id = {group}")
    return lambda: GroupService(db).remove_member(group, member, date(2026, 9, 30))


def _cap_assessment(db: Database) -> int:
    assessments = CapAssessmentService(db)
    assessment = assessments.create(AssessmentInput(date(2026, 3, 2), company_id=some_companies(
        db, 1)[0], participants="Équipe"), today=date(2026, 11, 22))
    assessments.save_answers(assessment, [Answer("1.1.1", 0, "à écrire"), Answer("1.1.2", 1)])
    CapPlanService(db).build(assessment)
    CapPlanService(db).add(assessment, ActionInput("Former l'équipe", "RH"))
    return assessment


def delete_cap_assessment(db: Database, folder: Path) -> Callable[[], object]:
    assessment = _cap_assessment(db)
    return lambda: CapAssessmentService(db).delete(assessment)


def delete_cap_action(db: Database, folder: Path) -> Callable[[], object]:
    action = CapPlanService(db).actions(_cap_assessment(db), date(2026, 11, 22))[0].id
    return lambda: CapPlanService(db).delete_action(action)


# case -> (the service method it covers, the tables it must touch: proof the case has children)
CASES = {
    delete_company: (CompanyService.delete,
                     {"company", "company_legal_type", "group_member", "coaching"}),
    delete_group: (GroupService.delete, {"certification_group", "group_member"}),
    remove_member: (GroupService.remove_member, {"group_member"}),
    delete_auditor: (AuditorService.delete, {"auditor", "coaching", "engagement"}),
    remove_coaching: (AuditorService.remove_coaching, {"coaching"}),
    delete_audit: (AuditService.delete, {"audit", "audit_auditor", "finding"}),
    delete_finding: (AuditService.delete_finding, {"finding"}),
    delete_session: (CommitteeService.delete_session, {"committee_session"}),
    delete_decision: (CommitteeService.delete_decision, {"decision"}),
    delete_requirement: (ReferentialService.delete_requirement,
                         {"requirement", "requirement_mapping"}),
    delete_cap_assessment: (CapAssessmentService.delete,
                            {"cap_assessment", "cap_answer", "cap_action"}),
    delete_cap_action: (CapPlanService.delete_action, {"cap_action"}),
}


@pytest.mark.sqlite_only(reason="reads every table of the register file with sqlite3")
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_a_deletion_records_every_row_it_removes_or_changes(db, register_path, tmp_path, case):
    generate_demo(db, companies=40, seed=3, today=date(2026, 11, 22))
    deletion = case(db, tmp_path)
    before, last = snapshot(register_path), last_change(register_path)

    deletion()

    after = snapshot(register_path)
    facts = facts_changed(before, after)
    recorded = history_since(register_path, last)
    assert {table for _, table, _, _ in facts} >= CASES[case][1]  # the case tests something
    for table in before:  # the measure first: as many deletes recorded as rows gone
        gone = len(before[table].keys() - after[table].keys())
        assert sum(1 for a, t, *_ in recorded if (a, t) == ("delete", table)) == gone, table
    assert sorted(recorded - facts) == []  # nothing recorded that did not happen
    assert sorted(facts - recorded) == []  # nothing happened that was not recorded


def test_every_deletion_a_service_offers_is_guarded_here():
    """A delete or remove method added to a service must join CASES."""
    offered = set()
    for module in pkgutil.walk_packages(cedre_desk.services.__path__, "cedre_desk.services."):
        loaded = importlib.import_module(module.name)  # packages' modules too (services.cap)
        for _, service in inspect.getmembers(loaded, inspect.isclass):
            if service.__module__ == loaded.__name__ and service.__name__.endswith("Service"):
                offered |= {f"{service.__name__}.{name}"
                            for name, _ in inspect.getmembers(service, inspect.isfunction)
                            if name.startswith(("delete", "remove"))}
    assert offered == {method.__qualname__ for method, _ in CASES.values()}
