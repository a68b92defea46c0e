"""How the Structures list feels on a large register: time until the list is on screen,
one search keystroke (filter + repaint), one sort of a column.

    cedre-desk-cli demo --db /tmp/demo20k.sqlite --companies 20000 --seed 1
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_companies_list.py /tmp/demo20k.sqlite

The register is opened read-only (nothing is written); settings go to a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CEDRE_DESK_HOME"] = tempfile.mkdtemp(prefix="cedre-bench-")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from cedre_desk.storage.opening import open_register
from cedre_desk.ui.main_window import COMPANIES, MainWindow

QUERIES = ("emploi", "saint", "8293", "lyon", "aide a domicile")


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def main(path: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    db = open_register(path, read_only=True)
    window = MainWindow(db, "fr")
    window.resize(1200, 760)
    window.show()
    view = window.companies_view
    # The longest the GUI thread goes without turning its event loop while loading: what
    # the user feels as a frozen window.
    ticks = [time.perf_counter()]
    gaps: list[float] = []

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - ticks[-1])
        ticks.append(now)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    start = time.perf_counter()
    window.show_view(COMPANIES)  # the read started with the window, off the GUI thread
    while not view.loaded:
        app.processEvents()
        time.sleep(0.001)
    settle(app)
    ready = time.perf_counter() - start
    timer.stop()
    rows = view.model.rowCount()

    # Wall time, and the GUI thread's own CPU time (which other programs on a busy machine
    # do not inflate).
    keystrokes, keystrokes_cpu = [], []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            t, cpu = time.perf_counter(), time.thread_time()
            view.search.setText(query[:end])  # filters, then posts the repaint
            settle(app)  # the repaint itself
            keystrokes.append(time.perf_counter() - t)
            keystrokes_cpu.append(time.thread_time() - cpu)
        view.search.clear()
        settle(app)

    sorts, sorts_cpu = [], []
    for column in range(view.model.columnCount()):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            t, cpu = time.perf_counter(), time.thread_time()
            view.table.sortByColumn(column, order)
            settle(app)
            sorts.append(time.perf_counter() - t)
            sorts_cpu.append(time.thread_time() - cpu)

    ms = lambda seconds: f"{seconds * 1000:.0f} ms"  # noqa: E731
    print(f"register: {path} ({rows} companies)")
    print(f"list on screen after opening the window: {ms(ready)} "
          f"(dashboard read at the same time); longest GUI-thread stall meanwhile: "
          f"{ms(max(gaps, default=0))}")
    print(f"search keystroke: median {ms(statistics.median(keystrokes))}, "
          f"max {ms(max(keystrokes))} ({len(keystrokes)} keystrokes); GUI-thread CPU "
          f"median {ms(statistics.median(keystrokes_cpu))}")
    print(f"sort a column: median {ms(statistics.median(sorts))}, max {ms(max(sorts))} "
          f"({len(sorts)} sorts, first sort of a column included); GUI-thread CPU median "
          f"{ms(statistics.median(sorts_cpu))}")
    print(f"machine load (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
          "cores")
    window.close()
    window.close_register()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
