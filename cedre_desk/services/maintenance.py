"""Keeping a register sound: checks, backups, restores, and what to do with a damaged one.

The window (Fichier > Restaurer une sauvegarde, Outils > Vérifier le registre) and the
command line (`backup`, `restore`, `check`) call these; the file work itself is in
cedre_desk.storage (backup, restore, integrity), which never deletes or repairs a register.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cedre_desk.errors import RegisterError, ValidationError
from cedre_desk.storage import backup, lock, register_check, restore
from cedre_desk.storage.backup import BackupInfo
from cedre_desk.storage.database import DAMAGED, Database
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.integrity import IntegrityReport
from cedre_desk.storage.lock import LockInfo
from cedre_desk.storage.models import Setting
from cedre_desk.storage.register_file import check_is_register
from cedre_desk.storage.restore import RestoreResult

MAX_KEPT = 1000

_REASONS = {
    backup.AUTOMATIC: ("automatique", "automatic"),
    backup.PRE_MIGRATION: ("avant mise à jour", "before an upgrade"),
    backup.PRE_RESTORE: ("avant restauration", "before a restore"),
    backup.MANUAL: ("manuelle", "manual"),
}


@dataclass(frozen=True)
class BackupRow:
    """One copy of the register, as the restore list shows it."""

    path: Path
    taken_at: datetime  # local time
    reason: str
    size: int

    def reason_label(self, lang: str = "fr") -> str:
        fr, en = _REASONS.get(self.reason, (self.reason, self.reason))
        return en if lang == "en" else fr


def _row(info: BackupInfo) -> BackupRow:
    return BackupRow(info.path, info.taken_at, info.reason, info.size)


def list_backups(register: Path) -> list[BackupRow]:
    """The register's copies, newest first."""
    return [_row(info) for info in backup.list_backups(Path(register))]


def newest_sound_backup(register: Path) -> BackupRow | None:
    """The newest copy that would restore: sound, a register, not from a newer version."""
    info = restore.newest_sound_backup(Path(register))
    return _row(info) if info else None


def backup_now(register: Path, target: Path | None = None) -> Path:
    """A verified copy now: into the backups folder (kept, never pruned), or to `target`."""
    register = Path(register)
    _require_register(register)
    if target is None:
        return backup.backup_register(register, backup.MANUAL)
    target = Path(target)
    if target.exists():
        raise ValidationError(
            f"{target} existe déjà : choisissez un autre nom, rien n'est écrasé.",
            f"{target} already exists: choose another name, nothing is overwritten.",
            field="target")
    return backup.backup_file(register, target)


def restore_backup(db: Database, source: Path, *, damaged: bool = False) -> RestoreResult:
    """Replace the open register `db` by the copy `source`, keeping the current one aside
    (renamed as it is when `damaged`: a check found it damaged). The Database stays usable:
    its next statement reads the restored file."""
    if db.path is None:
        raise RegisterError("Ce registre n'est pas un fichier : rien à restaurer.",
                            "This register is not a file: nothing to restore.")
    if (db.read_only and db.read_only_reason != DAMAGED) or db.lock is None:
        raise db.read_only_message()
    restore.usable_backup(Path(source))  # refuse before closing anything
    db.engine.dispose()  # no connection of ours may stay on the file being replaced
    result = restore.restore_register(db.path, Path(source), user=db.user, held=db.lock,
                                      damaged=damaged)
    db.file_replaced()
    return result


def newer_records(register: Path, source: Path) -> tuple[tuple[str, int], ...] | None:
    """What a restore of `source` would take out of `register`: its records added or
    changed since the copy, by table (they stay in the register set aside); None when they
    cannot be counted (a damaged register). In words: storage.restore.describe_newer."""
    return restore.newer_records(Path(register), Path(source))


def restore_file(register: Path, source: Path, *, user: str,
                 damaged: bool = False) -> RestoreResult:
    """Restore a register that is not open here (the command line, or a damaged register
    that could not be opened: `damaged`, it is set aside as it is)."""
    return restore.restore_register(Path(register), Path(source), user=user, damaged=damaged)


def set_aside_damaged(register: Path) -> Path:
    """Rename a damaged register beside itself, untouched, so that it can be examined."""
    return restore.set_aside(Path(register))


def check_register(path: Path) -> IntegrityReport:
    """The full check: SQLite's integrity_check, the foreign keys, the values it holds."""
    return register_check.check_register(Path(path))


def lock_state(register: Path) -> tuple[str | None, LockInfo | None]:
    """Who holds the register now: (None, None) when nobody; ('live', who); ('dead', who)
    when the program that held it is gone (an unclean shutdown); ('old', who) when it has
    not shown a sign of life for long."""
    return lock.inspect(Path(register))


def check_open_register(db: Database) -> IntegrityReport:
    """The full check of the register open in the window (Outils > Vérifier le registre).
    Raises DamagedRegisterError when it fails, so the caller offers a backup."""
    if db.path is None:
        return IntegrityReport(())
    report = register_check.check_register(db.path)
    if not report.sound:
        raise DamagedRegisterError(db.path, report.problems)
    return report


def backups_kept(db: Database) -> int:
    """How many automatic copies the register keeps."""
    if db.path is None:
        return backup.DEFAULT_KEPT
    return backup.kept_setting(db.path)


def set_backups_kept(db: Database, count: int) -> int:
    """Change how many automatic copies are kept; the ones beyond are removed at once."""
    if not 1 <= count <= MAX_KEPT:
        raise ValidationError(
            f"Nombre de sauvegardes à garder : entre 1 et {MAX_KEPT}.",
            f"Number of backups to keep: between 1 and {MAX_KEPT}.", field="backups_kept")
    with db.transaction() as session:
        row = session.get(Setting, backup.KEPT_SETTING)
        if row is None:
            session.add(Setting(key=backup.KEPT_SETTING, value=json.dumps(count)))
        else:
            row.value = json.dumps(count)
    if db.path is not None:
        backup.prune(db.path, count)
    return count


def _require_register(register: Path) -> None:
    if not register.exists():
        raise RegisterError(f"{register} : aucun registre à cet emplacement.",
                            f"{register}: no register at this path.")
    check_is_register(register)
