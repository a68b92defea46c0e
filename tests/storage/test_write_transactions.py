"""A write transaction on SQLite takes the register's write lock when it begins (BEGIN
IMMEDIATE), not at its first write: a transaction that reads first, while another connection
(the window's background reader keeping stored statuses) commits a write, would otherwise be
refused at its first write with "database is locked" at once, whatever the busy timeout."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from cedre_desk.storage.database import Database

pytestmark = pytest.mark.sqlite_only  # a second connection on the same file


def test_a_transaction_that_reads_first_is_not_refused_by_a_write_committed_meanwhile(
        db: Database, register_path: Path) -> None:
    read_done = threading.Event()
    other: dict[str, object] = {}

    def other_writer() -> None:
        read_done.wait(10)
        with closing(sqlite3.connect(register_path, timeout=10)) as conn:
            try:
                conn.execute("INSERT INTO auditor (name, email, active, version) "
                             "VALUES ('Autre', '', 1, 1)")
                conn.commit()
                other["result"] = "written"
            except sqlite3.Error as exc:
                other["result"] = exc

    thread = threading.Thread(target=other_writer)
    thread.start()
    with db.transaction() as session:
        session.execute(sa.text("SELECT count(*) FROM auditor")).scalar()  # the first read
        read_done.set()
        thread.join(0.5)  # the other writer runs now, or waits for us
        session.execute(sa.text("INSERT INTO auditor (name, email, active, version) "
                                "VALUES ('Nous', '', 1, 1)"))
    thread.join(15)
    assert other["result"] == "written"  # it waited for our commit, then wrote
    with db.reading() as session:
        names = set(session.execute(sa.text("SELECT name FROM auditor")).scalars())
    assert {"Nous", "Autre"} <= names


def test_a_read_takes_no_write_lock(db: Database, register_path: Path) -> None:
    with db.reading() as session:
        session.execute(sa.text("SELECT count(*) FROM auditor")).scalar()
        with closing(sqlite3.connect(register_path, timeout=0)) as conn:
            conn.execute("INSERT INTO auditor (name, email, active, version) "
                         "VALUES ('Pendant la lecture', '', 1, 1)")
            conn.commit()  # not blocked by the read under way
