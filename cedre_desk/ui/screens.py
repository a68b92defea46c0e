"""The views built in modules of their own (Audits, Comités, Référentiels), made for the
window from the collaborators they need (each factory below passes only what its view
takes). A module not shipped yet gives a plain page saying so, so the window (and its tests)
work with or without it.

Every view but the one the window opens on waits in a `LazyPage` until it is first shown
(or asked for): its module is imported and its widgets built then, not at start, where they
were a third of what the window did above the stack's floor (docs/performance.md)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cedre_desk.ui.common.context import ViewContext


def _module(name: str) -> ModuleType | None:
    full = f"cedre_desk.ui.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name == full:
            return None
        raise  # the module is there but something it imports is not: a real error


class LazyPage(QWidget):
    """A tab's page whose view is built the first time `view()` is called."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], QWidget] | None = build
        self._view: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def built(self) -> QWidget | None:
        """The view when it has been built, else None."""
        return self._view

    def is_loading(self) -> bool:
        """Whether its view is still reading the register (never, before it is built): a
        page answers for its view, as the view itself does where there is no page."""
        loading = getattr(self._view, "is_loading", None)
        return bool(loading()) if callable(loading) else False

    def view(self) -> QWidget:
        if self._view is None:
            assert self._build is not None
            self._view, self._build = self._build(), None
            self._layout.addWidget(self._view)
        return self._view


class UnavailableView(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(self.tr("{view}: not available in this version.").format(view=title),
                       self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)

    def refresh(self) -> None:
        """Nothing to read."""


def audits_view(ctx: ViewContext, title: str) -> QWidget:
    module = _module("audits.list_view")
    if module is None:
        return UnavailableView(title)
    from cedre_desk.services.audit_list import AuditListService

    return module.AuditsView(AuditListService(ctx.db()), ctx.lang(), ctx.today, undo=ctx.undo,
                             preferences=ctx.preferences)


def committees_view(ctx: ViewContext, title: str) -> QWidget:
    module = _module("committees.view")
    if module is None:
        return UnavailableView(title)
    return module.CommitteesView(ctx.db(), ctx.lang(), ctx.today, undo=ctx.undo,
                                 preferences=ctx.preferences)


def referentials_view(ctx: ViewContext, title: str) -> QWidget:
    module = _module("referentials.view")
    if module is None:
        return UnavailableView(title)
    return module.ReferentialsView(ctx.db(), ctx.lang(), ctx.today,
                                   preferences=ctx.preferences)


def cap_view(ctx: ViewContext, title: str) -> QWidget:
    module = _module("cap.view")
    if module is None:
        return UnavailableView(title)
    return module.CapView(ctx.db(), ctx.lang(), ctx.today, preferences=ctx.preferences)


def audit_editor(ctx: ViewContext, parent: QWidget, *, audit_id: int | None = None,
                 company_id: int | None = None) -> QWidget | None:
    """The audit editor on one audit, or on a new audit of a company; None when it is not
    shipped."""
    module = _module("audits.editor")
    if module is None:
        return None
    return module.AuditEditor(ctx.db(), ctx.lang(), ctx.today, audit_id=audit_id,
                              company_id=company_id, parent=parent, undo=ctx.undo,
                              preferences=ctx.preferences)
