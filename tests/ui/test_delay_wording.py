"""The Delay column of every due list (dashboard, Échéances) says a due date one way, in
English and in French (formatting.delay, one helper for both views)."""

from __future__ import annotations

from datetime import date, timedelta

from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.translations import Language

from .helpers import restore_language

TODAY = date(2026, 12, 3)


def said(days: int) -> str:
    return fmt.delay(TODAY + timedelta(days=days), TODAY)


def test_the_delay_in_english():
    assert [said(d) for d in (0, 1, 2, 45, -1, -2, -30)] == [
        "today", "tomorrow", "in 2 days", "in 45 days", "1 day late", "2 days late",
        "30 days late"]


def test_the_delay_in_french(qtbot, restore_language):
    from PySide6.QtWidgets import QApplication

    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    assert [said(d) for d in (0, 1, 2, -1, -2)] == [
        "aujourd'hui", "demain", "dans 2 j", "1 j de retard", "2 j de retard"]


def test_both_due_lists_say_it_alike():
    """The two views take the column's text from the helper, not a wording of their own."""
    from pathlib import Path

    from cedre_desk.ui.dashboard import view as dashboard
    from cedre_desk.ui.deadlines import view as deadlines

    for module in (dashboard, deadlines):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "fmt.delay(" in source
        assert "days late" not in source and "tomorrow" not in source


__all__ = ["restore_language"]
