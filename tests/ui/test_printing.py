"""Printing: the very PDF the program writes, its pages rendered (pypdfium2) and laid onto a
QPrinter through Qt's print preview; here the printer writes a PDF file, read back with pypdf.
Open in the PDF viewer says where the file is when no viewer opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cedre_desk.exports.calendar_events import Period
from cedre_desk.services.exporting import ExportService
from cedre_desk.ui.exchange import exports as export_actions
from cedre_desk.ui.exchange import printing
from cedre_desk.ui.exchange.print_preview import paint_pages, render_pages

from ..exports.pdf_checks import pdf_text
from .helpers import TODAY, small_register


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture(autouse=True)
def no_job_left_running():
    yield
    assert export_actions.wait_for_jobs()


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName("Échéances CEDRE")
    return printer


def _calendar(db, tmp_path) -> Path:
    small_register(db)
    source = tmp_path / "echeances.pdf"
    ExportService(db).calendar(source, period=Period(TODAY, TODAY.replace(year=2016)),
                               today=TODAY)
    return source


def test_the_printed_pages_are_those_of_the_pdf(qtbot, db, tmp_path):
    source = _calendar(db, tmp_path)
    pages = len(PdfReader(source).pages)
    rendered = render_pages(source, 100)
    assert len(rendered.pages) == pages and rendered.pages[0].width() == 827  # A4 at 100 dpi
    printed = tmp_path / "imprime.pdf"
    assert paint_pages(_pdf_printer(printed), rendered) == pages
    reader = PdfReader(printed)
    assert len(reader.pages) == pages
    assert reader.metadata.title == "Échéances CEDRE"  # the document's name on the printer
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4, as the PDF
    assert reader.pages[0].images  # the page itself, as the printer gets it
    assert "DOMICILE SERVICE LOIRET" in pdf_text(source)


def test_only_the_pages_asked_for_are_printed(qtbot, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    source = tmp_path / "trois.pdf"
    canvas = Canvas(str(source))
    for number in (1, 2, 3):
        canvas.drawString(100, 700, f"Page {number}")
        canvas.showPage()
    canvas.save()
    rendered = render_pages(source, 72)
    printer = _pdf_printer(tmp_path / "deux-pages.pdf")
    printer.setFromTo(2, 3)  # what the print dialog sets for "pages 2 to 3"
    assert paint_pages(printer, rendered) == 2
    assert len(PdfReader(tmp_path / "deux-pages.pdf").pages) == 2


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen's word on a real dialog opening
def test_print_shows_the_preview_of_the_report(qtbot, db, window):
    ids = small_register(db)
    printing.print_audit_report(window, db, ids["special"], "fr", TODAY)
    qtbot.waitUntil(lambda: window.findChild(QPrintPreviewDialog) is not None, timeout=30_000)
    preview = window.findChild(QPrintPreviewDialog)
    assert preview.isVisible()
    assert preview.windowTitle().startswith("Rapport d'audit - DOMICILE SERVICE LOIRET - ")
    assert len(preview.rendered.pages) >= 1
    assert preview.rendered.path.read_bytes().startswith(b"%PDF")
    preview.close()
    QApplication.processEvents()


def test_without_a_pdf_viewer_the_user_is_told_where_the_file_is(qtbot, db, window,
                                                                 monkeypatch):
    ids = small_register(db)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(printing.QDesktopServices, "openUrl", lambda url: False)
    printing.view_audit_report(window, db, ids["special"], "fr", TODAY)
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    path = said[0].splitlines()[-1]
    assert Path(path).name.startswith("Rapport d'audit - DOMICILE SERVICE LOIRET")
    assert Path(path).read_bytes().startswith(b"%PDF")
