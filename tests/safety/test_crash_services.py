"""SIGKILL at random moments while the real services write: the register stays sound and
holds every change whose call returned (issue 5: "no committed change is ever lost").

A child process changes the register through CompanyService, AuditorService, AuditService,
GroupService (creating, editing with the version check, deleting) and acknowledges each call
after it returned. It is killed at a random moment: during opening (the lock taken over from
the previous, killed child, the full check that calls for, the day's backup), during a
transaction, a commit, or between two. After each kill the register must pass
integrity_check and foreign_key_check, and hold every acknowledged change and its history.
"""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cedre_desk.services.register import create_register
from cedre_desk.storage.integrity import check_file, connect_read_only
from cedre_desk.storage.lock import lock_path

from .conftest import Zygote, kills


class Ledger:
    """Everything acknowledged so far, across rounds."""

    def __init__(self) -> None:
        self.companies: dict[int, str] = {}
        self.versions: dict[int, tuple[int, str]] = {}
        self.deleted: set[int] = set()
        self.deleting: set[int] = set()  # deletions under way when the child was killed
        self.others: dict[str, set[int]] = {"auditor": set(), "audit": set(), "finding": set(),
                                             "group": set()}

    def add(self, ack: list[str]) -> None:
        kind, ident = ack[0], int(ack[1])
        if kind == "company":  # SQLite may give a deleted company's id to a new one
            self.companies[ident] = ack[2]
            self.deleted.discard(ident)
            self.deleting.discard(ident)
            self.versions.pop(ident, None)
        elif kind == "deleting":
            self.deleting.add(ident)
        elif kind == "update":
            self.versions[ident] = (int(ack[2]), ack[3])
        elif kind == "deleted":
            self.deleted.add(ident)
        else:
            self.others[kind].add(ident)


_TABLES = {"auditor": "auditor", "audit": "audit", "finding": "finding",
           "group": "certification_group"}


def verify(path: Path, ledger: Ledger) -> None:
    report = check_file(path, full=True)
    assert report.sound, report.problems
    with closing(connect_read_only(path)) as conn:
        stored = {cid: (name, version, town) for cid, name, version, town in
                  conn.execute("SELECT id, name, version, town FROM company")}
        for cid, name in ledger.companies.items():
            if cid in ledger.deleted:  # gone, or its id given to a newer (unacknowledged) one
                assert stored.get(cid, ("",))[0] != name, f"company {cid} deleted but still there"
                continue
            if cid in ledger.deleting and cid not in stored:
                continue  # the deletion committed, its acknowledgement was cut off
            assert cid in stored and stored[cid][0] == name, f"acknowledged company {cid} lost"
        for cid, (version, town) in ledger.versions.items():
            assert stored[cid][1] >= version, f"acknowledged edit of company {cid} lost"
            if stored[cid][1] == version:
                assert stored[cid][2] == town
        for kind, ids in ledger.others.items():
            found = {row[0] for row in conn.execute(f"SELECT id FROM {_TABLES[kind]}")}
            assert ids <= found, f"acknowledged {kind} lost: {sorted(ids - found)[:5]}"
        recorded = {int(row[0]) for row in conn.execute(
            "SELECT record_id FROM change WHERE table_name = 'company' AND action = 'insert' "
            "AND field = 'name'")}
        assert set(ledger.companies) <= recorded, "a change without its history"


def crash_rounds(zygote: Zygote, path: Path, count: int, *, seed: int) -> Ledger:
    ledger = Ledger()
    rnd = random.Random(seed)
    acknowledged = 0
    for _ in range(count):
        # A quarter of the kills land while the child opens the register (about 0.2 s:
        # lock taken over, full check, the day's backup), the rest while it writes.
        delay = rnd.uniform(0, 0.25) if rnd.random() < 0.25 else rnd.uniform(0.25, 0.9)
        result = zygote.run("services", kill_after=delay, db=str(path),
                            seed=rnd.randrange(10**9))
        assert not result.errors, result.errors
        for ack in result.acks:
            ledger.add(ack)
        acknowledged += len(result.acks)
        verify(path, ledger)
    assert acknowledged > count, "the children were killed before they changed anything"
    return ledger


@pytest.fixture
def crash_register(tmp_path: Path) -> Path:
    path = tmp_path / "registre.sqlite"
    create_register(path, user="crash").close()
    return path


def test_kills_while_the_services_write_lose_nothing_committed(zygote: Zygote, crash_register,
                                                               request):
    count = kills(request.config, quick=10, full=250)
    ledger = crash_rounds(zygote, crash_register, count, seed=5)
    assert ledger.companies
    # The last child was killed holding the lock: the next opening takes it over.
    assert lock_path(crash_register).exists()
    result = zygote.run("services", kill_after=None, db=str(crash_register), seed=1, limit=3)
    assert result.done and not result.errors
    assert not lock_path(crash_register).exists()


def test_the_worker_really_commits_what_it_acknowledges(zygote: Zygote, crash_register):
    """The harness itself: an unkilled child's acknowledgements are all in the register."""
    result = zygote.run("services", kill_after=None, db=str(crash_register), seed=2, limit=40)
    assert result.done and len(result.acks) >= 39
    ledger = Ledger()
    for ack in result.acks:
        ledger.add(ack)
    verify(crash_register, ledger)
    ledger.companies[999_999] = "jamais écrite"
    with pytest.raises(AssertionError):
        verify(crash_register, ledger)


def test_a_register_killed_mid_transaction_shows_no_half_change(zygote: Zygote, crash_register):
    """A company and its legal types, an audit and its auditors: all or nothing."""
    crash_rounds(zygote, crash_register, 3, seed=11)
    with closing(sqlite3.connect(crash_register)) as conn:
        orphans = conn.execute(
            "SELECT count(*) FROM company c WHERE NOT EXISTS "
            "(SELECT 1 FROM company_legal_type t WHERE t.company_id = c.id)").fetchone()[0]
    assert orphans == 0
