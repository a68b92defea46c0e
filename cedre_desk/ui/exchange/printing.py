"""Print, or open in the PDF viewer, the documents the program writes: the audit report, the
due list of a period (the renewal calendar) and the yearly figures.

Both write the PDF to the temporary folder first, off the GUI thread (exports.py). Print then
renders its pages at the printer's resolution on the same worker, with progress, and shows
them in the print preview (print_preview.py), whose Print button asks the system's print
dialog: what is printed is the very PDF that Export writes. Open in the PDF viewer hands the
file to the system; when no program opens PDFs, the user is told where the file is.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from cedre_desk.exports.calendar_events import Period, next_twelve_months
from cedre_desk.exports.files import Progress
from cedre_desk.services.exporting import ExportService
from cedre_desk.storage.database import Database
from cedre_desk.ui.exchange.exports import (
    BackgroundJob,
    calendar_name,
    report_task,
    run_with_progress,
    statistics_name,
    statistics_task,
    with_reader,
)
from cedre_desk.ui.exchange.print_preview import (
    PrintPreview,
    RenderedPdf,
    new_printer,
    render_dpi,
    render_pages,
)

translate = QCoreApplication.translate  # lupdate reads the literal contexts below

WriteTask = Callable[[Database, Progress], Path]


def scratch_file(name: str) -> Path:
    """`name` in a folder of the program's own in the temporary folder."""
    folder = Path(tempfile.gettempdir()) / "cedre-desk"
    folder.mkdir(exist_ok=True)
    return folder / name


def print_pdf(parent: QWidget, db: Database, lang: str, title: str, target: Path,
              write: WriteTask) -> BackgroundJob:
    """Write the PDF at `target` with `write`, render its pages for the printer, then show
    the print preview (left open: window-modal, it deletes itself when closed)."""
    printer = new_printer()
    dpi = render_dpi(printer)

    def task(reader: Database, progress: Progress) -> RenderedPdf:
        return render_pages(write(reader, progress), dpi, progress)

    def show(rendered: RenderedPdf) -> None:
        preview = PrintPreview(printer, rendered, title, parent)
        preview.open()

    return run_with_progress(parent, translate("Printing", "Preparing the pages to print…"),
                             with_reader(db, task), show, lang=lang)


def open_in_viewer(path: Path) -> bool:
    """Open a file in the program the system uses for it (a PDF viewer, Excel)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def view_pdf(parent: QWidget, db: Database, lang: str, target: Path,
             write: WriteTask) -> BackgroundJob:
    """Write the PDF at `target`, then open it in the system's PDF viewer, or say where it
    is when no program could open it."""

    def done(path: Path) -> None:
        if not open_in_viewer(path):
            QMessageBox.warning(parent, "cedre-desk", translate(
                "Printing", "No PDF viewer could be opened on this computer.\n"
                "The file is here:\n{path}").format(path=path))

    return run_with_progress(parent, translate("Printing", "Writing the document…"),
                             with_reader(db, write), done, lang=lang)


def _report(db: Database, audit_id: int, lang: str, today: date) -> tuple[Path, WriteTask]:
    target = scratch_file(ExportService(db).audit_report_name(audit_id, lang))
    return target, report_task(audit_id, target, lang, today)


def print_audit_report(parent: QWidget, db: Database, audit_id: int, lang: str, today: date
                       ) -> BackgroundJob:
    target, write = _report(db, audit_id, lang, today)
    return print_pdf(parent, db, lang, target.stem, target, write)


def view_audit_report(parent: QWidget, db: Database, audit_id: int, lang: str, today: date
                      ) -> BackgroundJob:
    target, write = _report(db, audit_id, lang, today)
    return view_pdf(parent, db, lang, target, write)


def calendar_pdf(period: Period, lang: str, today: date) -> tuple[Path, WriteTask]:
    """The due list of `period` (with what is late) as a PDF in the temporary folder."""
    target = scratch_file(calendar_name(period, lang, ".pdf"))

    def write(reader: Database, progress: Progress) -> Path:
        return ExportService(reader).calendar(target, period=period, today=today, lang=lang,
                                              progress=progress)

    return target, write


def print_calendar(parent: QWidget, db: Database, lang: str, today: date,
                   period: Period | None = None) -> BackgroundJob:
    target, write = calendar_pdf(period or next_twelve_months(today), lang, today)
    return print_pdf(parent, db, lang, target.stem, target, write)


def view_calendar(parent: QWidget, db: Database, lang: str, today: date,
                  period: Period | None = None) -> BackgroundJob:
    target, write = calendar_pdf(period or next_twelve_months(today), lang, today)
    return view_pdf(parent, db, lang, target, write)


def print_statistics(parent: QWidget, db: Database, lang: str, today: date,
                     year: int | None = None) -> BackgroundJob | None:
    """The yearly figures of `year` (asked, last year by default), printed."""
    if year is None:
        year, ok = QInputDialog.getInt(parent, translate("Printing", "Yearly figures"),
                                       translate("Printing", "Year:"), today.year - 1,
                                       2005, today.year + 1)
        if not ok:
            return None
    target = scratch_file(statistics_name(year, lang, ".pdf"))
    return print_pdf(parent, db, lang, target.stem, target,
                     statistics_task(year, target, lang, today))
