"""Issue 6's targets, and how each measured figure is judged against them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    name: str
    figure: str  # which figure of the job: "ratio", "seconds" or "peak_mb"
    limit: float
    text: str


TARGETS: dict[str, list[Target]] = {
    "window": [
        Target("window ready", "ratio", 3.0, "ready with the big register ≤ 3× the empty window"),
        Target("window memory", "peak_mb", 300.0, "the window with the big register ≤ 300 MB"),
    ],
    "companies keystroke": [Target("companies keystroke", "seconds", 0.050, "≤ 50 ms median")],
    "audits keystroke": [Target("audits keystroke", "seconds", 0.150, "≤ 150 ms median")],
    "audits sort": [Target("audits sort", "seconds", 0.150, "≤ 150 ms median")],
    "due list": [Target("due list", "seconds", 1.0, "≤ 1 s")],
    "due list, nothing stored": [Target("due list, nothing stored", "seconds", 1.0, "≤ 1 s")],
    "excel export": [Target("excel export", "ratio", 1.3, "≤ 1.3× openpyxl write_only")],
    "excel import": [Target("excel import", "ratio", 2.0, "≤ 2× openpyxl read_only")],
    "pdf report (300 findings)": [Target("pdf report", "seconds", 1.0, "≤ 1 s")],
}


def judge(job: str, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of `job` with its measured value and whether it is met; a figure that could
    not be measured gives no verdict (`met` None)."""
    verdicts = []
    for target in TARGETS.get(job, []):
        value = figures.get(target.figure)
        verdicts.append({"target": target.name, "limit": target.limit, "text": target.text,
                         "figure": target.figure, "value": value,
                         "met": None if value is None else value <= target.limit})
    return verdicts
