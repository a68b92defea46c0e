"""An open register: its engine and its transactions.

`open_register` is the one door to a register file: it refuses what is not a register (or is
too new, or damaged), migrates an older one after a verified backup, and gives a `Database`.
`Database.transaction()` is the unit of work every service call runs in.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from cedre_desk.errors import RegisterError
from cedre_desk.storage import history, migrate
from cedre_desk.storage.backup import quick_check
from cedre_desk.storage.engine import make_engine

SQLITE_MAGIC = b"SQLite format 3\x00"


class RegisterSession(Session):
    """A session whose flushes write the change history (see storage.history)."""


history.install(RegisterSession)


@dataclass
class Database:
    engine: Engine
    path: Path | None
    user: str = field(default_factory=getpass.getuser)
    read_only: bool = False

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        if self.read_only:
            raise RegisterError(
                "Ce registre est ouvert en lecture seule : rien ne peut y être modifié.",
                "This register is open read-only: nothing can be changed.",
            )
        with RegisterSession(self.engine, expire_on_commit=False) as session:
            session.info["user"] = self.user
            with session.begin():
                yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read: one consistent snapshot, never a write."""
        with Session(self.engine) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _refuse(path: Path, fr: str, en: str) -> RegisterError:
    return RegisterError(f"{path} : {fr}", f"{path}: {en}")


def _check_is_register(path: Path) -> None:
    """Refuse, with a clear message, a file that is not a sound cedre-desk register."""
    if path.is_dir():
        raise _refuse(path, "c'est un dossier, pas un registre.",
                      "this is a folder, not a register.")
    try:
        with path.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
    except PermissionError as exc:
        raise _refuse(path, "lecture interdite.", "permission denied.") from exc
    if magic != SQLITE_MAGIC:
        raise _refuse(path, "ce fichier n'est pas un registre cedre-desk.",
                      "this file is not a cedre-desk register.")
    if not quick_check(path):
        raise _refuse(path, "le registre est endommagé (la vérification d'intégrité a échoué).",
                      "the register is damaged (the integrity check failed).")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, "le registre est illisible.", "the register cannot be read.") from exc
    if "alembic_version" not in tables or "company" not in tables:
        raise _refuse(path, "cette base SQLite n'est pas un registre cedre-desk.",
                      "this SQLite database is not a cedre-desk register.")


def open_register(
    path: Path, *, create: bool = False, read_only: bool = False, user: str | None = None
) -> Database:
    """Open the register at `path`, migrating it if needed; create it only when asked."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise _refuse(path, "aucun registre à cet emplacement.", "no register at this path.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _refuse(path, f"impossible de créer le dossier ({exc.strerror}).",
                          f"cannot create the folder ({exc.strerror}).") from exc
        try:
            migrate.upgrade(path, make_backup=False)
        except Exception:
            path.unlink(missing_ok=True)  # never leave a half-made register behind
            raise
    else:
        _check_is_register(path)
        if read_only:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            migrate.refuse_if_newer(row[0] if row else None, path.name)
        else:
            migrate.upgrade(path)
    db = Database(make_engine(path, read_only=read_only), path, read_only=read_only)
    if user:
        db.user = user
    return db
