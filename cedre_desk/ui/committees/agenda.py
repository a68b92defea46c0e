"""A session's agenda: the files ready for it (the audit held, its report sent or not, the
findings that weigh) and the decision taken on each, under a title that counts them.

An agenda looks through every audit of the register (about half a second at 200,000), so it
is read off the GUI thread; it is shown only if its session is still the one chosen when it
arrives. The view (committees/view.py) chooses the session and decides on the chosen file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cedre_desk.audits.vocabulary import label
from cedre_desk.errors import UserError
from cedre_desk.services.agenda import AgendaFile, AgendaService
from cedre_desk.services.committees import SessionRow
from cedre_desk.ui.common.background_read import BackgroundRead
from cedre_desk.ui.common.formatting import day, day_key, weekday_and_day
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.table_model import Column, RowTableModel
from cedre_desk.ui.common.tables import DataTable

_GREY = QBrush(QColor("#5f6368"))
_RED = QBrush(QColor("#b3261e"))
_GREEN = QBrush(QColor("#1e6b34"))


class AgendaPane(QWidget):
    loaded = Signal()  # the agenda of the chosen session is on screen

    def __init__(self, agenda: AgendaService, lang: str,
                 chosen_session: Callable[[], SessionRow | None],
                 preferences: Preferences | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agenda, self._lang, self._chosen_session = agenda, lang, chosen_session
        self._reader = BackgroundRead(self)
        self._reader.succeeded.connect(self._show)
        self._reader.failed.connect(self._failed)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.table = DataTable(RowTableModel(self._columns(), self),
                               "committee-agenda", preferences, self, sort_column=None)
        self.model = self.table.table_model()
        self.model.setParent(self.table)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.table, 1)

    # Columns --------------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("File"), self._owner, color=self._file_colour),
            Column(self.tr("Audit"), lambda f: label(f.audit_kind, self._lang)
                   if f.audit_kind else ""),
            Column(self.tr("Held on"), lambda f: day(f.done_on),
                   key=lambda f: day_key(f.done_on)),
            Column(self.tr("Report"), self._report, color=self._file_colour),
            Column(self.tr("Referential"), lambda f: f.version),
            Column(self.tr("NCm"), lambda f: str(f.minor_nc), key=lambda f: f.minor_nc,
                   align_right=True),
            Column(self.tr("NCM"), lambda f: str(f.major_nc), key=lambda f: f.major_nc,
                   align_right=True, color=lambda f: _RED if f.major_nc else None),
            Column(self.tr("Decision"), self._decision_text,
                   color=lambda f: _GREEN if f.decision else None),
            Column(self.tr("Valid until"),
                   lambda f: day(f.decision.valid_until) if f.decision else ""),
        ]

    def _owner(self, file: AgendaFile) -> str:
        if file.group_id is not None:
            return self.tr("{name} (group)").format(name=file.owner)
        return file.owner

    def _report(self, file: AgendaFile) -> str:
        if file.decision is not None or file.audit_status is None:
            return ""
        text = self.tr("sent") if file.ready else self.tr("not sent yet")
        if file.carried_over:
            text += " · " + self.tr("carried over")
        return text

    def _decision_text(self, file: AgendaFile) -> str:
        if file.decision is None:
            return ""
        text = label(file.decision.outcome, self._lang)
        if file.decision.certificate_number:
            text += f" ({file.decision.certificate_number})"
        return text

    def _file_colour(self, file: AgendaFile) -> QBrush | None:
        return _GREY if file.decision is None and not file.ready else None

    # Reading --------------------------------------------------------------------------------

    def clear(self) -> None:
        self.title.setText(self.tr("No session chosen."))
        self.model.set_rows([])

    def read(self, session: SessionRow) -> None:
        self.title.setText(self.tr("Agenda of {date} — reading…").format(
            date=weekday_and_day(session.held_on)))
        self.read_again(session.id)

    def read_again(self, session_id: int) -> None:
        """Read the agenda of `session_id`, the one on screen staying until it arrives."""
        agenda = self._agenda
        self._reader.start(lambda: (session_id, agenda.agenda(session_id,
                                                              private_connection=True)))

    def is_loading(self) -> bool:
        return self._reader.is_running()

    def current_file(self) -> AgendaFile | None:
        return self.table.current_row()

    def _show(self, result: tuple[int, list[AgendaFile]]) -> None:
        session_id, files = result
        session = self._chosen_session()
        if session is None or session.id != session_id:
            return
        chosen = self.current_file()
        self.model.set_rows(files)
        ready = sum(f.ready and f.decision is None for f in files)
        decided = sum(f.decision is not None for f in files)
        where = f" — {session.place}" if session.place else ""
        self.title.setText(self.tr(
            "<b>Agenda of {date}</b>{where}: {ready} file(s) ready, {decided} decided, "
            "{total} in all").format(date=weekday_and_day(session.held_on), where=where,
                                     ready=ready, decided=decided, total=len(files)))
        if chosen is not None:
            self.table.select_row(self.model.row_of(
                lambda f: (f.audit_id, f.company_id, f.group_id) == (
                    chosen.audit_id, chosen.company_id, chosen.group_id)))
        self.loaded.emit()

    def _failed(self, error: UserError) -> None:
        self.title.setText(error.message(self._lang))
