"""What becoming a register's writer takes, whichever way it happens (opening the register,
taking over an abandoned lock, retrying once the other program closed it): with the
writer's lock held, the full check when the last writer died, the opening check's verdict
when a migration is due (a damaged file is never migrated), then the upgrade."""

from __future__ import annotations

from pathlib import Path

from cedre_desk.storage import lock as locks
from cedre_desk.storage import migrate
from cedre_desk.storage.disk_errors import DamagedRegisterError, UnreadablePageError
from cedre_desk.storage.integrity import IntegrityReport, check_file
from cedre_desk.storage.opening_check import OpeningCheck
from cedre_desk.storage.register_file import stored_revision


def check_then_upgrade(path: Path, attempt: locks.LockAttempt,
                       opening_check: OpeningCheck | None,
                       checked: IntegrityReport | None = None) -> IntegrityReport | None:
    """The full check's report, when it ran (after an unclean shutdown). `checked`: the full
    integrity_check the opening ran already (sound), not run a second time: only the foreign
    keys are left to look at."""
    report = None
    if attempt.outcome == locks.TAKEN_OVER:
        # The last writer died: look at everything.
        report = check_file(path, full=True, structure=checked is None)
        if not report.sound:
            raise DamagedRegisterError(path, report.problems)
    elif opening_check is not None and _migration_due(path):
        sound = opening_check.wait()
        if sound is None and opening_check.error is not None:
            raise opening_check.error
        if not sound:
            raise DamagedRegisterError(path, opening_check.problems)
    migrate.upgrade(path)
    return report


def _migration_due(path: Path) -> bool:
    try:
        return stored_revision(path) != migrate.head_revision()
    except UnreadablePageError:
        return True  # the revision cannot be read: the check's verdict decides
