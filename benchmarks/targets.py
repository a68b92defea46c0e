"""Issues 6 and 16's targets, and how each measured figure is judged against them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    name: str
    figure: str  # which figure of the job: "ratio", "ratio_to_stack_floor", "seconds", "peak_mb"
    limit: float
    text: str
    size: str | None = None  # the register size it is for; None: every size


TARGETS: dict[str, list[Target]] = {
    "window": [
        # Issue 16 retired "≤ 3× the bare empty window": the fixed stack alone (SQLModel and
        # SQLAlchemy's ORM imported) costs 3.7× of it. Judged against that floor instead.
        Target("window ready (530)", "ratio_to_stack_floor", 1.5,
               "ready ≤ 1.5× the stack's floor, 530 companies", "small"),
        Target("window ready (reference)", "ratio_to_stack_floor", 2.0,
               "ready ≤ 2× the stack's floor, reference register", "reference"),
        Target("window memory", "peak_mb", 300.0, "the window with the big register ≤ 300 MB"),
    ],
    "companies keystroke": [Target("companies keystroke", "seconds", 0.050, "≤ 50 ms median")],
    "audits keystroke": [Target("audits keystroke", "seconds", 0.150, "≤ 150 ms median")],
    "audits sort": [Target("audits sort", "seconds", 0.150, "≤ 150 ms median")],
    "due list": [Target("due list", "seconds", 1.0, "≤ 1 s")],
    "due list, nothing stored": [Target("due list, nothing stored", "seconds", 1.0, "≤ 1 s")],
    # At 530 companies the imports alone are many times a scan of a few thousand rows.
    "due command": [Target("due command", "ratio", 3.0,
                           "`cedre-desk-cli due` ≤ 3× a process scanning the same tables",
                           "reference")],
    "excel export": [Target("excel export", "ratio", 1.3, "≤ 1.3× openpyxl write_only"),
                     Target("excel export memory", "peak_mb", 300.0, "peak ≤ 300 MB")],
    "excel import": [Target("excel import", "ratio", 1.5, "≤ 1.5× openpyxl read_only"),
                     Target("excel import memory", "peak_mb", 600.0, "peak ≤ 600 MB")],
    "pdf report (300 findings)": [Target("pdf report", "seconds", 1.0, "≤ 1 s")],
}


def judge(job: str, figures: dict[str, Any], size: str | None = None) -> list[dict[str, Any]]:
    """Each target of `job` (for the register `size`) with its measured value and whether it
    is met; a figure that could not be measured gives no verdict (`met` None)."""
    verdicts = []
    for target in TARGETS.get(job, []):
        if target.size is not None and target.size != size:
            continue
        value = figures.get(target.figure)
        verdicts.append({"target": target.name, "limit": target.limit, "text": target.text,
                         "figure": target.figure, "value": value,
                         "met": None if value is None else value <= target.limit})
    return verdicts


# Issue 13: a shared register on a server is no slower to work with than a file, within 2x.
SERVER_TARGET = Target("on PostgreSQL", "ratio_to_sqlite", 2.0,
                       "on PostgreSQL ≤ 2× SQLite's, same run")


def judge_server(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """A job timed on a PostgreSQL copy, against the same job on the file in the same run."""
    if not figures.get("available") or figures.get("error"):
        return []
    value = figures.get(SERVER_TARGET.figure)
    return [{"target": f"{figures['job']} {SERVER_TARGET.name}", "limit": SERVER_TARGET.limit,
             "text": SERVER_TARGET.text, "figure": SERVER_TARGET.figure, "value": value,
             "met": None if value is None else value <= SERVER_TARGET.limit}]
