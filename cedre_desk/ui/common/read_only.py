"""In a read-only register (held by another user, a read-only PostgreSQL role, a damaged
file) every editing button and action is off, its tooltip saying why, so nobody fills a form
that Save would then refuse, and no field or table cell takes typing. One way for all: a
screen marks what edits (`mark_editing`: its buttons, or `mark_form`: a whole form, its fields
and tables too); the window holds every marked piece off while the register is read-only
(`ReadOnlyHold`), whatever the screen's own logic (a selection made) would turn on, and gives
it back when the register can be written again."""

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

EDITS = "cedreEdits"  # dynamic property: True on a piece that changes the register
_WATCHED = "cedreWatched"  # the hold follows its changes
_OWN_TIP = "cedreOwnToolTip"  # its tooltip when the register is writable
_OWN_ENABLED = "cedreOwnEnabled"  # whether it was on when held
_OWN_READ_ONLY = "cedreOwnReadOnly"  # a text field: whether it was read-only when held
_OWN_TRIGGERS = "cedreOwnEditTriggers"  # a table or tree: how its cells were edited
_HELD = "cedreHeld"  # held off now

Piece = QWidget | QAction
_TEXTS = (QLineEdit, QPlainTextEdit, QTextEdit)
_NO_TYPING = QAbstractItemView.EditTrigger.NoEditTriggers


def mark_editing(*pieces: Piece) -> None:
    """Buttons and actions are held off; text fields made read-only and tables' cells closed
    to editing (both still show, scroll and copy); choices (combo boxes, dates, numbers) off."""
    for piece in pieces:
        piece.setProperty(EDITS, True)


_WRITING_ROLES = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
                  QDialogButtonBox.ButtonRole.ApplyRole)


def mark_form(form: QWidget) -> None:
    """Everything of `form` that types or changes: its fields, tables, choices, and its
    buttons but those that only close it (Cancel, Close) or change the page shown (tabs)."""
    mark_editing(*(w for kind in (*_TEXTS, QAbstractItemView, QComboBox, QAbstractSpinBox)
                   for w in form.findChildren(kind)))
    boxes = form.findChildren(QDialogButtonBox)
    boxed = {button for box in boxes for button in box.buttons()}
    for box in boxes:
        mark_editing(*(b for b in box.buttons() if box.buttonRole(b) in _WRITING_ROLES))
    tab_bars = form.findChildren(QTabBar)
    mark_editing(*(b for b in form.findChildren(QAbstractButton)
                   if b not in boxed and not any(bar.isAncestorOf(b) for bar in tab_bars)))


class ReadOnlyHold(QObject):
    """Holds the marked pieces under `top` off while `reason` (the read-only message) is set."""

    def __init__(self, top: QWidget) -> None:
        super().__init__(top)
        self._top = top
        self._reason: str | None = None

    def apply(self, reason: str | None) -> None:
        self._reason = reason
        for piece in self.pieces():
            if not piece.property(_WATCHED):
                if isinstance(piece, QAction):
                    piece.changed.connect(lambda p=piece: self._hold(p))
                else:
                    piece.installEventFilter(self)
                piece.setProperty(_WATCHED, True)
            held = bool(piece.property(_HELD))
            if reason is not None and not held:
                _keep_own(piece)
                piece.setProperty(_HELD, True)
            elif reason is None and held:
                piece.setProperty(_HELD, False)
                _give_back(piece)
            self._hold(piece)

    def pieces(self) -> list[Piece]:
        found: list[Piece] = [*self._top.findChildren(QWidget), *self._top.findChildren(QAction)]
        return [piece for piece in found if piece.property(EDITS)]

    def _hold(self, piece: Piece) -> None:
        reason = self._reason
        if reason is None:
            return
        if isinstance(piece, _TEXTS):
            if not piece.isReadOnly():
                piece.setReadOnly(True)
        elif isinstance(piece, QAbstractItemView):
            if piece.editTriggers() != _NO_TYPING:
                piece.setEditTriggers(_NO_TYPING)
        elif piece.isEnabled():
            piece.setEnabled(False)
        if piece.toolTip() != reason:
            piece.setToolTip(reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ReadOnlyChange)
                and isinstance(watched, QWidget)):
            self._hold(watched)
        return False


def _keep_own(piece: Piece) -> None:
    """What the screen had set, to give back when the register can be written again."""
    piece.setProperty(_OWN_TIP, piece.toolTip())
    if isinstance(piece, _TEXTS):
        piece.setProperty(_OWN_READ_ONLY, piece.isReadOnly())
    elif isinstance(piece, QAbstractItemView):
        piece.setProperty(_OWN_TRIGGERS, piece.editTriggers().value)
    else:  # its own state, not what a disabled parent makes it look
        piece.setProperty(_OWN_ENABLED, piece.isEnabled() if isinstance(piece, QAction)
                          else not piece.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled))


def _give_back(piece: Piece) -> None:
    piece.setToolTip(str(piece.property(_OWN_TIP)))
    if isinstance(piece, _TEXTS):
        piece.setReadOnly(bool(piece.property(_OWN_READ_ONLY)))
    elif isinstance(piece, QAbstractItemView):
        piece.setEditTriggers(QAbstractItemView.EditTrigger(int(piece.property(_OWN_TRIGGERS))))
    else:
        piece.setEnabled(bool(piece.property(_OWN_ENABLED)))


def hold_form(form: QWidget, reason: str) -> ReadOnlyHold:
    """A form opened on a record of a read-only register (an audit double-clicked, to read
    it): everything shows, nothing can be typed, and Save and every button that changes the
    form are off with `reason` as tooltip, instead of a refusal at Save. Closing, and what
    only reads (a report), stay on. The hold is kept with the form."""
    mark_form(form)
    hold = ReadOnlyHold(form)
    hold.apply(reason)
    return hold
