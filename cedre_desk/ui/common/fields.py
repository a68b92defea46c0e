"""Form pieces shared by the audit editor, the committee and the referential views: a date
field that may stay empty, and the message placed under the field a refusal names.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from cedre_desk.errors import UserError

DATE_FORMAT = "dd/MM/yyyy"  # 22/11/2026, in both languages
_EMPTY = QDate(1900, 1, 1)  # the minimum stands for "no date" (shown as a blank)
_ERROR_STYLE = "color: #b3261e;"
_WARNING_STYLE = "color: #8a5a00; font-weight: bold;"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """A date typed or picked the French way (22/11/2026)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)

    def value(self) -> date:
        return from_qdate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(to_qdate(value))


class OptionalDateEdit(DateEdit):
    """A date that may be left empty: Delete empties it; the arrows or the calendar start
    from `today` when it is empty, not from the year 1900."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText(" ")
        self.clear_value()

    def value(self) -> date | None:  # type: ignore[override]
        return None if self.date() == _EMPTY else from_qdate(self.date())

    def set_value(self, value: date | None) -> None:  # type: ignore[override]
        self.setDate(_EMPTY if value is None else to_qdate(value))

    def clear_value(self) -> None:
        self.setDate(_EMPTY)

    def stepBy(self, steps: int) -> None:
        if self.value() is None:
            self.set_value(self._today)
            return
        super().stepBy(steps)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.value() is None:
            self.calendarWidget().setSelectedDate(to_qdate(self._today))
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
                self.value() is None or self.lineEdit().selectedText() == self.text()):
            self.clear_value()
            return
        super().keyPressEvent(event)


class FieldMessage(QLabel):
    """The line under a field: a refusal in red, a warning in amber, hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setStyleSheet(_ERROR_STYLE)
        self.setText(text)
        self.show()

    def show_warning(self, text: str) -> None:
        self.setStyleSheet(_WARNING_STYLE)
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class FieldMessages:
    """Where each field's message goes; a refusal naming no known field goes to `general`."""

    def __init__(self, general: FieldMessage, lang: str) -> None:
        self.general = general
        self._lang = lang
        self._by_field: dict[str, FieldMessage] = {}
        self._widgets: dict[str, QWidget] = {}

    def add(self, field: str, message: FieldMessage, widget: QWidget | None = None) -> None:
        self._by_field[field] = message
        if widget is not None:
            self._widgets[field] = widget

    def message_for(self, field: str) -> FieldMessage:
        return self._by_field.get(field, self.general)

    def clear(self) -> None:
        self.general.clear_message()
        for message in self._by_field.values():
            message.clear_message()

    def show(self, error: UserError) -> FieldMessage:
        """Put the refusal next to its field (and the focus in the field)."""
        place = self._by_field.get(error.field or "", self.general)
        place.show_error(error.message(self._lang))
        widget = self._widgets.get(error.field or "")
        if widget is not None:
            widget.setFocus()
        return place
