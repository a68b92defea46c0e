"""The audit's referential versions (CEDRE, and ISO 9001 when audited with it): until the
user picks one, the CEDRE version (and the ISO one, if any) is the one in force on the audit
date; the findings panel is told which requirement trees to offer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from cedre_desk.services.referentials import CEDRE, ISO_9001, ReferentialService

Trees = list[tuple[int, str]]  # (version id, its name), the CEDRE one first


class ReferentialVersions(QObject):
    trees_changed = Signal(list)  # Trees: the versions whose requirements findings rest on

    def __init__(self, referentials: ReferentialService, audit_day: Callable[[], date],
                 parent: QWidget, *, chosen: bool) -> None:
        super().__init__(parent)
        self._referentials, self._audit_day = referentials, audit_day
        self._chosen = chosen  # picked by the user (or an audit read): no longer follows
        self._trees: Trees = []
        self.cedre = QComboBox(parent)
        self.iso = QComboBox(parent)
        self.iso.addItem(self.tr("None (CEDRE only)"), None)
        for info in referentials.versions():
            combo = self.cedre if info.referential == CEDRE else (
                self.iso if info.referential == ISO_9001 else None)
            if combo is not None:
                combo.addItem(info.name, info.id)
        self.cedre.activated.connect(self._picked)
        self.cedre.currentIndexChanged.connect(self.offer_trees)
        self.iso.currentIndexChanged.connect(self.offer_trees)

    def follow_audit_date(self) -> None:
        """Until the user picks one, the version is the one in force on the audit date."""
        if self._chosen:
            return
        in_force = self._referentials.in_force(CEDRE, self._audit_day())
        if in_force is not None:
            self.cedre.setCurrentIndex(self.cedre.findData(in_force.id))
        if self.iso.currentData() is not None:
            iso = self._referentials.in_force(ISO_9001, self._audit_day())
            if iso is not None:
                self.iso.setCurrentIndex(self.iso.findData(iso.id))

    def offer_trees(self) -> None:
        """The requirement trees offered for findings follow the audit's versions."""
        versions = [(self.cedre.currentData(), self.cedre.currentText())]
        if self.iso.currentData() is not None:
            versions.append((self.iso.currentData(), self.iso.currentText()))
        versions = [v for v in versions if v[0] is not None]
        if versions != self._trees:
            self._trees = versions
            self.trees_changed.emit(versions)

    def _picked(self) -> None:
        self._chosen = True
