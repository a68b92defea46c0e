"""An open register: its engine, its lock and its transactions.

storage.opening opens it (the steps in order); `Database.transaction()` is the unit of work
every service call runs in; it refuses to start on a register this program may not write.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from cedre_desk.errors import AbandonedLockError, RegisterError, UserError
from cedre_desk.storage import history, writer_steps
from cedre_desk.storage import lock as locks
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.engine import WRITE_OPTION, make_engine
from cedre_desk.storage.integrity import IntegrityReport
from cedre_desk.storage.lock import LockInfo, RegisterLock
from cedre_desk.storage.opening_check import OpeningCheck

# Why a register is open read-only.
ASKED = "asked"  # the caller wanted it so
HELD_ELSEWHERE = "held"  # another program (or user) writes it now
ABANDONED = "abandoned"  # held by a program that seems to have stopped: can be taken over
NOT_WRITABLE = "not_writable"  # the file or its folder is read-only
LOCK_LOST = "lock_lost"  # another program took the register over while it was open
DAMAGED = "damaged"  # the opening check found the file damaged: only a restore writes it now
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
                session.connection(execution_options={WRITE_OPTION: True})  # storage.engine
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
            lock_file = locks.lock_path(self.path) if self.path else "<registre>.lock"
            return AbandonedLockError(
                f"Ce registre est resté ouvert par {who_fr}, qui ne donne plus signe de vie : "
                "s'il est bien fermé, prenez la main pour pouvoir le modifier.",
                f"This register was left open by {who_en}, which no longer answers: if it "
                "is really closed, take over to be able to change it.",
                command_line=(
                    f"Ce registre est resté ouvert par {who_fr}, qui ne donne plus signe de "
                    "vie ; rien n'a été modifié. S'il est bien fermé, ouvrez le registre dans "
                    f"la fenêtre (cedre-desk --db \"{self.path}\") et cliquez « Prendre la "
                    f"main », ou supprimez le fichier « {lock_file} », puis relancez la "
                    "commande.",
                    f"This register was left open by {who_en}, which no longer answers; "
                    "nothing was changed. If it is really closed, open the register in the "
                    f"window (cedre-desk --db \"{self.path}\") and click “Take over”, or "
                    f"delete the file “{lock_file}”, then run the command again."),
            )
        if self.read_only_reason == NOT_WRITABLE:
            return RegisterError(
                "Le fichier du registre ou son dossier est en lecture seule : rien ne peut y "
                "être modifié. Copiez-le dans un dossier où vous pouvez écrire.",
                "The register file or its folder is read-only: nothing can be changed. "
                "Copy it to a folder you can write to.",
            )
        if self.read_only_reason == DAMAGED:
            return RegisterError(
                "La vérification a trouvé ce registre endommagé : il reste ouvert en lecture "
                "seule, rien n'y est écrit. Fichier > Restaurer une sauvegarde remet en place "
                "une copie saine (le registre endommagé est gardé à côté).",
                "The check found this register damaged: it stays open read-only, nothing is "
                "written to it. File > Restore a backup puts a sound copy back (the damaged "
                "register is kept beside it).",
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
            report = writer_steps.check_then_upgrade(self.path, attempt, None)
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
        if self.read_only and self.read_only_reason == DAMAGED and self.path is not None:
            problems = self.opening_check.problems if self.opening_check else ()
            raise DamagedRegisterError(self.path, problems)
        if self.read_only:
            raise self.read_only_message()

    def may_keep_derived(self, wait: float = 0) -> bool:
        """Whether derived data (stored statuses) may be written now: by the writer that holds
        the register, once the opening check found the file sound (never into a file that
        may be damaged: it is the copy a recovery starts from), and still holds it. `wait`:
        how many seconds a check still running may take to give its verdict."""
        if self.derived_for is not None:
            return self.derived_for.may_keep_derived(wait)
        if self.read_only:
            return False
        if self.opening_check is not None and self.opening_check.wait(wait) is not True:
            return False
        return self.lock is None or self.lock.still_ours()

    def _refuse_if_damaged(self) -> None:
        """Nothing is written before the opening check said the file is sound; a check that
        could not run refuses with its cause, a damaged file turns the register read-only."""
        check = self.opening_check
        if check is None:
            return
        sound = check.wait()
        if sound is None and check.error is not None:
            raise check.error
        if not sound:
            assert self.path is not None
            self.found_damaged()
            raise DamagedRegisterError(self.path, check.problems or ("integrity_check",))

    def found_damaged(self) -> None:
        """A check that ran to its end found the file damaged: read-only from now on, the
        writer's lock kept (a restore needs it, and no other program should write it). A
        reader stays as it is: the program that writes the register is the one to act."""
        if self.read_only:
            return
        self.read_only, self.read_only_reason = True, DAMAGED
        if self.path is not None:
            self.engine.dispose()
            self.engine = make_engine(self.path, read_only=True)

    def file_replaced(self) -> None:
        """The register's file was replaced by a checked copy (a restored backup): what the
        opening check said of the old file no longer holds."""
        self.opening_check = None
        if self.read_only_reason == DAMAGED:
            self.read_only, self.read_only_reason = False, None
            assert self.path is not None
            self.engine.dispose()
            self.engine = make_engine(self.path)

    def _become_read_only(self, reason: str, holder: LockInfo | None) -> None:
        self.read_only, self.read_only_reason, self.holder = True, reason, holder
        self.lock = None  # not ours any more: never release another program's lock
        if self.path is not None:
            self.engine.dispose()
            self.engine = make_engine(self.path, read_only=True)

