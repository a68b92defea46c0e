"""Tableau de bord, the home page: late first (red), then what falls due soon (amber), the
next committee session and the files ready for it, and the companies counted by state.
Every line opens its company (double-click or Enter); a state opens the list filtered on it.

At 20,000 companies the late list alone is thousands of lines: the tables are given their first
page and fetch more as they scroll (table_model's paging); the box titles give the full
counts, and a sort orders every line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import CompanyState
from cedre_desk.services.dashboard import Dashboard, DashboardService, ReadyFile
from cedre_desk.services.due import DueRow
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.background import BackgroundRunner
from cedre_desk.ui.common.preferences import MAX_HORIZON, MIN_HORIZON, Preferences
from cedre_desk.ui.common.shared_statuses import SharedStatuses
from cedre_desk.ui.common.table_model import LATE, SOON, Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable
from cedre_desk.ui.dashboard.first_start import FirstStartPanel

PAGE_ROWS = 100  # lines given to a table at once: a few screenfuls
# board_shown waits for the figures to be painted, then this long: what is read after it
# (the companies list read ahead) does not hold the first paint, nor the first moments after.
AFTER_PAINT_MS = 50
PAINT_WAIT_MS = 1000  # not painted by then (a minimised window): announced all the same


class DashboardView(QWidget):
    company_requested = Signal(int)
    state_requested = Signal(str)  # a CompanyState value: show the companies in that state
    board_shown = Signal()  # the figures of the latest refresh() are in the tables, painted

    def __init__(self, runner: BackgroundRunner, lang: str, today: Callable[[], date],
                 preferences: Preferences | None = None, parent: QWidget | None = None,
                 shared: SharedStatuses | None = None,
                 first_start_slots: Mapping[str, Callable[[], object]] | None = None,
                 read_now: bool = False) -> None:
        super().__init__(parent)
        self._runner, self._lang, self._today = runner, lang, today
        self._preferences = preferences
        self._days: int | None = None  # the horizon set here, when no preferences are kept
        self._shared = shared or SharedStatuses()
        self.board: Dashboard | None = None
        if read_now:
            # The read starts before the widgets are made: its SQL (most of it at 20,000
            # companies) runs on the worker while they are, and the figures come through
            # the event loop, once the tables exist.
            self.refresh()
        self.title = fmt.heading(self)
        self.horizon_label = QLabel(self)
        self.horizon = QSpinBox(self)
        self.horizon.setRange(MIN_HORIZON, MAX_HORIZON)
        self.horizon.setValue(90)
        self.horizon.setKeyboardTracking(False)  # typed "120" is one change, not three
        self.horizon_label.setBuddy(self.horizon)
        self.horizon.valueChanged.connect(self._horizon_set)
        self.late_model = RowTableModel(self._due_columns(late=True), self, page_rows=PAGE_ROWS)
        self.soon_model = RowTableModel(self._due_columns(late=False), self, page_rows=PAGE_ROWS)
        self.ready_model = RowTableModel(self._ready_columns(), self, page_rows=PAGE_ROWS)
        self.counts_model = RowTableModel(self._count_columns(), self)
        self.late_table = DataTable(self.late_model, "dashboard-late", preferences, self)
        self.soon_table = DataTable(self.soon_model, "dashboard-soon", preferences, self)
        self.ready_table = DataTable(self.ready_model, "dashboard-ready", preferences, self)
        self.counts_table = DataTable(self.counts_model, "dashboard-counts", preferences, self,
                                      sort_column=None)
        for table in (self.late_table, self.soon_table):
            table.row_activated.connect(lambda row: self.company_requested.emit(row.company_id))
        self.ready_table.row_activated.connect(self._open_ready)
        self.counts_table.row_activated.connect(lambda row: self.state_requested.emit(row[0]))
        self.late_box = self._box(self.late_table)
        self.soon_box = self._box(self.soon_table)
        self.session_label = QLabel(self)
        self.session_label.setWordWrap(True)
        self.session_box = self._box(self.session_label, self.ready_table)
        self.counts_box = self._box(self.counts_table)
        self.counts_box.setTitle(self.tr("Companies by state"))
        # late Le Cap plan actions
        self.cap_model = RowTableModel(self._cap_columns(), self, page_rows=PAGE_ROWS)
        self.cap_table = DataTable(self.cap_model, "dashboard-cap", preferences, self)
        self.cap_table.row_activated.connect(
            lambda row: row.company_id is not None and self.company_requested.emit(row.company_id))
        self.cap_box = self._box(self.cap_table)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.late_box)
        left.addWidget(self.soon_box)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.session_box)
        right.addWidget(self.counts_box)
        right.addWidget(self.cap_box)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(left)
        main.addWidget(right)
        main.setStretchFactor(0, 1)
        main.setStretchFactor(1, 1)
        self._splitter = main
        self._sized = False
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.horizon_label)
        top.addWidget(self.horizon)
        # The empty register's panel, in place of the tables: made the first time a register
        # is found empty (most starts never show it; its buttons were a tenth of the
        # dashboard's making), its buttons wired to `first_start_slots` (signal -> slot).
        self._first_start: FirstStartPanel | None = None
        self._first_start_slots = dict(first_start_slots or {})
        self._read_only_reason: str | None = None
        self._layout = layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(main, 1)
        self._show_titles(None)
        self._announce = QTimer(self)  # board_shown, once the figures are painted
        self._announce.setSingleShot(True)
        self._announce.timeout.connect(self.board_shown)
        self._awaiting_paint = False
        self.late_table.viewport().installEventFilter(self)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:  # once the width is known: the due lists get 55 % of it
            self._sized = True
            width = max(self.width(), 100)
            self._splitter.setSizes([width * 55 // 100, width * 45 // 100])
        super().showEvent(event)

    @property
    def first_start(self) -> FirstStartPanel:
        """The empty register's panel (hidden until the register is found empty)."""
        if self._first_start is None:
            panel = self._first_start = FirstStartPanel(self)
            panel.hide()
            self._layout.addWidget(panel, 1)
            for signal_name, slot in self._first_start_slots.items():
                getattr(panel, signal_name).connect(slot)
            panel.set_read_only(self._read_only_reason)
        return self._first_start

    def set_read_only(self, reason: str | None) -> None:
        """The first start's offers that would write, off in a read-only register."""
        self._read_only_reason = reason
        if self._first_start is not None:
            self._first_start.set_read_only(reason)

    def refresh(self) -> None:
        today, shared = self._today(), self._shared
        # The user's own horizon (Preferences), else the register's setting (90 days).
        days = self._preferences.dashboard_horizon() if self._preferences else self._days
        self._runner.run(lambda db: DashboardService(db).summary(
            today, days, statuses=shared.statuses(db, today)), self.show_board, key="dashboard")

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self.late_model.set_rows(board.late)
        self.soon_model.set_rows(board.soon)
        self.ready_model.set_rows(board.ready)
        self.counts_model.set_rows([(state.value, count) for state, count in board.counts.items()])
        self.cap_model.set_rows(board.cap_late)
        self._show_titles(board)
        empty = not any(board.counts.values())
        self._splitter.setVisible(not empty)
        if empty or self._first_start is not None:
            self.first_start.setVisible(empty)
        self.horizon.blockSignals(True)
        self.horizon.setValue(board.within_days)
        self.horizon.blockSignals(False)
        self._announce_when_painted()

    def _announce_when_painted(self) -> None:
        if self.late_table.isVisible():
            self._awaiting_paint = True
            self._announce.start(PAINT_WAIT_MS)
        else:  # nothing to paint (the first start's panel, or another view shown)
            self._awaiting_paint = False
            self._announce.stop()
            self.board_shown.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._awaiting_paint and event.type() == QEvent.Type.Paint:
            self._awaiting_paint = False
            self._announce.start(AFTER_PAINT_MS)
        return False

    def _horizon_set(self, days: int) -> None:
        """Another horizon typed: kept in the user's preferences (a read-only register or a
        reader's role on a server must not stop it), then the dashboard reads again."""
        if self.board is not None and days != self.board.within_days:
            self._days = days
            if self._preferences is not None:
                self._preferences.set_dashboard_horizon(days)
            self.refresh()

    def _show_titles(self, board: Dashboard | None) -> None:
        today = board.today if board else self._today()
        self.title.setText(self.tr("Dashboard on {day}").format(day=fmt.day(today)))
        late = len(board.late) if board else 0
        soon = len(board.soon) if board else 0
        days = board.within_days if board else 90
        self.horizon_label.setText(self.tr("&Horizon:"))
        self.horizon.setSuffix(self.tr(" days"))
        self.late_box.setTitle(self.tr("Late ({count})").format(count=fmt.number(late)))
        self.soon_box.setTitle(self.tr("Due within {days} days ({count})").format(
            days=days, count=fmt.number(soon)))
        self.session_box.setTitle(self.tr("Next certification committee"))
        self.cap_box.setTitle(self.tr("Le Cap actions late ({count})").format(
            count=fmt.number(len(board.cap_late) if board else 0)))
        if board is None:
            self.session_label.setText(self.tr("Reading the register…"))
            return
        session = board.next_session
        if session.expected:
            when = self.tr("expected in {month} (no session entered yet)").format(
                month=fmt.month_and_year(session.on))
        else:
            when = fmt.weekday_and_day(session.on)
            if session.place:
                when = self.tr("{day}, {place}").format(day=when, place=session.place)
        ready = sum(1 for f in board.ready if f.file.ready)
        self.session_label.setText(
            self.tr("{when}: {files} file(s) on the agenda, {ready} with the report sent.")
            .format(when=when, files=len(board.ready), ready=ready))

    def _cap_columns(self) -> list[Column]:
        return [
            Column(self.tr("Deadline"), lambda a: fmt.day(a.due_on), lambda a: a.due_on.toordinal(),
                   color=lambda _a: LATE),
            Column(self.tr("Company"), lambda a: a.subject),
            Column(self.tr("Action"), lambda a: a.text),
            Column(self.tr("Owner"), lambda a: a.owner),
        ]

    def _box(self, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(self)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def _open_ready(self, ready: ReadyFile) -> None:
        if ready.company_id is not None:
            self.company_requested.emit(ready.company_id)

    # Columns ------------------------------------------------------------------------------

    def _due_columns(self, *, late: bool) -> list[Column]:
        lang = self._lang
        color = (lambda _row: LATE) if late else (lambda _row: SOON)

        def event(row: DueRow) -> str:
            return fmt.vocabulary(row.event, lang) + (" *" if row.expected_session else "")

        expected = self.tr("* the date rests on a committee session not entered yet")
        return [
            Column(self.tr("Due"), lambda r: fmt.day(r.due), lambda r: r.due.toordinal(),
                   color=color),
            Column(self.tr("Delay"), lambda r: fmt.delay(r.due, self._today()),
                   lambda r: r.due.toordinal(), color=color),
            Column(self.tr("Company"), lambda r: r.company),
            Column(self.tr("Event"), event, color=color,
                   tooltip=lambda r: expected if r.expected_session else ""),
            Column(self.tr("State"), lambda r: fmt.vocabulary(r.state, lang)),
        ]

    def _ready_columns(self) -> list[Column]:
        lang = self._lang
        return [
            Column(self.tr("Company or group"), lambda r: r.file.owner),
            Column(self.tr("Audit"), lambda r: fmt.vocabulary(r.file.audit_kind, lang)),
            Column(self.tr("Done on"), lambda r: fmt.day(r.file.done_on),
                   lambda r: fmt.day_key(r.file.done_on)),
            Column(self.tr("Report"),
                   lambda r: self.tr("sent") if r.file.ready else self.tr("not sent yet"),
                   color=lambda r: None if r.file.ready else SOON),
            Column(self.tr("Major NC"), lambda r: str(r.file.major_nc),
                   lambda r: r.file.major_nc, align_right=True),
            Column(self.tr("Minor NC"), lambda r: str(r.file.minor_nc),
                   lambda r: r.file.minor_nc, align_right=True),
        ]

    def _count_columns(self) -> list[Column]:
        lang = self._lang
        order = {state.value: number for number, state in enumerate(CompanyState)}
        return [
            Column(self.tr("State"), lambda r: fmt.vocabulary(CompanyState(r[0]), lang),
                   lambda r: order[r[0]]),
            Column(self.tr("Companies"), lambda r: fmt.number(r[1]), lambda r: r[1],
                   align_right=True),
        ]
