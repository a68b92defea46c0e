"""Échéances: the due list of a chosen period (this month, this quarter, the next 12 months or
typed days), with what is already late, counted; printed and exported as exactly that list.

The lines are those the exported files hold (ExportService.calendar_events): what falls due
in the period, and what is late whatever its day (listed once, in the late table). Imprimer
shows the print preview of the very PDF Export writes, Exporter writes .xlsx, .pdf or .ics:
the view only asks for them (`calendar_requested`), the window's export actions do the work.
Every line opens its company (double-click or Enter).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.exports.calendar_events import CalendarEvent, Period
from cedre_desk.services.exporting import ExportService
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.background import BackgroundRunner
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.shared_statuses import SharedStatuses
from cedre_desk.ui.common.table_model import LATE, Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable
from cedre_desk.ui.deadlines.period_chooser import CUSTOM, PeriodChooser


class DeadlinesView(QWidget):
    company_requested = Signal(int)
    # The list of a period asked for: (period, "print" or a suffix: ".xlsx", ".pdf", ".ics")
    calendar_requested = Signal(object, str)
    shown = Signal()  # the lines of the latest refresh() are in the tables

    def __init__(self, runner: BackgroundRunner, lang: str, today: Callable[[], date],
                 preferences: Preferences | None = None, parent: QWidget | None = None,
                 shared: SharedStatuses | None = None) -> None:
        super().__init__(parent)
        self._runner, self._lang, self._today = runner, lang, today
        self._preferences = preferences
        self._shared = shared or SharedStatuses()
        self.events: list[CalendarEvent] | None = None
        self.title = fmt.heading(self)
        kind, custom = preferences.due_period() if preferences else (None, None)
        self.chooser = PeriodChooser(today, lang, kind or "year", custom, self)
        self.chooser.period_changed.connect(self._period_chosen)
        self.summary = QLabel(self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.export_buttons = {
            ".xlsx": QPushButton(self.tr("Export as .&xlsx…"), self),
            ".pdf": QPushButton(self.tr("Export as .p&df…"), self),
            ".ics": QPushButton(self.tr("Export as .i&cs…"), self),
        }
        self.print_button.setToolTip(self.tr("The print preview of the PDF of this list"))
        self.print_button.clicked.connect(lambda: self._ask("print"))
        for suffix, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, s=suffix: self._ask(s))
        self.late_model = RowTableModel(self._columns(late=True), self)
        self.period_model = RowTableModel(self._columns(late=False), self)
        self.late_table = DataTable(self.late_model, "deadlines-late", preferences, self)
        self.period_table = DataTable(self.period_model, "deadlines-period", preferences, self)
        for table in (self.late_table, self.period_table):
            table.row_activated.connect(lambda e: self.company_requested.emit(e.company_id))
        self.late_box = self._box(self.late_table)
        self.period_box = self._box(self.period_table)
        tables = QSplitter(Qt.Orientation.Vertical, self)
        tables.addWidget(self.late_box)
        tables.addWidget(self.period_box)
        tables.setStretchFactor(0, 1)
        tables.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.print_button)
        for button in self.export_buttons.values():
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.chooser)
        layout.addLayout(buttons)
        layout.addWidget(tables, 1)
        self._show_titles()

    def period(self) -> Period | None:
        return self.chooser.period()

    def refresh(self) -> None:
        period, today, shared = self.period(), self._today(), self._shared
        if period is None:
            return
        self._runner.run(lambda db: ExportService(db).calendar_events(
            period, today=today, statuses=shared.statuses(db, today)),
            lambda events: self.show_events(period, events), key="deadlines")

    def show_events(self, period: Period, events: list[CalendarEvent]) -> None:
        if period != self.period():
            return  # another period was chosen meanwhile: its own read follows
        self.events = events
        self.late_model.set_rows([e for e in events if e.late])
        self.period_model.set_rows([e for e in events if not e.late])  # columns: DataTable
        self._show_titles()
        self.shown.emit()

    def _period_chosen(self, period: Period) -> None:
        if self._preferences is not None:
            kind = self.chooser.chosen_kind()
            self._preferences.set_due_period(kind, period if kind == CUSTOM else None)
        self.refresh()

    def _ask(self, how: str) -> None:
        period = self.period()
        if period is not None and not self.chooser.message.isVisible():
            self.calendar_requested.emit(period, how)

    def _show_titles(self) -> None:
        self.title.setText(self.tr("Due dates on {day}").format(day=fmt.day(self._today())))
        period = self.period()
        late = self.late_model.rowCount() if self.events is not None else 0
        coming = self.period_model.rowCount() if self.events is not None else 0
        self.late_box.setTitle(self.tr("Late ({count})").format(count=fmt.number(late)))
        if period is not None:
            self.period_box.setTitle(self.tr("Due from {start} to {end} ({count})").format(
                start=fmt.day(period.start), end=fmt.day(period.end), count=fmt.number(coming)))
        if self.events is None:
            self.summary.setText(self.tr("Reading the register…"))
            return
        total = late + coming
        text = (self.tr("{count} deadlines to meet, {late} of them late") if fmt.takes_plural(total)
                else self.tr("{count} deadline to meet, {late} of them late"))
        self.summary.setText(text.format(count=fmt.number(total), late=fmt.number(late)))

    def _box(self, widget: QWidget) -> QGroupBox:
        box = QGroupBox(self)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _columns(self, *, late: bool) -> list[Column]:
        lang = self._lang
        color = (lambda _e: LATE) if late else None

        def event_text(event: CalendarEvent) -> str:
            return fmt.vocabulary(event.kind, lang) + (" *" if event.expected_session else "")

        expected = self.tr("* the date rests on a committee session not entered yet")
        return [
            Column(self.tr("Due"), lambda e: fmt.day(e.due), lambda e: e.due.toordinal(),
                   color=color),
            Column(self.tr("Delay"), lambda e: fmt.delay(e.due, self._today()),
                   lambda e: e.due.toordinal(), color=color),
            Column(self.tr("Company"), lambda e: e.company),
            Column(self.tr("Town"), lambda e: e.town),
            Column(self.tr("Event"), event_text, color=color,
                   tooltip=lambda e: expected if e.expected_session else ""),
            Column(self.tr("State"), lambda e: fmt.vocabulary(e.state, lang)),
            Column(self.tr("Scheme"), lambda e: fmt.vocabulary(e.scheme, lang)),
        ]
