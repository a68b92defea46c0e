"""In a read-only register (held by another user, a read-only PostgreSQL role, a damaged
file) every editing button and action is off, its tooltip saying why, so nobody fills a form
that Save would then refuse. One way for all: a screen marks what edits (`mark_editing`);
the window holds every marked piece off while the register is read-only (`ReadOnlyHold`),
whatever the screen's own logic (a selection made) would turn on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

EDITS = "cedreEdits"  # dynamic property: True on a button or action that changes the register
_OWN_TIP = "cedreOwnToolTip"  # its tooltip when the register is writable
_OWN_ENABLED = "cedreOwnEnabled"  # whether it was on when first held
_HELD = "cedreHeld"  # held off now


def mark_editing(*pieces: QAbstractButton | QAction) -> None:
    for piece in pieces:
        piece.setProperty(EDITS, True)


class ReadOnlyHold(QObject):
    """Holds the marked pieces under `top` off while `reason` (the read-only message) is set."""

    def __init__(self, top: QWidget) -> None:
        super().__init__(top)
        self._top = top
        self._reason: str | None = None

    def apply(self, reason: str | None) -> None:
        self._reason = reason
        for piece in self.pieces():
            if piece.property(_OWN_TIP) is None:  # not watched yet
                if isinstance(piece, QAction):
                    piece.changed.connect(lambda p=piece: self._hold(p))
                else:
                    piece.installEventFilter(self)
                piece.setProperty(_OWN_TIP, piece.toolTip())
            held = bool(piece.property(_HELD))
            if reason is not None and not held:
                # what the screen had set, not what a disabled parent makes it look
                own = (piece.isEnabled() if isinstance(piece, QAction)
                       else not piece.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled))
                piece.setProperty(_OWN_ENABLED, own)
                piece.setProperty(_HELD, True)
            elif reason is None and held:
                piece.setProperty(_HELD, False)
                piece.setToolTip(str(piece.property(_OWN_TIP)))
                piece.setEnabled(bool(piece.property(_OWN_ENABLED)))
            self._hold(piece)

    def pieces(self) -> list[QAbstractButton | QAction]:
        found: list[QAbstractButton | QAction] = [
            *self._top.findChildren(QAbstractButton), *self._top.findChildren(QAction)]
        return [piece for piece in found if piece.property(EDITS)]

    def _hold(self, piece: QAbstractButton | QAction) -> None:
        reason = self._reason
        if reason is None:
            return
        if piece.isEnabled():
            piece.setEnabled(False)
        if piece.toolTip() != reason:
            piece.setToolTip(reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QAbstractButton):
            self._hold(watched)
        return False


_WRITING_ROLES = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
                  QDialogButtonBox.ButtonRole.ApplyRole)


def hold_form(form: QWidget, reason: str) -> ReadOnlyHold:
    """A form opened on a record of a read-only register (an audit double-clicked, to read
    it): everything shows, nothing can be typed, and Save and every button that changes the
    form are off with `reason` as tooltip, instead of a refusal at Save. Closing, and what
    only reads (a report), stay on. The hold is kept with the form."""
    for kind in (QLineEdit, QPlainTextEdit, QTextEdit):
        for text in form.findChildren(kind):
            text.setReadOnly(True)
    for view in form.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for kind in (QComboBox, QAbstractSpinBox):
        for choice in form.findChildren(kind):
            choice.setEnabled(False)
            choice.setToolTip(reason)
    boxes = form.findChildren(QDialogButtonBox)
    boxed = {button for box in boxes for button in box.buttons()}
    for box in boxes:
        mark_editing(*(b for b in box.buttons() if box.buttonRole(b) in _WRITING_ROLES))
    tab_bars = form.findChildren(QTabBar)
    mark_editing(*(b for b in form.findChildren(QAbstractButton)
                   if b not in boxed and not any(bar.isAncestorOf(b) for bar in tab_bars)))
    hold = ReadOnlyHold(form)
    hold.apply(reason)
    return hold
