"""The check of a register run beside the window's first reads.

SQLite's quick_check reads the whole file: 1.7 s for a register of 20,000 companies, longer
than everything else the window does to show it; a writer's check is the full
integrity_check, which also finds an index that no longer matches its table (quick_check
does not look). SQLite runs either without Python's GIL, so on a thread of its own it costs
the start nothing. Its verdict comes before anything is written: `Database.transaction()`
waits for it and refuses to write to a damaged register (which then stays read-only), and
the window offers the newest sound backup as soon as the check fails (ui.safety). A check
that could not run (a full disk, a vanished drive) gives no verdict but its cause (`error`),
and the first write is refused with it.

On two cores the check took the core the window's own first reads run their SQL on: it
starts once the window shows its first figures (`start_now`), or `FIRST_READS_SECONDS` after
the register opened at the latest, or as soon as something waits for its verdict.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from cedre_desk.errors import UserError
from cedre_desk.storage.integrity import check_file

Verdict = Callable[[bool | None], None]
FIRST_READS_SECONDS = 1.0  # the window's first figures take that long at most, even at 20,000


class OpeningCheck:
    """The check of `path` (quick_check, or the full one: `full`) on a thread of its own,
    started `start_within` seconds from now at the latest: sooner when `start_now()` is
    called (the window's first figures are shown) or when someone waits for the verdict."""

    def __init__(self, path: Path, *, full: bool = False, start_within: float = 0) -> None:
        self.path = path
        self.full = full
        self.error: UserError | None = None  # why the check could not run to its end
        self.problems: tuple[str, ...] = ()
        self._sound: bool | None = None
        self._go = threading.Event()
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Verdict] = []
        self._start_within = start_within
        # A daemon: a program closed during the check is not held back by it (it only reads).
        threading.Thread(target=self._run_when_due, name="cedre-desk-opening-check",
                         daemon=True).start()

    def start_now(self) -> None:
        self._go.set()

    def _run_when_due(self) -> None:
        if self._start_within > 0:
            self._go.wait(self._start_within)
        self._run()

    def _run(self) -> None:
        sound: bool | None = None
        try:
            report = check_file(self.path, full=self.full, foreign_keys=False)
            sound, self.problems = report.sound, report.problems
        except UserError as exc:
            self.error = exc
        finally:
            with self._lock:
                self._sound = sound
                self._done.set()
                callbacks, self._callbacks = self._callbacks, []
            for callback in callbacks:
                callback(sound)

    def wait(self, timeout: float | None = None) -> bool | None:
        """True: sound; False: damaged; None: not known within `timeout` seconds, or the check
        could not run (`error` says why). Waiting (not a mere look, `timeout` 0) starts a
        check not started yet."""
        if timeout is None or timeout > 0:
            self._go.set()
        self._done.wait(timeout)
        return self._sound

    def when_done(self, callback: Verdict) -> None:
        """Call `callback(sound)` once the check ended (None: it could not run, see `error`):
        at once if it has, else on the checking thread (a window hands it over to its own
        thread)."""
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
        callback(self._sound)
