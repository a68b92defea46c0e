"""Undoable committee changes: sessions created, edited, deleted; decisions recorded and
cancelled. Each undo or redo is one service call, checked against the record's version, so a
change made elsewhere meanwhile is refused rather than overwritten; undoing a session's
creation once it carries a decision is refused too (the session stays)."""

from __future__ import annotations

from cedre_desk.services.agenda import SessionRecord
from cedre_desk.services.committee_records import CommitteeRecords, DecisionRecord
from cedre_desk.services.committees import CommitteeService
from cedre_desk.ui.common.undo import ServiceCommand, UndoHooks


class _CommitteeCommand(ServiceCommand):
    def __init__(self, text: str, committees: CommitteeService, hooks: UndoHooks) -> None:
        super().__init__(text, hooks)
        self._committees = committees
        self._records = CommitteeRecords(committees.db)


class AddSession(_CommitteeCommand):
    def __init__(self, text: str, committees: CommitteeService, created: SessionRecord,
                 hooks: UndoHooks) -> None:
        super().__init__(text, committees, hooks)
        self.record = created
        self._left(("session", created.id), created.version)

    def _undo(self) -> None:
        """Delete the session, as the latest command on it left it (else refused)."""
        key = ("session", self.record.id)
        expected = self._expected(key, self.record.version)
        current = self._records.take_session(self.record.id)
        self._committees.delete_session(self.record.id, expected)
        self.record = current  # what a redo puts back: the session as it was deleted

    def _redo(self) -> None:
        self._records.restore_session(self.record)
        self._left(("session", self.record.id), self.record.version)


class DeleteSession(AddSession):
    """The reverse of AddSession: undo puts the session back under its id."""

    def _undo(self) -> None:
        super()._redo()

    def _redo(self) -> None:
        super()._undo()


class EditSession(_CommitteeCommand):
    def __init__(self, text: str, committees: CommitteeService, before: SessionRecord,
                 after: SessionRecord, hooks: UndoHooks) -> None:
        super().__init__(text, committees, hooks)
        self.before, self.after = before, after
        self._left(("session", after.id), after.version)

    def _write(self, values: SessionRecord) -> None:
        key = ("session", values.id)
        version = self._committees.update_session(
            values.id, values.held_on, values.place, values.members, values.status,
            self._expected(key, self.after.version), input_kept=False)
        self._left(key, version)

    def _undo(self) -> None:
        self._write(self.before)

    def _redo(self) -> None:
        self._write(self.after)


class RecordDecision(_CommitteeCommand):
    """A decision is never edited, only cancelled: its version stays as recorded."""

    def __init__(self, text: str, committees: CommitteeService, recorded: DecisionRecord,
                 hooks: UndoHooks) -> None:
        super().__init__(text, committees, hooks)
        self.record = recorded

    def _undo(self) -> None:
        self._committees.delete_decision(self.record.id, self.record.version)

    def _redo(self) -> None:
        self._records.restore_decision(self.record)


class CancelDecision(RecordDecision):
    """The reverse of RecordDecision: undo puts the decision back, certificate included."""

    def _undo(self) -> None:
        super()._redo()

    def _redo(self) -> None:
        super()._undo()
