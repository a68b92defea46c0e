"""Reads that take long (the audit list of a large register, a committee's agenda) run off the
GUI thread, and their result comes back on it.

The read runs on a plain Python thread of a small pool; a timer on the GUI thread polls its
future and hands the result over. Nothing of Qt is touched by the worker, so a view that is
closed while its read runs simply never hears of it: no cross-thread signal to a deleted
object, no QThread to wait for. The read itself must open its own database connection (the
services take `private_connection=True` for that). Only the newest read of a reader counts:
starting another one makes the former's result be dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from cedre_desk.errors import UserError

_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cedre-desk-read")
_POLL_MS = 20


class BackgroundRead(QObject):
    succeeded = Signal(object)  # the read's result
    failed = Signal(object)  # a UserError the user can act on (a bug is raised instead)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._future: Future[Any] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self, read: Callable[[], Any]) -> None:
        self._future = _POOL.submit(read)
        self._timer.start()

    def is_running(self) -> bool:
        return self._future is not None

    def _poll(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._timer.stop()
        self._future = None
        error = future.exception()
        if error is None:
            self.succeeded.emit(future.result())
        elif isinstance(error, UserError):
            self.failed.emit(error)
        else:
            raise error  # a bug: the application's crash handler takes it
