"""The audit editor's part in a save refused as stale (common.stale_edit): someone saved the
audit since the editor read it. Kept here so the editor stays small: what the editor read,
the input the save was refused with, the differences shown (each field as the form shows
it: a kind's label, an auditor's name, a date as typed) and what Recharger reads back.
The findings are not concerned: they are saved one by one after the audit, each with its
own version, and stay as typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QComboBox

from cedre_desk.errors import ConflictError
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.ui.common.formatting import day
from cedre_desk.ui.common.stale_edit import Difference, StaleEditPanel, changed_fields


class StaleAudit:
    def __init__(self, panel: StaleEditPanel, audits: AuditService,
                 auditor_names: Callable[[], Mapping[int, str]],
                 combos: Mapping[str, QComboBox], titles: Mapping[str, str],
                 lang: str) -> None:
        self.panel, self._audits, self._auditor_names = panel, audits, auditor_names
        self._combos, self._titles, self._lang = combos, titles, lang
        self.read: AuditInput | None = None  # the audit as the editor read it
        self._yours: AuditInput | None = None  # the input a stale save was refused with

    def refused(self, error: ConflictError, audit_id: int, yours: AuditInput) -> None:
        """Who and when, and each field they changed beside the form's; nothing written.
        Raises UserError (NotFound) when the audit was deleted meanwhile."""
        _version, theirs = self._audits.get(audit_id)
        self._yours = yours
        self.panel.show_refusal(error.message(self._lang), self._differences(theirs, yours))

    def reload(self, audit_id: int) -> tuple[int, AuditInput]:
        """The register's version and values, for the form; raises UserError if deleted."""
        return self._audits.get(audit_id)

    def reloaded(self, theirs: AuditInput) -> None:
        """The form now holds `theirs`: the user's values for what changed stay listed."""
        read, self.read = self.read, theirs
        yours = self._yours if self._yours is not None else read
        self._yours = None
        self.panel.show_reloaded(self._differences(theirs, yours, read))

    def _differences(self, theirs: AuditInput, yours: AuditInput,
                     read: AuditInput | None = None) -> list[Difference]:
        read = read if read is not None else self.read
        if read is None:  # a new audit cannot be stale; nothing to compare
            return []
        names = self._auditor_names()
        return changed_fields(read, theirs, yours, self._titles,
                              lambda key, value: self._shown(key, value, names))

    def _shown(self, key: str, value: Any, names: Mapping[int, str]) -> str:
        if value is None:
            return ""
        if key == "auditor_ids":
            return ", ".join(names.get(number, str(number)) for number in value)
        if key in ("company_id", "group_id"):
            owner = self._combos["owner"]
            found = owner.findData(f"{key[0]}{value}")
            return owner.itemText(found) if found >= 0 else str(value)
        if key in self._combos:
            combo = self._combos[key]
            found = combo.findData(value.value if isinstance(value, Enum) else value)
            return combo.itemText(found) if found >= 0 else str(value)
        if isinstance(value, date):
            return day(value)
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)
