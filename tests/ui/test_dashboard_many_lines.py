"""The dashboard of a big register: thousands of late lines are given to the table a page at a
time (fetched as it scrolls), the title counts them all, a sort orders them all, Enter opens
the company of the line under the cursor, End goes to the very last one; the figures are
announced (board_shown, what the companies list's read-ahead waits for) once painted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from cedre_desk.audits.vocabulary import CompanyState, EventKind
from cedre_desk.services.dashboard import Dashboard, NextSession
from cedre_desk.services.due import DueRow
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.dashboard.view import PAGE_ROWS, DashboardView

from .helpers import TODAY

LATE = 3000
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen's word on a shown view


def board(late: int = LATE) -> Dashboard:
    # Company n is n days late; names run backwards so that name order is not due order.
    rows = [DueRow(n, f"Company {LATE - n:05}", None, EventKind.FOLLOW_UP_1,
                   TODAY - timedelta(days=n), True, False, CompanyState.FOLLOW_UP_LATE, None)
            for n in range(late, 0, -1)]
    return Dashboard(today=TODAY, within_days=90, late=rows, soon=[],
                     next_session=NextSession(TODAY + timedelta(days=30), True),
                     last_session=None, ready=[],
                     counts={state: (late if state is CompanyState.FOLLOW_UP_LATE else 0)
                             for state in CompanyState})


@pytest.fixture
def view(qtbot, db):
    runner = BackgroundRunner(reader_for(db))
    dashboard = DashboardView(runner, "en", lambda: TODAY)
    qtbot.addWidget(dashboard)
    dashboard.resize(1200, 700)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    with qtbot.waitSignal(dashboard.board_shown):
        dashboard.show_board(board())
    yield dashboard
    runner.shutdown()


def companies(view: DashboardView, column: int = 2) -> list[str]:
    model = view.late_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_table_gets_a_first_page_and_the_title_counts_every_line(view):
    assert view.late_model.rowCount() == PAGE_ROWS < LATE
    assert view.late_box.title() == f"Late ({fmt.number(LATE)})"
    assert companies(view)[0] == "Company 00000"  # the oldest first: 3,000 days late


def test_scrolling_to_the_bottom_fetches_more(qtbot, view):
    bar = view.late_table.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: view.late_model.rowCount() > PAGE_ROWS)
    assert view.late_model.rowCount() == 2 * PAGE_ROWS


def test_sorting_by_a_header_sorts_every_line(qtbot, view):
    view.late_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # Company, Z to A
    assert companies(view)[:2] == ["Company 02999", "Company 02998"]
    view.late_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # Due, latest first
    assert companies(view)[0] == "Company 02999"  # 1 day late: never fetched before
    assert view.late_model.rowCount() == PAGE_ROWS


def test_enter_opens_the_company_of_the_line_after_a_sort(qtbot, view):
    view.late_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # Delay: least late first
    view.late_table.setFocus()
    view.late_table.setCurrentIndex(view.late_model.index(3, 0))
    with qtbot.waitSignal(view.company_requested) as opened:
        qtbot.keyClick(view.late_table, Qt.Key.Key_Return)
    assert opened.args == [4]  # company 4 is 4 days late


def test_end_goes_to_the_very_last_line(qtbot, view):
    view.late_table.setFocus()
    view.late_table.setCurrentIndex(view.late_model.index(0, 0))
    qtbot.keyClick(view.late_table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.late_model.rowCount() == LATE
    assert view.late_table.currentIndex().row() == LATE - 1
    with qtbot.waitSignal(view.company_requested) as opened:
        qtbot.keyClick(view.late_table, Qt.Key.Key_Return)
    assert opened.args == [1]


class PaintWatch(QObject):
    def __init__(self, view: DashboardView) -> None:
        super().__init__(view)
        self.order: list[str] = []
        view.late_table.viewport().installEventFilter(self)
        view.board_shown.connect(lambda: self.order.append("announced"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.order.append("painted")
        return False


def test_the_figures_are_announced_once_painted(qtbot, view):
    watch = PaintWatch(view)
    with qtbot.waitSignal(view.board_shown):
        view.show_board(board(10))
    assert watch.order[:1] == ["painted"] and "announced" in watch.order


def test_a_hidden_dashboard_announces_its_figures_at_once(qtbot, view):
    view.hide()
    with qtbot.waitSignal(view.board_shown, timeout=200):
        view.show_board(board(10))
