"""Édition › Préférences: what this user chooses for their own window, kept in their settings
file (ui/common/preferences.py), whatever the register: the dashboard's horizon, how many days
ahead "due soon" looks (90 unless chosen; the same number as the dashboard's Horizon field)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.ui.common.preferences import MAX_HORIZON, MIN_HORIZON, Preferences


class PreferencesDialog(QDialog):
    def __init__(self, preferences: Preferences, horizon: int,
                 parent: QWidget | None = None) -> None:
        """`horizon`: the dashboard's horizon in force (the user's, else the register's)."""
        super().__init__(parent)
        self._preferences = preferences
        self.setWindowTitle(self.tr("Preferences"))
        self.horizon = QSpinBox(self)
        self.horizon.setRange(MIN_HORIZON, MAX_HORIZON)
        self.horizon.setValue(horizon)
        self.horizon.setSuffix(self.tr(" days"))
        form = QFormLayout()
        form.addRow(self.tr("Dashboard &horizon:"), self.horizon)
        note = QLabel(self.tr("The dashboard lists what is late, then what falls due within "
                              "this many days. For any other period: the Due dates page."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def accept(self) -> None:
        self.horizon.interpretText()  # a number typed and not yet left counts
        self._preferences.set_dashboard_horizon(self.horizon.value())
        super().accept()
