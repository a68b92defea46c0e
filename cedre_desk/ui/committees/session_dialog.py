"""A committee session's form: its date, place, members and status; new or edited. A save
refused because someone saved the session meanwhile shows what they changed and offers to
reload it (common.stale_edit)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

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
from cedre_desk.services.agenda import AgendaService, SessionRecord
from cedre_desk.services.committees import CommitteeService
from cedre_desk.ui.common.date_field import DateField, first_refused
from cedre_desk.ui.common.discard import keep_editing
from cedre_desk.ui.common.fields import FieldMessage, FieldMessages
from cedre_desk.ui.common.formatting import day
from cedre_desk.ui.common.stale_edit import StaleEditPanel, changed_fields


class SessionDialog(QDialog):
    def __init__(self, committees: CommitteeService, agenda: AgendaService, lang: str,
                 today: date, session_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._committees, self._agenda, self._lang = committees, agenda, lang
        self.session_id = session_id
        self._version = 0
        self._record: SessionRecord | None = None  # the session as the form read it
        self._yours: SessionRecord | None = None  # the input a stale save was refused with
        self.setWindowTitle(self.tr("Committee session") if session_id
                            else self.tr("New committee session"))
        self.messages = FieldMessages(FieldMessage(self), lang)
        self.held_on = DateField(today, self, lang=lang, optional=False,
                                 record_field="held_on")
        self.place = QLineEdit(self)
        self.members = QPlainTextEdit(self)
        self.members.setPlaceholderText(self.tr("Who sits on the committee"))
        self.members.setTabChangesFocus(True)
        self.status = QComboBox(self)
        for status in SessionStatus:
            self.status.addItem(label(status, lang), status.value)
        form = QFormLayout()
        self._titles: dict[str, str] = {}  # field -> caption, for a stale save's differences
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
            self._titles[field] = caption
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save_and_close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        self.stale = StaleEditPanel(self)
        self.stale.reload_requested.connect(self.reload_from_register)
        layout.addWidget(self.stale)
        layout.addWidget(buttons)
        if session_id is None:
            self.held_on.set_value(today)
        else:
            self._fill(agenda.session(session_id))
        self._saved_form = self._form()

    @property
    def based_on(self) -> SessionRecord | None:
        """The session the form's save replaces: as first read, or as Recharger read it."""
        return self._record

    def _fill(self, record: SessionRecord) -> None:
        self._record, self._version = record, record.version
        self.held_on.set_value(record.held_on)
        self.place.setText(record.place)
        self.members.setPlainText(record.members)
        self.status.setCurrentIndex(self.status.findData(record.status.value))

    def _form(self) -> tuple[object, ...]:
        return (self.held_on.text(), self.place.text(), self.members.toPlainText(),
                self.status.currentData())

    def save(self) -> bool:
        self.messages.clear()
        self.stale.hide()
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
        except ConflictError as error:
            self._refused_as_stale(error)
            return False
        except ValidationError as error:
            self.messages.show(error)
            return False
        except UserError as error:
            self.messages.general.show_error(error.message(self._lang))
            return False
        return True

    def _refused_as_stale(self, error: ConflictError) -> None:
        """Someone saved this session since the form read it: what they changed, beside
        what the form holds; nothing written."""
        assert self._record is not None and self.session_id is not None
        try:
            theirs = self._agenda.session(self.session_id)
        except UserError as gone:  # deleted meanwhile: nothing to reload
            self.messages.general.show_error(gone.message(self._lang))
            return
        self._yours = replace(
            self._record, held_on=self.held_on.value(), place=self.place.text(),
            members=self.members.toPlainText(),
            status=SessionStatus(self.status.currentData()))
        self.stale.show_refusal(error.message(self._lang), changed_fields(
            self._record, theirs, self._yours, self._titles, self._shown))

    def reload_from_register(self) -> None:
        """Recharger: the form takes the register's values and version; the user's input
        for what the other save changed stays listed, to apply again before saving."""
        assert self._record is not None and self.session_id is not None
        try:
            theirs = self._agenda.session(self.session_id)
        except UserError as gone:
            self.messages.general.show_error(gone.message(self._lang))
            return
        read = self._record
        yours = self._yours if self._yours is not None else read
        self._fill(theirs)
        self._saved_form = self._form()
        self.messages.clear()
        self.stale.show_reloaded(changed_fields(read, theirs, yours, self._titles,
                                                self._shown))

    def _shown(self, key: str, value: Any) -> str:
        if isinstance(value, SessionStatus):
            return label(value, self._lang)
        if isinstance(value, date):
            return day(value)
        return "" if value is None else str(value)

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def reject(self) -> None:
        """Cancel or Escape: typed input is not thrown away without asking."""
        if self._form() != self._saved_form and keep_editing(
                self, self.tr("Discard the changes made to this session?")):
            return
        super().reject()
