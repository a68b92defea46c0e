"""The audits of the register: one table, filters above it, searched as you type.

The rows are read off the GUI thread (at 200,000 audits the read takes a second or two) and
sorted and filtered by the model itself (see audit_list_model). A double click opens the
audit; on the company column it opens the company (a group's audit opens the audit).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, label
from cedre_desk.errors import UserError
from cedre_desk.services.audit_list import AuditListService
from cedre_desk.services.audit_records import AuditRecords
from cedre_desk.ui.audits.commands import DeleteAudit
from cedre_desk.ui.audits.list_model import (
    DATE,
    OWNER,
    ROW_ROLE,
    AuditFilter,
    AuditListModel,
    PreparedRows,
    prepare_rows,
)
from cedre_desk.ui.common.background_read import BackgroundRead
from cedre_desk.ui.common.column_layout import ColumnLayout
from cedre_desk.ui.common.formatting import day, takes_plural
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_editing
from cedre_desk.ui.common.report_actions import add_report_actions
from cedre_desk.ui.common.search_keys import SearchLeadsToList
from cedre_desk.ui.common.undo import UndoHooks

BUSY_AFTER_MS = 500
LAYOUT_KEY = "audits"


class AuditsView(QWidget):
    company_requested = Signal(int)
    audit_requested = Signal(int)
    new_audit_requested = Signal()
    report_requested = Signal(int, str)  # an audit's report: (audit_id, report_actions.HOW)
    changed = Signal()  # an audit was deleted
    loaded = Signal()  # the rows of the latest refresh() are on screen

    def __init__(self, audit_list: AuditListService, lang: str, today: Callable[[], date],
                 parent: QWidget | None = None, *,
                 preferences: Preferences | None = None, undo: UndoHooks | None = None) -> None:
        super().__init__(parent)
        self._audit_list = audit_list
        self._undo = undo
        self._lang = lang
        self._preferences = preferences
        self._reader = BackgroundRead(self)
        self._reader.succeeded.connect(self._show_rows)
        self._reader.failed.connect(self._show_error)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search a company or group, SIRET, town…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.kind = self._choice([(k, label(k, lang)) for k in AuditKind], self.tr("All kinds"))
        self.status = self._choice([(s, label(s, lang)) for s in AuditStatus],
                                   self.tr("All statuses"))
        self.version = self._choice([], self.tr("All versions"))
        self.year = self._choice([], self.tr("All years"))
        self.count = QLabel(self)
        self.busy = QProgressBar(self)  # shown when a read takes over half a second
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(100)
        self.busy.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self.busy.show)
        new = QPushButton(self.tr("New audit…"), self)
        new.clicked.connect(self.new_audit_requested)
        mark_editing(new)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.kind, self.status, self.version, self.year):
            filters.addWidget(combo, 1)
        filters.addWidget(self.busy)
        filters.addWidget(self.count)
        filters.addWidget(new)

        # The table before its model: children are deleted in the order they were made, and
        # a table's selection model must go before the model it points into.
        self.table = QTableView(self)
        self.model = AuditListModel(lang, today, self)
        self.table.setModel(self.model)
        SearchLeadsToList(self.search, self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures 200,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        self.columns = ColumnLayout(self.table, LAYOUT_KEY, preferences)
        self.table.setSortingEnabled(True)
        if self.columns.restore():
            self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        else:
            self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._open)
        self.model.layoutChanged.connect(self._follow_current)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.installEventFilter(self)  # Enter opens the current audit

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        """Read the audits again (off the GUI thread); filters and sort are kept."""
        self.count.setText(self.tr("Loading…"))
        self._busy_timer.start()
        audit_list, lang = self._audit_list, self._lang
        # The rows on screen stay until the new ones come; those unchanged are shared.
        shown = self.model.loaded_rows()
        self._reader.start(lambda: prepare_rows(
            audit_list.rows(private_connection=True, reuse=shown), lang))

    def save_layout(self) -> None:
        """The columns' widths, order and sort, for the next run (with preferences only)."""
        self.columns.save()

    def focus_search(self) -> None:
        """For the window's Find (Ctrl+F) while this view is shown."""
        self.search.setFocus()
        self.search.selectAll()

    def is_loading(self) -> bool:
        return self._reader.is_running()

    def current_audit_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE).id if index.isValid() else None

    def show_audit(self, audit_id: int) -> bool:
        """Select an audit's row (after a save, say); False when the filter hides it."""
        row = self.model.position_of(audit_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, DATE))
        return True

    def _follow_current(self) -> None:
        """After a sort, the selected audit stays in sight."""
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

    # Reading --------------------------------------------------------------------------------

    def _show_rows(self, prepared: PreparedRows) -> None:
        self._busy_timer.stop()
        self.busy.hide()
        self.model.set_rows(prepared)
        self._refill(self.version, self.model.versions())
        self._refill(self.year, [(y, str(y)) for y in self.model.years()])
        self._apply_filter()
        self._show_count()
        self.loaded.emit()

    def _show_error(self, error: UserError) -> None:
        self._busy_timer.stop()
        self.busy.hide()
        self.count.setText(error.message(self._lang))

    # Filters --------------------------------------------------------------------------------

    def _choice(self, items: list[tuple[Any, str]], everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._apply_filter)
        return combo

    def _refill(self, combo: QComboBox, items: list[tuple[Any, str]]) -> None:
        """New choices, keeping the one made if it is still offered."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        # A combo gives its StrEnum data back as a plain str: turn it into the enum again.
        kind, status = self.kind.currentData(), self.status.currentData()
        return AuditFilter(self.search.text(), AuditKind(kind) if kind else None,
                           AuditStatus(status) if status else None,
                           self.version.currentData(), self.year.currentData())

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._show_count()

    def _show_count(self) -> None:
        if self._reader.is_running() and not self.model.total():
            return
        locale = QLocale()
        shown, total = self.model.matching(), self.model.total()
        if shown == total:
            text = (self.tr("{total} audits") if takes_plural(total)
                    else self.tr("{total} audit"))
            self.count.setText(text.format(total=locale.toString(total)))
        else:
            text = (self.tr("{shown} of {total} audits") if takes_plural(total)
                    else self.tr("{shown} of {total} audit"))
            self.count.setText(text.format(shown=locale.toString(shown),
                                           total=locale.toString(total)))

    # Opening --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open_current()
            return True
        return super().eventFilter(watched, event)

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            return
        if index.column() == OWNER and row.company_id is not None:
            self.company_requested.emit(row.company_id)
        else:
            self.audit_requested.emit(row.id)

    def _open_current(self) -> None:
        audit_id = self.current_audit_id()
        if audit_id is not None:
            self.audit_requested.emit(audit_id)

    def _menu(self, position: Any) -> None:
        index = self.table.indexAt(position)
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open the audit"), lambda: self.audit_requested.emit(row.id))
        if row.company_id is not None:
            menu.addAction(self.tr("Open the company"),
                           lambda: self.company_requested.emit(row.company_id))
        add_report_actions(menu, row.id, self.report_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("Delete the audit…"), lambda: self.delete_audit(row))
        menu.exec(self.table.viewport().mapToGlobal(position))

    def delete_audit(self, row: Any) -> None:
        """Delete an audit and its findings, after asking; Ctrl+Z puts them back (when the
        window lends its undo stack). One a decision rests on is refused before asking."""
        what = self.tr("the audit of “{owner}” ({date})").format(owner=row.owner,
                                                              date=day(row.on))
        if row.findings:
            question = (self.tr("Delete {what} and its {count} findings?")
                        if takes_plural(row.findings)
                        else self.tr("Delete {what} and its finding?"))
        else:
            question = self.tr("Delete {what}?")
        question = question.format(what=what, count=row.findings)
        if self._undo is not None:
            question += " " + self.tr("Ctrl+Z puts it back.")
        records = AuditRecords(self._audit_list.db)
        try:
            record = records.take(row.id)
            refusal = records.deletion_refusal(row.id)
        except UserError as error:
            refusal = error
        if refusal is not None:
            QMessageBox.warning(self, self.tr("Delete the audit"), refusal.message(self._lang))
            return
        if QMessageBox.question(self, self.tr("Delete the audit"), question) != (
                QMessageBox.StandardButton.Yes):
            return
        try:
            record = records.delete(row.id, record)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Delete the audit"), error.message(self._lang))
            return
        if self._undo is not None:
            self._undo.stack.push(DeleteAudit(self.tr("delete {what}").format(what=what),
                                              records, record, self._undo))
        self.changed.emit()  # the window reads the views again
