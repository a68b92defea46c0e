"""Undoable audit changes: an audit created, edited (its findings with it) or deleted.

An editor's session is one change: whatever was saved between opening the editor and
closing it (the audit and its findings added, changed or removed) is undone and redone whole,
in one transaction (services.audit_records). Each command keeps the audit as it last left it,
so an undo or redo after a change made elsewhere is refused, never overwriting it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cedre_desk.errors import UserError
from cedre_desk.services.audit_records import AuditRecord, AuditRecords
from cedre_desk.ui.common.undo import ServiceCommand, UndoHooks


def _key(record: AuditRecord) -> tuple[str, int]:
    return ("audit", record.id)


class _AuditCommand(ServiceCommand):
    def __init__(self, text: str, records: AuditRecords, record: AuditRecord,
                 hooks: UndoHooks) -> None:
        super().__init__(text, hooks)
        self._records, self.record = records, record
        self._left(_key(record), record)  # as the change being pushed left it

    def _delete(self) -> None:
        self.record = self._records.delete(self.record.id,
                                           self._expected(_key(self.record), self.record))
        self._left(_key(self.record), self.record)

    def _restore(self) -> None:
        self.record = self._records.restore(self.record)
        self._left(_key(self.record), self.record)


class AddAudit(_AuditCommand):
    """Undo deletes the audit (refused once it got findings elsewhere, or a decision rests on
    it); redo puts it back under the same id, its findings under theirs."""

    def _undo(self) -> None:
        self._delete()

    def _redo(self) -> None:
        self._restore()


class DeleteAudit(_AuditCommand):
    """Undo puts the audit back with its auditors and findings, under the same ids."""

    def _undo(self) -> None:
        self._restore()

    def _redo(self) -> None:
        self._delete()


class EditAudit(_AuditCommand):
    def __init__(self, text: str, records: AuditRecords, before: AuditRecord,
                 after: AuditRecord, hooks: UndoHooks) -> None:
        super().__init__(text, records, after, hooks)
        self.before, self.after = before, after

    def _write(self, target: AuditRecord) -> None:
        self.record = self._records.rewrite(target, self._expected(_key(target), self.record))
        self._left(_key(target), self.record)

    def _undo(self) -> None:
        self._write(self.before)

    def _redo(self) -> None:
        self._write(self.after)


def push_editor_session(hooks: UndoHooks, records: AuditRecords, opened: AuditRecord | None,
                        audit_id: int, what: str) -> AuditRecord | None:
    """What an editor's session wrote, from `opened` (None: a new audit) to the audit as it
    is now, pushed as one change; returns the audit as now (the next session's start)."""
    try:
        now = records.take(audit_id)
    except UserError:
        return opened  # gone meanwhile: nothing of this session left to undo
    if opened is None:
        text = QCoreApplication.translate("AuditEditor", "add {what}").format(what=what)
        hooks.stack.push(AddAudit(text, records, now, hooks))
    elif not now.same_content(opened):
        text = QCoreApplication.translate("AuditEditor", "edit {what}").format(what=what)
        hooks.stack.push(EditAudit(text, records, opened, now, hooks))
    return now
