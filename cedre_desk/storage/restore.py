"""Putting a backup back in place of the register, and setting a damaged register aside.

Nothing here deletes or changes a register in place. Before a restore the current register
is kept: a sound one as a verified copy in the backups folder (`avant-restauration`, so the
restore itself can be undone from the same list), a damaged one renamed beside itself with
its journal files (`<stem>.endommage-<date>.sqlite`), exactly as it was. The backup is copied
to a temporary file, checked, then renamed over the register: at every moment the register's
path holds a whole file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cedre_desk.errors import AccessDeniedError, RegisterError
from cedre_desk.storage import lock, migrate
from cedre_desk.storage.atomic import partial_name, replace_into_place
from cedre_desk.storage.backup import (
    PRE_RESTORE,
    BackupInfo,
    backup_register,
    copy_register,
    list_backups,
    quick_check,
)
from cedre_desk.storage.disk_errors import disk_error
from cedre_desk.storage.filesystem import is_writable, real_path, take_ownership
from cedre_desk.storage.integrity import check_file, connect_read_only, file_uri

SQLITE_MAGIC = b"SQLite format 3\x00"
DAMAGED = "endommage"
_COMPANIONS = ("-wal", "-journal", "-shm")  # SQLite's files that belong to a database


# The records a restore would take back, by table: (table, French words, English words).
_RECORDS = (
    ("company", "structure(s)", "company(ies)"),
    ("certification_group", "groupe(s)", "group(s)"),
    ("engagement", "engagement(s)", "engagement(s)"),
    ("audit", "audit(s)", "audit(s)"),
    ("finding", "constat(s)", "finding(s)"),
    ("auditor", "auditeur(s)", "auditor(s)"),
    ("committee_session", "session(s) de comité", "committee session(s)"),
    ("decision", "décision(s)", "decision(s)"),
)


@dataclass(frozen=True)
class RestoreResult:
    restored: Path  # the register, now holding the backup's content
    kept: Path | None  # where the replaced register was kept (None if there was none)
    kept_damaged: bool  # the replaced register was damaged: renamed aside, not copied
    # The register's records added or changed since the backup, which the restore set aside
    # with the replaced register: (table, count); None when they could not be counted.
    newer: tuple[tuple[str, int], ...] | None = ()


def newer_records(register: Path, backup: Path) -> tuple[tuple[str, int], ...] | None:
    """The records of `register` added or changed since `backup` was taken, by table
    (those a restore of `backup` takes back: they stay in the copy set aside); None when
    they cannot be counted (a damaged register, an unreadable one)."""
    if not Path(register).exists():
        return ()
    try:
        with closing(connect_read_only(Path(register))) as conn:
            conn.execute("ATTACH DATABASE ? AS copy", (file_uri(Path(backup)) + "?mode=ro",))
            found = []
            for table, _fr, _en in _RECORDS:
                count = conn.execute(
                    f"SELECT count(*) FROM main.{table} AS r LEFT JOIN copy.{table} AS c "
                    "ON c.id = r.id WHERE c.id IS NULL OR c.version IS NOT r.version"
                ).fetchone()[0]
                if count:
                    found.append((table, int(count)))
            return tuple(found)
    except sqlite3.Error:
        return None


def describe_newer(newer: tuple[tuple[str, int], ...] | None, lang: str) -> str:
    """« 2 structure(s), 5 audit(s) » ; "" when there are none; a warning when unknown."""
    if newer is None:
        return ("les fiches récentes n'ont pas pu être comptées (registre illisible)"
                if lang != "en" else "the recent records could not be counted (unreadable "
                "register)")
    words = {table: (fr, en) for table, fr, en in _RECORDS}
    return ", ".join(f"{count} {words[table][1 if lang == 'en' else 0]}"
                     for table, count in newer)


def usable_backup(path: Path) -> str | None:
    """Check a file to restore: a sound cedre-desk register this version can open.
    Returns its schema revision; raises RegisterError saying what is wrong."""
    name = path.name
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise RegisterError(f"{name} : lecture impossible ({exc.strerror}).",
                            f"{name}: cannot be read ({exc.strerror}).") from exc
    if magic != SQLITE_MAGIC:
        raise RegisterError(f"{name} n'est pas une sauvegarde de registre cedre-desk.",
                            f"{name} is not a backup of a cedre-desk register.")
    report = check_file(path, full=True)
    if not report.sound:
        raise RegisterError(f"La sauvegarde {name} est endommagée : elle ne peut pas servir.",
                            f"The backup {name} is damaged: it cannot be used.")
    try:
        with closing(connect_read_only(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or "company" not in tables:
                raise RegisterError(f"{name} n'est pas une sauvegarde de registre cedre-desk.",
                                    f"{name} is not a backup of a cedre-desk register.")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise RegisterError(f"La sauvegarde {name} est illisible : {exc}",
                            f"The backup {name} cannot be read: {exc}") from exc
    revision = row[0] if row else None
    migrate.refuse_if_newer(revision, name)
    return revision


def newest_sound_backup(register: Path) -> BackupInfo | None:
    """The most recent copy that would restore (sound, a register, not from a newer version)."""
    for info in list_backups(register):
        try:
            usable_backup(info.path)
        except RegisterError:
            continue
        return info
    return None


def set_aside(register: Path, label: str = DAMAGED, now: datetime | None = None) -> Path:
    """Rename the register and its journal files beside it, untouched; returns the new name.
    The journal files go first: a crash half-way never leaves a journal waiting beside a
    register it does not belong to."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")  # noqa: DTZ005 - local
    aside = register.with_name(f"{register.stem}.{label}-{stamp}{register.suffix}")
    number = 2
    while aside.exists():
        aside = register.with_name(f"{register.stem}.{label}-{stamp}-{number}{register.suffix}")
        number += 1
    try:
        for suffix in _COMPANIONS:
            companion = Path(f"{register}{suffix}")
            if companion.exists():
                companion.rename(f"{aside}{suffix}")
        register.rename(aside)
    except OSError as exc:
        raise disk_error(exc, f"le registre {register.name} (mise de côté)",
                         f"the register {register.name} (setting it aside)") from exc
    return aside


def restore_register(register: Path, backup: Path, *, user: str,
                     held: lock.RegisterLock | None = None, damaged: bool = False,
                     now: datetime | None = None) -> RestoreResult:
    """Replace `register` by a copy of `backup`, keeping the current one aside.

    `held` is the writer's lock when the caller has the register open (its connections must
    be closed); otherwise the lock is taken here, and the restore refused if someone holds it.
    `damaged` says the current register failed a check: it is set aside as it is, not copied
    (a register that fails quick_check is always treated so).

    The register is the real file behind `register` (a symbolic link, `..`): the restored
    copy takes its place with its permissions, owner and group; a register this program may
    not write (read-only file or folder) is refused, nothing changed.
    """
    register = real_path(Path(register))
    usable_backup(backup)
    _refuse_if_not_a_register(register)
    _refuse_if_not_writable(register)
    own = held is None
    if held is None:
        attempt = lock.acquire(register, user)
        if attempt.lock is None:
            who_fr = attempt.holder.describe("fr") if attempt.holder else "un autre programme"
            who_en = attempt.holder.describe("en") if attempt.holder else "another program"
            raise RegisterError(
                f"Le registre est ouvert en écriture par {who_fr} : il ne peut pas être "
                "restauré maintenant. Rien n'a été changé.",
                f"The register is open for writing by {who_en}: it cannot be restored now. "
                "Nothing was changed.",
            )
        held = attempt.lock
    elif not held.still_ours():
        raise RegisterError("Un autre programme a pris la main sur ce registre : rien n'a été "
                            "changé.", "Another program took over this register: nothing "
                            "was changed.")
    try:
        newer = newer_records(register, backup) if not damaged else None
        kept, damaged = _keep_current(register, damaged, now)
        _place(backup, register, _ownership(register, kept))
        migrate.upgrade(register)  # a copy from before a migration is brought up to date
    finally:
        if own:
            held.release()
    return RestoreResult(register, kept, damaged, newer)


def _refuse_if_not_writable(register: Path) -> None:
    """A register this user may not write, or marked read-only for everyone (444: a mark
    that stands even for an administrator, who could otherwise replace it)."""
    if register.exists() and (not is_writable(register)
                              or not register.stat().st_mode & 0o222):
        raise AccessDeniedError(
            f"{register} est en lecture seule (le fichier ou son dossier) : il n'est pas "
            "remplacé. Rien n'a été changé.",
            f"{register} is read-only (the file or its folder): it is not replaced. Nothing "
            "was changed.")


def _ownership(register: Path, kept: Path | None) -> os.stat_result | None:
    """The permissions, owner and group the restored register takes: those of the file it
    replaces (read before it was set aside)."""
    for source in (register, kept):
        if source is not None and source.exists():
            with contextlib.suppress(OSError):
                return source.stat()
    return None


def _refuse_if_not_a_register(register: Path) -> None:
    """Never replace a file that is not a register (a wrong path is no reason to lose it)."""
    if not register.exists():
        return
    if register.is_dir():
        raise RegisterError(f"{register} est un dossier, pas un registre.",
                            f"{register} is a folder, not a register.")
    with register.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise RegisterError(
            f"{register} n'est pas un registre cedre-desk : il n'est pas remplacé.",
            f"{register} is not a cedre-desk register: it is not replaced.",
        )


def _keep_current(register: Path, damaged: bool,
                  now: datetime | None) -> tuple[Path | None, bool]:
    if not register.exists():
        return None, False
    if not damaged and quick_check(register):
        _merge_journal(register)
        return backup_register(register, PRE_RESTORE, now), False
    return set_aside(register, DAMAGED, now), True


def _merge_journal(register: Path) -> None:
    """Fold the WAL into the register and let SQLite remove it; a WAL that stays means another
    program still has the register open, and replacing the file under it is refused."""
    # A short wait: a reader elsewhere holds its snapshot for as long as it likes.
    with contextlib.suppress(sqlite3.Error), closing(sqlite3.connect(register, timeout=1)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = Path(f"{register}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RegisterError(
            f"Le registre {register.name} est encore ouvert dans un autre programme (en "
            "lecture ?) : fermez-le là-bas, puis recommencez. Rien n'a été changé.",
            f"The register {register.name} is still open in another program (read-only?): "
            "close it there, then try again. Nothing was changed.",
        )


def _place(backup: Path, register: Path, like: os.stat_result | None) -> None:
    partial = partial_name(register)
    try:
        copy_register(backup, partial)
        if like is not None:
            take_ownership(partial, like)
        if not quick_check(partial):
            raise RegisterError(f"La copie de {backup.name} n'a pas passé la vérification.",
                                f"The copy of {backup.name} failed its check.")
        replace_into_place(partial, register)
    except sqlite3.Error as exc:
        raise RegisterError(f"Impossible de restaurer {backup.name} : {exc}",
                            f"Cannot restore {backup.name}: {exc}") from exc
    except OSError as exc:
        raise disk_error(exc, f"le registre {register.name}",
                         f"the register {register.name}") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
