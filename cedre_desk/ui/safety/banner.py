"""The band above the views that says what the user must know about the register file:
read-only and who holds it since when (with « Prendre la main » when the holder looks gone,
« Réessayer » when it may have closed), the check made after an unclean shutdown, a day's
backup that could not be made, a register on a network drive."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from cedre_desk.errors import UserError
from cedre_desk.storage.database import ABANDONED, HELD_ELSEWHERE, Database
from cedre_desk.ui.safety.texts import Lang, pick

WARNING_STYLE = "QFrame#safetyBanner { background: #fff4ce; border-bottom: 1px solid #c8a400; }"
INFO_STYLE = "QFrame#safetyBanner { background: #e8f1fb; border-bottom: 1px solid #8ab4e0; }"


def notice(db: Database, lang: str) -> tuple[str, bool] | None:
    """(text, is_warning) the banner shows for `db`, or None when all is well."""
    if db.read_only:
        return db.read_only_message().message(lang), True
    if db.integrity is not None and db.unclean_shutdown is not None:
        who = db.unclean_shutdown.describe(lang)
        return pick(
            lang,
            f"La dernière session ({who}) ne s'est pas terminée proprement. Le registre a été "
            "entièrement vérifié : il est sain, rien n'est perdu de ce qui avait été enregistré.",
            f"The last session ({who}) did not end properly. The register was fully checked: "
            "it is sound, nothing that had been saved is lost.",
        ), False
    if db.backup_problem is not None:
        return pick(lang, "La sauvegarde du jour n'a pas pu être faite : ",
                    "Today's backup could not be made: ") + db.backup_problem.message(lang), True
    if db.on_network:
        return pick(
            lang,
            "Ce registre est sur un dossier partagé : une seule personne à la fois peut le "
            "modifier. Les autres l'ouvrent en lecture seule.",
            "This register is on a shared folder: one person at a time can change it. The "
            "others open it read-only.",
        ), False
    return None


class SafetyBanner(QFrame):
    """Shows `notice(db)`; hidden when there is nothing to say."""

    became_writable = Signal()
    failed = Signal(object)  # the UserError a take-over met (a DamagedRegisterError too)

    def __init__(self, database: Callable[[], Database], lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyBanner")
        self._database = database
        self._lang = lang
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.take_over = QPushButton(self)
        self.retry = QPushButton(self)
        self.dismiss = QPushButton(self)
        self.dismiss.setFlat(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        for button in (self.take_over, self.retry, self.dismiss):
            layout.addWidget(button)
        self.take_over.clicked.connect(self._take_over)
        self.retry.clicked.connect(self._retry)
        self.dismiss.clicked.connect(self.hide)
        self.refresh()

    def refresh(self) -> None:
        db, lang = self._database(), self._lang()
        self.take_over.setText(pick(lang, "Prendre la main", "Take over"))
        self.retry.setText(pick(lang, "Réessayer", "Try again"))
        self.dismiss.setText(pick(lang, "Masquer", "Hide"))
        said = notice(db, lang)
        if said is None:
            self.hide()
            return
        text, warning = said
        self.text.setText(text)
        self.setStyleSheet(WARNING_STYLE if warning else INFO_STYLE)
        self.take_over.setVisible(db.read_only and db.read_only_reason == ABANDONED)
        self.retry.setVisible(db.read_only and db.read_only_reason == HELD_ELSEWHERE)
        self.dismiss.setVisible(not db.read_only)
        self.show()

    def _take_over(self) -> None:
        self._attempt(self._database().take_over)

    def _retry(self) -> None:
        self._attempt(self._database().retry_writing)

    def _attempt(self, become_writer: Callable[[], bool]) -> None:
        try:
            writable = become_writer()
        except UserError as exc:
            self.refresh()
            self.failed.emit(exc)
            return
        self.refresh()
        if writable:
            self.became_writable.emit()
