"""Time the Excel export and import of a demo register against plain openpyxl doing the same.

    .venv/bin/python benchmarks/export_import_bench.py --companies 2000
    .venv/bin/python benchmarks/export_import_bench.py --companies 20000 --workdir /tmp/bench

Steps, each timed on its own:
1. a demo register of N companies (made once, kept in --workdir);
2. the export (`ExportService.register`: reading the register, the cycle rules for the
   computed columns, and writing the workbook; the big sheets are read as they are written);
3. the baseline for it: the very cells of that workbook (read back first, not timed) written
   by openpyxl in write-only mode with `ws.append`, with no table, widths or formats;
4. the import of the workbook into a new, empty register (`ImportService.run`: reading,
   checking, writing with its history);
5. the baseline for it: openpyxl in read-only mode going through every cell of the workbook.

The issue's target is an export at most 1.3 times its baseline. The figures are printed as a
table and as one JSON line (for a record in docs/exports.md).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from openpyxl import Workbook, load_workbook

from cedre_desk.services.demo import generate_demo
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.services.register import create_register
from cedre_desk.storage.opening import open_register

TODAY = date(2026, 5, 1)
T = TypeVar("T")


def _timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _demo(workdir: Path, companies: int, seed: int) -> Path:
    path = workdir / f"demo-{companies}-{seed}.sqlite"
    if not path.exists():
        db = create_register(path)
        seconds, summary = _timed(lambda: generate_demo(db, companies=companies, seed=seed,
                                                        today=TODAY))
        db.close()
        print(f"demo register: {path} ({summary.companies} companies) in {seconds:.1f} s")
    return path


def _cells(workbook_path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    workbook = load_workbook(workbook_path, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in workbook.worksheets]
    workbook.close()
    return sheets


def _baseline_write(sheets: list[tuple[str, list[tuple[object, ...]]]], target: Path) -> None:
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    workbook.save(target)


def _baseline_read(path: Path) -> int:
    workbook = load_workbook(path, read_only=True)
    count = 0
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows(values_only=True):
            count += len(row)
    workbook.close()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cedre-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    register = _demo(args.workdir, args.companies, args.seed)
    exported = args.workdir / f"export-{args.companies}.xlsx"

    db = open_register(register)
    export_s, report = _timed(lambda: ExportService(db).register(exported, today=TODAY))
    db.close()
    sheets = _cells(exported)
    cells = sum(len(row) for _title, rows in sheets for row in rows)
    write_s, _ = _timed(lambda: _baseline_write(sheets, args.workdir / "baseline.xlsx"))
    sheets = []  # free the memory before the import

    target = args.workdir / f"import-{args.companies}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    fresh = create_register(target)
    import_s, result = _timed(lambda: ImportService(fresh).run(exported, today=TODAY))
    fresh.close()
    read_base_s, _ = _timed(lambda: _baseline_read(exported))

    figures = {
        "companies": args.companies, "rows": report.rows, "cells": cells,
        "workbook_mb": round(exported.stat().st_size / 1e6, 1),
        "export_s": round(export_s, 2),
        "openpyxl_write_only_s": round(write_s, 2), "export_ratio": round(export_s / write_s, 2),
        "import_s": round(import_s, 2), "openpyxl_read_only_s": round(read_base_s, 2),
        "import_ratio": round(import_s / read_base_s, 2), "imported": result.written,
        "problems": len(result.problems),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(f"{'export (read + write)':32} {export_s:8.2f} s")
    print(f"{'openpyxl write-only, same cells':32} {write_s:8.2f} s   ratio "
          f"{figures['export_ratio']}")
    print(f"{'import (read, check, write)':32} {import_s:8.2f} s")
    print(f"{'openpyxl read-only, same cells':32} {read_base_s:8.2f} s   ratio "
          f"{figures['import_ratio']}")
    print(json.dumps(figures))
    return 0 if result.written else 1


if __name__ == "__main__":
    sys.exit(main())
