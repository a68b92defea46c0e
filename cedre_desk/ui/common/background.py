"""Work off the GUI thread, so the window never freezes on a large register.

A task is a function of a `Database`: it runs on a pool thread with a database of its own (a
new read-only engine on the same file, disposed after the task), because a SQLite connection
must stay on the thread that opened it. Its result comes back to the GUI thread through a
queued signal. Anything still running after half a second shows the busy indicator.

Only the latest task of a given `key` delivers its result: typing ahead or refreshing twice
never lets an older, slower read overwrite a newer one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from cedre_desk.errors import UserError
from cedre_desk.storage.database import Database
from cedre_desk.storage.engine import make_engine

BUSY_AFTER_MS = 500

_Callbacks = tuple[Callable[[Any], None], Callable[[Exception], None] | None]


def reader_for(db: Database) -> Callable[[], Database]:
    """How a worker opens its own read-only database on the register of `db`. When this
    program writes that register, the reader may keep derived data in it (the statuses it
    computed, services.status_store) whenever `db` may (Database.may_keep_derived): its
    engine can write, its services cannot."""
    if db.path is None:  # a server database: its pool gives each thread its own connection
        return lambda: db
    path, writer = db.path, not db.read_only
    return lambda: Database(make_engine(path, read_only=not writer), path, user=db.user,
                            read_only=True, derived_for=db if writer else None)


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)


class _Task(QRunnable):
    def __init__(self, ticket: int, task: Callable[[Database], Any],
                 open_reader: Callable[[], Database], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket, self._task, self._open_reader = ticket, task, open_reader
        self._signals = signals

    def run(self) -> None:
        try:
            db = self._open_reader()
            try:
                result = self._task(db)
            finally:
                if db.path is not None:
                    db.close()
        except Exception as exc:  # delivered to the GUI thread (traceback kept), which decides
            self._signals.failed.emit(self._ticket, exc)
        else:
            self._signals.finished.emit(self._ticket, result)


class BackgroundRunner(QObject):
    """Runs tasks on its own thread pool; tells the window when it is busy."""

    busy_changed = Signal(bool)
    user_error = Signal(object)  # a UserError raised by a task that had no `failed` handler

    def __init__(self, open_reader: Callable[[], Database], parent: QObject | None = None,
                 ) -> None:
        super().__init__(parent)
        self._open_reader = open_reader
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._callbacks: dict[int, _Callbacks] = {}
        self._keys: dict[int, str] = {}  # ticket -> key, for keyed tasks
        self._latest: dict[str, int] = {}  # key -> its latest ticket
        self._next_ticket = 0
        self._busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)
        self._closed = False

    def run(self, task: Callable[[Database], Any], done: Callable[[Any], None], *,
            failed: Callable[[Exception], None] | None = None, key: str | None = None) -> int:
        """Run `task(db)` off the GUI thread, then `done(result)` on it."""
        if self._closed:
            return -1
        self._next_ticket += 1
        ticket = self._next_ticket
        self._callbacks[ticket] = (done, failed)
        if key is not None:
            self._keys[ticket] = key
            self._latest[key] = ticket
        if not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start(BUSY_AFTER_MS)
        self._pool.start(_Task(ticket, task, self._open_reader, self._signals))
        return ticket

    def pending(self) -> int:
        return len(self._callbacks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has run (tests, shutdown); results are delivered later."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """No new task; wait for the running ones, drop their results."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone()
        self._callbacks.clear()
        self._keys.clear()
        self._settle()

    def _take(self, ticket: int) -> _Callbacks | None:
        """The callbacks of a finished task, or None when its result is no longer wanted
        (dropped at shutdown, or a newer task of the same key was started since)."""
        callbacks = self._callbacks.pop(ticket, None)
        key = self._keys.pop(ticket, None)
        self._settle()
        if key is not None:
            if self._latest.get(key) != ticket:
                return None
            del self._latest[key]
        if callbacks is not None and not _alive(callbacks[0]):
            return None  # the view that asked was closed meanwhile
        return callbacks

    def _finished(self, ticket: int, result: Any) -> None:
        callbacks = self._take(ticket)
        if callbacks is not None:
            callbacks[0](result)

    def _failed(self, ticket: int, exc: Exception) -> None:
        callbacks = self._take(ticket)
        if callbacks is None:
            return
        if callbacks[1] is not None:
            callbacks[1](exc)
        elif isinstance(exc, UserError):
            self.user_error.emit(exc)
        else:
            raise exc  # a bug: the application's exception hook shows the crash dialog

    def _settle(self) -> None:
        if not self._callbacks:
            self._busy_timer.stop()
            if self._busy:
                self._busy = False
                self.busy_changed.emit(False)

    def _show_busy(self) -> None:
        if self._callbacks and not self._busy:
            self._busy = True
            self.busy_changed.emit(True)


def _alive(callback: Callable[..., Any]) -> bool:
    """False when `callback` is a method of a Qt object that no longer exists."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
