"""The jobs measured in a process of their own, each with its baseline.

A job is picked up through the public service functions (CycleService, ExportService,
ImportService, StatisticsService). When the code it needs is not there yet (a module or a
function missing), `prepare` raises `NotAvailable` and the benchmark says so instead of
giving a number.

Each side (the job, or its baseline) returns an `Action`: `run()` is what is timed; `setup()`,
called before each run, is not (a fresh empty register before each import, for instance).
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.registers import Register

CYCLE_KINDS = ("follow_up", "renewal")
_KINDS = ", ".join(f"'{kind}'" for kind in CYCLE_KINDS)
# The rows the cycle rules are given: decisions with their session's date, the audits that
# move the cycle, who is engaged, the sessions, the companies.
CYCLE_ROW_QUERIES = (
    "SELECT d.company_id, d.group_id, s.held_on, d.outcome, d.scheme, d.valid_from, "
    "d.valid_until FROM decision d JOIN committee_session s ON s.id = d.session_id "
    "ORDER BY s.held_on, d.id",
    "SELECT company_id, group_id, kind, status, coalesce(end_on, start_on) FROM audit "
    f"WHERE kind IN ({_KINDS}) AND status != 'planned'",
    "SELECT DISTINCT company_id, group_id FROM audit UNION "
    "SELECT company_id, NULL FROM engagement",
    "SELECT group_id, company_id FROM group_member",
    "SELECT held_on FROM committee_session ORDER BY held_on",
    "SELECT id, name, siret FROM company",
)


class NotAvailable(Exception):
    """The code this job needs is not in the program yet."""


@dataclass
class Action:
    run: Callable[[], Any]
    setup: Callable[[], None] = lambda: None
    warmup: bool = True  # one untimed run first (imports, SQLite page cache)
    close: Callable[[], None] = lambda: None


@dataclass(frozen=True)
class Context:
    register: Register
    work: Path  # files written by the jobs (the export read back by the import...)

    @property
    def today(self) -> date:
        return self.register.today


def attribute(module: str, name: str) -> Any:
    """`module.name`, or NotAvailable when either is missing."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            raise NotAvailable(f"{module} does not exist yet") from exc
        raise
    if not hasattr(found, name):
        raise NotAvailable(f"{module}.{name} does not exist yet")
    return getattr(found, name)


def _open(ctx: Context) -> Any:
    if "://" in str(ctx.register.path):  # a PostgreSQL copy (benchmarks.server_copy)
        return attribute("cedre_desk.storage.server", "open_server")(str(ctx.register.path))
    open_register = attribute("cedre_desk.storage.opening", "open_register")
    return open_register(ctx.register.path)


def _raw_connection(ctx: Context) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{ctx.register.path}?mode=ro", uri=True)


# --- the due list ---------------------------------------------------------------------------


def due_job(ctx: Context) -> Action:
    """The due list as a user gets it: the statuses stored by the untimed first run (or by
    an earlier start) are read back, those that no longer hold are computed."""
    cycle_service = attribute("cedre_desk.services.due", "CycleService")
    db = _open(ctx)
    return Action(lambda: cycle_service(db).due(ctx.today), close=db.close)


def due_computed_job(ctx: Context) -> Action:
    """The due list with no stored status (a new release, a new committee session, changed
    settings): every company's status computed from its facts, then stored."""
    cycle_service = attribute("cedre_desk.services.due", "CycleService")
    status_store = attribute("cedre_desk.services.status_store", "StatusStore")
    db = _open(ctx)
    return Action(lambda: cycle_service(db).due(ctx.today),
                  setup=lambda: status_store(db).forget(), close=db.close)


def cycle_rows_baseline(ctx: Context) -> Action:
    """A raw sqlite3 read of the rows the cycle rules are given: decisions with their session's
    date, the audits that move the cycle, who is engaged, the sessions, the companies."""
    conn = _raw_connection(ctx)
    queries = CYCLE_ROW_QUERIES

    def read() -> int:
        return sum(len(conn.execute(query).fetchall()) for query in queries)

    return Action(read, close=conn.close)


# --- the Excel register: export and import --------------------------------------------------


def _export_path(ctx: Context) -> Path:
    return ctx.work / "register-export.xlsx"


def export_job(ctx: Context) -> Action:
    export_service = attribute("cedre_desk.services.exporting", "ExportService")
    if not hasattr(export_service, "register"):
        raise NotAvailable("ExportService.register does not exist yet")
    db = _open(ctx)
    target = _export_path(ctx)
    return Action(lambda: export_service(db).register(target, today=ctx.today),
                  warmup=False, close=db.close)


def _cells(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in workbook.worksheets]
    workbook.close()
    return sheets


def _needs_export(ctx: Context) -> Path:
    path = _export_path(ctx)
    if not path.exists():
        raise NotAvailable("no exported register to work on (the export did not run)")
    return path


def export_baseline(ctx: Context) -> Action:
    """openpyxl write_only writing the very cells of the exported workbook (read back first,
    not timed), with `append` only: no table, widths or formats."""
    from openpyxl import Workbook

    sheets = _cells(_needs_export(ctx))
    target = ctx.work / "baseline-write-only.xlsx"

    def write() -> None:
        workbook = Workbook(write_only=True)
        for title, rows in sheets:
            worksheet = workbook.create_sheet(title)
            for row in rows:
                worksheet.append(row)
        workbook.save(target)

    return Action(write, warmup=False)


def import_job(ctx: Context) -> Action:
    import_service = attribute("cedre_desk.services.importing.workbook_import", "ImportService")
    import_limits = attribute("cedre_desk.audits.date_limits", "DateLimits")
    create_register = attribute("cedre_desk.services.register", "create_register")
    source = _needs_export(ctx)
    target = ctx.work / "imported.sqlite"
    state: dict[str, Any] = {}

    def fresh() -> None:
        if "db" in state:
            state.pop("db").close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        state["db"] = create_register(target)

    # The benchmark register's sessions go back 40 years (registers.py, written straight to
    # the tables), before the first year a register holds (DateLimits: 1990, the forms and
    # the import alike): widened here so that its own export imports whole.
    first_year = min(date.fromisoformat(ctx.register.first_session).year, 1990)
    limits = import_limits(first_year=first_year)

    def run() -> Any:
        result = import_service(state["db"]).run(source, today=ctx.today, limits=limits)
        if not result.written:
            problems = "; ".join(str(p) for p in result.problems[:3])
            raise RuntimeError(f"the import wrote nothing: {problems}")
        return result

    def close() -> None:
        if "db" in state:
            state.pop("db").close()

    return Action(run, setup=fresh, warmup=False, close=close)


def import_baseline(ctx: Context) -> Action:
    """openpyxl read_only going through every cell of the exported workbook."""
    from openpyxl import load_workbook

    source = _needs_export(ctx)

    def read() -> int:
        workbook = load_workbook(source, read_only=True)
        count = 0
        for worksheet in workbook.worksheets:
            for row in worksheet.iter_rows(values_only=True):
                count += len(row)
        workbook.close()
        return count

    return Action(read, warmup=False)


# --- the PDF audit report --------------------------------------------------------------------


def report_job(ctx: Context) -> Action:
    export_service = attribute("cedre_desk.services.exporting", "ExportService")
    if not hasattr(export_service, "audit_report"):
        raise NotAvailable("ExportService.audit_report does not exist yet")
    db = _open(ctx)
    target = ctx.work / "audit-report.pdf"
    audit_id = ctx.register.report_audit_id
    return Action(lambda: export_service(db).audit_report(audit_id, target, today=ctx.today),
                  close=db.close)


def report_baseline(ctx: Context) -> Action:
    """reportlab's platypus laying out the same finding texts as plain paragraphs, read with
    one raw sqlite3 select."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    conn = _raw_connection(ctx)
    target = ctx.work / "baseline-report.pdf"
    style = getSampleStyleSheet()["BodyText"]

    def write() -> None:
        rows = conn.execute("SELECT level, text, action FROM finding WHERE audit_id = ? "
                            "ORDER BY position", (ctx.register.report_audit_id,)).fetchall()
        story = [Paragraph(f"{level} — {text} {action}", style) for level, text, action in rows]
        SimpleDocTemplate(str(target), pagesize=A4).build(story)

    return Action(write, close=conn.close)


# --- the .ics calendar of the next 12 months ------------------------------------------------


def _period(ctx: Context) -> Any:
    period = attribute("cedre_desk.exports.calendar_files", "Period")
    return period(ctx.today, ctx.today + timedelta(days=365) - timedelta(days=1))


GENERATED_AT = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def calendar_job(ctx: Context) -> Action:
    export_service = attribute("cedre_desk.services.exporting", "ExportService")
    if not hasattr(export_service, "calendar"):
        raise NotAvailable("ExportService.calendar does not exist yet")
    db = _open(ctx)
    target = ctx.work / "next-12-months.ics"
    period = _period(ctx)
    return Action(lambda: export_service(db).calendar(target, period=period, today=ctx.today,
                                                      generated_at=GENERATED_AT),
                  close=db.close)


def calendar_baseline(ctx: Context) -> Action:
    """icalendar writing one plain all-day event per due event of the same period (the events
    gathered first, not timed): the library's own cost for the same number of events."""
    from icalendar import Calendar, Event

    export_service = attribute("cedre_desk.services.exporting", "ExportService")
    db = _open(ctx)
    events = export_service(db).calendar_events(_period(ctx), today=ctx.today)
    db.close()
    target = ctx.work / "baseline.ics"

    def write() -> None:
        calendar = Calendar()
        calendar.add("prodid", "-//bench//EN")
        calendar.add("version", "2.0")
        for number, event in enumerate(events):
            item = Event()
            item.add("uid", f"bench-{number}@cedre-desk")
            item.add("dtstamp", GENERATED_AT)
            item.add("dtstart", event.due)
            item.add("summary", f"{event.kind.value} — {event.company}")
            calendar.add_component(item)
        target.write_bytes(calendar.to_ical())

    return Action(write)


# --- the yearly figures ----------------------------------------------------------------------


def yearly_job(ctx: Context) -> Action:
    statistics_service = attribute("cedre_desk.services.statistics", "StatisticsService")
    db = _open(ctx)
    year = ctx.today.year - 1  # the last full year
    return Action(lambda: statistics_service(db).yearly(year), close=db.close)


# --- the writer's check: what an opening for writing reads before the first write -------------


def check_job(ctx: Context) -> Action:
    """The full integrity_check a writer's opening runs (beside the window's first reads, or
    before a command line's first write): it sees a damaged index, quick_check does not."""
    check_file = attribute("cedre_desk.storage.integrity", "check_file")
    return Action(lambda: check_file(ctx.register.path, full=True, foreign_keys=False))


def quick_check_baseline(ctx: Context) -> Action:
    """SQLite's quick_check of the same file, the check readers still run."""
    conn = _raw_connection(ctx)
    return Action(lambda: conn.execute("PRAGMA quick_check").fetchall(), close=conn.close)


JOBS: dict[str, tuple[Callable[[Context], Action], Callable[[Context], Action]]] = {
    "check": (check_job, quick_check_baseline),
    "due": (due_job, cycle_rows_baseline),
    "due-computed": (due_computed_job, cycle_rows_baseline),
    "export": (export_job, export_baseline),
    "import": (import_job, import_baseline),
    "report": (report_job, report_baseline),
    "calendar": (calendar_job, calendar_baseline),
    "yearly": (yearly_job, cycle_rows_baseline),
}
