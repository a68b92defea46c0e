"""The window's start: the dashboard's figures are painted before anything the screen does not
show yet runs on the GUI thread (the companies list read ahead, its view built), which held
that paint back by 0.1–0.2 s (docs/performance.md, "Window at 530 companies")."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject

from cedre_desk.services.dashboard import DashboardService
from cedre_desk.ui.main_window import MainWindow

from .helpers import TODAY, small_register, wait_for_reads

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the window really opens


class PaintsWithFigures(QObject):
    """Counts the paints of a dashboard table once its rows are in."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window, self.count = window, 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.window.dashboard.board is not None:
            self.count += 1
        return False


def test_the_companies_are_read_ahead_only_once_the_dashboard_painted_its_figures(
        qtbot, db, monkeypatch):
    from cedre_desk.ui.companies.list_view import CompaniesView

    small_register(db)
    # The dashboard's read waits until the window is on screen, as at a real start, where
    # the window is shown long before the figures come.
    on_screen = threading.Event()
    summary = DashboardService.summary

    def summary_once_shown(service, *args, **kwargs):
        on_screen.wait(10)
        return summary(service, *args, **kwargs)

    monkeypatch.setattr(DashboardService, "summary", summary_once_shown)
    paints_before_read_ahead: list[int] = []
    refresh = CompaniesView.refresh

    def read_ahead(view) -> None:
        paints_before_read_ahead.append(watch.count)
        refresh(view)

    monkeypatch.setattr(CompaniesView, "refresh", read_ahead)
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    watch = PaintsWithFigures(window)
    window.dashboard.late_table.viewport().installEventFilter(watch)
    window.show()
    qtbot.waitExposed(window)
    on_screen.set()
    qtbot.waitUntil(lambda: bool(paints_before_read_ahead), timeout=10_000)
    assert window.dashboard.late_model.rowCount() == 1
    assert paints_before_read_ahead[0] >= 1  # the late company was on screen first
    wait_for_reads(qtbot, window.runner)
    assert window.companies_view.loaded  # and the list was read all the same
    window.close_register()


def test_the_dashboard_s_read_starts_before_its_tables_are_made_and_runs_once(
        qtbot, db, monkeypatch):
    """At 20,000 companies most of the read is SQLite, which runs on the worker while the
    GUI thread makes the window: started before the tables, it overlaps their making."""
    from cedre_desk.ui.dashboard import view as dashboard_view

    small_register(db)
    events: list[str] = []
    summary = DashboardService.summary

    def counted_summary(service, *args, **kwargs):
        events.append("read")
        return summary(service, *args, **kwargs)

    made = dashboard_view.DataTable.__init__

    def counted_table(table, *args, **kwargs):
        events.append("table")
        made(table, *args, **kwargs)

    started = threading.Event()
    run = dashboard_view.BackgroundRunner.run

    def run_noted(runner, task, *args, **kwargs):
        if kwargs.get("key") == "dashboard":
            events.append("read started")
            started.set()
        return run(runner, task, *args, **kwargs)

    monkeypatch.setattr(DashboardService, "summary", counted_summary)
    monkeypatch.setattr(dashboard_view.DataTable, "__init__", counted_table)
    monkeypatch.setattr(dashboard_view.BackgroundRunner, "run", run_noted)
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.dashboard.board is not None, timeout=10_000)
    wait_for_reads(qtbot, window.runner)
    assert events.index("read started") < events.index("table")
    assert events.count("read started") == 1 and events.count("read") == 1
    assert window.dashboard.late_model.rowCount() == 1
    window.close_register()


@pytest.mark.sqlite_only
def test_the_opening_check_starts_once_the_dashboard_s_figures_are_shown(
        qtbot, db, monkeypatch):
    """The check reads the whole file; on two cores it took the core the dashboard's SQL
    runs on (docs/performance.md): it waits for the figures, not for its time limit."""
    from cedre_desk.storage.integrity import IntegrityReport
    from cedre_desk.storage.opening import open_register

    small_register(db)
    path = db.path
    db.close()
    windows: list[MainWindow] = []
    figures_in_when_checked: list[bool] = []
    started = threading.Event()

    def check_file(_path, **_):
        figures_in_when_checked.append(bool(windows) and windows[0].dashboard.board is not None)
        started.set()
        return IntegrityReport(())

    monkeypatch.setattr("cedre_desk.storage.opening_check.check_file", check_file)
    monkeypatch.setattr("cedre_desk.storage.opening.FIRST_READS_SECONDS", 60)
    register = open_register(path, user="testeur", check_later=True)
    window = MainWindow(register, "en", today=TODAY)
    windows.append(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(started.is_set, timeout=10_000)  # long before its 60 s
    assert figures_in_when_checked == [True]
    assert register.opening_check is not None and register.opening_check.wait(5) is True
    wait_for_reads(qtbot, window.runner)
    window.close_register()
