"""What the disk or SQLite refused, said so that the user can act on it.

A full disk, a file or folder without write permission, a register busy in another program
beyond the busy timeout, a network drive that went away: these are not bugs, and they reach
the user as one clear message in their language. SQLite's errors are translated in one place,
the engine's error hook (storage.engine), so every statement of every service is covered;
file writes outside SQLite (backups, exports, the lock) go through `disk_error`.

Each cause has its own error class (cedre_desk.errors) and exit status. A failed statement
never declares the register damaged: SQLite's "database disk image is malformed" met while
reading or writing becomes UnreadablePageError, which asks for the full check; only a check
that ran to its end raises DamagedRegisterError.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from cedre_desk.errors import (
    AccessDeniedError,
    DiskFullError,
    DiskIOError,
    RegisterError,
)

# Below this much free space, a write SQLite could not make is put down to a full disk (a
# full disk often reaches SQLite as an I/O error: the -shm file it cannot grow).
_NEARLY_FULL_BYTES = 1 << 20


class DamagedRegisterError(RegisterError):
    """An integrity check that ran to its end found the register damaged: set it aside and
    offer a sound backup, never repair."""

    exit_status = 8

    def __init__(self, path: Path, problems: tuple[str, ...] = ()) -> None:
        super().__init__(
            f"{path} : le registre est endommagé (la vérification d'intégrité a échoué). "
            "Il sera mis de côté, jamais modifié ; une sauvegarde saine peut le remplacer.",
            f"{path}: the register is damaged (the integrity check failed). It will be set "
            "aside, never changed; a sound backup can replace it.",
        )
        self.path = path
        self.problems = problems


class UnreadablePageError(DiskIOError):
    """SQLite met a page it could not make sense of: the full check says whether the register
    is damaged (a failed statement alone never declares it)."""

    def __init__(self, path: Path | None, detail: str) -> None:
        name = path.name if path else "registre"
        super().__init__(
            f"Le registre {name} n'a pas pu être lu entièrement ({detail}) : rien n'a été "
            "enregistré. Lancez la vérification complète (Outils > Vérifier le registre, ou "
            "cedre-desk check) : elle dira s'il est endommagé.",
            f"The register {name} could not be read entirely ({detail}): nothing was saved. "
            "Run the full check (Tools > Check the register, or cedre-desk check): it will "
            "tell whether it is damaged.")
        self.path = path


_NOT_SAVED_FR = "rien n'a été enregistré, le registre est inchangé."
_NOT_SAVED_EN = "nothing was saved, the register is unchanged."

# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26


def sqlite_error(exc: BaseException, path: Path | None) -> RegisterError | None:
    """The user's message for a SQLite error they can act on; None for anything else (a bug)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    name = path.name if path else "registre"
    if primary == SQLITE_FULL or (primary == SQLITE_IOERR and disk_nearly_full(path)):
        return DiskFullError(
            f"Le disque qui contient {name} est plein : {_NOT_SAVED_FR} "
            "Libérez de la place, puis recommencez.",
            f"The disk holding {name} is full: {_NOT_SAVED_EN} Free some space, then try again.",
        )
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return RegisterError(
            f"Le registre {name} est occupé par un autre programme : {_NOT_SAVED_FR} "
            "Réessayez dans un instant.",
            f"The register {name} is busy in another program: {_NOT_SAVED_EN} "
            "Try again in a moment.",
        )
    if primary in (SQLITE_READONLY, SQLITE_PERM):
        return AccessDeniedError(
            f"Le registre {name} ne peut pas être modifié : le fichier ou son dossier est en "
            f"lecture seule ; {_NOT_SAVED_FR}",
            f"The register {name} cannot be changed: the file or its folder is read-only; "
            f"{_NOT_SAVED_EN}",
        )
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return DiskIOError(
            f"Le registre {name} n'est plus accessible (lecteur réseau déconnecté, clé USB "
            f"retirée, dossier déplacé ?) : {_NOT_SAVED_FR}",
            f"The register {name} cannot be reached any more (network drive disconnected, "
            f"USB key removed, folder moved?): {_NOT_SAVED_EN}",
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return UnreadablePageError(path, str(exc))
    return None


def disk_nearly_full(path: Path | None) -> bool:
    """Whether the disk holding `path` has (almost) no space left for this user."""
    if path is None:
        return False
    folder = Path(path)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False
    return stats.f_bavail * stats.f_frsize < _NEARLY_FULL_BYTES


def disk_error(exc: OSError, what_fr: str, what_en: str) -> RegisterError:
    """A failed file operation on `what` (« la sauvegarde x », "the backup x") as a message."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFullError(f"Disque plein : impossible d'écrire {what_fr}. Libérez de la place.",
                             f"Disk full: cannot write {what_en}. Free some space.")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or isinstance(exc, PermissionError):
        return AccessDeniedError(
            f"Accès refusé : impossible d'écrire {what_fr} (fichier ou dossier en lecture seule, "
            "ou ouvert dans un autre programme).",
            f"Access denied: cannot write {what_en} (read-only file or folder, or open in "
            "another program).",
        )
    if code == errno.ENOENT:
        return RegisterError(f"Dossier introuvable : impossible d'écrire {what_fr}.",
                             f"Folder not found: cannot write {what_en}.")
    detail = exc.strerror or str(exc)
    return DiskIOError(f"Impossible d'écrire {what_fr} : {detail}.",
                         f"Cannot write {what_en}: {detail}.")
