"""Form pieces shared by the audit editor, the committee and the referential views: the
message placed under the field a refusal names (the date field is in date_field.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from cedre_desk.errors import UserError

_ERROR_STYLE = "color: #b3261e;"
_WARNING_STYLE = "color: #8a5a00; font-weight: bold;"


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
