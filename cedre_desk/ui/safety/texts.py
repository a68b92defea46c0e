"""The safety widgets' words, French and English side by side.

These widgets choose their language from the window's current one at the moment they speak
(a `lang()` callable), so they need no entry in the Qt catalogue and follow a language
change from the menu.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Lang = Callable[[], str]


def pick(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def when(moment: datetime | None, lang: str) -> str:
    """"12/03/2026 à 14:05" (the French form of dates, in English too)."""
    if moment is None:
        return "?"
    return moment.strftime("%d/%m/%Y à %H:%M" if lang != "en" else "%d/%m/%Y at %H:%M")


def size(count: int, lang: str) -> str:
    if count >= 1_048_576:
        text = f"{count / 1_048_576:.1f} {pick(lang, 'Mo', 'MB')}"
    else:
        text = f"{max(count, 1) / 1024:.0f} {pick(lang, 'ko', 'kB')}"
    return text.replace(".", ",") if lang != "en" else text
