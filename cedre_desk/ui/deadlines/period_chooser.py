"""The period of a due list, chosen: this month, this quarter, the next 12 months, or a range
typed in two date fields (ui/common/date_field.py).

Choosing a ready-made period fills both fields with its days; typing another day in either
field makes it a custom period. The period is told (`period_changed`) only once both days
read and make a period (exports.calendar_events.Period: in order, not absurd); otherwise the
reason is shown under the fields and the list on screen stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from cedre_desk.errors import ValidationError
from cedre_desk.exports.calendar_events import (
    Period,
    next_twelve_months,
    this_month,
    this_quarter,
)
from cedre_desk.ui.common.date_field import DateField
from cedre_desk.ui.common.fields import FieldMessage

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
_PRESETS: dict[str, Callable[[date], Period]] = {
    MONTH: this_month, QUARTER: this_quarter, YEAR: next_twelve_months}


class PeriodChooser(QWidget):
    period_changed = Signal(object)  # the Period now chosen

    def __init__(self, today: Callable[[], date], lang: str, kind: str = YEAR,
                 custom: Period | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today, self._lang = today, lang
        self._filling = False  # the fields are being filled from a ready-made period
        self.kind = QComboBox(self)
        for value, text in ((MONTH, self.tr("This month")), (QUARTER, self.tr("This quarter")),
                            (YEAR, self.tr("The next 12 months")),
                            (CUSTOM, self.tr("Custom period"))):
            self.kind.addItem(text, value)
        self.start = DateField(today(), self, lang=lang, optional=False)
        self.end = DateField(today(), self, lang=lang, optional=False)
        self.message = FieldMessage(self)
        kind_label = QLabel(self.tr("&Period:"), self)
        kind_label.setBuddy(self.kind)
        start_label = QLabel(self.tr("&from"), self)
        start_label.setBuddy(self.start)
        end_label = QLabel(self.tr("&to"), self)
        end_label.setBuddy(self.end)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((kind_label, self.kind, start_label, self.start,
                                         end_label, self.end)):
            grid.addWidget(widget, 0, column)
        grid.addWidget(self.message, 1, 1, 1, 5)
        grid.setColumnStretch(6, 1)
        if kind == CUSTOM and custom is not None:
            self._period = custom
        else:
            kind = kind if kind in _PRESETS else YEAR
            self._period = _PRESETS[kind](today())
        self._fill(self._period)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.start.date_changed.connect(self._typed)
        self.end.date_changed.connect(self._typed)

    def period(self) -> Period | None:
        """The period last chosen that makes a period (None only before the first)."""
        return self._period

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def set_range(self, start: date, end: date) -> None:
        """A custom period from `start` to `end`, as if typed (refused the same way)."""
        self._filling = True
        try:
            self.start.set_value(start)
            self.end.set_value(end)
        finally:
            self._filling = False
        self._show_kind(CUSTOM)
        self._check()

    def _kind_chosen(self) -> None:
        kind = self.chosen_kind()
        if kind == CUSTOM:
            self.start.setFocus()  # the user means to type the days
            return
        self._fill(_PRESETS[kind](self._today()))
        self._check()

    def _fill(self, period: Period) -> None:
        self._filling = True
        try:
            self.start.set_value(period.start)
            self.end.set_value(period.end)
        finally:
            self._filling = False

    def _typed(self) -> None:
        if self._filling:
            return
        kind = self.chosen_kind()
        if kind in _PRESETS and self._days() != astuple(_PRESETS[kind](self._today())):
            self._show_kind(CUSTOM)
        self._check()

    def _show_kind(self, kind: str) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.blockSignals(False)

    def _days(self) -> tuple[date | None, date | None]:
        return self.start.value(), self.end.value()

    def _check(self) -> None:
        start, end = self._days()
        if start is None or end is None:
            return
        try:
            period = Period(start, end)
        except ValidationError as refusal:
            self.message.show_error(refusal.message(self._lang))
            return
        self.message.clear_message()
        if period != self._period:
            self._period = period
            self.period_changed.emit(period)


def astuple(period: Period) -> tuple[date, date]:
    return period.start, period.end
