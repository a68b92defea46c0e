"""What the window lends the parts it builds (screens, menus, the register actions), instead of
itself: they never import the window, so it can assemble them without a loop.

The open register, the language and the background runner are getters, not values: the
window swaps the register (Ouvrir, Nouveau registre) and the language at run time, and a
menu built once must act on the register open when it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from cedre_desk.storage.database import Database
from cedre_desk.ui.common.background import BackgroundRunner
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.common.undo import UndoHooks


@dataclass(frozen=True)
class ViewContext:
    """Each part takes from it only what it needs; a screen gets values read from it."""

    db: Callable[[], Database]
    runner: Callable[[], BackgroundRunner]
    lang: Callable[[], str]
    today: Callable[[], date]  # the user's own day
    status: Callable[[str], None]  # a short message in the window's status bar
    preferences: Preferences
    undo: UndoHooks | None = None  # the window's undo stack, for the screens' changes
