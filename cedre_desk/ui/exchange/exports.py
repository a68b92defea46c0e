"""Exports from the window: ask where to write, run the export off the GUI thread behind a
progress dialog (with a Cancel button), then say how it went.

Each `export_*` function is what a menu entry or a view's button calls. The export runs on a
worker thread with a read-only database of its own (a SQLite connection stays on the thread
that opened it), so the window never freezes, even on a 600,000-finding register.

Save dialogs open in the folder last saved into (else the user's Documents folder) and
propose a name a person reads (exports/file_names.py). Printing is in printing.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog, QWidget

from cedre_desk.errors import UserError
from cedre_desk.exports.calendar_events import Period, next_twelve_months
from cedre_desk.exports.file_names import document_name
from cedre_desk.exports.files import Cancelled, Progress
from cedre_desk.exports.workbook_model import WorkbookReport
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.statistics import StatisticsService
from cedre_desk.storage.database import Database
from cedre_desk.ui.common.background import reader_for
from cedre_desk.ui.common.preferences import Preferences

# lupdate reads the literal context of each translate() call: keep it written out.
translate = QCoreApplication.translate


_RUNNING: set[BackgroundJob] = set()


def wait_for_jobs(msecs: int = 60_000) -> bool:
    """Block until every running export has finished (at shutdown, and in tests)."""
    return all(job.wait(msecs) for job in list(_RUNNING))


class BackgroundJob(QThread):
    """Runs `work(progress)` on its own thread; `progress(done, total)` is relayed to the GUI
    thread, and raises Cancelled once `cancel()` was called."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        # No parent: a window closed while an export runs must not destroy a running thread
        # (Qt aborts the program). `start` keeps the job alive until it has finished.
        super().__init__()
        self._work = work
        self._cancelled = False

    def start_kept(self) -> None:
        """Start, holding a reference until the thread has finished."""
        _RUNNING.add(self)
        self.finished.connect(lambda: QTimer.singleShot(0, lambda: _RUNNING.discard(self)))
        self.start()

    def cancel(self) -> None:
        self._cancelled = True

    def _progress(self, done: int, total: int) -> None:
        if self._cancelled:
            raise Cancelled
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


def run_with_progress(parent: QWidget, label: str, work: Callable[[Progress], Any],
                      done: Callable[[Any], None], *, lang: str = "fr") -> BackgroundJob:
    """Run `work` off the GUI thread behind a progress dialog; `done(result)` afterwards.

    A refusal the user can act on (a locked file...) is shown in a message box; a cancel
    says nothing; anything else is a bug and goes to the application's crash handler."""
    dialog = QProgressDialog(label, translate("ExportActions", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle("cedre-desk")
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = BackgroundJob(work)

    def progressed(count: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(min(count, total))

    def finish() -> None:
        dialog.close()
        dialog.deleteLater()

    def succeeded(result: Any) -> None:
        finish()
        done(result)

    def failed(exc: Exception) -> None:
        finish()
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, UserError):
            QMessageBox.warning(parent, "cedre-desk", exc.message(lang))
            return
        raise exc

    job.progressed.connect(progressed)
    job.succeeded.connect(succeeded)
    job.failed.connect(failed)
    dialog.canceled.connect(job.cancel)
    job.start_kept()
    return job


def with_reader(db: Database, task: Callable[[Database, Progress], Any]
                 ) -> Callable[[Progress], Any]:
    """`task` with a read-only database opened (and closed) on the worker's thread."""
    open_reader = reader_for(db)

    def work(progress: Progress) -> Any:
        reader = open_reader()
        try:
            return task(reader, progress)
        finally:
            if reader is not db:
                reader.close()

    return work


def ask_target(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    """The file to write, asked with the system's dialog, opened in the folder last saved into
    (else Documents) on the name `suggested`; None when the user cancels."""
    preferences = Preferences()
    start = preferences.save_folder() / suggested
    name, chosen = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if not name:
        return None
    path = Path(name)
    preferences.remember_save_folder(path.parent)
    if not path.suffix:  # some systems leave the extension to the program
        suffix = chosen[chosen.rfind("*.") + 1:chosen.rfind(")")] if "*." in chosen else ""
        path = path.with_suffix(suffix or ".xlsx")
    return path


def _written(parent: QWidget, path: Path, extra: str = "") -> None:
    message = translate("ExportActions", "Written: {path}").format(path=path)
    QMessageBox.information(parent, "cedre-desk", message + extra)


def _cut_texts(report: WorkbookReport) -> str:
    if not report.cut:
        return ""
    line = translate("ExportActions", "{sheet}, row {row}, column {column}: {length} characters")
    cuts = [line.format(sheet=c.sheet, row=c.row, column=c.column, length=c.length)
            for c in report.cut[:20]]
    heading = translate("ExportActions", "Texts longer than an Excel cell allows were cut:")
    return "\n\n" + heading + "\n" + "\n".join(cuts)


def export_register(parent: QWidget, db: Database, lang: str, today: date
                    ) -> BackgroundJob | None:
    target = ask_target(parent, translate("ExportActions", "Export the register"),
                        register_name(today, lang),
                        translate("ExportActions", "Excel (*.xlsx)"))
    if target is None:
        return None
    return run_with_progress(
        parent, translate("ExportActions", "Exporting the register…"),
        with_reader(db, lambda reader, progress: ExportService(reader).register(
            target, today=today, lang=lang, progress=progress)),
        lambda report: _written(parent, target, _cut_texts(report)), lang=lang)


def register_name(today: date, lang: str) -> str:
    words = "CEDRE register" if lang == "en" else "Registre CEDRE"
    return document_name(f"{words} {today.isoformat()}", suffix=".xlsx")


def calendar_name(period: Period, lang: str, suffix: str) -> str:
    """"Échéances 2026-12-01 au 2026-12-31.xlsx": what the file holds, in words."""
    words = "Deadlines {start} to {end}" if lang == "en" else "Échéances {start} au {end}"
    return document_name(words.format(start=period.start.isoformat(),
                                      end=period.end.isoformat()), suffix=suffix)


def statistics_name(year: int, lang: str, suffix: str) -> str:
    words = "CEDRE figures" if lang == "en" else "Chiffres CEDRE"
    return document_name(f"{words} {year}", suffix=suffix)


def report_task(audit_id: int, target: Path, lang: str, today: date
                ) -> Callable[[Database, Progress], Path]:
    return lambda reader, _progress: ExportService(reader).audit_report(
        audit_id, target, today=today, lang=lang)


def export_audit_report(parent: QWidget, db: Database, audit_id: int, lang: str, today: date
                        ) -> BackgroundJob | None:
    target = ask_target(parent, translate("ExportActions", "Save the audit report"),
                        ExportService(db).audit_report_name(audit_id, lang),
                        translate("ExportActions", "PDF (*.pdf)"))
    if target is None:
        return None
    return run_with_progress(parent, translate("ExportActions", "Writing the audit report…"),
                             with_reader(db, report_task(audit_id, target, lang, today)),
                             lambda path: _written(parent, path), lang=lang)


def export_calendar(parent: QWidget, db: Database, lang: str, today: date,
                    period: Period | None = None, suffix: str | None = None
                    ) -> BackgroundJob | None:
    """The due list of `period` (the next 12 months by default, with what is late) as
    `suffix` (.xlsx, .pdf or .ics), or as the format chosen in the dialog when None."""
    period = period or next_twelve_months(today)
    filters = {".ics": translate("ExportActions", "Calendar (*.ics)"),
               ".xlsx": translate("ExportActions", "Excel (*.xlsx)"),
               ".pdf": translate("ExportActions", "PDF (*.pdf)")}
    offered = [filters[suffix]] if suffix else list(filters.values())
    target = ask_target(parent, translate("ExportActions", "Export the calendar"),
                        calendar_name(period, lang, suffix or ".ics"), ";;".join(offered))
    if target is None:
        return None
    chosen = period
    return run_with_progress(
        parent, translate("ExportActions", "Exporting the calendar…"),
        with_reader(db, lambda reader, progress: ExportService(reader).calendar(
            target, period=chosen, today=today, lang=lang, progress=progress)),
        lambda path: _written(parent, path), lang=lang)


def export_statistics(parent: QWidget, db: Database, lang: str, today: date,
                      year: int | None = None) -> BackgroundJob | None:
    """The yearly figures of `year` (asked, last year by default) as .xlsx or .pdf."""
    if year is None:
        year, ok = QInputDialog.getInt(parent, translate("ExportActions", "Yearly figures"),
                                       translate("ExportActions", "Year:"), today.year - 1,
                                       2005, today.year + 1)
        if not ok:
            return None
    target = ask_target(parent, translate("ExportActions", "Export the yearly figures"),
                        statistics_name(year, lang, ".pdf"),
                        translate("ExportActions", "PDF (*.pdf);;Excel (*.xlsx)"))
    if target is None:
        return None
    chosen = year

    return run_with_progress(parent, translate("ExportActions", "Computing the yearly figures…"),
                             with_reader(db, statistics_task(chosen, target, lang, today)),
                             lambda path: _written(parent, path), lang=lang)


def statistics_task(year: int, target: Path, lang: str, today: date
                    ) -> Callable[[Database, Progress], Path]:
    def task(reader: Database, _progress: Progress) -> Path:
        service = StatisticsService(reader)
        if target.suffix.lower() == ".xlsx":
            service.write_workbook(year, target, lang=lang)
        else:
            service.write_pdf(year, target, printed_on=today, lang=lang)
        return target

    return task
