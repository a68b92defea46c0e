"""Fichier › Registre de démonstration…: a new register filled with invented companies, to
try the program before typing anything real. It is written off the GUI thread (a few seconds
for the federation's 530 companies) with its progress shown; Annuler stops it and leaves no
file behind (services.demo.demo_register). Once written, it is opened in place of the current
register, which stays untouched."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from cedre_desk.errors import UserError
from cedre_desk.ui.common.context import ViewContext

COMPANIES = 530  # the federation's size: the figures look like the real ones


class _Cancelled(Exception):
    """Raised in the generation's progress callback once the user cancelled."""


class _Signals(QObject):
    step = Signal(int, int)
    written = Signal(object)  # the register's Path
    failed = Signal(object)  # the exception
    cancelled = Signal()


class DemoRegisterMaker(QObject):
    """Asks where, writes the register with a progress dialog, then hands its path to
    `open_path` (the register actions' own way of opening a register)."""

    finished = Signal()  # written, cancelled or refused: nothing runs any more

    def __init__(self, ctx: ViewContext, open_path: Callable[[Path], bool],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx, self._open_path, self._parent = ctx, open_path, parent
        self._cancel: threading.Event | None = None
        self.progress: QProgressDialog | None = None

    def running(self) -> bool:
        return self._cancel is not None

    def cancel(self) -> None:
        """Stop a generation under way (the window closes): nothing is left on disk."""
        if self._cancel is not None:
            self._cancel.set()

    def make(self) -> None:
        if self.running():
            return
        folder = self._ctx.preferences.save_folder()
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Demonstration register"),
            str(folder / self.tr("Demonstration register.sqlite")),
            self.tr("cedre-desk registers (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if chosen:
            path = Path(chosen)
            self.write(path if path.suffix else path.with_suffix(".sqlite"))

    def write(self, path: Path) -> None:
        """Write the demonstration register at `path` (refused when the path exists)."""
        # The generator's dozen modules are loaded here, on the GUI thread, not at every start.
        from cedre_desk.services.demo.demo_register import write_demo_register

        self._cancel = cancel = threading.Event()
        dialog = QProgressDialog(
            self.tr("Writing a demonstration register of {count} companies…").format(
                count=COMPANIES), self.tr("Cancel"), 0, 0, self._parent)
        dialog.setWindowTitle(self.tr("Demonstration register"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(cancel.set)
        self.progress = dialog
        signals = _Signals(self)
        signals.step.connect(self._step)
        signals.written.connect(self._written)
        signals.failed.connect(self._failed)
        signals.cancelled.connect(self._cancelled)
        today = self._ctx.today()

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise _Cancelled
            signals.step.emit(done, total)

        def work() -> None:  # on a pool thread: only signals cross back
            try:
                write_demo_register(path, today=today, companies=COMPANIES, progress=progress)
            except _Cancelled:
                signals.cancelled.emit()
            except Exception as exc:  # the GUI thread decides: refusal shown, bug raised
                signals.failed.emit(exc)
            else:
                signals.written.emit(path)

        dialog.show()
        QThreadPool.globalInstance().start(work)

    def _step(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            if done == total:
                self.progress.setLabelText(self.tr("Writing the committees' decisions…"))

    def _written(self, path: Path) -> None:
        self._done()
        self._ctx.preferences.remember_save_folder(path.parent)
        self._open_path(path)

    def _cancelled(self) -> None:
        self._done()
        self._ctx.status(self.tr("Demonstration register cancelled: nothing was written."))

    def _failed(self, exc: Exception) -> None:
        self._done()
        if not isinstance(exc, UserError):
            raise exc  # a bug: the crash dialog
        QMessageBox.warning(self._parent, "cedre-desk", exc.message(self._ctx.lang()))

    def _done(self) -> None:
        self._cancel = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.finished.emit()
