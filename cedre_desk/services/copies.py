"""Enregistrer une copie: a verified copy of the open register, wherever the user chooses.

The copy goes through the storage backup (SQLite's online backup API, checked with
quick_check, renamed into place), so it is consistent even while the register is open and a
copy that exists is a copy that opens.
"""

from __future__ import annotations

from pathlib import Path

from cedre_desk.errors import UserError
from cedre_desk.storage.backup import backup_file
from cedre_desk.storage.database import Database


def save_copy(db: Database, target: Path) -> Path:
    """Copy the register of `db` to `target` (replacing a file the user chose to overwrite)."""
    if db.path is None:
        raise UserError(
            "Ce registre est sur un serveur : sa copie se fait avec les outils du serveur.",
            "This register is on a server: copy it with the server's own tools.",
        )
    source = Path(db.path).resolve()
    target = Path(target)
    if target.resolve() == source:
        raise UserError(
            "La copie ne peut pas remplacer le registre ouvert : choisissez un autre nom.",
            "The copy cannot replace the open register: choose another name.",
            field="target",
        )
    if target.is_dir():
        raise UserError(f"{target} est un dossier : indiquez un nom de fichier.",
                        f"{target} is a folder: give a file name.", field="target")
    return backup_file(source, target)
