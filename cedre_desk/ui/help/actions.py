"""The Aide menu's actions: Guide d'utilisation (F1), À propos, Ouvrir le dossier des
journaux. Their dialogs are built when asked for, not at start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from cedre_desk.paths import log_dir


class HelpActions(QObject):
    def __init__(self, lang: Callable[[], str], register: Callable[[], Path | None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._lang, self._register, self._parent = lang, register, parent

    def guide(self) -> None:
        """Beside the window, not in its way."""
        from cedre_desk.ui.help.guide_dialog import GuideDialog

        dialog = GuideDialog(self._lang(), self.open_log_folder, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def about(self) -> None:
        from cedre_desk.ui.help.about_dialog import AboutDialog

        AboutDialog(self._register(), self._lang(), self._parent).exec()

    def open_log_folder(self) -> None:
        """Where the crash reports are, for whoever helps; said when nothing can open it."""
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self._parent, "cedre-desk", self.tr(
                "The log files are in this folder:\n{folder}").format(folder=folder))
