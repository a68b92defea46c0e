"""The Unicode font every PDF is written with, shipped in resources/fonts and embedded.

reportlab's built-in Helvetica is not embedded and only knows Latin-1: accents can go wrong
on another machine and "œ", "€" or a typographic apostrophe print as black boxes. DejaVu Sans
covers French (and far more) and is embedded (subset) in every PDF written with it.
"""

from __future__ import annotations

from functools import cache

from cedre_desk.resources import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"


@cache
def register_fonts() -> str:
    """Register the fonts with reportlab (once) and return the family name to use."""
    # Imported here, by the first PDF: reportlab stays out of the window's start.
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (REGULAR, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    # <b> and <i> in paragraphs pick the bold and oblique faces of the family.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
