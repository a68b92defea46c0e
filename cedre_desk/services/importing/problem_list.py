"""Long lists of refused rows and warnings: the first 50 are shown, then a count and, when
there are more, the whole list in a file.

A workbook with a million bad rows must not print a million lines (nor fill the window's
summary with them): a person reads the first ones, corrects the pattern, and finds every
row in the file, written in the logs folder, readable by the user alone (the rows quote the
register's data), under a name no other run takes (paths.write_log).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cedre_desk.paths import write_log

if TYPE_CHECKING:  # annotations only: the Le Cap commands use this module without the import
    from cedre_desk.imports.workbook_records import Problem
    from cedre_desk.services.importing.workbook_import import ImportResult

LISTED = 50  # messages shown before the count


def problem_lines(result: ImportResult, lang: str, *,
                  full_list: Path | None = None) -> list[str]:
    """The first LISTED refused rows, then « … et N autres erreurs » (and where the whole
    list is, when `full_list` is given)."""
    return _first(result.problems, lang, full_list, warnings=False)


def warning_lines(result: ImportResult, lang: str, *,
                  full_list: Path | None = None) -> list[str]:
    return _first(result.warnings, lang, full_list, warnings=True)


def _first(problems: Sequence[Problem], lang: str, full_list: Path | None, *,
           warnings: bool) -> list[str]:
    lines = [p.message(lang) for p in problems[:LISTED]]
    if len(problems) > LISTED:
        lines.append(more_line(len(problems) - LISTED, lang, full_list=full_list,
                               warnings=warnings))
    return lines


def more_line(more: int, lang: str, *, full_list: Path | None, warnings: bool = False) -> str:
    if lang == "en":
        what = ("warning" if more == 1 else "warnings") if warnings else \
            ("error" if more == 1 else "errors")
        where = f": full list in {full_list}" if full_list else "."
        return f"… and {more} more {what}{where}"
    what = ("autre avertissement" if more == 1 else "autres avertissements") if warnings else \
        ("autre erreur" if more == 1 else "autres erreurs")
    where = f" : liste complète dans {full_list}" if full_list else "."
    return f"… et {more} {what}{where}"


def listed_messages(messages: Sequence[str], lang: str) -> list[str]:
    """Any list of refusals (a grid's, a sheet's): the first LISTED, then the count and,
    when there are more, the whole list written to a private file."""
    full_list = _write([*messages, ""]) if len(messages) > LISTED else None
    lines = list(messages[:LISTED])
    if len(messages) > LISTED:
        lines.append(more_line(len(messages) - LISTED, lang, full_list=full_list))
    return lines


def needs_full_list(result: ImportResult) -> bool:
    return len(result.problems) > LISTED or len(result.warnings) > LISTED


def write_full_list(result: ImportResult, lang: str) -> Path | None:
    """Every refused row and warning of `result` in a new private file; None when it could
    not be written."""
    return _write([
        str(result.path), "",
        *_section(result.problems, lang, "Refusé", "Refused"),
        *_section(result.warnings, lang, "Avertissements", "Warnings"),
    ])


def _write(lines: Sequence[str]) -> Path | None:
    try:
        return write_log("problemes", "\n".join(lines))
    except OSError:
        return None  # the count is still said


def _section(problems: Sequence[Problem], lang: str, fr: str, en: str) -> list[str]:
    if not problems:
        return []
    title = f"{en} ({len(problems)}):" if lang == "en" else f"{fr} ({len(problems)}) :"
    return [title, *(p.message(lang) for p in problems), ""]
