"""A damaged register: set aside (renamed, never repaired in place), and the newest sound
backup offered with its date. Used when a register fails to open, and when Outils >
Vérifier le registre finds damage in the open one."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from cedre_desk.errors import UserError
from cedre_desk.services import maintenance
from cedre_desk.storage.database import Database
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.restore import RestoreResult
from cedre_desk.ui.safety.texts import newer_sentence, pick, when


def offer_recovery(parent: QWidget | None, register: Path, lang: str,
                   restore: Callable[[Path], RestoreResult] | None = None) -> bool:
    """Tell the user `register` is damaged and offer its newest sound backup; True when that
    backup now stands in its place (the damaged file kept beside it under another name).
    `restore(backup)` does the restore (default: the register is not open here)."""
    title = pick(lang, "Registre endommagé", "Damaged register")
    newest = maintenance.newest_sound_backup(register)
    if newest is None:
        QMessageBox.critical(parent, title, pick(
            lang,
            f"Le registre {register} est endommagé et aucune sauvegarde saine n'est "
            "disponible. Le fichier n'a pas été modifié : gardez-le tel quel et faites-le "
            "examiner (SQLite sait souvent en récupérer l'essentiel).",
            f"The register {register} is damaged and no sound backup is available. The file "
            "was not changed: keep it as it is and have it examined (SQLite can often "
            "recover most of it)."))
        return False
    newer = maintenance.newer_records(register, newest.path)
    kept_where = pick(lang, "le registre endommagé, gardé à côté sous un autre nom",
                      "the damaged register, kept beside it under another name")
    box = QMessageBox(QMessageBox.Icon.Warning, title, pick(
        lang,
        f"Le registre {register.name} est endommagé.\n\nLa sauvegarde saine la plus récente "
        f"date du {when(newest.taken_at, lang)}. La remettre en place ? Le registre "
        "endommagé sera gardé à côté, sous un autre nom, jamais effacé ni modifié.",
        f"The register {register.name} is damaged.\n\nThe newest sound backup dates from "
        f"{when(newest.taken_at, lang)}. Put it back? The damaged register will be kept "
        "beside it under another name, never deleted nor changed.")
        + "\n\n" + newer_sentence(newer, kept_where, lang), parent=parent)
    restore_button = box.addButton(pick(lang, "Restaurer cette sauvegarde",
                                        "Restore this backup"),
                                   QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    # The default is never the button that sets committed records aside.
    box.setDefaultButton(cancel)
    box.exec()
    if box.clickedButton() is not restore_button:
        return False
    try:
        if restore is None:
            result = maintenance.restore_file(register, newest.path, user=getpass.getuser(),
                                              damaged=True)
        else:
            result = restore(newest.path)
    except UserError as exc:
        QMessageBox.warning(parent, title, exc.message(lang))
        return False
    QMessageBox.information(parent, title, pick(
        lang, f"Sauvegarde du {when(newest.taken_at, lang)} remise en place.\nLe registre "
        f"endommagé est gardé : {result.kept}",
        f"Backup of {when(newest.taken_at, lang)} put back.\nThe damaged register is kept: "
        f"{result.kept}"))
    return True


def open_with_recovery(opening: Callable[[], Database], register: Path, lang: str,
                       parent: QWidget | None = None) -> Database | None:
    """`opening()`, and when it finds the register damaged, the offer of its newest sound
    backup, then `opening()` again. Other refusals are shown; None when nothing opened."""
    try:
        return opening()
    except DamagedRegisterError:
        if not offer_recovery(parent, register, lang):
            return None
    except UserError as exc:
        QMessageBox.critical(parent, "cedre-desk", exc.message(lang))
        return None
    try:
        return opening()
    except UserError as exc:
        QMessageBox.critical(parent, "cedre-desk", exc.message(lang))
        return None
