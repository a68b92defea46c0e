"""Add or edit a company. The service checks the input; a refusal is shown next to the field
it names (ValidationError.field) and the dialog stays open with everything typed kept. A save
refused because someone saved the company meanwhile shows what they changed and offers to
reload it (common.stale_edit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.dates import format_fr
from cedre_desk.audits.typed_dates import TypedDateError, read_typed_date
from cedre_desk.audits.vocabulary import LegalType
from cedre_desk.errors import ConflictError, UserError, ValidationError
from cedre_desk.services.companies import CompanyInput, CompanyRecord, CompanyService
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.discard import keep_editing
from cedre_desk.ui.common.stale_edit import StaleEditPanel, changed_fields
from cedre_desk.ui.common.table_model import fold

# The federation's regional branches (DOMAIN.md); the register's own regions are added.
REGIONS = (
    "Aquitaine", "Auvergne", "Basse-Normandie", "Bretagne", "Centre-Limousin", "Franche-Comté",
    "Haute-Normandie", "Île-de-France", "Midi-Pyrénées", "Nord-Pas-de-Calais", "PACA-Corse",
    "Pays de la Loire", "Poitou-Charentes", "Rhône-Alpes", "La Réunion-Mayotte", "Guadeloupe",
    "Guyane", "Martinique",
)
ERROR_STYLE = "color: #b3261e;"


class CompanyDialog(QDialog):
    def __init__(self, service: CompanyService, lang: str, record: CompanyRecord | None = None,
                 regions: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self._lang, self._record = service, lang, record
        self.company_id: int | None = record.id if record else None
        self.before: CompanyInput | None = record.data if record else None
        self.after: CompanyInput | None = None
        self.version: int | None = record.version if record else None
        self._yours: CompanyInput | None = None  # the input a stale save was refused with
        self.setWindowTitle(self.tr("Edit the company") if record else self.tr("New company"))
        self.name = QLineEdit(self)
        self.type_boxes = {t: QCheckBox(fmt.legal_type(t.value), self) for t in LegalType}
        self.siret = QLineEdit(self)
        self.siret.setPlaceholderText(self.tr("14 digits"))
        self.region = QComboBox(self)
        self.region.setEditable(True)
        self.region.addItems(sorted({"", *REGIONS, *regions}, key=fold))
        self.department = QLineEdit(self)
        self.department.setMaxLength(5)
        self.department.setPlaceholderText(self.tr("e.g. 13, 2A, 974"))
        self.town = QLineEdit(self)
        self.contact_name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.member_since = QLineEdit(self)
        self.member_since.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.active = QCheckBox(self.tr("Active member"), self)
        self.active.setChecked(True)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        types = QWidget(self)
        grid = QGridLayout(types)
        grid.setContentsMargins(0, 0, 0, 0)
        for number, box in enumerate(self.type_boxes.values()):
            grid.addWidget(box, number // 4, number % 4)
        self.fields: dict[str, QWidget] = {
            "name": self.name, "legal_types": types, "siret": self.siret,
            "region": self.region, "department": self.department, "town": self.town,
            "contact_name": self.contact_name, "email": self.email, "phone": self.phone,
            "member_since": self.member_since, "active": self.active, "notes": self.notes,
        }
        self.titles = titles = {
            "name": self.tr("Name"), "legal_types": self.tr("Legal types"),
            "siret": self.tr("SIRET"), "region": self.tr("Region"),
            "department": self.tr("Department"), "town": self.tr("Town"),
            "contact_name": self.tr("Contact"), "email": self.tr("E-mail"),
            "phone": self.tr("Phone"), "member_since": self.tr("Member since"),
            "active": self.tr("Active member"), "notes": self.tr("Notes"),
        }
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        for key, widget in self.fields.items():
            cell = QWidget(self)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            error = self.errors[key] = QLabel(cell)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            column.addWidget(error)
            form.addRow("" if key == "active" else titles[key], cell)
        self.general_error = QLabel(self)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        self.stale = StaleEditPanel(self)
        self.stale.reload_requested.connect(self.reload_from_register)
        layout.addWidget(self.stale)
        layout.addWidget(self.buttons)
        if record is not None:
            self._fill(record.data)
        else:
            self.type_boxes[LegalType.AI].setChecked(True)
        self.resize(560, self.sizeHint().height())
        self._shown_form = self._form()

    def _form(self) -> tuple[object, ...]:
        """Everything typed or ticked, as shown (compared to tell a changed form)."""
        return (*(w.text() for w in (self.name, self.siret, self.department, self.town,
                                     self.contact_name, self.email, self.phone,
                                     self.member_since)),
                self.region.currentText(), self.notes.toPlainText(), self.active.isChecked(),
                *(box.isChecked() for box in self.type_boxes.values()))

    def reject(self) -> None:
        """Cancel or Escape: typed input is not thrown away without asking."""
        if self._form() != self._shown_form and keep_editing(
                self, self.tr("Discard the changes made to this company?")):
            return
        super().reject()

    def _fill(self, data: CompanyInput) -> None:
        self.name.setText(data.name)
        for legal_type, box in self.type_boxes.items():
            box.setChecked(legal_type in data.legal_types)
        self.siret.setText(data.siret or "")
        self.region.setCurrentText(data.region)
        self.department.setText(data.department)
        self.town.setText(data.town)
        self.contact_name.setText(data.contact_name)
        self.email.setText(data.email)
        self.phone.setText(data.phone)
        self.member_since.setText(format_fr(data.member_since))
        self.active.setChecked(data.active)
        self.notes.setPlainText(data.notes)

    def input(self) -> CompanyInput:
        """What the form holds; a date that is not one raises ValidationError on its field."""
        try:  # typed as in every date field: 17/11/2026, 17112026, 17/11/26, 17 nov 2026
            since = read_typed_date(self.member_since.text())
        except TypedDateError as refusal:
            raise ValidationError(refusal.fr, refusal.en, field="member_since") from None
        return CompanyInput(
            name=self.name.text(),
            legal_types=tuple(t for t, box in self.type_boxes.items() if box.isChecked()),
            siret=self.siret.text() or None, region=self.region.currentText().strip(),
            department=self.department.text(), town=self.town.text(),
            contact_name=self.contact_name.text(), email=self.email.text(),
            phone=self.phone.text(), member_since=since, active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def accept(self) -> None:
        self.clear_errors()
        self.stale.hide()
        try:
            data = self.input()
            if self._record is None:
                self.company_id = self._service.create(data)
                self.version = 1
            else:
                self.version = self._service.update(self._record.id, data,
                                                    self._record.version)
        except ConflictError as exc:
            self._refused_as_stale(exc, data)
            return
        except UserError as exc:
            self.show_error(exc)
            return
        self.after = self._service.get(self.company_id).data if self.company_id else data
        super().accept()

    def _refused_as_stale(self, exc: ConflictError, yours: CompanyInput) -> None:
        """Someone saved this company since the dialog read it: what they changed, beside
        what the form holds; nothing written."""
        assert self._record is not None
        try:
            theirs = self._service.get(self._record.id)
        except UserError as gone:  # deleted meanwhile: nothing to reload
            self.show_error(gone)
            return
        self._yours = yours
        self.stale.show_refusal(exc.message(self._lang), changed_fields(
            self._record.data, theirs.data, yours, self.titles, self._shown))

    def reload_from_register(self) -> None:
        """The form takes the register's values and version; the user's input for the fields
        the other save changed stays listed, to apply again before saving."""
        assert self._record is not None
        try:
            theirs = self._service.get(self._record.id)
        except UserError as gone:
            self.show_error(gone)
            return
        read = self._record.data
        self._record, self.before, self.version = theirs, theirs.data, theirs.version
        self._fill(theirs.data)
        self._shown_form = self._form()  # as read now: Cancel asks only about what follows
        self.clear_errors()
        yours = self._yours if self._yours is not None else read
        self.stale.show_reloaded(changed_fields(read, theirs.data, yours, self.titles,
                                                self._shown))

    def _shown(self, key: str, value: Any) -> str:
        if key == "legal_types":
            return ", ".join(fmt.legal_type(t.value) for t in value)
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, date):
            return format_fr(value)
        return "" if value is None else str(value)

    def show_error(self, exc: UserError) -> None:
        message = exc.message(self._lang)
        label = self.errors.get(exc.field or "")
        if label is None:
            self.general_error.setText(message)
            self.general_error.show()
            return
        label.setText(message)
        label.show()
        self.fields[exc.field or ""].setFocus()

    def clear_errors(self) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.clear()
            label.hide()

    def visible_errors(self) -> dict[str, str]:
        """Field -> message shown (tests and accessibility)."""
        shown = {key: label.text() for key, label in self.errors.items() if label.text()}
        if self.general_error.text():
            shown[""] = self.general_error.text()
        return shown
