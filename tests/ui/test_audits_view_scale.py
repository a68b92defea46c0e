"""The audit list on a large demo register: time to be ready, a search keystroke, a sort.

The long run (--runslow) builds a 20,000-company demo register (about 180,000 audits) and
prints its figures; its ceilings are loose (three times the targets of 150 ms for a keystroke
and a sort) so that a shared, loaded machine does not fail it, while a slide back to the
seconds a generic proxy model took would. The short run does the same on 300 companies, with
the same loose ceilings: its 150 ms ceiling failed at 154 to 362 ms on a machine loaded by
other test runs, while it measures 90 to 135 ms alone. The targets themselves are measured by
the benchmark (benchmarks/), as ratios in one run, not by a test.

    .venv/bin/python -m pytest tests/ui/test_audits_view_scale.py --runslow -s
"""

from __future__ import annotations

import statistics
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cedre_desk.services.audit_list import AuditListService
from cedre_desk.services.demo import generate_demo
from cedre_desk.ui.audits.list_view import AuditsView

TODAY = date(2026, 3, 1)
LOOSE_CEILING_MS = 450  # three times the 150 ms target: see the module's docstring
WORDS = ("solidaire", "insertion", "paris", "emploi")
# The view is shown (its repaint belongs to a keystroke); the offscreen platform then warns
# that it cannot pass size hints on, which says nothing about the program.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def measure(qtbot, db) -> dict[str, float]:
    view = AuditsView(AuditListService(db), "fr", lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    start = time.perf_counter()
    with qtbot.waitSignal(view.loaded, timeout=120_000):
        view.refresh()
    QApplication.processEvents()
    ready = time.perf_counter() - start

    def timed(action) -> float:
        begin = time.perf_counter()
        action()
        QApplication.processEvents()  # the repaint belongs to the keystroke
        return (time.perf_counter() - begin) * 1000

    keystrokes = []
    for word in WORDS:
        for n in [*range(1, len(word) + 1), *range(len(word) - 1, -1, -1)]:
            keystrokes.append(timed(lambda text=word[:n]: view.search.setText(text)))
    sorts = [timed(lambda c=column, o=order: view.table.sortByColumn(c, o))
             for column in range(view.model.columnCount())
             for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)]
    figures = {"audits": view.model.total(), "ready_s": ready,
               "keystroke_median_ms": statistics.median(keystrokes),
               "keystroke_max_ms": max(keystrokes),
               "sort_median_ms": statistics.median(sorts), "sort_max_ms": max(sorts)}
    print("\naudit list:", ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                     for k, v in figures.items()))
    return figures


def test_a_small_demo_register_is_quick(qtbot, db):
    generate_demo(db, companies=300, seed=1, today=TODAY)
    figures = measure(qtbot, db)
    assert figures["audits"] > 1000
    assert figures["keystroke_median_ms"] < LOOSE_CEILING_MS
    assert figures["sort_median_ms"] < LOOSE_CEILING_MS


@pytest.mark.slow
def test_twenty_thousand_companies_stay_smooth(qtbot, db):
    generate_demo(db, companies=20_000, seed=1, today=TODAY)
    figures = measure(qtbot, db)
    assert figures["audits"] > 150_000
    assert figures["ready_s"] < 20
    assert figures["keystroke_median_ms"] < LOOSE_CEILING_MS
    assert figures["sort_median_ms"] < LOOSE_CEILING_MS
