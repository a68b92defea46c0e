"""Outils > Vérifier le registre: SQLite's full integrity_check and the foreign keys on the
open register, then either « registre sain » or the damaged-register offer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cedre_desk.services import maintenance
from cedre_desk.storage.database import DAMAGED, Database
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.ui.safety.damaged import offer_recovery
from cedre_desk.ui.safety.texts import pick

SOUND, DAMAGED_KEPT, RESTORED = "sound", "damaged", "restored"


def check_register(parent: QWidget | None, db: Database, lang: str) -> str:
    """Check `db`'s file; says the outcome. SOUND, RESTORED (a backup now stands in place of
    the damaged register: the caller reads everything again) or DAMAGED_KEPT."""
    title = pick(lang, "Vérifier le registre", "Check the register")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        maintenance.check_open_register(db)
    except DamagedRegisterError as exc:
        QGuiApplication.restoreOverrideCursor()
        if not db.read_only:
            db.found_damaged()  # read-only from now on: nothing more is written to it
        return offer_backup_of_damaged(parent, db, lang, exc.problems)
    else:
        QGuiApplication.restoreOverrideCursor()
    QMessageBox.information(parent, title, pick(
        lang, "Registre sain : la vérification complète (intégrité SQLite et liens entre "
        "les fiches) n'a trouvé aucun problème.",
        "Register sound: the full check (SQLite integrity and links between records) "
        "found no problem."))
    return SOUND


def offer_backup_of_damaged(parent: QWidget | None, db: Database, lang: str,
                            problems: tuple[str, ...]) -> str:
    """Say that a check found `db`'s file damaged, then offer its newest sound backup:
    RESTORED or DAMAGED_KEPT."""
    title = pick(lang, "Vérifier le registre", "Check the register")
    detail = "\n".join(problems[:5])
    QMessageBox.warning(parent, title, pick(
        lang, f"La vérification a trouvé des problèmes :\n{detail}",
        f"The check found problems:\n{detail}"))
    if db.path is None or (db.read_only and db.read_only_reason != DAMAGED):
        return DAMAGED_KEPT
    path = db.path
    restored = offer_recovery(parent, path, lang, restore=lambda backup: (
        maintenance.restore_backup(db, backup, damaged=True)))
    return RESTORED if restored else DAMAGED_KEPT
