"""Opening a register, step by step: the one door to a register file.

`open_register` reads as the sequence it is, each step a call into the module that owns it:
is the file a register (register_file), the writer's lock (lock), the full check after an
unclean shutdown and the migration after a verified backup (writer_steps: integrity, backup,
migrate), the engine (engine), then the day's backup (backup). A register that cannot be
written here (asked so, a read-only file, another program writing it) opens read-only and
says why.
"""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path

from cedre_desk.errors import UserError
from cedre_desk.storage import backup, migrate, register_file, writer_steps
from cedre_desk.storage import lock as locks
from cedre_desk.storage.database import (
    ABANDONED,
    ASKED,
    HELD_ELSEWHERE,
    NOT_WRITABLE,
    Database,
)
from cedre_desk.storage.engine import make_engine
from cedre_desk.storage.filesystem import is_network_path, is_writable, real_path
from cedre_desk.storage.opening_check import FIRST_READS_SECONDS, OpeningCheck


def open_register(
    path: Path, *, create: bool = False, read_only: bool = False, user: str | None = None,
    now: datetime | None = None, check_later: bool = False,
) -> Database:
    """Open the register at `path`, migrating it if needed; create it only when asked.

    Opened for writing, the register is locked for this program; when another program holds
    it, or its file is read-only, it opens read-only and says why (`read_only_reason`).
    The opening check is quick_check for a reader, the full integrity_check for a writer.
    `check_later`: it runs after the first reads (`Database.opening_check`, see
    storage.opening_check) instead of before the register opens; the first write and a
    migration wait for its verdict.
    """
    # The real file: through a symbolic link or `..` it is the same register, one lock.
    path = real_path(Path(path))
    user = user or getpass.getuser()
    creating = not path.exists()
    # 1. A register, or the folder a new one goes into.
    if creating and not create:
        raise register_file.refuse_missing(path)
    checked = None  # the full check's report, when it ran here
    if creating:
        register_file.prepare_folder(path)
    else:
        # A writer's check is the full one: quick_check does not see a damaged index. A
        # reader takes an earlier sound check's verdict on the very same file.
        checked = register_file.check_is_register(path, check_now=not check_later,
                                                  full=not read_only, trust_unchanged=read_only)
    opening_check = (OpeningCheck(path, full=not read_only, start_within=FIRST_READS_SECONDS)
                     if check_later and not creating else None)
    # 2. The writer's lock, or the reason the register opens read-only.
    reason, attempt = _writer_lock(path, user, read_only=read_only, creating=creating)
    if reason is not None:
        return _open_read_only(path, user, reason, attempt, creating, opening_check)
    assert attempt is not None and attempt.lock is not None
    try:
        # 3. A new register's schema (a private file); or what a killed run left behind,
        #    the full check after an unclean shutdown, then the verified backup and the
        #    migration an older register needs.
        integrity = None
        if creating:
            register_file.create(path)
        else:
            backup.remove_leftovers(path)
            integrity = writer_steps.check_then_upgrade(path, attempt, opening_check, checked)
        # 4. The engine.
        db = Database(make_engine(path), path, user, lock=attempt.lock, integrity=integrity,
                      unclean_shutdown=attempt.holder
                      if attempt.outcome == locks.TAKEN_OVER else None,
                      on_network=is_network_path(path),
                      opening_check=None if integrity is not None else opening_check)
        # 5. The day's backup.
        if not creating:
            _backup_of_the_day(db, path, now)
    except BaseException:
        attempt.lock.release()
        raise
    return db


def _writer_lock(path: Path, user: str, *, read_only: bool,
                 creating: bool) -> tuple[str | None, locks.LockAttempt | None]:
    """Take the writer's lock: (None, attempt) when held; else why the register opens
    read-only, with the attempt that found its holder."""
    if read_only:
        return ASKED, None
    if not creating and not is_writable(path):
        return NOT_WRITABLE, None
    attempt = locks.acquire(path, user)
    if attempt.lock is None:
        return (ABANDONED if attempt.outcome == locks.ABANDONED else HELD_ELSEWHERE), attempt
    return None, attempt


def _open_read_only(path: Path, user: str, reason: str, attempt: locks.LockAttempt | None,
                    creating: bool, opening_check: OpeningCheck | None) -> Database:
    """A reader: an up-to-date register only (an older one is upgraded first when nobody
    writes it and it can be written), never a new one."""
    if creating:
        raise register_file.refuse_read_only_creation(path)
    revision = register_file.stored_revision(path)
    migrate.refuse_if_newer(revision, path.name)
    if (revision != migrate.head_revision() and reason == ASKED
            and _upgrade_to_read(path, user, opening_check)):
        revision = migrate.head_revision()
    if revision != migrate.head_revision():
        raise register_file.refuse_older_unwritable(path)
    return Database(make_engine(path, read_only=True), path, user, read_only=True,
                    read_only_reason=reason, holder=attempt.holder if attempt else None,
                    on_network=is_network_path(path), opening_check=opening_check)


def _upgrade_to_read(path: Path, user: str, opening_check: OpeningCheck | None) -> bool:
    """An older register asked for read-only (`cedre-desk due`) that nobody writes and that
    can be written: upgrade it as an opening for writing would (checked, backed up), then let
    it be read. False when it cannot be done here."""
    if not is_writable(path):
        return False
    attempt = locks.acquire(path, user)
    if attempt.lock is None:
        return False
    try:
        writer_steps.check_then_upgrade(path, attempt, opening_check)
    finally:
        attempt.lock.release()
    return True


def _backup_of_the_day(db: Database, path: Path, now: datetime | None) -> None:
    try:
        db.backup_made = backup.backup_on_open(path, backup.kept_setting(path), now)
    except UserError as exc:  # a missing copy must not keep the user from working
        db.backup_problem = exc
