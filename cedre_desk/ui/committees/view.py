"""Comités: the sessions by date, a session's agenda (the files ready for it, agenda.py), and
the decision on each file (decision.py).

The sessions are few and read at once; each is created, edited and deleted here, undoably.
Choosing the session opens at the next one to come (or the last one held). "History…" shows
the chosen session's change history (its decisions' too, cancelled ones included) in a
window of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cedre_desk.audits.vocabulary import label
from cedre_desk.errors import UserError
from cedre_desk.services.agenda import AgendaFile, AgendaService
from cedre_desk.services.committee_records import CommitteeRecords, DecisionRecord
from cedre_desk.services.committees import CommitteeService, SessionRow
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.history import HistoryService
from cedre_desk.storage.database import Database
from cedre_desk.ui.committees.agenda import AgendaPane
from cedre_desk.ui.committees.commands import (
    AddSession,
    CancelDecision,
    DeleteSession,
    EditSession,
    RecordDecision,
)
from cedre_desk.ui.committees.decision import DecisionPanel
from cedre_desk.ui.committees.session_dialog import SessionDialog
from cedre_desk.ui.common.formatting import day, weekday_and_day
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.read_only import mark_editing
from cedre_desk.ui.common.table_model import Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable
from cedre_desk.ui.common.undo import UndoHooks
from cedre_desk.ui.history.change_history import ChangeHistoryDialog


@dataclass(frozen=True)
class CommitteeServices:
    committees: CommitteeService
    agenda: AgendaService
    cycle: CycleService
    groups: GroupService
    history: HistoryService

    @classmethod
    def over(cls, db: Database) -> CommitteeServices:
        return cls(CommitteeService(db), AgendaService(db), CycleService(db), GroupService(db),
                   HistoryService(db))


class CommitteesView(QWidget):
    company_requested = Signal(int)
    changed = Signal()  # a session or a decision was written
    agenda_loaded = Signal()  # the agenda of the chosen session is on screen

    def __init__(self, services: CommitteeServices | Database, lang: str,
                 today: Callable[[], date], parent: QWidget | None = None, *,
                 preferences: Preferences | None = None, undo: UndoHooks | None = None) -> None:
        super().__init__(parent)
        if isinstance(services, Database):  # the window hosts it with the register alone
            services = CommitteeServices.over(services)
        self._services, self._lang, self._today = services, lang, today
        self._undo = undo
        self._records = CommitteeRecords(services.committees.db)
        self._quiet = False  # True while the session list is reloaded under a kept choice
        self._preferences = preferences
        self.history_dialog: ChangeHistoryDialog | None = None  # the latest one opened

        self.sessions = DataTable(RowTableModel(self._session_columns(), self),
                                  "committee-sessions", preferences, self, sort_column=0,
                                  sort_order=Qt.SortOrder.DescendingOrder)  # to come first
        self.sessions_model = self.sessions.table_model()
        self.sessions_model.setParent(self.sessions)  # deleted after its selection model
        self.sessions.selectionModel().selectionChanged.connect(self._session_chosen)
        self.sessions.row_activated.connect(lambda _row: self.edit_session())
        new = QPushButton(self.tr("New session…"), self)
        new.clicked.connect(self.new_session)
        mark_editing(new)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_session)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.clicked.connect(self.delete_session)
        mark_editing(self.edit_button, self.delete_button)
        self.history_button = QPushButton(self.tr("History…"), self)
        self.history_button.setToolTip(self.tr("Who changed the session and its decisions, "
                                               "and when"))
        self.history_button.clicked.connect(self.show_session_history)
        session_buttons = QHBoxLayout()
        for button in (new, self.edit_button, self.delete_button, self.history_button):
            session_buttons.addWidget(button)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(QLabel(self.tr("Sessions"), left))
        left_column.addWidget(self.sessions, 1)
        left_column.addLayout(session_buttons)

        right = QSplitter(Qt.Orientation.Vertical, self)
        self.agenda_pane = AgendaPane(services.agenda, lang, self.current_session, preferences,
                                      right)
        self.agenda_pane.loaded.connect(self.agenda_loaded)
        self.title = self.agenda_pane.title
        self.agenda, self.agenda_model = self.agenda_pane.table, self.agenda_pane.model
        self.agenda.selectionModel().selectionChanged.connect(self._file_chosen)
        self.agenda.row_activated.connect(self._open_company)
        self.decision = DecisionPanel(services.committees, services.cycle, services.groups,
                                      lang, today, self)
        self.decision.recorded.connect(self._decision_recorded)
        self.decision.history_requested.connect(self.show_decision_history)
        self.decision.cancelled.connect(self._decision_cancelled)
        self.decision.reloaded.connect(self._read_session_again)
        right.addWidget(self.agenda_pane)
        right.addWidget(self.decision)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 960])
        QVBoxLayout(self).addWidget(splitter)
        self._set_session_buttons()

    # Columns --------------------------------------------------------------------------------

    def _session_columns(self) -> list[Column]:
        return [
            Column(self.tr("Date"), lambda s: weekday_and_day(s.held_on),
                   key=lambda s: s.held_on.toordinal()),
            Column(self.tr("Place"), lambda s: s.place),
            Column(self.tr("Status"), lambda s: label(s.status, self._lang)),
            Column(self.tr("Decisions"), lambda s: str(s.decisions),
                   key=lambda s: s.decisions, align_right=True),
        ]

    # Sessions -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the sessions again, keeping the chosen one (or the next to come)."""
        chosen = self.current_session()
        rows = self._services.committees.sessions()
        self._reload_sessions(rows, chosen.id if chosen else self._default_session(rows))
        self._load_agenda()

    def _reload_sessions(self, rows: list[SessionRow], wanted: int | None) -> None:
        """New session rows, `wanted` chosen again, without reading its agenda meanwhile."""
        self._quiet = True
        try:
            self.sessions_model.set_rows(rows)
            self.sessions.select_row(self.sessions_model.row_of(lambda s: s.id == wanted))
        finally:
            self._quiet = False
        self._set_session_buttons()

    def _default_session(self, rows: list[SessionRow]) -> int | None:
        today = self._today()
        coming = [s for s in rows if s.held_on >= today]
        if coming:
            return min(coming, key=lambda s: s.held_on).id
        return max(rows, key=lambda s: s.held_on).id if rows else None

    def current_session(self) -> SessionRow | None:
        return self.sessions.current_row()

    def choose_session(self, session_id: int) -> None:
        self.sessions.select_row(self.sessions_model.row_of(lambda s: s.id == session_id))

    def _set_session_buttons(self) -> None:
        chosen = self.current_session() is not None
        for button in (self.edit_button, self.delete_button, self.history_button):
            button.setEnabled(chosen)

    def _session_chosen(self) -> None:
        self._set_session_buttons()
        if not self._quiet:
            self._load_agenda()

    def new_session(self) -> None:
        dialog = SessionDialog(self._services.committees, self._services.agenda, self._lang,
                               self._today(), parent=self)
        if dialog.exec() == SessionDialog.DialogCode.Accepted and dialog.session_id:
            if self._undo is not None:
                created = self._records.take_session(dialog.session_id)
                self._undo.stack.push(AddSession(
                    self.tr("create the session of {date}").format(date=day(created.held_on)),
                    self._services.committees, created, self._undo))
            self.refresh()
            self.choose_session(dialog.session_id)
            self.changed.emit()

    def edit_session(self) -> None:
        session = self.current_session()
        if session is None or not self.edit_button.isEnabled():
            return  # none chosen, or held off in a read-only register (double-click)
        dialog = SessionDialog(self._services.committees, self._services.agenda, self._lang,
                               self._today(), session_id=session.id, parent=self)
        dialog.stale.reloaded.connect(self.refresh)  # Recharger: saved or not, the list too
        if dialog.exec() == SessionDialog.DialogCode.Accepted:
            # Undo puts back what the save replaced: after a Recharger, the other person's
            # values, never the ones first read (that would undo their change too).
            before = dialog.based_on
            after = self._records.take_session(session.id)
            if self._undo is not None and before is not None and after != before:
                self._undo.stack.push(EditSession(
                    self.tr("edit the session of {date}").format(date=day(after.held_on)),
                    self._services.committees, before, after, self._undo))
            self.refresh()
            self.changed.emit()

    def delete_session(self) -> None:
        session = self.current_session()
        if session is None:
            return
        if session.decisions:  # refused before asking: the session keeps its decisions
            QMessageBox.warning(self, self.tr("Delete the session"), self.tr(
                "The session of {date} carries decisions: it is kept. Cancel its decisions "
                "first.").format(date=day(session.held_on)))
            return
        question = self.tr("Delete the session of {date}?").format(date=day(session.held_on))
        if self._undo is not None:
            question += " " + self.tr("Ctrl+Z puts it back.")
        answer = QMessageBox.question(self, self.tr("Delete the session"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            record = self._records.take_session(session.id)
            self._services.committees.delete_session(session.id, record.version)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Delete the session"), error.message(self._lang))
            return
        if self._undo is not None:
            self._undo.stack.push(DeleteSession(
                self.tr("delete the session of {date}").format(date=day(record.held_on)),
                self._services.committees, record, self._undo))
        self.sessions.clearSelection()
        self.refresh()
        self.changed.emit()

    # Change history -------------------------------------------------------------------------

    def show_session_history(self) -> None:
        session = self.current_session()
        if session is not None:
            self._show_history(
                self.tr("Change history of the session of {date}").format(
                    date=weekday_and_day(session.held_on)),
                "committee_session", session.id, show_record=True)

    def show_decision_history(self, decision_id: int) -> None:
        file = self.current_file()
        self._show_history(self.tr("Change history of the decision on {file}").format(
            file=file.owner if file else ""), "decision", decision_id, show_record=False)

    def _show_history(self, title: str, table: str, record_id: int, *,
                      show_record: bool) -> None:
        """The history in a window of its own, beside the view (read-only: nothing to save),
        read off the GUI thread."""
        history = self._services.history
        dialog = ChangeHistoryDialog(
            title, lambda: history.record_history(table, record_id, private_connection=True),
            self._lang, self, show_record=show_record, preferences=self._preferences,
            layout_key=f"{table}-changes")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._history_closed)
        self.history_dialog = dialog
        dialog.open()

    def _history_closed(self) -> None:
        self.history_dialog = None

    # Agenda ---------------------------------------------------------------------------------

    def _load_agenda(self) -> None:
        session = self.current_session()
        self.decision.show_file(None, None)
        if session is None:
            self.agenda_pane.clear()
        else:
            self.agenda_pane.read(session)

    def is_loading(self) -> bool:
        return self.agenda_pane.is_loading()

    def current_file(self) -> AgendaFile | None:
        return self.agenda_pane.current_file()

    def _file_chosen(self) -> None:
        session = self.current_session()
        self.decision.show_file(session, self.current_file())

    def _open_company(self, file: AgendaFile) -> None:
        if file is not None and file.company_id is not None:
            self.company_requested.emit(file.company_id)

    def _decision_recorded(self, decision_id: int) -> None:
        if self._undo is not None:
            record = self._records.take_decision(decision_id)
            self._undo.stack.push(RecordDecision(
                self.tr("record the decision on “{file}”").format(file=self._file_name()),
                self._services.committees, record, self._undo))
        self._decision_written()

    def _decision_cancelled(self, record: DecisionRecord) -> None:
        if self._undo is not None:
            self._undo.stack.push(CancelDecision(
                self.tr("cancel the decision on “{file}”").format(file=self._file_name()),
                self._services.committees, record, self._undo))
        self._decision_written()

    def _file_name(self) -> str:
        file = self.current_file()
        return file.owner if file is not None else ""

    def _decision_written(self) -> None:
        """A decision recorded or cancelled: the agenda and the session's count follow, and
        the due events the decision panel shows stay on screen."""
        self._read_session_again()
        self.changed.emit()

    def _read_session_again(self) -> None:
        """The chosen session's decision count and agenda read again, the file kept chosen:
        after a decision written here, or one written elsewhere and reloaded (Recharger)."""
        session = self.current_session()
        if session is not None:
            self._reload_sessions(self._services.committees.sessions(), session.id)
            self.agenda_pane.read_again(session.id)
