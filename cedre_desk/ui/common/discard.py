"""The one question every form asks before typed input is thrown away (Cancel, Escape, the
window closed): keep editing, or discard the changes. Keeping is the default and what
Escape answers, so a second Escape never loses anything."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate  # lupdate reads the literal context below


def keep_editing(parent: QWidget, question: str) -> bool:
    """Ask `question` (e.g. "Discard the changes made to this audit?"); True when the user
    keeps editing, False when the changes may be discarded."""
    box = QMessageBox(QMessageBox.Icon.Question, parent.window().windowTitle() or "cedre-desk",
                      question, QMessageBox.StandardButton.NoButton, parent)
    keep = box.addButton(translate("DiscardChanges", "Keep editing"),
                         QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton(translate("DiscardChanges", "Discard the changes"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is not discard
