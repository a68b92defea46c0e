"""The one date field of every form: a line to type in, a button for the calendar.

A QDateEdit edits one section at a time: typing 17/11/2026 into an empty one, or over a
selected 03/12/2026, kept or mixed the old sections (issue 11). Here the text is plain text
until the user leaves the field (Tab, Enter, a click elsewhere); it is then read by
`read_typed_date` (17/11/2026, 17112026, 17/11/26, 17 nov 2026) and shown back as
17/11/2026. A day that does not exist is refused under the field with the reason; the text
stays as typed, the rest of the form untouched. An optional date may be left or made empty.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from cedre_desk.audits.date_limits import DATE_LIMITS, range_refusal
from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.typed_dates import TypedDateError, read_typed_date
from cedre_desk.ui.common.fields import FieldMessage


class _Line(QLineEdit):
    """Up and Down move the date by a day, Alt+Down or F4 opens the calendar."""

    def __init__(self, field: DateField) -> None:
        super().__init__(field)
        self._field = field

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self._field.open_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._field.step(1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)


class DateField(QWidget):
    """A typed or picked date; `value()` is None while an optional field is empty."""

    date_changed = Signal()  # the value changed (typed and left, picked, or stepped)

    def __init__(self, today: date, parent: QWidget | None = None, *, lang: str = "fr",
                 optional: bool = True, record_field: str | None = None) -> None:
        """`record_field`: the register's date this field edits ("held_on", "member_since"):
        its range is the register's one rule (DATE_LIMITS), the one the save and the import
        hold; None for a date that is no record (a period asked for)."""
        super().__init__(parent)
        self._today, self._lang, self.optional = today, lang, optional
        self.range = DATE_LIMITS.dates(today, record_field) if record_field is not None \
            else None
        self._value: date | None = None if optional else today
        self.line = _Line(self)
        self.line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        # Room for the widest date of the font and a little more: a date is never cut.
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.line.editingFinished.connect(self.commit)
        self.setFocusProxy(self.line)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip(self.tr("Pick the date in a calendar (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        if self.range is not None:
            first, last = self.range
            self.calendar.setDateRange(QDate(first.year, first.month, first.day),
                                       QDate(last.year, last.month, last.day))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)
        self.message = FieldMessage(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.message)
        self._show(self._value)

    # The value ------------------------------------------------------------------------------

    def value(self) -> date | None:
        """The date the field holds: what is typed if it reads as a date, else the last one
        accepted (the refusal under the field says why the text was not taken)."""
        try:
            typed = read_typed_date(self.line.text())
        except TypedDateError:
            return self._value
        return typed if typed is not None or self.optional else self._value

    def set_value(self, value: date | None) -> None:
        self.message.clear_message()
        self._show(value)
        self._set(value)

    def clear_value(self) -> None:
        self.set_value(None)

    def text(self) -> str:
        return self.line.text()

    def commit(self) -> bool:
        """Read the typed text; False, with the reason shown under the field, if refused."""
        try:
            typed = read_typed_date(self.line.text())
        except TypedDateError as refusal:
            self.message.show_error(refusal.message(self._lang))
            return False
        if typed is None and not self.optional:
            self.message.show_error(self.tr("A date is needed here (for instance 17/11/2026)."))
            return False
        refused = range_refusal(typed, *self.range, "", "") if self.range else None
        if refused is not None:
            self.message.show_error(refused[1] if self._lang == "en" else refused[0])
            return False
        self.message.clear_message()
        self._show(typed)
        self._set(typed)
        return True

    def refused(self) -> bool:
        """True while the text is one the field does not take (its reason shown)."""
        return not self.commit()

    def step(self, days: int) -> None:
        if self.commit():
            stepped = self._today if self._value is None else self._value + timedelta(days=days)
            if self.range is None or self.range[0] <= stepped <= self.range[1]:
                self.set_value(stepped)

    def _set(self, value: date | None) -> None:
        if value != self._value:
            self._value = value
            self.date_changed.emit()

    def _show(self, value: date | None) -> None:
        self.line.setText(format_fr(value))

    # The calendar ---------------------------------------------------------------------------

    def open_calendar(self) -> None:
        shown = self.value() or self._today
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self._menu.close()
        self.set_value(date(day.year(), day.month(), day.day()))
        self.line.setFocus()


def first_refused(fields: list[DateField]) -> DateField | None:
    """The first field whose text is refused (the focus put in it), or None if all read."""
    for field in fields:
        if field.refused():
            field.line.setFocus()
            return field
    return None
