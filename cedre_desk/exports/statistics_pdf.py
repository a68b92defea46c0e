"""The yearly figures as a PDF page with charts (the figures: statistics_figures.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from cedre_desk.exports.dates import day
from cedre_desk.exports.fonts import register_fonts
from cedre_desk.exports.pdf_layout import (
    ACCENT,
    INK,
    DocumentInfo,
    build_pdf,
    grid,
    long_grid,
    section,
    text,
    wrapped,
)
from cedre_desk.exports.pdf_layout import styles as pdf_styles
from cedre_desk.exports.statistics_figures import (
    CAP_PEER,
    CAP_RAN,
    CAP_REVIEWED,
    CAP_THIRD_PARTY,
    CAP_TITLE,
    FIGURES,
    CapFigures,
    Figures,
    YearlyFigures,
    cap_words,
    figure_label,
    line_text,
    percent,
    type_name,
    types_cell,
)


def write_pdf(target: Path, data: YearlyFigures, *, printed_on: date,
              lang: str = "fr") -> Path:
    s = pdf_styles()
    en = lang == "en"
    title = f"CEDRE certification: figures for {data.year}" if en \
        else f"Certification CEDRE : chiffres {data.year}"
    total = data.total
    rows: list[tuple[object, ...]] = [("Figure" if en else "Indicateur", str(data.year))]
    for key, _, _ in FIGURES:
        rows.append((figure_label(key, lang), str(getattr(total, key))))
        if key == "certified_at_year_end":  # its split, right under it
            rows += [(f"   {'of which' if en else 'dont'} {scheme}",
                      str(total.certified_by_scheme.get(scheme, 0)))
                     for scheme in ("CEDRE", "CEDRE ISO 9001")]
    rows.append(("Share of active members certified" if en
                 else "Part des adhérents actifs certifiés",
                 f"{percent(total.certified_share, lang)} ({total.certified_at_year_end} / "
                 f"{total.active_members})"))
    story: list[Flowable] = [
        Paragraph(text(title), s.title),
        grid(rows, [110 * mm, 45 * mm]), Spacer(1, 6 * mm),
        _headline_chart(total, lang), Spacer(1, 4 * mm),
    ]
    if data.by_region:
        story += [*section("Certified at 31 December, by region" if en
                           else "Certifiées au 31 décembre, par région", s.heading),
                  _region_chart(data, lang)]
    story += _newly_certified(data, lang)
    for heading, breakdown in (("By region" if en else "Par région", data.by_region),
                               ("By type" if en else "Par type", data.by_type)):
        head = (("", "New", "Entered", "Renewed", "Prep.", "Follow-\nups",
                 "Certified\n31/12", "Engaged\n31/12", "Share") if en else
                ("", "Nouv.", "Entrées", "Renouv.", "Prépar.", "Suivis", "Certifiées\n31/12",
                 "Engagées\n31/12", "Part"))
        table_rows: list[tuple[object, ...]] = [head]
        for name, f in breakdown.items():
            table_rows.append((wrapped(type_name(name, lang), 42 * mm), f.newly_certified,
                               f.entered, f.renewed, f.preparing_renewal, f.follow_up_audits,
                               f.certified_at_year_end, f.engaged_at_year_end,
                               percent(f.certified_share, lang)))
        story += [*section(heading, s.heading),
                  grid(table_rows, [42 * mm, 13 * mm, 15 * mm, 18 * mm, 14 * mm, 14 * mm,
                                    20 * mm, 20 * mm, 18 * mm])]
    story += _cap(data, lang)
    story += _engaged(data, lang)
    info = DocumentInfo(title=title, subject=title, author="cedre-desk",
                        lang="en-GB" if en else "fr-FR",
                        footer=("Printed on " if en else "Édité le ") + day(printed_on, lang))
    return build_pdf(target, info, story)


def _newly_certified(data: YearlyFigures, lang: str) -> list[Flowable]:
    """The lines as the activity report prints them, one paragraph per line under its
    scheme: "CEDRE ISO 9001 : GDID (GES) à Salon de Provence (13)"."""
    s = pdf_styles()
    en = lang == "en"
    story: list[Flowable] = section(
        f"Newly certified in {data.year}" if en else f"Nouvellement certifiées en {data.year}",
        s.heading)
    colon = ":" if en else "\u00a0:"
    # The bullet's font is the body's: reportlab's default would be an unembedded Helvetica.
    bulleted = ParagraphStyle("line", parent=s.body, leftIndent=4 * mm, bulletIndent=1 * mm,
                              bulletFontName=s.body.fontName)
    for scheme, lines in data.newly_certified_lines.items():
        count = sum(len(line.companies) for line in lines)
        companies = ("company" if count == 1 else "companies") if en else "structure" + (
            "s" if count > 1 else "")
        story.append(Paragraph(f"{text(scheme)}{colon} {count} {companies}", s.subheading))
        for line in lines:
            story.append(Paragraph(text(line_text(line, lang)), bulleted, bulletText="•"))
        if not lines:
            story.append(Paragraph(text("None" if en else "Aucune"), s.body))
    return story


def _cap(data: YearlyFigures, lang: str) -> list[Flowable]:
    """Le Cap in the year: the companies that ran it and the share reviewed, per region."""
    s = pdf_styles()
    en = lang == "en"
    story = section(f"{cap_words(CAP_TITLE, lang)} {data.year}", s.heading)
    if not data.cap.companies:
        return [*story, Paragraph(text(
            f"No company ran Le Cap in {data.year}." if en
            else f"Aucune structure n'a mené Le Cap en {data.year}."), s.body)]
    total = data.cap
    story.append(Paragraph(text(
        f"{cap_words(CAP_RAN, lang)}{':' if en else ' :'} {total.companies}, "
        f"{cap_words(CAP_REVIEWED, lang)}{':' if en else ' :'} {total.reviewed} "
        f"({percent(total.reviewed_share, lang)}; {cap_words(CAP_THIRD_PARTY, lang)} "
        f"{total.third_party}, {cap_words(CAP_PEER, lang)} {total.peer})."), s.body))
    head = (("Region", "Ran\nLe Cap", "Reviewed", "by a third\nparty", "by a peer",
             "Share\nreviewed") if en else
            ("Région", "Ont mené\nLe Cap", "Relues", "par un\ntiers", "par un pair",
             "Part\nrelue"))
    widths = [62 * mm, 22 * mm, 20 * mm, 20 * mm, 22 * mm, 22 * mm]
    rows: list[tuple[object, ...]] = [head]
    for name, figures in (*data.cap_by_region.items(), ("Total", total)):
        rows.append((wrapped(name, widths[0]), *_cap_cells(figures, lang)))
    return [*story, Spacer(1, 2 * mm), grid(rows, widths)]


def _cap_cells(figures: CapFigures, lang: str) -> tuple[object, ...]:
    return (figures.companies, figures.reviewed, figures.third_party, figures.peer,
            percent(figures.reviewed_share, lang))


def _engaged(data: YearlyFigures, lang: str) -> list[Flowable]:
    s = pdf_styles()
    en = lang == "en"
    title = (f"Engaged in the process at 31 December {data.year}, not yet certified "
             f"({len(data.engaged)})" if en else
             f"Engagées dans la démarche au 31 décembre {data.year}, pas encore certifiées "
             f"({len(data.engaged)})")
    if not data.engaged:
        return [*section(title, s.heading), Paragraph(text("None" if en else "Aucune"), s.body)]
    widths = [74 * mm, 30 * mm, 52 * mm, 18 * mm]
    rows: list[tuple[object, ...]] = [
        ("Company", "Legal types", "Town", "Dept.") if en else
        ("Structure", "Types", "Ville", "Dépt.")]
    rows += [(wrapped(c.name, widths[0]), wrapped(types_cell(c.legal_types, lang), widths[1]),
              wrapped(c.town, widths[2]), c.department) for c in data.engaged]
    return [*section(title, s.heading), *long_grid(rows, widths)]


def _style_axis_labels(chart: Any, font: str) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 7
        axis.labels.fillColor = INK


def _headline_chart(total: Figures, lang: str) -> Drawing:
    font = register_fonts()
    drawing = Drawing(170 * mm, 70 * mm)
    drawing.initialFontName = font  # the drawing's own default font is Helvetica, unembedded
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 18 * mm, 150 * mm, 48 * mm
    chart.data = [[getattr(total, key) for key, _, _ in FIGURES]]
    short_fr = ("Nouvelles", "Entrées", "Renouvel.", "Prépar.", "Suivis", "Certifiées 31/12",
                "Engagées 31/12")
    short_en = ("New", "Entered", "Renewed", "Preparing", "Follow-ups", "Certified 31/12",
                "Engaged 31/12")
    chart.categoryAxis.categoryNames = list(short_en if lang == "en" else short_fr)
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = ACCENT
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 5
    _style_axis_labels(chart, font)
    drawing.add(chart)
    return drawing


def _region_chart(data: YearlyFigures, lang: str) -> Drawing:
    font = register_fonts()
    regions = list(data.by_region.items())
    height = max(30, 6 * len(regions) + 10) * mm / 1.4
    drawing = Drawing(170 * mm, height)
    drawing.initialFontName = font
    chart = HorizontalBarChart()
    chart.x, chart.y = 45 * mm, 4 * mm
    chart.width, chart.height = 115 * mm, height - 8 * mm
    chart.data = [[f.certified_at_year_end for _, f in reversed(regions)]]
    chart.categoryAxis.categoryNames = [name[:28] for name, _ in reversed(regions)]
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = ACCENT
    _style_axis_labels(chart, font)
    drawing.add(chart)
    return drawing
