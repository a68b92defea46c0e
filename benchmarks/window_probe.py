"""The window, started as the user starts it, watched from inside its own event loop.

    python -m benchmarks.window_probe empty --result FILE
    python -m benchmarks.window_probe stack --result FILE
    python -m benchmarks.window_probe app --db REGISTER --result FILE
    python -m benchmarks.window_probe lists --db REGISTER --runs N --result FILE

`empty`: a process that only shows an empty QMainWindow (the baseline). `stack`: the same
after importing the fixed stack's data layer (SQLModel, which brings SQLAlchemy and its ORM):
the floor under any window of this stack that shows data, measured for the record. `app`: the
program's own window start (`cedre_desk.__main__.main()` reading `cedre-desk --db REGISTER`
from sys.argv, as the launcher runs it); then the Structures and Audits views are opened and
loaded in turn, so that the process's peak memory is the window's with the big register in
every list. `lists`: the same start, then keystrokes and sorts in the companies and audits
lists, against a plain Python filter and sort of the same rows.

"Ready" is the moment the window is on screen (exposed) with the data of the view it opens on
loaded, then painted (one synchronous repaint): the window's `is_ready()` when it has one;
otherwise the view shown says it has its data (`is_loading()`, `loaded` or `board`), or, for a
view that does not say, the window's background runner has nothing pending. Lists read ahead
in the background for other views are not waited for (the "every list loaded" time is
measured apart). The empty window is ready on the same terms (exposed, repainted).
Times are CLOCK_MONOTONIC, shared by every process, so the parent measures from just
before it started this process.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import run_delay

POLL_MS = 5
LOAD_TIMEOUT_S = 600
COMPANIES, AUDITS = 1, 2  # the main window's tab numbers
SEARCH_FIELDS = ("name", "owner", "siret", "town")  # what a list's search looks into
WORD_LETTERS = 6  # a search typed letter by letter, up to this many letters


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("empty", "stack", "app", "lists"))
    parser.add_argument("--db")  # a register file, or a server's URL
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args()
    if args.mode in ("empty", "stack"):
        return _empty(args.result, with_stack=args.mode == "stack")
    return _app(args)


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, default=str))


# --- the baseline: an empty main window -----------------------------------------------------


def _empty(result: Path, *, with_stack: bool = False) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    if with_stack:
        import sqlalchemy.orm  # noqa: F401
        import sqlmodel  # noqa: F401

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 760)
    window.show()

    def check() -> None:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            window.repaint()
            _write(result, {"ready_monotonic": time.monotonic(),
                            "ready_cpu_s": time.process_time(), "ready_waited_s": run_delay()})
            app.exit(0)
        else:
            QTimer.singleShot(POLL_MS, check)

    QTimer.singleShot(0, check)
    return app.exec()


# --- the program's window ---------------------------------------------------------------------


class Probe:
    def __init__(self, args: argparse.Namespace, app: Any) -> None:
        self.args, self.app = args, app
        self.data: dict[str, Any] = {}
        self.window: Any = None

    def find_window(self) -> Any:
        for widget in self.app.topLevelWidgets():
            if type(widget).__name__ == "MainWindow" and widget.isVisible():
                return widget
        return None

    def idle(self) -> bool:
        runner = getattr(self.window, "runner", None)
        return runner is None or runner.pending() == 0

    def view_loaded(self, view: Any) -> bool:
        """True once `view` has its data; where the view does not tell, once the window's
        background runner has nothing left to do."""
        state = loading_state(view)
        return self.idle() if state is None else state

    def ready(self) -> bool:
        window = self.window
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            return False
        if callable(getattr(window, "is_ready", None)):
            return bool(window.is_ready())
        return self.view_loaded(window.current_view())

    def settle(self, done: Any, timeout: float = LOAD_TIMEOUT_S, *, idle: bool = True) -> bool:
        """Process events until `done()` (and the runner is idle); False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            self.app.processEvents()
            if (self.idle() or not idle) and done():
                self.app.processEvents()
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.0005)

    def readiness(self) -> str:
        if hasattr(self.window, "is_ready"):
            return "the window's is_ready()"
        view = self.window.current_view()
        if loading_state(view) is None:
            return f"{type(view).__name__} says nothing: the window's runner idle"
        return f"{type(view).__name__} loaded (its data in the model), then repainted"

    def check(self) -> None:
        from PySide6.QtCore import QTimer

        self.window = self.window or self.find_window()
        if self.window is None or not self.ready():
            QTimer.singleShot(POLL_MS, self.check)
            return
        self.window.repaint()
        self.data.update(ready_monotonic=time.monotonic(), ready_cpu_s=time.process_time(),
                         ready_waited_s=run_delay(), ready_memory=_memory(),
                         readiness=self.readiness())
        try:
            if self.args.mode == "app":
                self.load_every_list()
            else:
                self.measure_lists()
        except Exception as exc:
            import traceback

            self.data["error"] = repr(exc)
            self.data["traceback"] = traceback.format_exc()[-3000:]
        _write(self.args.result, self.data)
        self.app.exit(0)

    # The views ---------------------------------------------------------------------------

    def open_view(self, number: int) -> tuple[Any, str | None]:
        """Show view `number` and wait for its data; (view, None) or (None, why not)."""
        window = self.window
        window.show_view(number)
        view = window.current_view()
        if type(view).__name__ == "UnavailableView":
            return None, f"{type(view).__name__}: the view is not in the program yet"
        if not self.settle(lambda: self.view_loaded(view) and _table(view) is not None,
                           idle=False):
            return None, "the view did not load in time"
        return view, None

    def load_every_list(self) -> None:
        start = time.monotonic()
        for name, number in (("companies", COMPANIES), ("audits", AUDITS)):
            view, why = self.open_view(number)
            table = _table(view) if view is not None else None
            self.data[f"{name}_loaded"] = {
                "available": view is not None, "reason": why,
                "after_ready_s": round(time.monotonic() - start, 3), "memory": _memory(),
                "rows": _row_total(table.model()) if table is not None else None}
        self.data["all_loaded_monotonic"] = time.monotonic()

    def measure_lists(self) -> None:
        for name, number in (("companies", COMPANIES), ("audits", AUDITS)):
            view, why = self.open_view(number)
            if view is None:
                self.data[name] = {"available": False, "reason": why}
                continue
            self.data[name] = self.measure_list(view)

    def measure_list(self, view: Any) -> dict[str, Any]:
        from PySide6.QtWidgets import QLineEdit

        search = getattr(view, "search", None)
        if not isinstance(search, QLineEdit):
            edits = view.findChildren(QLineEdit)
            search = edits[0] if edits else None
        samples: dict[str, list[float]] = {key: [] for key in (
            f"{action}_{clock}" for action in ("keystroke", "sort", "plain_filter", "plain_sort")
            for clock in ("wall", "net", "cpu"))}
        rows: list[Any] = []
        word = ""
        for run in range(self.args.runs):
            if run and hasattr(view, "refresh"):  # run 0 works on the load that opened it
                view.refresh()
            # Nothing else running (a list read ahead in the background...) while timing.
            self.settle(lambda v=view: self.view_loaded(v))
            rows, word = self.one_run(view, search, samples)
        return {"available": True, "rows": len(rows), "search_field": search is not None,
                "word": word or None, "samples": samples}

    def one_run(self, view: Any, search: Any, samples: dict[str, list[float]],
                ) -> tuple[list[Any], str]:
        """Type a word letter by letter and clear it, click every column's header; then the
        plain Python filter and sort of the same rows, as many times."""
        from PySide6.QtCore import Qt

        table = _table(view)
        model = table.model()
        rows = _plain_rows(model)
        word = _search_word(rows)
        typed = [word[:n] for n in range(1, len(word) + 1)] + [""]

        def settle() -> None:
            self.settle(lambda: True)

        if search is not None:
            for text in typed:
                _timed(samples, "keystroke", lambda t=text: search.setText(t), settle)
        columns = range(model.columnCount())
        for column in columns:
            _timed(samples, "sort",
                   lambda c=column: table.sortByColumn(c, Qt.SortOrder.DescendingOrder), settle)
        fields = [i for i, name in enumerate(getattr(rows[0], "_fields", ()))
                  if name in SEARCH_FIELDS] if rows else []
        for text in typed:
            _timed(samples, "plain_filter", lambda t=text: _plain_filter(rows, fields, t))
        keys = _sort_fields(rows)
        for column in columns:
            if keys:
                field = keys[column % len(keys)]
                _timed(samples, "plain_sort", lambda f=field: _plain_sort(rows, f))
        if search is not None:
            search.setText("")
            settle()
        return rows, word


def _memory() -> dict[str, float]:
    """Resident memory now and at its peak so far (MB), from /proc/self/status."""
    found = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                found["rss_mb" if line.startswith("VmRSS") else "peak_mb"] = round(
                    int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return found


def loading_state(view: Any) -> bool | None:
    """Whether `view` has its data, when it tells: `is_loading()`, a `loaded` flag, or the
    dashboard's `board`; None when it does not tell."""
    is_loading = getattr(view, "is_loading", None)
    if callable(is_loading):
        return not is_loading()
    loaded = getattr(view, "loaded", None)
    if isinstance(loaded, bool):
        return loaded
    if hasattr(view, "board"):
        return view.board is not None
    return None


def _timed(samples: dict[str, list[float]], name: str, action: Any,
           settle: Any = None) -> None:
    wall, cpu, waited = time.perf_counter(), time.process_time(), run_delay()
    action()
    if settle is not None:
        settle()
    samples[f"{name}_cpu"].append(time.process_time() - cpu)
    elapsed = time.perf_counter() - wall
    samples[f"{name}_wall"].append(elapsed)
    samples[f"{name}_net"].append(max(0.0, elapsed - (run_delay() - waited)))


def _table(view: Any) -> Any:
    """The view's main table: the one with the most rows."""
    from PySide6.QtWidgets import QTableView

    if view is None:
        return None
    tables = [t for t in view.findChildren(QTableView) if t.model() is not None]
    return max(tables, key=lambda t: t.model().rowCount(), default=None)


def _row_total(model: Any) -> int:
    """Every row the model holds, also those not handed to the view yet (paged models)."""
    matching = getattr(model, "matching", None)
    return int(matching()) if callable(matching) else int(model.rowCount())


def _plain_rows(model: Any) -> list[Any]:
    """The rows behind the table: the model's own when it keeps them, else the texts shown."""
    if callable(getattr(model, "rows", None)):
        return list(model.rows())
    if callable(getattr(model, "row_at", None)) and callable(getattr(model, "matching", None)):
        return [model.row_at(r) for r in range(model.matching())]  # nothing filtered: all
    return [tuple(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def _search_word(rows: list[Any]) -> str:
    """A word many rows contain (the most frequent word of five letters or more in their
    names), its first letters typed one by one."""
    from collections import Counter

    words: Counter[str] = Counter()
    for row in rows[:5000]:
        text = getattr(row, "name", None) or getattr(row, "owner", None) or str(row[0])
        words.update(w for w in str(text).casefold().split() if len(w) >= 5 and w.isalpha())
    return (words.most_common(1)[0][0] if words else "associ")[:WORD_LETTERS]


def _plain_filter(rows: list[Any], fields: list[int], text: str) -> list[Any]:
    needle = text.casefold()
    if not needle:
        return list(rows)
    return [r for r in rows if any(r[i] and needle in r[i].casefold() for i in fields)]


def _sort_fields(rows: list[Any]) -> list[int]:
    if not rows:
        return []
    return [i for i, value in enumerate(rows[0]) if isinstance(value, str | int | float)
            or hasattr(value, "toordinal")]


def _plain_sort(rows: list[Any], field: int) -> list[Any]:
    sample = rows[0][field]
    if isinstance(sample, str):
        return sorted(rows, key=lambda r: (r[field] or "").casefold(), reverse=True)
    return sorted(rows, key=lambda r: (r[field] is None, r[field]), reverse=True)


def _app(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])  # the window start reuses it; the probe needs its timer
    probe = Probe(args, app)
    QTimer.singleShot(0, probe.check)
    from cedre_desk.__main__ import main as start_window

    # As the `cedre-desk` launcher calls it: main() reading its command line from sys.argv.
    sys.argv = ["cedre-desk", "--db", str(args.db)]
    code = start_window()
    if "ready_monotonic" not in probe.data:
        _write(args.result, {"error": f"the window closed before it was ready ({code})"})
    return code


if __name__ == "__main__":
    raise SystemExit(main())
