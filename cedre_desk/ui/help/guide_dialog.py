"""Aide › Guide d'utilisation (F1): a short user guide in the window's language, with
screenshots, shipped with the program (resources/guide/guide.fr.md and guide.en.md, the
pictures beside them) so it reads the same offline. Its foot says where the log files are and
opens their folder: what whoever helps a user asks for first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.paths import log_dir
from cedre_desk.resources import resource


def guide_file(lang: str) -> Path:
    """The guide in `lang` (French when there is none in that language)."""
    path = resource("guide", f"guide.{lang}.md")
    return path if path.is_file() else resource("guide", "guide.fr.md")


class GuideDialog(QDialog):
    def __init__(self, lang: str, open_log_folder: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("cedre-desk user guide"))
        source = guide_file(lang)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(True)
        self.text.setSearchPaths([str(source.parent)])  # the pictures' folder
        self.text.setMarkdown(source.read_text(encoding="utf-8"))
        logs = QLabel(self.tr("Log files (for whoever helps you): {folder}").format(
            folder=log_dir()), self)
        logs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        logs.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_logs = buttons.addButton(self.tr("Open the &log folder"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        self.open_logs.clicked.connect(open_log_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(logs)
        layout.addWidget(buttons)
        self.resize(1030, 780)  # the pictures are 960 wide: no sideways scrolling
