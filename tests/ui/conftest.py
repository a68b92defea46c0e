"""Set-up shared by the window's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """A form left changed by a test would ask "keep editing or discard?" when pytest-qt
    closes it (before any fixture's teardown), and wait for an answer for ever: the dialogs
    still open are hidden first (a hidden dialog closes without asking)."""
    from PySide6.QtWidgets import QApplication, QDialog

    if QApplication.instance() is not None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.hide()
    yield
