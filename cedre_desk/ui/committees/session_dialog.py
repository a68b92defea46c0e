"""A committee session's form: its date, place, members and status; new or edited."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import SessionStatus, label
from cedre_desk.errors import ConflictError, UserError, ValidationError
from cedre_desk.services.agenda import AgendaService
from cedre_desk.services.committees import CommitteeService
from cedre_desk.ui.common.date_field import DateField, first_refused
from cedre_desk.ui.common.discard import keep_editing
from cedre_desk.ui.common.fields import FieldMessage, FieldMessages


class SessionDialog(QDialog):
    def __init__(self, committees: CommitteeService, agenda: AgendaService, lang: str,
                 today: date, session_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._committees, self._lang = committees, lang
        self.session_id = session_id
        self._version = 0
        self.setWindowTitle(self.tr("Committee session") if session_id
                            else self.tr("New committee session"))
        self.messages = FieldMessages(FieldMessage(self), lang)
        self.held_on = DateField(today, self, lang=lang, optional=False)
        self.place = QLineEdit(self)
        self.members = QPlainTextEdit(self)
        self.members.setPlaceholderText(self.tr("Who sits on the committee"))
        self.members.setTabChangesFocus(True)
        self.status = QComboBox(self)
        for status in SessionStatus:
            self.status.addItem(label(status, lang), status.value)
        form = QFormLayout()
        for field, caption, widget in (("held_on", self.tr("Date"), self.held_on),
                                       ("place", self.tr("Place"), self.place),
                                       ("members", self.tr("Members"), self.members),
                                       ("status", self.tr("Status"), self.status)):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            message = FieldMessage(box)
            column.addWidget(message)
            self.messages.add(field, message, widget)
            form.addRow(caption, box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save_and_close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if session_id is None:
            self.held_on.set_value(today)
        else:
            record = agenda.session(session_id)
            self._version = record.version
            self.held_on.set_value(record.held_on)
            self.place.setText(record.place)
            self.members.setPlainText(record.members)
            self.status.setCurrentIndex(self.status.findData(record.status.value))
        self._saved_form = self._form()

    def _form(self) -> tuple[object, ...]:
        return (self.held_on.text(), self.place.text(), self.members.toPlainText(),
                self.status.currentData())

    def save(self) -> bool:
        self.messages.clear()
        if first_refused([self.held_on]) is not None:
            return False  # the reason is under the date; nothing typed is lost
        status = SessionStatus(self.status.currentData())
        try:
            if self.session_id is None:
                self.session_id = self._committees.create_session(
                    self.held_on.value(), self.place.text(), self.members.toPlainText(),
                    status)
            else:
                self._version = self._committees.update_session(
                    self.session_id, self.held_on.value(), self.place.text(),
                    self.members.toPlainText(), status, self._version)
        except (ValidationError, ConflictError) as error:
            self.messages.show(error)
            return False
        except UserError as error:
            self.messages.general.show_error(error.message(self._lang))
            return False
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def reject(self) -> None:
        """Cancel or Escape: typed input is not thrown away without asking."""
        if self._form() != self._saved_form and keep_editing(
                self, self.tr("Discard the changes made to this session?")):
            return
        super().reject()
