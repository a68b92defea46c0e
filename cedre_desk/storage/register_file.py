"""The register's file before anything opens it: is it a cedre-desk register, at which
schema revision, and where a new one goes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from cedre_desk.errors import AccessDeniedError, DiskIOError, NotARegisterError, RegisterError
from cedre_desk.paths import backups_dir
from cedre_desk.storage import check_record, migrate
from cedre_desk.storage.disk_errors import DamagedRegisterError, UnreadablePageError, sqlite_error
from cedre_desk.storage.filesystem import is_writable
from cedre_desk.storage.integrity import IntegrityReport, check_file, connect_read_only

SQLITE_MAGIC = b"SQLite format 3\x00"
_SMALLEST_PAGE = 512  # a shorter file holds no SQLite database, only its first bytes


def refusal(path: Path, fr: str, en: str,
            kind: type[RegisterError] = RegisterError) -> RegisterError:
    return kind(f"{path} : {fr}", f"{path}: {en}")


def check_is_register(path: Path, *, check_now: bool = True, full: bool = False,
                      trust_unchanged: bool = False) -> IntegrityReport | None:
    """Refuse, with a clear message, a file that is not a sound cedre-desk register: its
    quick_check (or with `full` the full integrity_check, which also finds damaged indexes)
    runs now unless the caller runs it itself (`check_now` false). `trust_unchanged` (a
    reader's opening): the verdict of an earlier sound check stands when the file has not
    changed since (storage.check_record). A sound verdict is remembered for the readers.
    The full check's report when it ran, so that it is not run twice."""
    refuse_if_not_a_register(path)
    if not check_now or (trust_unchanged and check_record.checked_sound(path, full=full)):
        return None
    before, started = check_record.file_state(path), time.time()
    report = check_file(path, full=full, foreign_keys=False)
    if not report.sound:
        raise DamagedRegisterError(path, report.problems)
    check_record.remember_sound(path, before, started, full=full)
    return report if full else None


def refuse_if_not_a_register(path: Path) -> None:
    """A folder, an empty file, another program's file or SQLite database: refused, by name."""
    if path.is_dir():
        raise refusal(path, "c'est un dossier, pas un registre.",
                      "this is a folder, not a register.", NotARegisterError)
    try:
        with path.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
            whole_page = len(f.read(_SMALLEST_PAGE - len(SQLITE_MAGIC))) == _SMALLEST_PAGE - 16
    except PermissionError as exc:
        raise refusal(path, "lecture interdite.", "permission denied.",
                      AccessDeniedError) from exc
    except OSError as exc:
        raise refusal(path, f"lecture impossible ({exc.strerror}).",
                      f"cannot be read ({exc.strerror}).", DiskIOError) from exc
    if magic != SQLITE_MAGIC or not whole_page:
        raise refusal(path, "ce fichier n'est pas un registre cedre-desk.",
                      "this file is not a cedre-desk register.", NotARegisterError)
    try:
        with closing(connect_read_only(path)) as conn:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as exc:
        cause = sqlite_error(exc, path)
        if cause is not None and not isinstance(cause, UnreadablePageError):
            raise cause from exc
        report = check_file(path, full=False, foreign_keys=False)  # damage, or not a register?
        if not report.sound:
            raise DamagedRegisterError(path, report.problems) from exc
        raise refusal(path, "le registre est illisible.", "the register cannot be read.",
                      NotARegisterError) from exc
    if "alembic_version" not in tables or "company" not in tables:
        raise refusal(path, "cette base SQLite n'est pas un registre cedre-desk.",
                      "this SQLite database is not a cedre-desk register.", NotARegisterError)


def stored_revision(path: Path) -> str | None:
    try:
        with closing(connect_read_only(path)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise sqlite_error(exc, path) or exc from exc
    return row[0] if row else None


def refuse_missing(path: Path) -> RegisterError:
    return refusal(path, "aucun registre à cet emplacement.", "no register at this path.")


def prepare_folder(path: Path) -> None:
    """The folder a new register goes into: made if missing (private to the user: a shared
    folder is one the user chose, docs/reliability.md), refused if read-only."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise refusal(path, f"impossible de créer le dossier ({exc.strerror}).",
                      f"cannot create the folder ({exc.strerror}).") from exc
    if not is_writable(path):
        raise refusal(path, "le dossier est en lecture seule : le registre ne peut pas y être "
                      "créé.", "the folder is read-only: the register cannot be made there.")


def create(path: Path) -> None:
    """The new register's schema, in a file private to the user (SQLite gives its journal
    files the same permissions); a failure leaves no half-made register behind."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        migrate.upgrade(path, make_backup=False)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def refuse_read_only_creation(path: Path) -> RegisterError:
    return refusal(path, "le registre n'existe pas encore et ne peut pas être créé en lecture "
                   "seule.", "the register does not exist and cannot be made read-only.")


def refuse_older_unwritable(path: Path) -> RegisterError:
    return refusal(
        path, "ce registre vient d'une version plus ancienne de cedre-desk ; il doit "
        "être mis à jour avant d'être lu, ce qui demande de pouvoir l'écrire. Ouvrez-le "
        "une fois là où il peut être modifié (il sera sauvegardé avant la mise à jour).",
        "this register comes from an older version of cedre-desk; it must be "
        "upgraded before it can be read, which needs write access. Open it once "
        "where it can be changed (it is backed up before the upgrade).")


def missing_folders(path: Path) -> list[Path]:
    """The folders above `path` that do not exist yet (a new register makes them), deepest
    first: what discard_new removes again."""
    missing = []
    folder = Path(path).resolve().parent
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def discard_new(path: Path, folders: list[Path] | None = None) -> None:
    """Remove a register this run made and a refusal left empty (with its journal files,
    its backups folder when empty, and the `folders` made for it, deepest first, when
    nothing else was put in them): a refused command leaves no file behind. Its Database
    must be closed first."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for folder in [backups_dir(path), *(folders or [])]:
        with contextlib.suppress(OSError):
            folder.rmdir()
