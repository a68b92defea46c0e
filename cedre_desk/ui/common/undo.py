"""What the screens need to make their changes undoable from the window's undo stack
(Ctrl+Z / Ctrl+Y), and the command every screen's undoable change derives from.

A change is made (through its service) before its command is pushed: a refusal is shown where
the user asked, and nothing goes on the stack; the command's first redo() therefore does
nothing. A later undo or redo is one service call, hence one transaction, recorded in the
change history like any other write. One the register refuses (the record changed elsewhere
meanwhile, or was since referenced: a session that got a decision) is reported with its
reason, changes nothing, and makes the command obsolete: Qt drops it from the stack, and the
commands below it stay undoable. One that could not be written just now (the register busy,
the server out of reach) changes nothing either and stays where it was, to be tried again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from cedre_desk.errors import ConflictError, NotFound, UserError, ValidationError


@dataclass(frozen=True)
class UndoHooks:
    """The window's stack, and what to do after an undo or redo: read the views again, or
    tell the user why it was refused (a title saying what was not undone, the reason)."""

    stack: QUndoStack
    changed: Callable[[], None]
    refused: Callable[[str, UserError], None]
    # Each record as the stack's latest command on it left it (its version, an audit's
    # findings'): the next undo or redo on that record expects it so. Several commands touch
    # one record (an audit created, then edited: undoing the edit writes a new version, which
    # the creation's undo must then expect); anything else changing it is refused.
    latest: dict[tuple[str, int], Any] = field(default_factory=dict)


class ServiceCommand(QUndoCommand):
    """An undoable change: subclasses give `_redo` and `_undo`, each one service call."""

    def __init__(self, text: str, hooks: UndoHooks) -> None:
        super().__init__(text)
        self._hooks = hooks
        self._skip = True  # the next redo() or undo() has nothing to do: done before the push

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._attempt(self._redo, QCoreApplication.translate(
            "ServiceCommand", "Cannot redo: {what}").format(what=self.text()),
            put_back=self._hooks.stack.undo)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._attempt(self._undo, QCoreApplication.translate(
            "ServiceCommand", "Cannot undo: {what}").format(what=self.text()),
            put_back=self._hooks.stack.redo)

    def _attempt(self, action: Callable[[], None], title: str,
                 put_back: Callable[[], None]) -> None:
        try:
            action()
        except (ValidationError, ConflictError, NotFound) as exc:
            self.setObsolete(True)  # the register refuses it: it will never be possible
            self._hooks.refused(title, exc)
            return
        except UserError as exc:
            # The register could not be written just now (busy in another program, the
            # server out of reach): nothing changed, so the command goes back where it was,
            # once the stack has moved, and can be tried again.
            self._skip = True
            error = exc

            def back_then_say() -> None:
                put_back()
                self._hooks.refused(title, error)
            QTimer.singleShot(0, back_then_say)
            return
        self._hooks.changed()

    def _left(self, key: tuple[str, int], state: Any) -> None:
        """The record `key` is now in `state` (as this command wrote or found it)."""
        self._hooks.latest[key] = state

    def _expected(self, key: tuple[str, int], default: Any) -> Any:
        return self._hooks.latest.get(key, default)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError
