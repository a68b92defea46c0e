"""A new register made from a workbook in one step, all or nothing.

The register is built under a temporary name beside the one asked for and only given that
name once the import is written: a refused import, a dry run, a failure or a killed program
leave nothing at the path asked for (a killed program may leave its temporary file beside
it, named "<register>.import-en-cours-<process>", which is never taken for a register).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from cedre_desk.errors import RegisterError
from cedre_desk.services.importing.workbook_import import ImportResult, ImportService
from cedre_desk.services.register import create_register, ensure_catalogue
from cedre_desk.storage.database import Database
from cedre_desk.storage.server import is_server_url, open_server

_PARTIAL = ".import-en-cours"


def refuse_existing(path: Path) -> None:
    """A new register never replaces a file (nor opens it as if it were new)."""
    if Path(path).exists():
        raise RegisterError(
            f"{path} : un fichier existe déjà à cet emplacement ; un nouveau registre ne le "
            "remplace jamais. Choisissez un autre nom.",
            f"{path}: a file already exists at this path; a new register never replaces it. "
            "Choose another name.")


def new_register(path: Path | str, *, user: str | None = None, roles: bool = False) -> Database:
    """An empty register (with its referential catalogue) at `path`, which must not exist, or
    in a server database given by its URL (its schema made by the same migrations; with
    `roles`, the writer and reader roles and their rights: storage.server_roles)."""
    if is_server_url(path):  # only in an empty database: never over a register
        db = open_server(str(path), new=True, user=user, roles=roles)
        try:
            ensure_catalogue(db)
        except BaseException:
            db.close()
            raise
        return db
    if roles:
        raise RegisterError(
            "--roles donne des droits sur un registre partagé (postgresql://…) ; un fichier de "
            "registre n'a pas de rôles.",
            "--roles gives rights on a shared register (postgresql://…); a register file has "
            "no roles.")
    refuse_existing(Path(path))
    return create_register(Path(path), user=user)


def import_new_register(path: Path, workbook: Path, *, today: date,
                        overrides: Mapping[str, str] | None = None, dry_run: bool = False,
                        user: str | None = None) -> ImportResult:
    """Make the register at `path` and import `workbook` into it: the file appears at `path`
    only when the whole workbook was written."""
    if is_server_url(path):
        raise RegisterError(
            "--new fait un fichier de registre ; pour un registre partagé sur un serveur, "
            "faites-le d'abord avec « new », puis importez le classeur (tout ou rien).",
            "--new makes a register file; for a shared register on a server, make it first "
            "with 'new', then import the workbook (all or nothing).")
    path = Path(path)
    refuse_existing(path)
    partial = path.with_name(f"{path.name}{_PARTIAL}-{os.getpid()}")
    placed = False
    try:
        db = create_register(partial, user=user)
        try:
            result = ImportService(db).run(workbook, today=today, overrides=overrides,
                                           dry_run=dry_run)
        finally:
            db.close()
        if result.written:
            _place(partial, path)
            placed = True
        return result
    finally:
        if not placed:
            _remove(partial)


def _place(partial: Path, path: Path) -> None:
    """`partial` renamed `path`, never over a file that appeared meanwhile."""
    try:
        os.link(partial, path)  # fails when `path` exists: no file is ever replaced
    except FileExistsError:
        refuse_existing(path)
        raise
    except OSError:  # a file system without hard links
        refuse_existing(path)
        partial.replace(path)
        return
    partial.unlink()


def _remove(partial: Path) -> None:
    for side in ("", "-wal", "-shm", "-journal", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{partial}{side}").unlink()
