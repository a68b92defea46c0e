"""Aide › À propos: the version, when this copy was built, the Qt and Python it runs on, and
where the register, its backups and the logs are. "Copy" puts it all on the clipboard as
plain text, to paste into a request for help; "Open the log folder" shows where a crash log
is written (cedre_desk/ui/safety/crash.py writes there)."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.about import AboutFacts, about_facts


class AboutDialog(QDialog):
    def __init__(self, register: Path | None, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts: AboutFacts = about_facts(register)
        self.setWindowTitle(self.tr("About cedre-desk"))
        self.rows = self._rows(lang)

        heading = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(self.windowIcon().pixmap(64, 64))
        heading.addWidget(icon)
        title = QLabel(f"<b>cedre-desk {self.facts.version}</b><br>" + self.tr(
            "The register of CEDRE and CEDRE ISO 9001 certifications."))
        title.setTextFormat(Qt.TextFormat.RichText)
        heading.addWidget(title, 1)

        form = QFormLayout()
        for label, value in self.rows:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = buttons.addButton(self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_logs = buttons.addButton(self.tr("Open the &log folder"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.clicked.connect(self.copy_text)
        self.open_logs.clicked.connect(self._open_logs)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _rows(self, lang: str) -> list[tuple[str, str]]:
        facts = self.facts
        on_server = self.tr("(a register on a server)")
        return [
            (self.tr("Version"), facts.version),
            (self.tr("Built"), facts.built_text(lang)),
            ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
            ("Python", f"{facts.python}, {facts.system}"),
            (self.tr("Register"), str(facts.register) if facts.register else on_server),
            (self.tr("Backups"), str(facts.backups) if facts.backups else on_server),
            (self.tr("Logs"), str(facts.logs)),
        ]

    def text(self) -> str:
        return "\n".join([f"cedre-desk {self.facts.version}"]
                         + [f"{label}: {value}" for label, value in self.rows])

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def _open_logs(self) -> None:
        self.facts.logs.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.facts.logs)))
