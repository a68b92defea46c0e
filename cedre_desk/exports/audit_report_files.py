"""The audit report written as a file (the report's data: audit_report.py).

Only a PDF for now; the writer, and reportlab with it, is loaded when a report is written,
not when the window starts.
"""

from __future__ import annotations

from pathlib import Path

from cedre_desk.exports.audit_report import AuditReport


def write_audit_report(target: Path, report: AuditReport, *, lang: str = "fr") -> Path:
    from cedre_desk.exports.audit_report_pdf import write_report_pdf  # loads reportlab

    return write_report_pdf(target, report, lang=lang)
