"""Tables that read (issue 11, part 7): every table of the window sizes its columns to what
they show, never cuts a date, a status, an id or a SIRET, keeps every column on screen while
there is room (long text elided), and remembers its columns' widths, order and sort.

The window is built on a register with long names, findings and corrective actions, at the
size of a laptop's screen; each view is shown (the company file, the audit editor and a
history window included) and every QTableView in it is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui import screens
from cedre_desk.ui.common.column_layout import ColumnLayout, share
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.main_window import (
    AUDITS,
    CAP,
    COMMITTEES,
    COMPANIES,
    REFERENTIALS,
    MainWindow,
)

from .helpers import TODAY, small_register, wait_for_reads

LONG_NAME = ("ASSOCIATION INTERMÉDIAIRE POUR L'EMPLOI ET LA SOLIDARITÉ DU PAYS D'ORLÉANS, "
             "DE LA SOLOGNE ET DU VAL DE LOIRE")
LONG_TEXT = ("La revue de direction n'a pas été tenue depuis deux ans et les indicateurs du "
             "tableau de bord qualité ne sont plus suivis par le comité de pilotage")
LONG_ACTION = ("Tenir la revue de direction chaque semestre, en consigner le compte rendu et "
               "suivre les indicateurs en comité de pilotage mensuel")
# A value that must be read whole: a date (with or without its time), a SIRET, an id, a count.
MUST_SHOW = re.compile(r"\d{2}/\d{2}/\d{4}( \d{2}:\d{2})?|[\d ]{1,17}|.{1,12}")
SIZE = (1360, 820)  # the screenshots' size: a laptop's screen


def long_register(db) -> dict[str, int]:
    ids = small_register(db)
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    company = CompanyService(db).create(CompanyInput(
        name=LONG_NAME, town="Saint-Jean-de-la-Ruelle-sur-Loire", department="45",
        region="Centre-Val de Loire", siret="40483304800022"))
    audit = AuditService(db).create(AuditInput(
        AuditKind.CERTIFICATION, version.id, company_id=company, start_on=date(2014, 6, 2),
        status=AuditStatus.REPORT_SENT))
    for number in range(3):
        AuditService(db).add_finding(audit, FindingInput(
            FindingLevel.MINOR_NC, f"{LONG_TEXT} ({number})", action=LONG_ACTION,
            action_due=date(2014, 9, 30)))
        AuditService(db).add_finding(ids["special"], FindingInput(
            FindingLevel.MINOR_NC, f"{LONG_TEXT} ({number})", action=LONG_ACTION,
            action_due=date(2014, 10, 15)))
    ids["long"], ids["long_audit"] = company, audit
    return ids


def settle(qtbot, window: MainWindow) -> None:
    wait_for_reads(qtbot, window.runner)
    QApplication.processEvents()


def show_everything(qtbot, window: MainWindow, ids: dict[str, int],
                   seen: Callable[[list[QTableView]], None] = lambda tables: None,
                   ) -> list[QWidget]:
    """Every view on screen in turn, `seen` given the tables on screen each time; returns
    the windows of their own (the audit editor), left open."""
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    seen(tables_of(window))  # the dashboard
    for number in (COMPANIES, AUDITS, COMMITTEES, REFERENTIALS, CAP):
        window.show_view(number)
        window.refresh_current()
        settle(qtbot, window)
        view = window.view_at(number)  # the view itself: a tab's page says nothing of loading
        qtbot.waitUntil(lambda v=view: not getattr(v, "is_loading", lambda: False)(),
                        timeout=10_000)
        if number == COMMITTEES:
            window.committees_view.sessions.select_row(0)
            settle(qtbot, window)
        seen(tables_of(window))
    file_view = window.open_company(ids["late"])
    qtbot.waitUntil(lambda: file_view.audits_model.rowCount() > 0, timeout=10_000)
    settle(qtbot, window)
    for page in range(file_view.tabs.count()):
        file_view.tabs.setCurrentIndex(page)
        QApplication.processEvents()
        seen(tables_of(window))
    editor = screens.audit_editor(window.context, window, audit_id=ids["special"])
    assert editor is not None
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: not editor.history.is_loading(), timeout=10_000)
    QApplication.processEvents()
    seen(tables_of(editor))
    editor.pages.setCurrentWidget(editor.history)
    QApplication.processEvents()
    seen(tables_of(editor))
    return [editor]


def tables_of(*tops: QWidget, shown: bool = True) -> list[QTableView]:
    return [table for top in tops for table in top.findChildren(QTableView)
            if (table.isVisible() or not shown) and table.model() is not None]


def name_of(table: QTableView) -> str:
    layout = table.findChild(ColumnLayout)
    key = layout.key() if layout is not None else None
    return key or f"{type(table.parent()).__name__}.{table.objectName()}"


def cut_values(table: QTableView) -> list[str]:
    """The short values (dates, SIRET, ids, statuses) that their column cuts."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    model = table.model()
    cut = []
    for row in range(min(model.rowCount(), 50)):
        for column in range(model.columnCount()):
            text = str(model.index(row, column).data() or "")
            if text and MUST_SHOW.fullmatch(text) and (
                    header.sectionSize(column) < metrics.horizontalAdvance(text)):
                title = model.headerData(column, Qt.Orientation.Horizontal)
                cut.append(f"{title}: {text!r} in {header.sectionSize(column)} px")
    return cut


def off_screen(table: QTableView) -> list[str]:
    """The columns hidden, empty, or beyond the table's right edge."""
    header = table.horizontalHeader()
    width = table.viewport().width()
    model = table.model()
    lost = []
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        right = header.sectionPosition(column) + header.sectionSize(column)
        if header.isSectionHidden(column) or header.sectionSize(column) <= 0 or right > width:
            lost.append(f"{title}: ends at {right} px of {width}")
    return lost


pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # windows really open


@pytest.fixture
def window(qtbot, db, tmp_path):
    window = MainWindow(db, "fr", today=TODAY, preferences=Preferences(tmp_path / "p.ini"))
    qtbot.addWidget(window)
    window.ids = long_register(db)
    window.data_changed()
    settle(qtbot, window)
    yield window
    window.close_register()


def test_every_table_shows_its_dates_and_ids_whole_and_every_column_on_screen(qtbot, window):
    checked = {}

    def check(tables: list[QTableView]) -> None:
        for table in tables:
            if table.model().rowCount() == 0:
                continue
            checked[name_of(table)] = table
            assert cut_values(table) == [], name_of(table)
            assert off_screen(table) == [], name_of(table)

    show_everything(qtbot, window, window.ids, check)
    # every table with rows was seen: the lists, the file's, the editor's, the agenda
    assert {"companies", "audits", "committee-sessions", "referential-versions",
            "dashboard-late", "company-audits", "company-actions", "company-changes",
            "findings", "audit-changes"} <= set(checked), sorted(checked)


def test_a_long_text_elides_and_gives_way_first(qtbot, window):
    own = show_everything(qtbot, window, window.ids)
    [editor] = own
    table = editor.findings.table
    model = table.model()
    header = table.horizontalHeader()
    columns = {model.headerData(c, Qt.Orientation.Horizontal): c
               for c in range(model.columnCount())}
    action, deadline = columns["Corrective action"], columns["Deadline"]
    metrics = table.fontMetrics()
    # the corrective action and its deadline are on screen, the action elided, the deadline not
    assert header.sectionSize(action) < metrics.horizontalAdvance(LONG_ACTION)
    assert header.sectionSize(action) >= 12 * metrics.averageCharWidth()
    assert header.sectionSize(deadline) >= metrics.horizontalAdvance("15/10/2014")
    assert off_screen(table) == []


def test_a_layout_saved_before_the_rows_came_does_not_cut_them(qtbot, db, tmp_path):
    """The history's date showed "03/12/2…": a width fitted to no rows had been saved and
    restored ever after. Only widths set by hand are restored."""
    preferences = Preferences(tmp_path / "p.ini")
    first = MainWindow(db, "fr", today=TODAY, preferences=preferences)
    qtbot.addWidget(first)
    settle(qtbot, first)
    first.close()  # the empty tables' layouts saved
    first.close_register()
    ids = long_register(db)
    again = MainWindow(db, "fr", today=TODAY, preferences=preferences)
    qtbot.addWidget(again)
    again.data_changed()
    settle(qtbot, again)
    show_everything(qtbot, again, ids, lambda tables: [
        (name_of(table), cut_values(table)) == (name_of(table), []) or pytest.fail(
            f"{name_of(table)}: {cut_values(table)}") for table in tables])
    again.close_register()


def changed_layouts(window: MainWindow, *tops: QWidget) -> dict[str, tuple]:
    """Each remembered table changed as a user would: its first column widened by hand, its
    last column moved first, sorted on its second column, descending. Returns what to find
    again: (width of column 0, visual order, sort)."""
    expected = {}
    for table in tables_of(window, *tops, shown=False):
        layout = table.findChild(ColumnLayout)
        if layout is None or layout.key() is None:
            continue
        header = table.horizontalHeader()
        count = header.count()
        header.resizeSection(0, header.sectionSize(0) + 37)
        header.moveSection(count - 1, 0)
        if table.isSortingEnabled() and count > 1:
            table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        expected[layout.key()] = (
            header.sectionSize(0), [header.logicalIndex(v) for v in range(count)],
            (header.sortIndicatorSection(), header.sortIndicatorOrder())
            if table.isSortingEnabled() else None)
        layout.save()
    return expected


def layouts_now(window: MainWindow, *tops: QWidget) -> dict[str, tuple]:
    found = {}
    for table in tables_of(window, *tops, shown=False):
        layout = table.findChild(ColumnLayout)
        if layout is None or layout.key() is None:
            continue
        header = table.horizontalHeader()
        found[layout.key()] = (
            header.sectionSize(0), [header.logicalIndex(v) for v in range(header.count())],
            (header.sortIndicatorSection(), header.sortIndicatorOrder())
            if table.isSortingEnabled() else None)
    return found


def test_widths_order_and_sort_come_back_when_the_window_is_rebuilt(qtbot, db, tmp_path):
    ids = long_register(db)
    preferences = Preferences(tmp_path / "p.ini")
    first = MainWindow(db, "fr", today=TODAY, preferences=preferences)
    qtbot.addWidget(first)
    settle(qtbot, first)
    own = show_everything(qtbot, first, ids)
    expected = changed_layouts(first, *own)
    assert {"companies", "audits", "committee-sessions", "committee-agenda",
            "referential-versions", "dashboard-late", "company-audits", "findings",
            "audit-changes", "company-changes"} <= set(expected), sorted(expected)
    for widget in own:
        widget.close()
    first.close()
    first.close_register()

    again = MainWindow(db, "fr", today=TODAY, preferences=preferences)
    qtbot.addWidget(again)
    settle(qtbot, again)
    own = show_everything(qtbot, again, ids)
    found = layouts_now(again, *own)
    assert {key: found.get(key) for key in expected} == expected
    again.close_register()


@pytest.mark.parametrize(("room", "natural", "floor", "widths"), [
    (500, [80, 200, 100], [80, 120, 100], [80, 200, 100]),  # all fits: as wanted
    (300, [80, 200, 100], [80, 120, 100], [80, 120, 100]),  # the long one gives way
    (400, [80, 300, 300], [80, 120, 120], [80, 160, 160]),  # the widest first, evenly
    (200, [80, 300, 100], [80, 120, 100], [80, 120, 100]),  # never below the floors
])
def test_the_room_is_shared_the_widest_giving_way_first(room, natural, floor, widths):
    assert share(room, natural, floor) == widths
