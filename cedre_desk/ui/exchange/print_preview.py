"""Printing a PDF the program wrote: its pages rendered by pypdfium2 (BSD/Apache, where QtPdf
would need the 175 MB PySide6-Addons), shown in Qt's print preview, whose Print button opens
the system's print dialog (printer, pages, copies). What is printed is what is exported: the
same reportlab PDF, not a second layout.

Rendering a page takes ~0.1 s at 300 dpi, so `render_pages` runs off the GUI thread (exports.py
runs it behind a progress dialog); the preview only paints the images it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from cedre_desk.exports.files import Progress, no_progress

# A printer announces 600 or 1200 dpi; an A4 page at 1200 dpi is 400 MB of pixels. 300 dpi is
# what a laser prints text at without visible steps, at 26 MB a page (RGB).
MAX_DPI = 300
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class RenderedPdf:
    """A PDF's pages as images, with each page's size in points (1/72 inch)."""

    path: Path
    pages: list[QImage]
    sizes: list[tuple[float, float]]


def render_dpi(printer: QPrinter) -> int:
    return max(72, min(printer.resolution(), MAX_DPI))


def render_pages(path: Path, dpi: int, progress: Progress = no_progress) -> RenderedPdf:
    """Every page of the PDF at `path` as an image of `dpi` (any thread: QImage, not QPixmap).
    `progress(done, total)` after each page."""
    import pypdfium2  # its native library loads only when something is printed

    document = pypdfium2.PdfDocument(str(path))
    try:
        total = len(document)
        pages: list[QImage] = []
        sizes: list[tuple[float, float]] = []
        progress(0, total)
        for number in range(total):
            page = document[number]
            try:
                sizes.append(page.get_size())
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height,
                               bitmap.stride, QImage.Format.Format_RGB888)
                pages.append(image.copy())  # the buffer is pdfium's, freed with the bitmap
                bitmap.close()
            finally:
                page.close()
            progress(number + 1, total)
        return RenderedPdf(Path(path), pages, sizes)
    finally:
        document.close()


def wanted_pages(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages to print: those the print dialog asked for, else all."""
    ranges = printer.pageRanges()
    if ranges.isEmpty():
        return list(range(count))
    return [n for n in range(count) if ranges.contains(n + 1)]


def paint_pages(printer: QPrinter, rendered: RenderedPdf) -> int:
    """Lay the rendered pages onto `printer`, each filling its paper (the PDF has its own
    margins); returns how many pages were printed. Copies are the printer's business."""
    numbers = wanted_pages(printer, len(rendered.pages))
    if not numbers:
        return 0
    printer.setFullPage(True)
    width, height = rendered.sizes[numbers[0]]
    printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for position, number in enumerate(numbers):
            if position:
                printer.newPage()
            image = rendered.pages[number]
            area = QRectF(painter.viewport())
            size = image.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.topLeft(), size)
            target.moveCenter(area.center())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(numbers)


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview over already rendered pages; its Print button asks the system's
    print dialog, then prints those pages."""

    def __init__(self, printer: QPrinter, rendered: RenderedPdf, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(printer, parent)
        self.printer = printer  # Qt does not own it: kept as long as the dialog
        self.rendered = rendered
        printer.setDocName(title)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 1000)
        self.paintRequested.connect(lambda target: paint_pages(target, self.rendered))


def new_printer() -> QPrinter:
    return QPrinter(QPrinter.PrinterMode.HighResolution)
