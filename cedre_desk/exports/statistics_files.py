"""The yearly figures (see services/statistics.py for what each one counts) as JSON-ready data,
an Excel workbook and a PDF page with charts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from cedre_desk.exports.fonts import register_fonts
from cedre_desk.exports.pdf_layout import (
    ACCENT,
    INK,
    DocumentInfo,
    build_pdf,
    day,
    grid,
    section,
    text,
)
from cedre_desk.exports.pdf_layout import styles as pdf_styles
from cedre_desk.exports.workbook_writer import Column, Sheet, WorkbookReport, write_workbook

# The figures in the order the activity report gives them: (key, French, English).
FIGURES = (
    ("newly_certified", "Structures nouvellement certifiées", "Newly certified companies"),
    ("entered", "Structures entrées dans la démarche", "Companies entering the process"),
    ("renewed", "Renouvellements accordés", "Renewals granted"),
    ("preparing_renewal", "Structures préparant leur renouvellement",
     "Companies preparing their renewal"),
    ("follow_up_audits", "Audits de suivi réalisés", "Follow-up audits done"),
    ("certified_at_year_end", "Structures certifiées au 31 décembre",
     "Certified companies at 31 December"),
)


@dataclass(frozen=True)
class Figures:
    newly_certified: int
    entered: int
    renewed: int
    preparing_renewal: int
    follow_up_audits: int
    certified_at_year_end: int
    certified_by_scheme: Mapping[str, int]  # keyed "CEDRE" and "CEDRE ISO 9001"
    active_members: int
    certified_share: float  # 0 to 1


@dataclass(frozen=True)
class YearlyFigures:
    year: int
    total: Figures
    by_region: Mapping[str, Figures]
    by_type: Mapping[str, Figures]

    def as_json(self) -> dict[str, Any]:
        """The documented keys: the year, the totals, then the breakdowns."""
        return {"year": self.year, **_plain(self.total),
                "by_region": {k: _plain(v) for k, v in self.by_region.items()},
                "by_type": {k: _plain(v) for k, v in self.by_type.items()}}


def _plain(figures: Figures) -> dict[str, Any]:
    values = asdict(figures)
    values["certified_by_scheme"] = dict(figures.certified_by_scheme)
    return values


def _percent(share: float, lang: str) -> str:
    value = f"{share * 100:.1f}"
    return f"{value} %" if lang == "en" else f"{value.replace('.', ',')}\u00a0%"


def _type_name(name: str, lang: str) -> str:
    """A legal type as people write it: "other" is "autre" in French."""
    return ("autre" if lang != "en" else "other") if name == "other" else name


def _label(key: str, lang: str) -> str:
    for k, fr, en in FIGURES:
        if k == key:
            return en if lang == "en" else fr
    return key


def _breakdown_columns(first: str, lang: str) -> list[Column]:
    en = lang == "en"
    heads = [first, *(_label(key, lang) for key, _, _ in FIGURES),
             "CEDRE", "CEDRE ISO 9001", "Active members" if en else "Adhérents actifs",
             "Share certified (%)" if en else "Part certifiée (%)"]
    kinds = ["text"] + ["int"] * 9 + ["number"]
    return [Column(h, k, 14) for h, k in zip(heads, kinds, strict=True)]


def _breakdown_row(name: str, f: Figures) -> tuple[Any, ...]:
    return (name, f.newly_certified, f.entered, f.renewed, f.preparing_renewal,
            f.follow_up_audits, f.certified_at_year_end, f.certified_by_scheme.get("CEDRE", 0),
            f.certified_by_scheme.get("CEDRE ISO 9001", 0), f.active_members,
            round(f.certified_share * 100, 1))


def write_statistics_workbook(target: Path, data: YearlyFigures, *,
                              lang: str = "fr") -> WorkbookReport:
    en = lang == "en"
    total = data.total
    summary = [(_label(key, lang), getattr(total, key)) for key, _, _ in FIGURES]
    summary += [(f"{'Certified' if en else 'Certifiées'} CEDRE",
                 total.certified_by_scheme.get("CEDRE", 0)),
                (f"{'Certified' if en else 'Certifiées'} CEDRE ISO 9001",
                 total.certified_by_scheme.get("CEDRE ISO 9001", 0)),
                ("Active members" if en else "Adhérents actifs", total.active_members),
                ("Share of active members certified (%)" if en
                 else "Part des adhérents actifs certifiés (%)",
                 round(total.certified_share * 100, 1))]
    sheets = [
        Sheet(str(data.year), f"Chiffres{data.year}",
              [Column("Figure" if en else "Indicateur", "text", 44),
               Column(str(data.year), "number", 10)], summary),
        Sheet("By region" if en else "Par région", "ParRegion",
              _breakdown_columns("Region" if en else "Région", lang),
              [_breakdown_row(k, v) for k, v in data.by_region.items()]),
        Sheet("By type" if en else "Par type", "ParType",
              _breakdown_columns("Type", lang),
              [_breakdown_row(_type_name(k, lang), v) for k, v in data.by_type.items()]),
    ]
    title = f"CEDRE figures {data.year}" if en else f"Chiffres CEDRE {data.year}"
    return write_workbook(target, sheets, title=title)


def write_statistics_pdf(target: Path, data: YearlyFigures, *, printed_on: date,
                         lang: str = "fr") -> Path:
    s = pdf_styles()
    en = lang == "en"
    title = f"CEDRE certification: figures for {data.year}" if en \
        else f"Certification CEDRE : chiffres {data.year}"
    total = data.total
    rows: list[tuple[object, ...]] = [("Figure" if en else "Indicateur", str(data.year))]
    rows += [(_label(key, lang), str(getattr(total, key))) for key, _, _ in FIGURES]
    for scheme in ("CEDRE", "CEDRE ISO 9001"):
        rows.append((f"   {'of which' if en else 'dont'} {scheme}",
                     str(total.certified_by_scheme.get(scheme, 0))))
    rows.append(("Share of active members certified" if en
                 else "Part des adhérents actifs certifiés",
                 f"{_percent(total.certified_share, lang)} ({total.certified_at_year_end} / "
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
    for heading, breakdown in (("By region" if en else "Par région", data.by_region),
                               ("By type" if en else "Par type", data.by_type)):
        head = (("", "New", "Entered", "Renewed", "Preparing", "Follow-ups",
                 "Certified\n31/12", "Share") if en else
                ("", "Nouv.", "Entrées", "Renouv.", "Prépar.", "Suivis", "Certifiées\n31/12",
                 "Part"))
        table_rows: list[tuple[object, ...]] = [head]
        for name, f in breakdown.items():
            table_rows.append((_type_name(name, lang), f.newly_certified, f.entered, f.renewed,
                               f.preparing_renewal, f.follow_up_audits, f.certified_at_year_end,
                               _percent(f.certified_share, lang)))
        story += [*section(heading, s.heading),
                  grid(table_rows, [46 * mm] + [18 * mm] * 6 + [20 * mm])]
    info = DocumentInfo(title=title, subject=title, author="cedre-desk",
                        lang="en-GB" if en else "fr-FR",
                        footer=("Printed on " if en else "Édité le ") + day(printed_on, lang))
    return build_pdf(target, info, story)


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
    short_fr = ("Nouvelles", "Entrées", "Renouvel.", "Prépar.", "Suivis", "Certifiées 31/12")
    short_en = ("New", "Entered", "Renewed", "Preparing", "Follow-ups", "Certified 31/12")
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
