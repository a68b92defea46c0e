"""Verified backup copies of a register, and which of them are kept.

A copy is made with SQLite's online backup API (consistent even while the register is open),
written to a temporary file, checked with quick_check, and only then renamed into place: a
backup that exists is a backup that opens.

Copies live in `<register>.backups/` beside the register, named `<stem>_<date>_<time>` plus a
reason: none for the automatic copy made on opening (at most once a day, and only when the
register changed since the newest copy), `avant-migration` before a schema upgrade,
`avant-restauration` for the register a restore replaced, `manuelle` for one asked for.
Only automatic copies are pruned, to the last N (a register setting, default 10): the others
were made for a reason, and stay until the user deletes them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cedre_desk import durable_files
from cedre_desk.errors import RegisterError
from cedre_desk.paths import backups_dir
from cedre_desk.storage.atomic import PARTIAL_SUFFIX, partial_name, replace_into_place
from cedre_desk.storage.disk_errors import SQLITE_FULL, disk_error, sqlite_error
from cedre_desk.storage.filesystem import (
    folder_mode_like,
    is_network_path,
    real_path,
    take_ownership,
)
from cedre_desk.storage.integrity import check_file, connect_read_only

AUTOMATIC = ""
PRE_MIGRATION = "avant-migration"
PRE_RESTORE = "avant-restauration"
MANUAL = "manuelle"

# The register setting (table `setting`) holding how many automatic copies are kept. It sits
# in the register, not in a per-user file, because the copies sit beside the register: on a
# shared folder every user sees the same copies, so they must follow the same rule.
KEPT_SETTING = "backups_kept"
DEFAULT_KEPT = 10

_STAMP = "%Y-%m-%d_%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # local time, from the name
    reason: str
    size: int

    @property
    def automatic(self) -> bool:
        return self.reason == AUTOMATIC


def quick_check(path: Path) -> bool:
    """True when SQLite's quick_check finds the file sound; raises the cause (a full disk, an
    I/O failure...) when it cannot run to its end."""
    return check_file(path, full=False, foreign_keys=False).sound


def copy_register(source: Path, partial: Path) -> None:
    """SQLite's backup API from `source` into the new file `partial` (a self-contained file
    with a rollback journal, so a copy is one file that any SQLite tool opens). The copy is
    made private, then given the register's permissions and group: never more readable than
    the register it comes from."""
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    src = connect_read_only(source)
    try:
        take_ownership(partial, source.stat())
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def backup_file(source: Path, target: Path) -> Path:
    """Copy the register `source` to `target`, verified; the target appears whole or not at all."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_error(exc, f"la sauvegarde dans {target.parent}",
                         f"the backup to {target.parent}") from exc
    partial = partial_name(target)
    try:
        copy_register(source, partial)
        _verify_and_place(source, partial, target)
    except sqlite3.DatabaseError as exc:
        raise _backup_failed(exc, source, target) from exc
    except OSError as exc:
        raise disk_error(exc, f"la sauvegarde {target.name} dans {target.parent}",
                         f"the backup {target.name} to {target.parent}") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return target


def _backup_failed(exc: sqlite3.DatabaseError, source: Path, target: Path) -> RegisterError:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == SQLITE_FULL:
        return disk_error(OSError(errno.ENOSPC, "disk full"), f"la sauvegarde {target.name}",
                          f"the backup {target.name}")
    cause = sqlite_error(exc, source)  # a read SQLite could not make is no verdict of damage
    if cause is not None:
        return cause
    return RegisterError(f"Impossible de sauvegarder {source.name} : {exc}",
                         f"Cannot back up {source.name}: {exc}")


def _verify_and_place(source: Path, partial: Path, target: Path) -> None:
    if not quick_check(partial):
        raise RegisterError(
            f"La copie de sauvegarde de {source.name} n'a pas passé la vérification.",
            f"The backup copy of {source.name} failed its check.",
        )
    replace_into_place(partial, target)


def backup_name(register: Path, reason: str = "", now: datetime | None = None) -> Path:
    """A new name in the register's backups folder (never one already taken)."""
    stamp = (now or datetime.now()).strftime(_STAMP)  # noqa: DTZ005 - local time names
    suffix = f"_{reason}" if reason else ""
    folder = backups_dir(register)
    path = folder / f"{register.stem}_{stamp}{suffix}.sqlite"
    number = 2
    while path.exists():
        path = folder / f"{register.stem}_{stamp}-{number}{suffix}.sqlite"
        number += 1
    return path


def backup_register(register: Path, reason: str = "", now: datetime | None = None) -> Path:
    register = real_path(register)
    remove_leftovers(register)
    _prepare_folder(register)
    return backup_file(register, backup_name(register, reason, now))


def _prepare_folder(register: Path) -> None:
    """The backups folder, opened no wider than the register (a folder made wider by an
    older version is narrowed, when it is ours)."""
    folder = backups_dir(register)
    try:
        mode = folder_mode_like(register.stat().st_mode)
        folder.mkdir(mode=mode, parents=True, exist_ok=True)
        current = stat.S_IMODE(folder.stat().st_mode)
        if current & ~mode and folder.stat().st_uid == os.getuid():
            folder.chmod(current & mode)
    except OSError as exc:
        raise disk_error(exc, f"le dossier des sauvegardes {folder}",
                         f"the backups folder {folder}") from exc


def list_backups(register: Path) -> list[BackupInfo]:
    """The register's copies, newest first (names that are not copies are ignored)."""
    register = real_path(register)
    pattern = re.compile(
        re.escape(register.stem) + r"_(\d{4}-\d\d-\d\d_\d{6})(?:-(\d+))?(?:_([\w-]+))?\.sqlite$"
    )
    found: list[BackupInfo] = []
    order: dict[Path, int] = {}
    folder = backups_dir(register)
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if not match:
            continue
        try:
            taken_at = datetime.strptime(match.group(1), _STAMP)  # noqa: DTZ007 - local
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        order[path] = int(match.group(2) or 1)  # copies of the same second, in turn
        found.append(BackupInfo(path, taken_at, match.group(3) or AUTOMATIC, size))
    found.sort(key=lambda b: (b.taken_at, order[b.path]), reverse=True)
    return found


def backup_on_open(register: Path, keep: int, now: datetime | None = None) -> Path | None:
    """The automatic copy: at most once a day, only if the register changed since the newest
    copy; then the oldest automatic copies beyond `keep` are removed. Returns the new copy."""
    now = now or datetime.now()  # noqa: DTZ005 - the user's day
    register = real_path(register)
    copies = list_backups(register)
    if any(c.automatic and c.taken_at.date() == now.date() for c in copies):
        return None
    remove_leftovers(register)
    _prepare_folder(register)
    target = backup_name(register, AUTOMATIC, now)
    partial = partial_name(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_register(register, partial)
        if copies and _same_bytes(partial, copies[0].path):
            return None  # nothing changed since the newest copy
        _verify_and_place(register, partial, target)
    except sqlite3.DatabaseError as exc:
        raise _backup_failed(exc, register, target) from exc
    except OSError as exc:
        raise disk_error(exc, f"la sauvegarde dans {target.parent}",
                         f"the backup to {target.parent}") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    prune(register, keep)
    return target


def prune(register: Path, keep: int) -> list[Path]:
    """Remove the automatic copies beyond the newest `keep`; the others are never pruned."""
    automatic = [c for c in list_backups(real_path(register)) if c.automatic]
    removed = []
    for old in automatic[max(keep, 1):]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def kept_setting(register: Path) -> int:
    """How many automatic copies the register keeps (its `backups_kept` setting)."""
    try:
        conn = connect_read_only(register)
    except sqlite3.Error:
        return DEFAULT_KEPT
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (KEPT_SETTING,)).fetchone()
        value = json.loads(row[0]) if row else DEFAULT_KEPT
        return max(int(value), 1)
    except (sqlite3.Error, ValueError, TypeError):
        return DEFAULT_KEPT
    finally:
        conn.close()


def _same_bytes(a: Path, b: Path) -> bool:
    """The backup API copies pages as they are: an unchanged register gives the same bytes."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with a.open("rb") as fa, b.open("rb") as fb:
            while True:
                chunk = fa.read(1 << 20)
                if chunk != fb.read(1 << 20):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def remove_leftovers(register: Path) -> list[Path]:
    """The temporary copies (`*.<pid>.partial`, and their journal) a program killed while
    copying left in the register's folder (a restore's) and in its backups folder: removed
    when their process is gone, or when they are over an hour old (on a network drive,
    where another computer's pid says nothing, only then). Returns what was removed."""
    register = real_path(register)
    local = not is_network_path(register)
    own = re.compile(re.escape(register.name) + r"\.(?P<pid>\d+)" + re.escape(PARTIAL_SUFFIX)
                     + r"(-journal)?")
    copies = re.compile(r".+\.(?P<pid>\d+)" + re.escape(PARTIAL_SUFFIX) + r"(-journal)?")
    return (durable_files.remove_leftovers(register.parent, own, local=local)
            + durable_files.remove_leftovers(backups_dir(register), copies, local=local))
