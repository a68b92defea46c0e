"""What an edit dialog shows when its save was refused because someone else saved the same
record meanwhile (a ConflictError: "modifié par NOM à HH:MM"): the fields they changed, their
value and the user's, and two ways on. Nothing is overwritten in silence:

- Recharger / Reload: the form takes the register's values and version, the dialog stays open
  and the user's values stay listed beside, to be applied again and saved;
- Garder ma saisie / Keep my input: the panel closes, the form is left as typed (a save is
  refused again until the record is reloaded).

The dialog gives the differences (`changed_fields`) and does the reload itself: the panel only
shows and asks. Once reloaded, the panel says so (`reloaded`): whoever opened the dialog reads
its list again then, as after a save, since the register changed under it whether the dialog is
then saved or cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b3261e;"

# (field title, the register's value now, the user's value), as shown.
Difference = tuple[str, str, str]


def changed_fields(read: Any, theirs: Any, yours: Any, titles: Mapping[str, str],
                   shown: Callable[[str, Any], str]) -> list[Difference]:
    """The fields the other save changed since `read` was read, in `titles`' order, with
    the register's value and the one in the form (all three: the same dataclass)."""
    assert is_dataclass(read) and is_dataclass(theirs) and is_dataclass(yours)
    names = {f.name for f in fields(read)}
    return [(titles[name] or name, shown(name, getattr(theirs, name)),
             shown(name, getattr(yours, name)))
            for name in titles if name in names
            and getattr(read, name) != getattr(theirs, name)]


class StaleEditPanel(QFrame):
    """Shown inside the dialog under the form; hidden until a save is refused as stale."""

    reload_requested = Signal()
    reloaded = Signal()  # the form holds the register's values now: the list behind is stale

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self._shown: list[Difference] = []
        self.table = QWidget(self)  # a few fields at most: labels in a grid
        self._grid = QGridLayout(self.table)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._headers = [self.tr("Field"), self.tr("In the register now"), self.tr("Your input")]
        self.reload = QPushButton(self.tr("Reload"), self)
        self.reload.setToolTip(self.tr("Put the register's values in the form; your input "
                                       "stays listed here to apply again"))
        self.keep = QPushButton(self.tr("Keep my input"), self)
        self.keep.setToolTip(self.tr("Close this notice; nothing is saved until you reload"))
        self.reload.clicked.connect(self.reload_requested)
        self.keep.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload)
        buttons.addWidget(self.keep)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.hide()

    def show_refusal(self, message: str, differences: list[Difference]) -> None:
        """The refusal, what changed, and the two ways on."""
        self.message.setText(message if differences else message + "\n" + self.tr(
            "None of the fields shown here changed: reload, then save again."))
        self._fill(differences)
        self.reload.show()
        self.keep.show()
        self.show()

    def show_reloaded(self, differences: list[Difference]) -> None:
        """After the reload: the form holds the register's values; the user's stay listed."""
        self.message.setText(self.tr(
            "Reloaded: the form now shows the register's values. Your input is listed below: "
            "apply it again where it still holds, then save."))
        self._fill(differences)
        self.reload.hide()
        self.keep.hide()
        self.setVisible(bool(differences))
        self.reloaded.emit()

    def differences(self) -> list[Difference]:
        """What the table shows (tests, accessibility)."""
        return list(self._shown)

    def _fill(self, differences: list[Difference]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for row, values in enumerate([tuple(self._headers), *differences]):
            for column, value in enumerate(values):
                label = QLabel(f"<b>{value}</b>" if row == 0 else value, self.table)
                if row:
                    label.setTextFormat(Qt.TextFormat.PlainText)  # the user's text, as typed
                label.setWordWrap(True)
                self._grid.addWidget(label, row, column)
        self._shown = list(differences)
        self.table.setVisible(bool(differences))
