"""Stored cycle statuses: kept, read back, forgotten with their facts, never shown stale.

The reference for every check is the status computed from the facts with nothing stored.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, Outcome, Scheme
from cedre_desk.services import due as due_module
from cedre_desk.services import status_store
from cedre_desk.services.auditors import AuditorService
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyService
from cedre_desk.services.demo import generate_demo
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.services.register import create_register
from cedre_desk.services.settings import SettingsService
from cedre_desk.services.status_store import StatusStore, decode, encode
from cedre_desk.storage.database import Database
from cedre_desk.storage.engine import make_engine
from cedre_desk.storage.integrity import IntegrityReport
from cedre_desk.storage.opening import open_register

TODAY = date(2026, 11, 22)
# Taken before any test counts the calls to it (the `computed` fixture).
_status_from_facts = due_module._status


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    db = create_register(path, user="testeur")
    generate_demo(db, companies=80, seed=5, today=TODAY)
    db.close()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "registre.sqlite"
    shutil.copyfile(demo_template, path)
    db = open_register(path, user="testeur")
    yield db
    db.close()


def fresh(db: Database, day: date) -> dict[int, CycleStatus]:
    """Every status computed from the facts, the store left aside."""
    settings = SettingsService(db).load()
    with db.engine.connect() as conn:
        facts = due_module._read_facts(conn, None)
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM company")]
    return {cid: _status_from_facts(cid, facts, settings, day) for cid in ids}


def stored_rows(db: Database) -> dict[int, tuple[str, str | None]]:
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        return {cid: (start, end) for cid, start, end in conn.execute(
            "SELECT company_id, valid_from, valid_until FROM stored_status")}


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The companies whose status the rules computed (not read from the store)."""
    seen: list[int] = []
    original = due_module._status

    def counting(company_id: int, *args: object) -> CycleStatus:
        seen.append(company_id)
        return original(company_id, *args)

    monkeypatch.setattr(due_module, "_status", counting)
    return seen


def test_statuses_are_kept_then_read_back_without_the_facts(
    demo: Database, computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = CycleService(demo).statuses(TODAY)
    assert first == fresh(demo, TODAY)
    assert len(stored_rows(demo)) == len(first) == 80
    computed.clear()

    def no_facts(*_: object) -> None:
        raise AssertionError("the facts were read although every status is stored")

    monkeypatch.setattr(due_module, "_read_facts", no_facts)
    assert CycleService(demo).statuses(TODAY) == first
    assert CycleService(demo).status(next(iter(first)), TODAY) == next(iter(first.values()))
    assert computed == []


def test_stored_statuses_equal_computed_ones_day_after_day(
    demo: Database, computed: list[int]
) -> None:
    """Three years, every 11 days: what the store gives is what the rules give, and the
    store spares most of the work (so this test does test the stored path)."""
    service = CycleService(demo)
    service.statuses(TODAY)
    computed.clear()
    day, days = TODAY, 0
    while day < TODAY + timedelta(days=3 * 365):
        day += timedelta(days=11)
        days += 1
        assert service.statuses(day) == fresh(demo, day), day
    assert 0 < len(computed) < days * 80 / 4


def test_the_due_list_reads_the_store(demo: Database) -> None:
    before = CycleService(demo).due(TODAY)
    assert stored_rows(demo)
    assert CycleService(demo).due(TODAY) == before
    assert CycleService(demo).due(TODAY, within_days=90) == [
        row for row in before if row.due <= TODAY + timedelta(days=90)]


def _company_with_group(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT company_id, group_id FROM group_member").first()
    assert row is not None
    return row[0], row[1]


def _certified_company(db: Database, statuses: dict[int, CycleStatus]) -> int:
    return next(cid for cid, status in statuses.items() if status.certificate is not None
                and status.next_event() is not None)


def _version(db: Database) -> int:
    return next(v.id for v in ReferentialService(db).versions()
                if v.referential == CEDRE and v.label == "V3")


# Each change returns the companies whose stored status it must drop (None: all of them).
Change = Callable[[Database, dict[int, CycleStatus]], set[int] | None]


def held_follow_up(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    company = _certified_company(db, statuses)
    AuditService(db).create(AuditInput(AuditKind.FOLLOW_UP, _version(db), company_id=company,
                                       start_on=TODAY, end_on=TODAY,
                                       status=AuditStatus.DONE))
    return {company}


def audit_of_a_group(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    _, group = _company_with_group(db)
    AuditService(db).create(AuditInput(AuditKind.RENEWAL, _version(db), group_id=group,
                                       planned_on=TODAY + timedelta(days=30)))
    with db.engine.connect() as conn:
        return {row[0] for row in conn.exec_driver_sql(
            "SELECT company_id FROM group_member WHERE group_id = ?", (group,))}


def audit_conclusion_only(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    """Text that no rule reads: nothing is forgotten."""
    service = AuditService(db)
    with db.engine.connect() as conn:
        audit_id = conn.exec_driver_sql("SELECT id FROM audit WHERE company_id IS NOT NULL"
                                        " ORDER BY id LIMIT 1").scalar_one()
    version, record = service.get(audit_id)
    data = replace(record, conclusion="Conclusion retouchée")
    service.update(audit_id, data, version)
    return set()


def decision_for_a_company(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    company = _certified_company(db, statuses)
    session = CommitteeService(db).create_session(_free_day(db, TODAY - timedelta(days=5)))
    CommitteeService(db).record_decision(
        DecisionInput(session, Outcome.SUSPENDED, Scheme.CEDRE, company_id=company))
    return None  # a new session: every status may move


def engagement(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    company = next(cid for cid, status in statuses.items() if status.certificate is None)
    AuditorService(db).engage(company, TODAY)
    return {company}


def group_membership(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    _, group = _company_with_group(db)
    service = GroupService(db)
    members = service.members(group)
    name, notes, version = _group_record(db, group)
    loner = next(cid for cid in statuses if cid not in members)
    service.update(group, name, [*members, loner], notes, version)
    return {loner}


def _group_record(db: Database, group: int) -> tuple[str, str, int]:
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT name, notes, version FROM certification_group"
                                   " WHERE id = ?", (group,)).one()
    return row[0], row[1], row[2]


def _free_day(db: Database, near: date) -> date:
    with db.engine.connect() as conn:
        taken = {row[0] for row in conn.exec_driver_sql("SELECT held_on FROM committee_session")}
    return next(day for n in range(400) if (day := near + timedelta(days=n)).isoformat()
                not in taken)


def new_session(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    CommitteeService(db).create_session(_free_day(db, TODAY + timedelta(days=200)))
    return None


def settings(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    SettingsService(db).save(file_lead_days=60)
    return None


def company_deleted(db: Database, statuses: dict[int, CycleStatus]) -> set[int] | None:
    company = next(cid for cid, status in statuses.items() if status.certificate is None
                   and not status.events)
    try:
        CompanyService(db).delete(company)
    except Exception:  # a company with records may be refused: then it is not a test case
        pytest.skip("no deletable company in the demo")
    return {company}


@pytest.mark.parametrize("change", [
    held_follow_up, audit_of_a_group, audit_conclusion_only, decision_for_a_company,
    engagement, group_membership, new_session, settings, company_deleted,
])
def test_a_change_of_facts_forgets_exactly_the_statuses_it_bears_on(
    demo: Database, change: Change
) -> None:
    service = CycleService(demo)
    statuses = service.statuses(TODAY)
    before = stored_rows(demo)
    touched = change(demo, statuses)
    after = stored_rows(demo)
    if touched is None:
        assert after == {}
    else:
        assert set(before) - set(after) == touched
    assert service.statuses(TODAY) == fresh(demo, TODAY)
    assert service.statuses(TODAY + timedelta(days=100)) == fresh(
        demo, TODAY + timedelta(days=100))


def test_a_fact_committed_during_the_computation_is_never_hidden(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection commits a fact after the statuses' facts were read: the statuses
    computed from the older facts must not be stored."""
    statuses = fresh(demo, TODAY)
    company = _certified_company(demo, statuses)
    original = due_module._read_facts

    def read_then_change(*args: object) -> object:
        facts = original(*args)
        held_follow_up(demo, {company: statuses[company]})
        return facts

    monkeypatch.setattr(due_module, "_read_facts", read_then_change)
    CycleService(demo).statuses(TODAY)
    assert stored_rows(demo) == {}
    monkeypatch.setattr(due_module, "_read_facts", original)
    assert CycleService(demo).statuses(TODAY) == fresh(demo, TODAY)


def test_a_read_only_register_keeps_nothing(demo: Database) -> None:
    assert demo.path is not None
    reader = open_register(demo.path, read_only=True, user="lectrice")
    try:
        assert CycleService(reader).statuses(TODAY) == fresh(demo, TODAY)
    finally:
        reader.close()
    assert stored_rows(demo) == {}


def test_a_past_day_does_not_replace_the_statuses_of_a_later_one(demo: Database) -> None:
    service = CycleService(demo)
    service.statuses(TODAY)
    past = TODAY - timedelta(days=400)
    assert service.statuses(past) == fresh(demo, past)
    assert {start for start, _ in stored_rows(demo).values()} == {TODAY.isoformat()}


def test_statuses_of_other_rules_or_unreadable_are_computed_again(
    demo: Database, computed: list[int]
) -> None:
    service = CycleService(demo)
    service.statuses(TODAY)
    assert demo.path is not None
    with closing(sqlite3.connect(demo.path)) as conn, conn:
        conn.execute("UPDATE stored_status SET rules = '0.0.1/0' WHERE company_id % 2 = 0")
        conn.execute("UPDATE stored_status SET status = '[\"nonsense\"]' WHERE company_id % 3 = 0")
    computed.clear()
    assert service.statuses(TODAY) == fresh(demo, TODAY)
    redone = set(computed)
    assert redone == {cid for cid in stored_rows(demo) if cid % 2 == 0 or cid % 3 == 0}
    computed.clear()
    service.statuses(TODAY)
    assert computed == []  # and they were stored again


def test_every_status_survives_its_stored_form(demo: Database) -> None:
    for day in (TODAY, TODAY + timedelta(days=500), TODAY - timedelta(days=2000)):
        for status in fresh(demo, day).values():
            assert decode(encode(status)) == status


def test_nothing_is_stored_in_a_database_without_the_triggers(demo: Database) -> None:
    # SQLite and PostgreSQL have them (tests/services/test_stored_status_engines.py)
    store = StatusStore(demo)
    assert store.readable and store.writable
    demo.engine.dialect.name = "mysql"  # as seen from the store; no SQL is run
    try:
        assert not store.readable and not store.writable
    finally:
        demo.engine.dialect.name = "sqlite"


def _reader_of(db: Database) -> Database:
    """A worker thread's reader of the register `db` writes, as the window makes it."""
    assert db.path is not None
    return Database(make_engine(db.path), db.path, user=db.user, read_only=True,
                    derived_for=db)


def test_nothing_is_stored_before_the_opening_check_nor_in_a_damaged_file(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file a damaged register's recovery starts from is never written: no status is
    stored before the opening check's verdict, nor after it found the file damaged."""
    path = tmp_path / "registre.sqlite"
    shutil.copyfile(demo_template, path)
    verdict = threading.Event()
    monkeypatch.setattr("cedre_desk.storage.opening_check.check_file",
                        lambda _path, **_: (verdict.wait(10), IntegrityReport(("bad",)))[1])
    monkeypatch.setattr(status_store, "VERDICT_WAIT_SECONDS", 0.05)
    db = open_register(path, user="testeur", check_later=True)
    reader = _reader_of(db)
    try:
        CycleService(db).statuses(TODAY)
        CycleService(reader).statuses(TODAY)
        assert stored_rows(db) == {}
        verdict.set()
        assert db.opening_check is not None and db.opening_check.wait(10) is False
        CycleService(db).statuses(TODAY)
        CycleService(reader).statuses(TODAY)
        assert stored_rows(db) == {}
    finally:
        reader.close()
        db.close()


def test_statuses_are_stored_once_the_file_is_found_sound(
    demo_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "registre.sqlite"
    shutil.copyfile(demo_template, path)
    db = open_register(path, user="testeur", check_later=True)
    reader = _reader_of(db)
    try:
        assert db.opening_check is not None and db.opening_check.wait(10) is True
        CycleService(reader).statuses(TODAY)
        assert len(stored_rows(db)) == 80
    finally:
        reader.close()
        db.close()


def test_statuses_computed_before_a_slow_check_ends_are_stored_on_its_sound_verdict(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a big register on a busy machine the opening check ends after the window's first
    statuses are computed: they wait for its verdict, else no start ever stored them and
    every start computed them all again."""
    path = tmp_path / "registre.sqlite"
    shutil.copyfile(demo_template, path)
    computing = threading.Event()
    real_compute = CycleService._compute

    def compute(self: CycleService, *args: object, **kwargs: object) -> object:
        computing.set()  # the check's verdict comes while the statuses are being computed
        return real_compute(self, *args, **kwargs)  # type: ignore[arg-type]

    def slow_check(_path: Path, **_: object) -> IntegrityReport:
        computing.wait(10)
        time.sleep(0.3)
        return IntegrityReport(())

    monkeypatch.setattr(CycleService, "_compute", compute)
    monkeypatch.setattr("cedre_desk.storage.opening_check.check_file", slow_check)
    monkeypatch.setattr(status_store, "VERDICT_WORTH_WAITING", 80)
    db = open_register(path, user="testeur", check_later=True)
    reader = _reader_of(db)
    try:
        CycleService(reader).statuses(TODAY)
        assert db.opening_check is not None and db.opening_check.wait(0) is True
        assert len(stored_rows(db)) == 80
    finally:
        reader.close()
        db.close()


def test_a_few_statuses_computed_do_not_wait_for_a_slow_check(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The statuses of the companies changed since the last start are computed in
    milliseconds: the read does not wait for a check still reading the whole file (2 s at
    20,000 companies, the dashboard held as long); they are computed again next time."""
    path = tmp_path / "registre.sqlite"
    shutil.copyfile(demo_template, path)
    release = threading.Event()

    def endless_check(_path: Path, **_: object) -> IntegrityReport:
        release.wait(30)
        return IntegrityReport(())

    monkeypatch.setattr("cedre_desk.storage.opening_check.check_file", endless_check)
    db = open_register(path, user="testeur", check_later=True)
    reader = _reader_of(db)
    try:
        started = time.monotonic()
        statuses = CycleService(reader).statuses(TODAY)
        assert time.monotonic() - started < status_store.VERDICT_WAIT_SECONDS / 2
        assert len(statuses) == 80 and stored_rows(db) == {}
    finally:
        release.set()
        reader.close()
        db.close()


def test_a_register_taken_over_elsewhere_gets_no_status(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert demo.lock is not None
    monkeypatch.setattr(demo.lock, "still_ours", lambda: False)
    reader = _reader_of(demo)
    try:
        CycleService(demo).statuses(TODAY)
        CycleService(reader).statuses(TODAY)
    finally:
        reader.close()
    assert stored_rows(demo) == {}


def test_statuses_for_another_day_can_be_left_unstored(demo: Database) -> None:
    year_end = date(TODAY.year, 12, 31)
    assert CycleService(demo).statuses(year_end, keep=False) == fresh(demo, year_end)
    assert stored_rows(demo) == {}
    CycleService(demo).statuses(TODAY)
    assert len(stored_rows(demo)) == 80


def test_an_unknown_company_does_not_keep_the_others_from_being_stored(demo: Database) -> None:
    known = sorted(fresh(demo, TODAY))[:5]
    statuses = CycleService(demo).statuses(TODAY, [*known, 999_999])
    assert set(statuses) == {*known, 999_999}
    assert set(stored_rows(demo)) == set(known)
