"""Structures: every company in one table, instant search (name, SIRET, town), filters
(region, type, state, scheme, version), sorting on every column; add, edit and delete, each
undoable from the window's undo stack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import CompanyState, LegalType, Scheme
from cedre_desk.errors import UserError
from cedre_desk.services.companies import CompanyService
from cedre_desk.services.company_list import CompanyListRow, CompanyListService
from cedre_desk.services.groups import GroupService
from cedre_desk.storage.database import Database
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.background import BackgroundRunner
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_editing
from cedre_desk.ui.common.search_keys import SearchLeadsToList
from cedre_desk.ui.common.shared_statuses import SharedStatuses
from cedre_desk.ui.common.table_model import LATE, SOON, Column, RowTableModel, fold
from cedre_desk.ui.common.tables import DataTable
from cedre_desk.ui.common.undo import UndoHooks
from cedre_desk.ui.companies.commands import AddCompany, DeleteCompany, EditCompany
from cedre_desk.ui.companies.dialog import CompanyDialog
from cedre_desk.ui.companies.memberships import MembershipsDialog
from cedre_desk.ui.companies.search import NOT_CERTIFIED, CompanySearch, Filters

NAME, TYPES, TOWN, DEPARTMENT, REGION, SCHEME, VERSION, STATE, DUE, NEXT, SIRET = range(11)


@dataclass(frozen=True)
class Loaded:
    """The rows and everything derived from them that is worth computing off the GUI thread
    (at 20,000 companies: half a second of folding text)."""

    rows: list[CompanyListRow]
    search: CompanySearch
    name_keys: list[str]
    regions: list[str]
    versions: list[str]


def prepare(rows: list[CompanyListRow]) -> Loaded:
    return Loaded(rows, CompanySearch(rows), [fold(r.name) for r in rows],
                  sorted({r.region for r in rows if r.region}, key=fold),
                  sorted({r.version for r in rows if r.version}))


class CompaniesView(QWidget):
    company_requested = Signal(int)
    changed = Signal(int)  # a company was added, edited, deleted or put back
    message = Signal(str)  # for the status bar

    def __init__(self, service: CompanyService, runner: BackgroundRunner,
                 undo_stack: QUndoStack, lang: str, today: Callable[[], date],
                 preferences: Preferences | None = None, parent: QWidget | None = None,
                 shared: SharedStatuses | None = None) -> None:
        super().__init__(parent)
        self._service, self._runner, self._undo = service, runner, undo_stack
        # The commands' hooks: each command tells itself which company changed (`_changed`).
        self._undo_hooks = UndoHooks(undo_stack, lambda: None, self._undo_refused)
        self._shared = shared or SharedStatuses()
        self._lang, self._today = lang, today
        self._search = CompanySearch([])
        self._to_select: int | None = None  # a company just added, chosen once it is read
        self._read_only: str | None = None  # why nothing can be changed, when so
        self.loaded = False
        self.model = RowTableModel(self._columns(), self)
        self.table = DataTable(self.model, "companies", preferences, self)
        self.table.row_activated.connect(lambda row: self.company_requested.emit(row.id))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search: name, SIRET, town (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        SearchLeadsToList(self.search, self.table)
        self.region = self._filter_box(self.tr("All regions"))
        self.legal_type = self._filter_box(self.tr("All types"))
        for legal_type in LegalType:
            self.legal_type.addItem(fmt.legal_type(legal_type.value), legal_type.value)
        self.state = self._filter_box(self.tr("All states"))
        for state in CompanyState:
            self.state.addItem(fmt.vocabulary(state, lang), state.value)
        self.scheme = self._filter_box(self.tr("All schemes"))
        for scheme in Scheme:
            self.scheme.addItem(fmt.vocabulary(scheme, lang), scheme.value)
        self.scheme.addItem(self.tr("Not certified"), NOT_CERTIFIED)
        self.version = self._filter_box(self.tr("All versions"))
        self.count = QLabel(self)
        self.add_button = QPushButton(self.tr("New…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        mark_editing(self.add_button, self.edit_button, self.delete_button)
        self.add_button.clicked.connect(self.add_company)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for box in (self.region, self.legal_type, self.state, self.scheme, self.version):
            filters.addWidget(box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self._show_count()

    # Loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        today, shared = self._today(), self._shared

        def read(db: Database) -> Loaded:
            rows = CompanyListService(db).rows(today, statuses=shared.statuses(db, today))
            return prepare(rows)

        self._runner.run(read, self.show_rows, key="companies")

    def show_rows(self, loaded: Loaded | list[CompanyListRow]) -> None:
        if not isinstance(loaded, Loaded):
            loaded = prepare(loaded)
        rows = loaded.rows
        selected = self.selected()
        self._search = loaded.search
        self._fill_choices(self.region, loaded.regions)
        self._fill_choices(self.version, loaded.versions)
        self.model.set_rows(rows, {NAME: loaded.name_keys})
        self.loaded = True
        self.apply_filters()
        if self._to_select is not None:
            self.select_company(self._to_select)
            self._to_select = None
        elif selected is not None:
            self.select_company(selected.id)

    def select_company(self, company_id: int) -> bool:
        number = self.model.row_of(lambda row: row.id == company_id)
        self.table.select_row(number)
        return number is not None

    def selected(self) -> CompanyListRow | None:
        row = self.table.current_row()
        return row if isinstance(row, CompanyListRow) else None

    # Searching and filtering --------------------------------------------------------------

    def filters(self) -> Filters:
        return Filters(self.search.text(), self.region.currentData(),
                       self.legal_type.currentData(), self.state.currentData(),
                       self.scheme.currentData(), self.version.currentData())

    def apply_filters(self, *_: object) -> None:
        self.model.set_filter(self._search.predicate(self.filters()))
        self._show_count()

    def show_state(self, state: str) -> None:
        """Only the companies in `state` (from the dashboard's counts)."""
        self.clear_filters()
        self.state.setCurrentIndex(max(0, self.state.findData(state)))

    def clear_filters(self) -> None:
        self.search.clear()
        for box in (self.region, self.legal_type, self.state, self.scheme, self.version):
            box.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _filter_box(self, everything: str) -> QComboBox:
        box = QComboBox(self)
        box.addItem(everything, None)
        box.currentIndexChanged.connect(self.apply_filters)
        return box

    def _fill_choices(self, box: QComboBox, values: list[str]) -> None:
        """Replace a filter's choices, keeping the current one when it still exists."""
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for value in values:
            box.addItem(value, value)
        box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
        box.blockSignals(False)

    def _show_count(self) -> None:
        if not self.loaded:
            self.count.setText(self.tr("Reading the register…"))
            return
        total, shown = len(self.model.rows()), self.model.rowCount()
        many = fmt.takes_plural(total)
        if shown == total:
            text = self.tr("{count} companies") if many else self.tr("{count} company")
            self.count.setText(text.format(count=fmt.number(total)))
        else:
            text = (self.tr("{shown} of {total} companies") if many
                    else self.tr("{shown} of {total} company"))
            self.count.setText(text.format(shown=fmt.number(shown), total=fmt.number(total)))

    def set_read_only(self, reason: str | None) -> None:
        """In a read-only register the editing buttons are off, their tooltip says why: the
        user is not let fill a form that Save would then refuse."""
        self._read_only = reason
        self.add_button.setEnabled(reason is None)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setToolTip(reason or "")
        self._selection_changed()

    def _selection_changed(self, *_: object) -> None:
        chosen = self.selected() is not None and self._read_only is None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # Changes ------------------------------------------------------------------------------

    def regions(self) -> list[str]:
        return sorted({r.region for r in self.model.rows() if r.region}, key=fold)

    def add_company(self) -> None:
        dialog = CompanyDialog(self._service, self._lang, regions=self.regions(), parent=self)
        if dialog.exec() != CompanyDialog.DialogCode.Accepted or dialog.company_id is None:
            return
        name = dialog.after.name if dialog.after else ""
        if not self.filters().is_empty():
            self.clear_filters()  # a search that does not match would hide what was added
        self._to_select = dialog.company_id
        self._undo.push(AddCompany(self.tr("add “{name}”").format(name=name), self._service,
                                   dialog.company_id, dialog.version or 1, self._undo_hooks,
                                   self._changed))
        self.message.emit(self.tr("Company “{name}” added.").format(name=name))
        self._changed(dialog.company_id)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit_company(row.id)

    def edit_company(self, company_id: int) -> None:
        try:
            record = self._service.get(company_id)
        except UserError as exc:
            self._refused(exc)
            return
        dialog = CompanyDialog(self._service, self._lang, record, self.regions(), self)
        # Recharger: the register changed under the list, whether the dialog is saved or not.
        dialog.stale.reloaded.connect(lambda: self._changed(company_id))
        if (dialog.exec() != CompanyDialog.DialogCode.Accepted or dialog.after is None
                or dialog.before is None or dialog.version is None):
            return
        # Undo puts back what the save replaced: after a Recharger, the other person's values
        # (dialog.before), never the ones first read, which would undo their change too.
        self._undo.push(EditCompany(self.tr("edit “{name}”").format(name=dialog.after.name),
                                    self._service, company_id, dialog.before, dialog.after,
                                    dialog.version, self._undo_hooks, self._changed))
        self.message.emit(self.tr("Company “{name}” saved.").format(name=dialog.after.name))
        self._changed(company_id)

    def edit_memberships(self, company_id: int) -> None:
        """The company's groups and the days it joined and left each (docs/cycle.md, 8)."""
        if self._read_only is not None:
            QMessageBox.warning(self, self.tr("Not possible"), self._read_only)
            return
        try:
            name = self._service.get(company_id).data.name
            dialog = MembershipsDialog(GroupService(self._service.db), company_id, name,
                                       self._lang, self._today(), self)
        except UserError as exc:
            self._refused(exc)
            return
        if dialog.exec() == MembershipsDialog.DialogCode.Accepted:
            self.message.emit(self.tr("Groups of “{name}” saved.").format(name=name))
            self._changed(company_id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:  # the truth before the question: a company with a history stays
            refusal = self._service.deletion_refusal(row.id)
        except UserError as exc:
            refusal = exc
        if refusal is not None:
            self._refused(refusal)
            return
        answer = QMessageBox.question(
            self, self.tr("Delete a company"),
            self.tr("Delete “{name}”? You can undo it with Ctrl+Z.").format(name=row.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            record = self._service.delete(row.id)
        except UserError as exc:
            self._refused(exc)
            return
        self._undo.push(DeleteCompany(self.tr("delete “{name}”").format(name=row.name),
                                      self._service, record, self._undo_hooks, self._changed))
        self.message.emit(self.tr("Company “{name}” deleted (Ctrl+Z puts it back).")
                          .format(name=row.name))
        self._changed(row.id)

    def _changed(self, company_id: int) -> None:
        self._shared.invalidate()
        self.changed.emit(company_id)

    def _refused(self, exc: UserError) -> None:
        QMessageBox.warning(self, self.tr("Not possible"), exc.message(self._lang))

    def _undo_refused(self, title: str, exc: UserError) -> None:
        """An undo or redo not done: which one (the title), and why."""
        QMessageBox.warning(self, title, exc.message(self._lang))

    # Columns ------------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        lang = self._lang

        def due_color(row: CompanyListRow) -> object:
            if row.next_due is None:
                return None
            return LATE if row.late else SOON if (row.next_due - self._today()).days <= 90 \
                else None

        state_order = {state: number for number, state in enumerate(CompanyState)}
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Types"), lambda r: fmt.legal_types(r.legal_types)),
            Column(self.tr("Town"), lambda r: r.town),
            Column(self.tr("Dept."), lambda r: r.department),
            Column(self.tr("Region"), lambda r: r.region),
            Column(self.tr("Scheme"), lambda r: fmt.vocabulary(r.scheme, lang),
                   lambda r: r.scheme.value if r.scheme else "~"),
            Column(self.tr("Version"), lambda r: r.version),
            Column(self.tr("State"), lambda r: fmt.vocabulary(r.state, lang),
                   lambda r: state_order[r.state]),
            Column(self.tr("Next due"), lambda r: fmt.day(r.next_due),
                   lambda r: fmt.day_key(r.next_due), color=due_color),
            Column(self.tr("Event"), lambda r: fmt.vocabulary(r.next_event, lang)
                   + (" *" if r.expected_session else ""), color=due_color),
            Column(self.tr("SIRET"), lambda r: r.siret or "", lambda r: r.siret or "~"),
        ]
