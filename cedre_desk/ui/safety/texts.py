"""The safety widgets' words, French and English side by side.

These widgets choose their language from the window's current one at the moment they speak
(a `lang()` callable), so they need no entry in the Qt catalogue and follow a language
change from the menu.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from cedre_desk.storage.restore import describe_newer

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


def newer_sentence(newer: tuple[tuple[str, int], ...] | None, kept_where: str,
                   lang: str) -> str:
    """What a restore sets aside: the records newer than the copy, and where they stay."""
    if newer == ():
        return pick(lang, "Rien n'a été ajouté ni modifié dans le registre depuis cette "
                    "sauvegarde.", "Nothing was added or changed in the register since this "
                    "backup.")
    words = describe_newer(newer, lang)
    if newer is None:
        return pick(lang, f"Attention : {words}. Tout ce qui a été enregistré depuis cette "
                    f"sauvegarde reste dans {kept_where}, jamais effacé.",
                    f"Beware: {words}. Everything saved since this backup stays in "
                    f"{kept_where}, never deleted.")
    return pick(lang, f"Plus récent que cette sauvegarde, donc mis de côté avec le registre "
                f"actuel (gardé dans {kept_where}, jamais effacé) : {words}.",
                f"Newer than this backup, so set aside with the current register (kept in "
                f"{kept_where}, never deleted): {words}.")
