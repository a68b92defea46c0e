"""What every PDF of cedre-desk shares: the embedded font, the styles, a header and a footer
with "Page X / Y", the document's metadata, and the escaping of text typed by users.

reportlab's Paragraph reads a small markup language: a finding typed as "<b>x</b>" would print
"x" in bold, and a stray "<" or "&" breaks the paragraph. `para` escapes user text so it
prints exactly as typed (line breaks kept), and only the program's own markup is markup.

This module imports reportlab (≈0.1 s and ≈8 MB): each PDF writer imports it when it runs,
so the window's start does not pay for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from cedre_desk import __version__
from cedre_desk.exports.files import atomic_target
from cedre_desk.exports.fonts import BOLD, register_fonts

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#2f5d50")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e8eef0")
LATE = colors.HexColor("#b3261e")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


def styles() -> Styles:
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=3)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=21,
                             textColor=ACCENT, spaceAfter=6),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=12.5,
                               leading=16, textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        subheading=ParagraphStyle("subheading", parent=body, fontName=BOLD, fontSize=10.5,
                                  leading=13, spaceBefore=6, spaceAfter=3),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=BOLD, fontSize=8.5,
                                 leading=10.5, spaceAfter=0),
    )


def text(value: object) -> str:
    """User text as paragraph markup that prints exactly as typed; line breaks kept."""
    if value is None:
        return ""
    escaped = escape(str(value), {'"': "&quot;"})
    return escaped.replace("\r\n", "\n").replace("\n", "<br/>")


def para(value: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)


def wrapped(value: object, width: float, size: float = 8.5) -> str:
    """Plain text folded to a cell's width, for table cells that need no markup.

    A paragraph parses its text as markup and measures it again at every layout pass; a plain
    string is drawn as it is: the same look, several times faster on a long table, and no
    markup to escape at all."""
    font = register_fonts()
    usable = width - 12  # the cell's left and right padding
    lines: list[str] = []
    for line in str(value or "").replace("\r\n", "\n").split("\n"):
        lines += simpleSplit(line, font, size, usable) or [""]
    return "\n".join(lines)


def section(title: str, style: ParagraphStyle) -> list[Flowable]:
    """A heading that never ends a page alone: a new page when less than 3 cm are left.

    (reportlab's keepWithNext would move a heading together with the whole table after
    it, leaving a blank page before a table longer than a page.)"""
    return [CondPageBreak(30 * mm), Paragraph(text(title), style)]


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header: bool = True,
         zebra: bool = True) -> Table:
    """A table with a shaded header row repeated on every page."""
    table = Table(list(rows), colWidths=list(widths), repeatRows=1 if header else 0,
                  hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("FONTNAME", (0, 0), (-1, 0), BOLD)]
    if zebra and len(rows) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, "#f6f8f9"]))
    table.setStyle(TableStyle(commands))
    return table


def long_grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
              chunk: int = 12) -> list[Flowable]:
    """A long table (a header row, then the rows) as a run of short tables of `chunk` rows.

    reportlab measures again every row left each time it splits a table at a page's end: a
    300-row table costs more and more per page. Short tables keep that cost flat (the header
    is printed once, at the start)."""
    header, body = rows[0], list(rows[1:])
    if len(body) <= chunk:
        return [grid(rows, widths)]
    tables = [grid([header, *body[:chunk]], widths)]
    for start in range(chunk, len(body), chunk):
        tables.append(grid(body[start:start + chunk], widths, header=False,
                           zebra=chunk % 2 == 0))
    return tables


@dataclass(frozen=True)
class DocumentInfo:
    title: str  # metadata title, and the header of every page
    subject: str
    author: str
    lang: str  # "fr" or "en"
    footer: str  # left of the footer, e.g. "Édité le 22/11/2026"
    landscape: bool = False


def build_pdf(target: Path, info: DocumentInfo, story: list[Flowable]) -> Path:
    """Write `story` as a PDF at `target` (via a temporary file), with header and footer."""
    font = register_fonts()
    page = landscape(A4) if info.landscape else A4
    page_label = "Page {} / {}"

    def decorate(canvas: Canvas, _doc: Any) -> None:
        width, height = page
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(RULE)
        canvas.drawString(18 * mm, height - 11 * mm, info.title[:110])
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(18 * mm, height - 12.5 * mm, width - 18 * mm, height - 12.5 * mm)
        canvas.line(18 * mm, 13 * mm, width - 18 * mm, 13 * mm)
        canvas.drawString(18 * mm, 9 * mm, info.footer)
        canvas.restoreState()

    with atomic_target(Path(target)) as temporary:
        document = SimpleDocTemplate(
            str(temporary), pagesize=page, leftMargin=18 * mm, rightMargin=18 * mm,
            topMargin=18 * mm, bottomMargin=18 * mm, title=info.title, author=info.author,
            subject=info.subject, creator=f"cedre-desk {__version__}", lang=info.lang,
            initialFontName=font, initialFontSize=9,
        )
        document.build(story, onFirstPage=decorate, onLaterPages=decorate,
                       canvasmaker=_numbered_canvas(font, page_label, page))
    return Path(target)


def _numbered_canvas(font: str, label: str, page: tuple[float, float]) -> type[Canvas]:
    """A canvas that holds its pages back until the end, to print "Page X / Y" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self.saveState()
                self.setFont(font, 8)
                self.setFillColor(RULE)
                self.drawRightString(page[0] - 18 * mm, 9 * mm,
                                     label.format(self._pageNumber, total))
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas
