"""Undoable company changes (Ctrl+Z / Ctrl+Shift+Z): ServiceCommands over service calls.

The change itself is made before the command is pushed (so a refusal is shown in the dialog
and nothing goes on the stack); the command's first redo() therefore does nothing. As every
screen's (common.undo): an undo or redo the register refuses for good (the SIRET taken
meanwhile, the record changed elsewhere or gone) says why and leaves the stack; one it could
not write just now (the register busy in another program, the server out of reach) says so
and stays where it was, to be tried again with the same keys.
"""

from __future__ import annotations

from collections.abc import Callable

from cedre_desk.services.companies import CompanyInput, CompanyRecord, CompanyService
from cedre_desk.ui.common.undo import ServiceCommand, UndoHooks

Changed = Callable[[int], None]  # told the id of the company that changed


def _key(company_id: int) -> tuple[str, int]:
    """The company's version as the stack's latest command on it left it (hooks.latest):
    undoing an edit (a new version) then the company's creation expects the version that
    undo wrote, and a change made elsewhere meanwhile is refused."""
    return "company", company_id


class _CompanyCommand(ServiceCommand):
    def __init__(self, text: str, service: CompanyService, hooks: UndoHooks,
                 changed: Changed) -> None:
        super().__init__(text, hooks)
        self._service, self._changed = service, changed

    def _redo(self) -> None:
        self._changed(self._redo_company())

    def _undo(self) -> None:
        self._changed(self._undo_company())

    def _delete(self, company_id: int, version: int) -> CompanyRecord:
        record = self._service.delete(company_id, self._expected(_key(company_id), version))
        self._left(_key(company_id), record.version)
        return record

    def _restore(self, record: CompanyRecord) -> int:
        company_id = self._service.restore(record)
        self._left(_key(company_id), record.version)
        return company_id

    def _redo_company(self) -> int:
        raise NotImplementedError

    def _undo_company(self) -> int:
        raise NotImplementedError


class DeleteCompany(_CompanyCommand):
    """Undo puts the company back under its former id (CompanyService.restore)."""

    def __init__(self, text: str, service: CompanyService, record: CompanyRecord,
                 hooks: UndoHooks, changed: Changed) -> None:
        super().__init__(text, service, hooks, changed)
        self.record = record
        self._left(_key(record.id), record.version)

    def _redo_company(self) -> int:
        self.record = self._delete(self.record.id, self.record.version)
        return self.record.id

    def _undo_company(self) -> int:
        return self._restore(self.record)


class AddCompany(_CompanyCommand):
    def __init__(self, text: str, service: CompanyService, company_id: int, version: int,
                 hooks: UndoHooks, changed: Changed) -> None:
        super().__init__(text, service, hooks, changed)
        self.company_id, self.version = company_id, version
        self.record: CompanyRecord | None = None
        self._left(_key(company_id), version)

    def _redo_company(self) -> int:
        assert self.record is not None
        return self._restore(self.record)

    def _undo_company(self) -> int:
        self.record = self._delete(self.company_id, self.version)
        return self.company_id


class EditCompany(_CompanyCommand):
    """Undo writes the former values back, with the usual check that nobody changed the
    record since (its version)."""

    def __init__(self, text: str, service: CompanyService, company_id: int,
                 before: CompanyInput, after: CompanyInput, version: int,
                 hooks: UndoHooks, changed: Changed) -> None:
        super().__init__(text, service, hooks, changed)
        self.company_id, self.before, self.after = company_id, before, after
        self.version = version  # the record's version after the edit
        self._left(_key(company_id), version)

    def _write(self, values: CompanyInput) -> int:
        version = self._service.update(self.company_id, values,
                                       self._expected(_key(self.company_id), self.version),
                                       input_kept=False)
        self._left(_key(self.company_id), version)
        return self.company_id

    def _redo_company(self) -> int:
        return self._write(self.after)

    def _undo_company(self) -> int:
        return self._write(self.before)
