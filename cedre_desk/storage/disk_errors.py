"""What the disk or SQLite refused, said so that the user can act on it.

A full disk, a file or folder without write permission, a register busy in another program
beyond the busy timeout, a network drive that went away: these are not bugs, and they reach
the user as one clear message in their language. SQLite's errors are translated in one place,
the engine's error hook (storage.engine), so every statement of every service is covered;
file writes outside SQLite (backups, exports, the lock) go through `disk_error`.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from cedre_desk.errors import RegisterError


class DamagedRegisterError(RegisterError):
    """The register file is damaged: set it aside and offer a sound backup, never repair."""

    def __init__(self, path: Path, problems: tuple[str, ...] = ()) -> None:
        super().__init__(
            f"{path} : le registre est endommagé (la vérification d'intégrité a échoué). "
            "Il sera mis de côté, jamais modifié ; une sauvegarde saine peut le remplacer.",
            f"{path}: the register is damaged (the integrity check failed). It will be set "
            "aside, never changed; a sound backup can replace it.",
        )
        self.path = path
        self.problems = problems


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
    if primary == SQLITE_FULL:
        return RegisterError(
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
        return RegisterError(
            f"Le registre {name} ne peut pas être modifié : le fichier ou son dossier est en "
            f"lecture seule ; {_NOT_SAVED_FR}",
            f"The register {name} cannot be changed: the file or its folder is read-only; "
            f"{_NOT_SAVED_EN}",
        )
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return RegisterError(
            f"Le registre {name} n'est plus accessible (lecteur réseau déconnecté, clé USB "
            f"retirée, dossier déplacé ?) : {_NOT_SAVED_FR}",
            f"The register {name} cannot be reached any more (network drive disconnected, "
            f"USB key removed, folder moved?): {_NOT_SAVED_EN}",
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedRegisterError(path or Path(name), (str(exc),))
    return None


def disk_error(exc: OSError, what_fr: str, what_en: str) -> RegisterError:
    """A failed file operation on `what` (« la sauvegarde x », "the backup x") as a message."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return RegisterError(f"Disque plein : impossible d'écrire {what_fr}. Libérez de la place.",
                             f"Disk full: cannot write {what_en}. Free some space.")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or isinstance(exc, PermissionError):
        return RegisterError(
            f"Accès refusé : impossible d'écrire {what_fr} (fichier ou dossier en lecture seule, "
            "ou ouvert dans un autre programme).",
            f"Access denied: cannot write {what_en} (read-only file or folder, or open in "
            "another program).",
        )
    if code == errno.ENOENT:
        return RegisterError(f"Dossier introuvable : impossible d'écrire {what_fr}.",
                             f"Folder not found: cannot write {what_en}.")
    detail = exc.strerror or str(exc)
    return RegisterError(f"Impossible d'écrire {what_fr} : {detail}.",
                         f"Cannot write {what_en}: {detail}.")
