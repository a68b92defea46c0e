"""Échéances: the due list of a chosen period with what is already late, driven as a user
would (the period chosen with the keyboard, days typed key by key, buttons clicked with the
mouse), then printed through QPrinter into a PDF file read back with pypdf, and exported as
.xlsx, .pdf and .ics read back with openpyxl, pypdf and icalendar.

On TODAY (01/07/2014) the small register has DOMICILE SERVICE LOIRET late on its first
follow-up (13/06/2014), EMS's first follow-up due on 12/09/2014 and DOMICILE's second on
13/06/2015."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from cedre_desk.exports.calendar_events import Period
from cedre_desk.ui.common.preferences import Preferences
from cedre_desk.ui.deadlines.view import DeadlinesView
from cedre_desk.ui.exchange import exports as export_actions
from cedre_desk.ui.exchange.print_preview import paint_pages
from cedre_desk.ui.main_window import DEADLINES, MainWindow

from ..exports.pdf_checks import pdf_text
from .helpers import TODAY, small_register, wait_for_reads

# The offscreen platform says so when a window really opens: not a fault of the program.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TAB, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Return


@pytest.fixture
def window(qtbot, db):
    small_register(db)
    window = MainWindow(db, "en", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    assert export_actions.wait_for_jobs()
    window.close_register()


@pytest.fixture
def said(monkeypatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: messages.append(text))
    return messages


def _page(qtbot, window: MainWindow) -> DeadlinesView:
    QTest.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == DEADLINES
    view = window.deadlines
    _read(qtbot, window)
    return view


def _read(qtbot, window: MainWindow) -> None:
    wait_for_reads(qtbot, window.runner)
    view = window.deadlines
    qtbot.waitUntil(lambda: view.events is not None
                    and view.late_model.rowCount() + view.period_model.rowCount()
                    == len(view.events))


def _lines(view: DeadlinesView) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    def rows(model):
        return [(model.index(r, 0).data(), model.index(r, 2).data())
                for r in range(model.rowCount())]
    return rows(view.late_model), rows(view.period_model)


def _type(qtbot, field, text: str, leave: Qt.Key = TAB) -> None:
    field.setFocus()
    qtbot.waitUntil(lambda: field.line.hasFocus(), timeout=2000)
    QTest.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field.line, text)
    QTest.keyClick(field.line, leave)


def _custom_september(qtbot, window: MainWindow) -> DeadlinesView:
    view = _page(qtbot, window)
    chooser = view.chooser
    chooser.kind.setFocus()
    for _ in range(3):
        QTest.keyClick(chooser.kind, Qt.Key.Key_Down)
    assert chooser.chosen_kind() == "custom"
    _type(qtbot, chooser.start, "01/09/2014")
    _type(qtbot, chooser.end, "30/09/2014", ENTER)
    _read(qtbot, window)
    assert view.period() == Period(date(2014, 9, 1), date(2014, 9, 30))
    return view


def test_the_page_lists_the_next_12_months_and_what_is_late_with_counts(qtbot, window):
    view = _page(qtbot, window)
    assert view.period() == Period(TODAY, date(2015, 6, 30))
    late, coming = _lines(view)
    assert late == [("13/06/2014", "DOMICILE SERVICE LOIRET")]
    assert coming == [("12/09/2014", "EMS"), ("13/06/2015", "DOMICILE SERVICE LOIRET")]
    assert view.late_box.title() == "Late (1)"
    assert view.period_box.title() == "Due from 01/07/2014 to 30/06/2015 (2)"
    assert view.summary.text() == "3 deadlines to meet, 1 of them late"
    assert view.late_model.index(0, 1).data() == "18 days late"
    view.late_table.setFocus()
    view.late_table.selectRow(0)
    QTest.keyClick(view.late_table, ENTER)  # the line opens its company
    wait_for_reads(qtbot, window.runner)
    qtbot.waitUntil(lambda: window.tabs.tabText(window.tabs.currentIndex())
                    == "DOMICILE SERVICE LOIRET")


def test_the_period_is_chosen_with_the_keyboard(qtbot, window):
    view = _page(qtbot, window)
    chooser = view.chooser
    chooser.kind.setFocus()
    QTest.keyClick(chooser.kind, Qt.Key.Key_Up)  # This quarter
    _read(qtbot, window)
    assert view.period() == Period(TODAY, date(2014, 9, 30))
    assert (chooser.start.text(), chooser.end.text()) == ("01/07/2014", "30/09/2014")
    assert _lines(view) == ([("13/06/2014", "DOMICILE SERVICE LOIRET")],
                            [("12/09/2014", "EMS")])
    QTest.keyClick(chooser.kind, Qt.Key.Key_Up)  # This month: what is late stays listed
    _read(qtbot, window)
    assert view.period() == Period(TODAY, date(2014, 7, 31))
    assert _lines(view) == ([("13/06/2014", "DOMICILE SERVICE LOIRET")], [])
    assert view.summary.text() == "1 deadline to meet, 1 of them late"


def test_days_typed_make_a_custom_period_and_a_reversed_one_is_refused(qtbot, window):
    view = _page(qtbot, window)
    chooser = view.chooser
    before = _lines(view)
    _type(qtbot, chooser.start, "01/09/2015")  # after the end (30/06/2015): refused
    assert chooser.chosen_kind() == "custom"
    assert chooser.message.isVisible()
    assert chooser.message.text() == ("The period's end (2015-06-30) comes before its start "
                                      "(2015-09-01).")
    assert view.period() == Period(TODAY, date(2015, 6, 30)) and _lines(view) == before
    _type(qtbot, chooser.start, "1/9/14")
    _type(qtbot, chooser.end, "30092014", ENTER)
    _read(qtbot, window)
    assert not chooser.message.isVisible()
    assert (chooser.start.text(), chooser.end.text()) == ("01/09/2014", "30/09/2014")
    assert _lines(view) == ([("13/06/2014", "DOMICILE SERVICE LOIRET")],
                            [("12/09/2014", "EMS")])
    _type(qtbot, chooser.end, "31/12/2099")  # more than ten years: refused, list kept
    assert "more than 10 years" in chooser.message.text()
    assert view.period() == Period(date(2014, 9, 1), date(2014, 9, 30))


def test_the_period_chosen_is_remembered(qtbot, window):
    _custom_september(qtbot, window)
    assert Preferences().due_period() == ("custom", Period(date(2014, 9, 1), date(2014, 9, 30)))
    again = DeadlinesView(window.runner, "en", lambda: TODAY, Preferences())
    qtbot.addWidget(again)
    assert again.chooser.chosen_kind() == "custom"
    assert again.period() == Period(date(2014, 9, 1), date(2014, 9, 30))


def test_print_shows_the_preview_of_the_pdf_of_that_period(qtbot, window, tmp_path):
    view = _custom_september(qtbot, window)
    QTest.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QPrintPreviewDialog) is not None, timeout=30_000)
    preview = window.findChild(QPrintPreviewDialog)
    assert preview.windowTitle() == "Deadlines 2014-09-01 to 2014-09-30"
    text = pdf_text(preview.rendered.path)
    assert "CEDRE deadlines from 2014-09-01 to 2014-09-30" in text
    assert "Already late, before the period" in text
    assert "DOMICILE SERVICE LOIRET" in text and "EMS" in text
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    pages = len(PdfReader(preview.rendered.path).pages)
    assert paint_pages(printer, preview.rendered) == pages
    reader = PdfReader(printed)
    assert len(reader.pages) == pages and reader.pages[0].images  # the page, as printed
    preview.close()
    QApplication.processEvents()


def test_file_print_prints_the_period_of_the_page(qtbot, window):
    _custom_september(qtbot, window)
    window.exchange.print_calendar.trigger()
    qtbot.waitUntil(lambda: window.findChild(QPrintPreviewDialog) is not None, timeout=30_000)
    preview = window.findChild(QPrintPreviewDialog)
    assert preview.rendered.path.name == "Deadlines 2014-09-01 to 2014-09-30.pdf"
    preview.close()
    QApplication.processEvents()


def test_each_export_writes_that_period_where_the_user_says(qtbot, window, tmp_path,
                                                             monkeypatch, said):
    view = _custom_september(qtbot, window)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    asked: list[tuple[str, str]] = []

    def save_as(parent, title, suggested, filters):
        asked.append((suggested, filters))
        return str(tmp_path / Path(suggested).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    for number, suffix in enumerate((".xlsx", ".pdf", ".ics"), start=1):
        QTest.mouseClick(view.export_buttons[suffix], Qt.MouseButton.LeftButton)
        assert export_actions.wait_for_jobs()
        qtbot.waitUntil(lambda n=number: len(said) == n)
    name = "Deadlines 2014-09-01 to 2014-09-30"
    assert asked[0] == (str(Path(documents) / f"{name}.xlsx"), "Excel (*.xlsx)")
    assert asked[1][0] == str(tmp_path / f"{name}.pdf")  # then the last folder saved into
    assert asked[2][1] == "Calendar (*.ics)"
    rows = [row for row in load_workbook(tmp_path / f"{name}.xlsx").worksheets[0]
            .iter_rows(min_row=2, values_only=True) if row[0] is not None]
    assert [(row[0].date(), row[1], row[8]) for row in rows] == [
        (date(2014, 6, 13), "DOMICILE SERVICE LOIRET", "yes"), (date(2014, 9, 12), "EMS", None)]
    text = pdf_text(tmp_path / f"{name}.pdf")
    assert "CEDRE deadlines from 2014-09-01 to 2014-09-30" in text and "EMS" in text
    events = list(Calendar.from_ical((tmp_path / f"{name}.ics").read_bytes()).walk("VEVENT"))
    assert [(e.decoded("dtstart"), str(e["summary"])) for e in events] == [
        (date(2014, 6, 13), "Follow-up audit 1 — DOMICILE SERVICE LOIRET"),
        (date(2014, 9, 12), "Follow-up audit 1 — EMS")]
    assert all(message.startswith("Written: ") for message in said)


def test_the_names_proposed_say_what_the_file_holds():
    december = Period(date(2026, 12, 1), date(2026, 12, 31))
    assert (export_actions.calendar_name(december, "fr", ".xlsx")
            == "Échéances 2026-12-01 au 2026-12-31.xlsx")
    assert (export_actions.calendar_name(december, "en", ".ics")
            == "Deadlines 2026-12-01 to 2026-12-31.ics")


def test_a_period_edited_into_nonsense_in_the_settings_file_is_not_taken(tmp_path):
    path = tmp_path / "cedre-desk.ini"
    path.write_text("[deadlines]\nperiod=custom\nfrom=2026-12-31\nto=2026-01-01\n"
                    "[dashboard]\nhorizon=99999\n", encoding="utf-8")
    preferences = Preferences(path)
    assert preferences.due_period() == ("custom", None)
    assert preferences.dashboard_horizon() is None  # the register's 90 days then
