"""The names a save dialog proposes: what the document is, whom it is about, its date, in words
a person reads ("Rapport d'audit - Atelier Ébène d'Orléans - 2026-11-17.pdf"), never an
internal number.

A name must be valid wherever the file goes, Windows included: the characters Windows
refuses in a file name (< > : " / \\ | ? * and control characters) are left out, trailing dots
and spaces too, and a name Windows reserves for a device (CON, NUL, COM1...) gets an underscore.
"""

from __future__ import annotations

import re
from datetime import date

FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
            *(f"LPT{n}" for n in range(1, 10))}
SEPARATOR = " - "
MAX_STEM = 150  # well under the 255 a file name may have, with room for a " (2)"


def clean_part(text: str) -> str:
    """`text` without what Windows refuses in a file name, its spaces collapsed."""
    return " ".join(FORBIDDEN.sub(" ", text).split())


def document_name(*parts: str | date | None, suffix: str) -> str:
    """The parts that are not empty, joined by " - ", dates written 2026-11-17, then `suffix`
    (".pdf"). Never empty: a name of nothing but forbidden characters becomes "document"."""
    words = [clean_part(part.isoformat() if isinstance(part, date) else part or "")
             for part in parts]
    stem = SEPARATOR.join(word for word in words if word)[:MAX_STEM].rstrip(". ")
    if not stem:
        stem = "document"
    if stem.split(".")[0].upper() in RESERVED:
        stem += "_"
    return stem + suffix
