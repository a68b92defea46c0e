"""An open register: its engine, its lock and its transactions.

`open_register` is the one door to a register file: it refuses what is not a register (or is
too new, or damaged), takes the writer's lock (or opens read-only, saying who holds it), runs
the full check after an unclean shutdown, migrates an older register after a verified backup,
and makes the day's backup. `Database.transaction()` is the unit of work every service call
runs in; it refuses to start on a register this program may not write.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from cedre_desk.errors import RegisterError, UserError
from cedre_desk.storage import backup, history, migrate
from cedre_desk.storage import lock as locks
from cedre_desk.storage.backup import quick_check
from cedre_desk.storage.disk_errors import DamagedRegisterError, sqlite_error
from cedre_desk.storage.engine import make_engine
from cedre_desk.storage.filesystem import is_network_path, is_writable
from cedre_desk.storage.integrity import IntegrityReport, check_file, connect_read_only
from cedre_desk.storage.lock import LockInfo, RegisterLock
from cedre_desk.storage.opening_check import OpeningCheck

SQLITE_MAGIC = b"SQLite format 3\x00"

# Why a register is open read-only.
ASKED = "asked"  # the caller wanted it so
HELD_ELSEWHERE = "held"  # another program (or user) writes it now
ABANDONED = "abandoned"  # held by a program that seems to have stopped: can be taken over
NOT_WRITABLE = "not_writable"  # the file or its folder is read-only
LOCK_LOST = "lock_lost"  # another program took the register over while it was open
READER_ROLE = "reader_role"  # a server register whose server gives this account no right to write


class RegisterSession(Session):
    """A session whose flushes write the change history (see storage.history)."""


history.install(RegisterSession)


@dataclass
class Database:
    engine: Engine
    path: Path | None
    user: str = field(default_factory=getpass.getuser)
    read_only: bool = False
    read_only_reason: str | None = None
    holder: LockInfo | None = None  # who writes the register, when it is not us
    lock: RegisterLock | None = None  # our writer's lock, when we hold it
    unclean_shutdown: LockInfo | None = None  # the dead program's lock found on opening
    integrity: IntegrityReport | None = None  # the full check run after an unclean shutdown
    backup_made: Path | None = None  # the day's automatic copy, when one was made
    backup_problem: UserError | None = None  # why the day's copy could not be made
    on_network: bool = False
    opening_check: OpeningCheck | None = None  # the quick_check still running, if deferred
    # A reader (read_only) on a worker thread, of the register this Database writes: it may
    # keep derived data there (services.status_store) when that writer may, never a fact.
    derived_for: Database | None = None
    location: str | None = None  # a server register's address, without password (path is None)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        self._refuse_if_read_only()
        self._refuse_if_damaged()
        if self.lock is not None and not self.lock.still_ours():
            self._become_read_only(LOCK_LOST, self.lock.lost_to)
            self._refuse_if_read_only()
        with RegisterSession(self.engine, expire_on_commit=False) as session:
            session.info["user"] = self.user
            with session.begin():
                yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read: one consistent snapshot, never a write."""
        with Session(self.engine) as session, session.begin():
            yield session

    def read_only_message(self) -> RegisterError:
        """Why nothing can be changed, in both languages (for refusals and the banner)."""
        who_fr = self.holder.describe("fr") if self.holder else "un autre programme"
        who_en = self.holder.describe("en") if self.holder else "another program"
        if self.read_only_reason == HELD_ELSEWHERE:
            return RegisterError(
                f"Ce registre est ouvert en écriture par {who_fr} : vous le consultez en "
                "lecture seule, rien ne peut y être modifié ici.",
                f"This register is open for writing by {who_en}: you are viewing it "
                "read-only, nothing can be changed here.",
            )
        if self.read_only_reason == ABANDONED:
            return RegisterError(
                f"Ce registre est resté ouvert par {who_fr}, qui ne donne plus signe de vie : "
                "s'il est bien fermé, prenez la main pour pouvoir le modifier.",
                f"This register was left open by {who_en}, which no longer answers: if it "
                "is really closed, take over to be able to change it.",
            )
        if self.read_only_reason == NOT_WRITABLE:
            return RegisterError(
                "Le fichier du registre ou son dossier est en lecture seule : rien ne peut y "
                "être modifié. Copiez-le dans un dossier où vous pouvez écrire.",
                "The register file or its folder is read-only: nothing can be changed. "
                "Copy it to a folder you can write to.",
            )
        if self.read_only_reason == LOCK_LOST:
            return RegisterError(
                f"{who_fr[:1].upper()}{who_fr[1:]} a pris la main sur ce registre : votre "
                "modification n'a pas été enregistrée, il est désormais en lecture seule ici.",
                f"{who_en[:1].upper()}{who_en[1:]} took over this register: your change was "
                "not saved, it is now read-only here.",
            )
        if self.read_only_reason == READER_ROLE:
            return RegisterError(
                "Votre compte sur le serveur ne peut que consulter ce registre partagé : rien ne "
                "peut y être modifié.",
                "Your account on the server may only view this shared register: nothing can be "
                "changed.")
        return RegisterError(
            "Ce registre est ouvert en lecture seule : rien ne peut y être modifié.",
            "This register is open read-only: nothing can be changed.",
        )

    def take_over(self) -> bool:
        """Take the writer's lock the user judged abandoned; True when the register can now
        be written (after the full check an unclean shutdown calls for)."""
        if self.path is None or self.read_only_reason != ABANDONED:
            return False
        return self._become_writer(locks.take_over(self.path, self.user, self.holder))

    def retry_writing(self) -> bool:
        """Try again to become the writer (the other program may have closed the register)."""
        if self.path is None or self.read_only_reason not in (HELD_ELSEWHERE, ABANDONED):
            return False
        return self._become_writer(locks.acquire(self.path, self.user))

    def _become_writer(self, attempt: locks.LockAttempt) -> bool:
        assert self.path is not None
        if attempt.lock is None:
            self.holder = attempt.holder
            if attempt.outcome == locks.ABANDONED:
                self.read_only_reason = ABANDONED
            return False
        self.engine.dispose()
        try:
            report = _check_then_upgrade(self.path, attempt, None)
        except BaseException:
            attempt.lock.release()
            raise
        self.lock, self.integrity = attempt.lock, report
        self.unclean_shutdown = attempt.holder if attempt.outcome == locks.TAKEN_OVER else None
        self.read_only, self.read_only_reason, self.holder = False, None, None
        self.engine = make_engine(self.path)
        return True

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise self.read_only_message()

    def may_keep_derived(self) -> bool:
        """Whether derived data (stored statuses) may be written now: by the writer that holds
        the register, once the opening check found the file sound (never into a file that
        may be damaged: it is the copy a recovery starts from), and still holds it."""
        if self.derived_for is not None:
            return self.derived_for.may_keep_derived()
        if self.read_only:
            return False
        if self.opening_check is not None and self.opening_check.wait(0) is not True:
            return False
        return self.lock is None or self.lock.still_ours()

    def _refuse_if_damaged(self) -> None:
        """Nothing is written before the opening check said the file is sound."""
        if self.opening_check is not None and not self.opening_check.wait():
            assert self.path is not None
            raise DamagedRegisterError(self.path, ("quick_check",))

    def file_replaced(self) -> None:
        """The register's file was replaced by a checked copy (a restored backup): what the
        opening check said of the old file no longer holds."""
        self.opening_check = None

    def _become_read_only(self, reason: str, holder: LockInfo | None) -> None:
        self.read_only, self.read_only_reason, self.holder = True, reason, holder
        self.lock = None  # not ours any more: never release another program's lock
        if self.path is not None:
            self.engine.dispose()
            self.engine = make_engine(self.path, read_only=True)


def _refuse(path: Path, fr: str, en: str) -> RegisterError:
    return RegisterError(f"{path} : {fr}", f"{path}: {en}")


def check_is_register(path: Path, *, quick_check_now: bool = True) -> None:
    """Refuse, with a clear message, a file that is not a sound cedre-desk register (whose
    quick_check, without `quick_check_now`, the caller runs itself)."""
    if path.is_dir():
        raise _refuse(path, "c'est un dossier, pas un registre.",
                      "this is a folder, not a register.")
    try:
        with path.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
    except PermissionError as exc:
        raise _refuse(path, "lecture interdite.", "permission denied.") from exc
    except OSError as exc:
        raise _refuse(path, f"lecture impossible ({exc.strerror}).",
                      f"cannot be read ({exc.strerror}).") from exc
    if magic != SQLITE_MAGIC:
        raise _refuse(path, "ce fichier n'est pas un registre cedre-desk.",
                      "this file is not a cedre-desk register.")
    if quick_check_now and not quick_check(path):
        raise DamagedRegisterError(path)
    try:
        with closing(connect_read_only(path)) as conn:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, "le registre est illisible.", "the register cannot be read.") from exc
    if "alembic_version" not in tables or "company" not in tables:
        raise _refuse(path, "cette base SQLite n'est pas un registre cedre-desk.",
                      "this SQLite database is not a cedre-desk register.")


def _stored_revision(path: Path) -> str | None:
    try:
        with closing(connect_read_only(path)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise sqlite_error(exc, path) or exc from exc
    return row[0] if row else None


def _prepare_folder(path: Path) -> None:
    """The folder a new register goes into: made if missing, refused if read-only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refuse(path, f"impossible de créer le dossier ({exc.strerror}).",
                      f"cannot create the folder ({exc.strerror}).") from exc
    if not is_writable(path):
        raise _refuse(path, "le dossier est en lecture seule : le registre ne peut pas y être "
                      "créé.", "the folder is read-only: the register cannot be made there.")


def _create(path: Path) -> None:
    try:
        migrate.upgrade(path, make_backup=False)
    except BaseException:
        path.unlink(missing_ok=True)  # never leave a half-made register behind
        raise


def open_register(
    path: Path, *, create: bool = False, read_only: bool = False, user: str | None = None,
    now: datetime | None = None, check_later: bool = False,
) -> Database:
    """Open the register at `path`, migrating it if needed; create it only when asked.

    Opened for writing, the register is locked for this program; when another program holds
    it, or its file is read-only, it opens read-only and says why (`read_only_reason`).
    `check_later`: the quick_check runs beside the first reads (`Database.opening_check`,
    see storage.opening_check) instead of before the register opens; a migration still
    waits for it.
    """
    path = Path(path)
    user = user or getpass.getuser()
    on_network = is_network_path(path)
    creating = not path.exists()
    if creating and not create:
        raise _refuse(path, "aucun registre à cet emplacement.", "no register at this path.")
    opening_check = None
    if creating:
        _prepare_folder(path)
    else:
        check_is_register(path, quick_check_now=not check_later)
        opening_check = OpeningCheck(path) if check_later else None
    reason = ASKED if read_only else None
    if reason is None and not creating and not is_writable(path):
        reason = NOT_WRITABLE
    attempt: locks.LockAttempt | None = None
    if reason is None:
        attempt = locks.acquire(path, user)
        if attempt.lock is None:
            reason = ABANDONED if attempt.outcome == locks.ABANDONED else HELD_ELSEWHERE
    if reason is not None:
        if creating:
            raise _refuse(path, "le registre n'existe pas encore et ne peut pas être créé en "
                          "lecture seule.", "the register does not exist and cannot be made "
                          "read-only.")
        revision = _stored_revision(path)
        migrate.refuse_if_newer(revision, path.name)
        if (revision != migrate.head_revision() and reason == ASKED
                and _upgrade_to_read(path, user, opening_check)):
            revision = migrate.head_revision()
        if revision != migrate.head_revision():
            raise _refuse(
                path, "ce registre vient d'une version plus ancienne de cedre-desk ; il doit "
                "être mis à jour avant d'être lu, ce qui demande de pouvoir l'écrire. Ouvrez-le "
                "une fois là où il peut être modifié (il sera sauvegardé avant la mise à jour).",
                "this register comes from an older version of cedre-desk; it must be "
                "upgraded before it can be read, which needs write access. Open it once "
                "where it can be changed (it is backed up before the upgrade).")
        return Database(make_engine(path, read_only=True), path, user, read_only=True,
                        read_only_reason=reason, holder=attempt.holder if attempt else None,
                        on_network=on_network, opening_check=opening_check)
    assert attempt is not None and attempt.lock is not None
    held = attempt.lock
    try:
        return _open_for_writing(path, user, attempt, creating, on_network, now,
                                 opening_check)
    except BaseException:
        held.release()
        raise


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
        _check_then_upgrade(path, attempt, opening_check)
    finally:
        attempt.lock.release()
    return True


def _check_then_upgrade(path: Path, attempt: locks.LockAttempt,
                        opening_check: OpeningCheck | None) -> IntegrityReport | None:
    """With the writer's lock held on an existing register: the full check when the last
    writer died, else the opening check's verdict when a migration is due (a damaged file is
    never migrated); then the upgrade, if one is due. The full check's report, if it ran."""
    report = None
    if attempt.outcome == locks.TAKEN_OVER:
        report = check_file(path, full=True)  # the last writer died: look at everything
        if not report.sound:
            raise DamagedRegisterError(path, report.problems)
    elif (opening_check is not None and _stored_revision(path) != migrate.head_revision()
          and not opening_check.wait()):
        raise DamagedRegisterError(path)
    migrate.upgrade(path)
    return report


def _open_for_writing(path: Path, user: str, attempt: locks.LockAttempt, creating: bool,
                      on_network: bool, now: datetime | None,
                      opening_check: OpeningCheck | None) -> Database:
    """With the writer's lock held: check after a crash, create or migrate, back up."""
    integrity = None
    if creating:
        _create(path)
    else:
        integrity = _check_then_upgrade(path, attempt, opening_check)
        if integrity is not None:
            opening_check = None  # the full check said more
    db = Database(make_engine(path), path, user, lock=attempt.lock, integrity=integrity,
                  unclean_shutdown=attempt.holder if attempt.outcome == locks.TAKEN_OVER
                  else None, on_network=on_network, opening_check=opening_check)
    if not creating:
        try:
            db.backup_made = backup.backup_on_open(path, backup.kept_setting(path), now)
        except UserError as exc:  # a missing copy must not keep the user from working
            db.backup_problem = exc
    return db
