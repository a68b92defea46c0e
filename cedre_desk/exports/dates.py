"""Dates as the exported documents write them: 22/11/2026 in French, 2026-11-22 in English."""

from __future__ import annotations

from datetime import date

from cedre_desk.audits.dates import format_fr


def day(value: date | None, lang: str) -> str:
    if value is None:
        return ""
    return value.isoformat() if lang == "en" else format_fr(value)
