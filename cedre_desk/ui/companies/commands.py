"""Undoable company changes (Ctrl+Z / Ctrl+Shift+Z): QUndoCommands over service calls.

The change itself is made before the command is pushed (so a refusal is shown in the dialog
and nothing goes on the stack); the command's first redo() therefore does nothing. A later
undo or redo that the register refuses (the SIRET was taken meanwhile, the record changed
elsewhere) reports the message and makes the command obsolete: Qt drops it from the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from cedre_desk.errors import UserError
from cedre_desk.services.companies import CompanyInput, CompanyRecord, CompanyService

Changed = Callable[[int], None]  # told the id of the company that changed
Refused = Callable[[UserError], None]
# Each company's version as the stack's latest command on it left it: shared by the commands
# of one stack, so undoing an edit (a new version) then the company's creation expects the
# version that undo wrote, and a change made elsewhere meanwhile is refused.
Versions = dict[int, int]


class _CompanyCommand(QUndoCommand):
    def __init__(self, text: str, service: CompanyService, changed: Changed,
                 refused: Refused, versions: Versions) -> None:
        super().__init__(text)
        self._service, self._changed, self._refused = service, changed, refused
        self._versions = versions
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True  # already done before the push
            return
        self._attempt(self._redo)

    def undo(self) -> None:
        self._attempt(self._undo)

    def _attempt(self, action: Callable[[], int]) -> None:
        try:
            company_id = action()
        except UserError as exc:
            self.setObsolete(True)
            self._refused(exc)
            return
        self._changed(company_id)

    def _delete(self, company_id: int, version: int) -> CompanyRecord:
        record = self._service.delete(company_id, self._versions.get(company_id, version))
        self._versions[company_id] = record.version
        return record

    def _restore(self, record: CompanyRecord) -> int:
        company_id = self._service.restore(record)
        self._versions[company_id] = record.version
        return company_id

    def _redo(self) -> int:
        raise NotImplementedError

    def _undo(self) -> int:
        raise NotImplementedError


class DeleteCompany(_CompanyCommand):
    """Undo puts the company back under its former id (CompanyService.restore)."""

    def __init__(self, text: str, service: CompanyService, record: CompanyRecord,
                 changed: Changed, refused: Refused, versions: Versions) -> None:
        super().__init__(text, service, changed, refused, versions)
        self.record = record
        versions[record.id] = record.version

    def _redo(self) -> int:
        self.record = self._delete(self.record.id, self.record.version)
        return self.record.id

    def _undo(self) -> int:
        return self._restore(self.record)


class AddCompany(_CompanyCommand):
    def __init__(self, text: str, service: CompanyService, company_id: int, version: int,
                 changed: Changed, refused: Refused, versions: Versions) -> None:
        super().__init__(text, service, changed, refused, versions)
        self.company_id, self.version = company_id, version
        self.record: CompanyRecord | None = None
        versions[company_id] = version

    def _redo(self) -> int:
        assert self.record is not None
        return self._restore(self.record)

    def _undo(self) -> int:
        self.record = self._delete(self.company_id, self.version)
        return self.company_id


class EditCompany(_CompanyCommand):
    """Undo writes the former values back, with the usual check that nobody changed the
    record since (its version)."""

    def __init__(self, text: str, service: CompanyService, company_id: int,
                 before: CompanyInput, after: CompanyInput, version: int,
                 changed: Changed, refused: Refused, versions: Versions) -> None:
        super().__init__(text, service, changed, refused, versions)
        self.company_id, self.before, self.after = company_id, before, after
        versions[company_id] = version  # the record's version after the edit

    def _write(self, values: CompanyInput) -> int:
        version = self._service.update(self.company_id, values,
                                       self._versions[self.company_id], input_kept=False)
        self._versions[self.company_id] = version
        return self.company_id

    def _redo(self) -> int:
        return self._write(self.after)

    def _undo(self) -> int:
        return self._write(self.before)
