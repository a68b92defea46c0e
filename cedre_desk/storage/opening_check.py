"""The quick_check of a register run beside the window's first reads.

SQLite's quick_check reads the whole file: 1.7 s for a register of 20,000 companies, longer
than everything else the window does to show it. SQLite runs it without Python's GIL, so on
a thread of its own it costs the start nothing. Its verdict comes before anything is written:
`Database.transaction()` waits for it and refuses to write to a damaged register, and the
window offers the newest sound backup as soon as the check fails (ui.safety). Reads of a
damaged page meanwhile fail with the same DamagedRegisterError as ever.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from cedre_desk.storage.backup import quick_check


class OpeningCheck:
    """quick_check of `path` on a thread of its own, started at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sound: bool | None = None
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[bool], None]] = []
        # A daemon: a program closed during the check is not held back by it (it only reads).
        threading.Thread(target=self._run, name="cedre-desk-opening-check", daemon=True).start()

    def _run(self) -> None:
        sound = False
        try:
            sound = quick_check(self.path)
        finally:
            with self._lock:
                self._sound = sound
                self._done.set()
                callbacks, self._callbacks = self._callbacks, []
            for callback in callbacks:
                callback(sound)

    def wait(self, timeout: float | None = None) -> bool | None:
        """True: sound; False: damaged; None: not known within `timeout` seconds."""
        self._done.wait(timeout)
        return self._sound

    def when_done(self, callback: Callable[[bool], None]) -> None:
        """Call `callback(sound)` once the verdict is known: at once if it is, else on the
        checking thread (a window hands it over to its own thread)."""
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
        callback(bool(self._sound))
