"""A Le Cap report laid out as a PDF (what it holds: cap_report.py): the picture as a spider
chart with the scale's rings fixed (so two reports compare at a glance), the previous
assessment and the target drawn beside; the scores, the answers and the progress plan. Same
fonts, header, footer and "Page X / Y" as the audit report (pdf_layout.py)."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from cedre_desk.exports.cap_report import AnswerLine, CapReport, ScoreLine
from cedre_desk.exports.dates import day
from cedre_desk.exports.fonts import BOLD, register_fonts
from cedre_desk.exports.pdf_layout import (
    ACCENT,
    LATE,
    RULE,
    DocumentInfo,
    build_pdf,
    grid,
    long_grid,
    para,
    section,
    styles,
    text,
    wrapped,
)

PREVIOUS = colors.HexColor("#8a6d3b")
TARGET = colors.HexColor("#b3261e")

_WORDS = {
    "fr": {
        "report": "Le Cap — auto-évaluation", "date": "Date", "status": "Statut",
        "participants": "Participants", "reviewer": "Relecture", "grid": "Grille",
        "provisional": "grille provisoire écrite pour cedre-desk, pas le texte de la "
        "fédération", "answered": "Réponses", "previous": "Précédente",
        "picture": "La photographie", "scores": "Scores par thème et sous-thème",
        "theme": "Thème / sous-thème", "score": "Score", "target": "Cible",
        "answers": "Les réponses", "indicator": "Indicateur", "level": "Niveau",
        "comment": "Commentaire et preuves", "evidence": "Preuves", "plan": "Plan de progrès",
        "action": "Action", "owner": "Responsable", "due": "Échéance", "state": "Statut",
        "late": "en retard", "no_plan": "Aucune action : toutes les réponses atteignent leur "
        "cible, ou le plan n'a pas encore été construit.", "none": "(non renseigné)",
        "not_reviewed": "non relue", "this": "Cette auto-évaluation", "printed": "Édité le",
        "number": "auto-évaluation n°", "unanswered": "sans réponse", "overall": "Ensemble",
        "moved": "Ce qui a bougé depuis le {day}", "before": "Avant", "after": "Après",
        "moved_count": "{up} indicateur(s) en hausse, {down} en baisse.",
        "no_move": "Aucune réponse n'a changé.",
    },
    "en": {
        "report": "Le Cap — self-assessment", "date": "Date", "status": "Status",
        "participants": "Participants", "reviewer": "Review", "grid": "Grid",
        "provisional": "provisional grid written for cedre-desk, not the federation's text",
        "answered": "Answers", "previous": "Previous", "picture": "The picture",
        "scores": "Scores by theme and sub-theme", "theme": "Theme / sub-theme",
        "score": "Score", "target": "Target", "answers": "The answers",
        "indicator": "Indicator", "level": "Level", "comment": "Comment and evidence",
        "evidence": "Evidence", "plan": "Progress plan", "action": "Action", "owner": "Owner",
        "due": "Due", "state": "Status", "late": "late", "no_plan": "No action: every answer "
        "reaches its target, or the plan has not been built yet.", "none": "(not filled in)",
        "not_reviewed": "not reviewed", "this": "This assessment", "printed": "Printed on",
        "number": "assessment no.", "unanswered": "unanswered", "overall": "Overall",
        "moved": "What moved since {day}", "before": "Before", "after": "After",
        "moved_count": "{up} indicator(s) up, {down} down.",
        "no_move": "No answer changed.",
    },
}


def write_cap_report_pdf(target: Path, report: CapReport, *, lang: str = "fr") -> Path:
    w = _WORDS["en" if lang == "en" else "fr"]
    info = DocumentInfo(
        title=f"{w['report']} — {report.subject} — {day(report.held_on, lang)}",
        subject=f"{w['report']} {w['number']} {report.assessment_id}",
        author=report.reviewer or "cedre-desk", lang="en-GB" if lang == "en" else "fr-FR",
        footer=f"{w['printed']} {day(report.printed_on, lang)} — {w['number']} "
               f"{report.assessment_id}",
    )
    story = _identity(report, w, lang) + _picture(report, w, lang) + _scores(report, w)
    story += _moves(report, w, lang)
    story += _answers(report, w) + _plan(report, w, lang)
    return build_pdf(target, info, story)


def percent(score: float | None) -> str:
    return "—" if score is None else f"{round(score * 100)} %"


def _identity(report: CapReport, w: dict[str, str], lang: str) -> list[Flowable]:
    s = styles()
    grid_text = report.grid + (f" ({w['provisional']})" if report.provisional else "")
    rows = [
        (w["date"], day(report.held_on, lang)),
        (w["status"], report.status),
        (w["participants"], report.participants or w["none"]),
        (w["reviewer"], report.reviewer or w["not_reviewed"]),
        (w["grid"], grid_text),
        (w["answered"], f"{report.answered} / {report.total}"),
        *([(w["previous"], day(report.previous_on, lang))] if report.previous_on else []),
    ]
    table = grid([(Paragraph(text(k), s.cell_bold), para(v, s.cell)) for k, v in rows],
                 [42 * mm, 132 * mm], header=False, zebra=False)
    return [Paragraph(text(w["report"]), s.title), Paragraph(text(report.subject), s.heading),
            table, Spacer(1, 3 * mm)]


def _picture(report: CapReport, w: dict[str, str], lang: str) -> list[Flowable]:
    s = styles()
    return [*section(w["picture"], s.heading), spider_drawing(report, w, lang)]


def spider_drawing(report: CapReport, w: dict[str, str], lang: str) -> Drawing:
    """The themes on a spider chart: one ring per level of the scale, then the target, the
    previous assessment and this one."""
    font = register_fonts()
    width, height = 174 * mm, 92 * mm
    # Without these, rendering a drawing sets reportlab's default font (Helvetica, never
    # embedded) before the first string, and the PDF carries it.
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=8)
    chart = SpiderChart()
    chart.x, chart.y = 22 * mm, 10 * mm
    chart.width = chart.height = 72 * mm
    themes = report.themes
    rings = [[score] * len(themes) for _, score, _ in report.scale if score > 0]
    lines: list[tuple[list[float], colors.Color, float, list[float] | None, colors.Color | None]]
    lines = [(ring, RULE, 0.4, [1, 2], None) for ring in rings]
    lines.append(([t.target or 0 for t in themes], TARGET, 1.2, [4, 2], None))
    if report.previous_on is not None:
        lines.append(([t.previous or 0 for t in themes], PREVIOUS, 1.2, None, None))
    lines.append(([t.score or 0 for t in themes], ACCENT, 1.8, None,
                  colors.Color(ACCENT.red, ACCENT.green, ACCENT.blue, alpha=0.18)))
    chart.data = [values for values, *_ in lines]
    chart.labels = [f"{t.code} {t.title}" for t in themes]
    chart.spokeLabels.fontName = font
    chart.spokeLabels.fontSize = 8
    chart.strandLabels.fontName = font  # none is drawn, but reportlab would load Helvetica
    chart.spokes.strokeColor = RULE
    chart.spokes.strokeWidth = 0.4
    for index, (_, color, stroke, dash, fill) in enumerate(lines):
        chart.strands[index].strokeColor = color
        chart.strands[index].strokeWidth = stroke
        chart.strands[index].strokeDashArray = dash
        chart.strands[index].fillColor = fill
    drawing.add(chart)
    centre_x, centre_y = chart.x + chart.width / 2, chart.y + chart.height / 2
    radius = chart.height / 2
    for level, score, label in report.scale[1:]:
        # Named halfway between the first two spokes, away from the themes' names.
        drawing.add(String(centre_x + score * radius / 2 + 2, centre_y + score * radius / 2 + 2,
                           f"{level} {label}", fontName=font, fontSize=6, fillColor=RULE))
    _legend(drawing, report, w, lang, x=118 * mm, y=height - 16 * mm)
    return drawing


def _legend(drawing: Drawing, report: CapReport, w: dict[str, str], lang: str, *, x: float,
            y: float) -> None:
    font = register_fonts()
    entries: list[tuple[str, colors.Color, list[int] | None, str]] = [
        (w["this"], ACCENT, None, day(report.held_on, lang))]
    if report.previous_on is not None:
        entries.append((w["previous"], PREVIOUS, None, day(report.previous_on, lang)))
    entries.append((w["target"], TARGET, [4, 2], ""))
    for label, color, dash, when in entries:
        drawing.add(Line(x, y + 3, x + 10 * mm, y + 3, strokeColor=color, strokeWidth=1.6,
                         strokeDashArray=dash))
        drawing.add(String(x + 12 * mm, y, f"{label} {when}".strip(), fontName=font,
                           fontSize=8))
        y -= 6 * mm
    y -= 2 * mm
    for line in report.themes:
        drawing.add(String(x, y, f"{line.code} {line.title}", fontName=BOLD, fontSize=7.5))
        drawing.add(String(x + 42 * mm, y, percent(line.score), fontName=font, fontSize=7.5))
        y -= 5 * mm
    drawing.add(Rect(x, y + 8, 52 * mm, 0.3, strokeColor=None, fillColor=RULE))
    drawing.add(String(x, y - 1, w["overall"], fontName=BOLD, fontSize=7.5))
    drawing.add(String(x + 42 * mm, y - 1, percent(report.overall), fontName=font,
                       fontSize=7.5))


def _scores(report: CapReport, w: dict[str, str]) -> list[Flowable]:
    s = styles()
    compared = report.previous_on is not None
    rows: list[tuple[object, ...]] = [(w["theme"], w["score"],
                                       *([w["previous"]] if compared else []), w["target"])]
    for line in report.scores:
        title = f"{line.code} {line.title}"
        rows.append((Paragraph(f"<b>{text(title)}</b>" if line.is_theme else text(title),
                               s.cell), percent(line.score),
                     *([percent(line.previous)] if compared else []), percent(line.target)))
    widths = [112 * mm, 20 * mm, *([22 * mm] if compared else []), 20 * mm]
    table: Table = grid(rows, [widths[0] + 174 * mm - sum(widths), *widths[1:]])
    table.setStyle([("ALIGN", (1, 0), (-1, -1), "RIGHT")])
    table.setStyle([("TEXTCOLOR", (1, i), (1, i), LATE) for i, line in
                    enumerate(report.scores, start=1) if _below(line)])
    return [*section(w["scores"], s.subheading), table]


def _moves(report: CapReport, w: dict[str, str], lang: str) -> list[Flowable]:
    """What moved since the previous assessment, as the screen's picture page says it: the
    count up and down, then each indicator whose answer changed (a fall in red)."""
    if report.previous_on is None:
        return []
    s = styles()
    story = section(w["moved"].format(day=day(report.previous_on, lang)), s.subheading)
    if not report.moves:
        return [*story, para(w["no_move"], s.body)]
    ups = sum(1 for m in report.moves if m.up)
    story.append(para(w["moved_count"].format(up=ups, down=len(report.moves) - ups), s.body))
    rows: list[tuple[object, ...]] = [(w["indicator"], w["before"], w["after"])]
    rows += [(Paragraph(f"<b>{text(m.code)}</b> {text(m.question)}", s.cell),
              wrapped(m.before, 28 * mm), wrapped(m.after, 28 * mm)) for m in report.moves]
    tables = long_grid(rows, [118 * mm, 28 * mm, 28 * mm])
    row = 0
    for table in tables:
        assert isinstance(table, Table)
        for index in range(1 if row == 0 else 0, len(table._cellvalues)):
            if not report.moves[row].up:
                table.setStyle([("TEXTCOLOR", (2, index), (2, index), LATE)])
            row += 1
    return [*story, *tables]


def _below(line: ScoreLine) -> bool:
    return line.score is not None and line.target is not None and line.score < line.target


def _answers(report: CapReport, w: dict[str, str]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = section(w["answers"], s.heading)
    by_subtheme: dict[tuple[str, str], list[AnswerLine]] = {}
    for a in report.answers:
        by_subtheme.setdefault((a.theme, a.subtheme), []).append(a)
    theme_seen = ""
    for (theme, subtheme), answers in by_subtheme.items():
        if theme != theme_seen:
            story += section(theme, s.subheading)
            theme_seen = theme
        rows: list[tuple[object, ...]] = [(w["indicator"], w["level"], w["comment"])]
        for a in answers:
            question = f"<b>{text(a.code)}</b> {text(a.question)}"
            if a.meaning:
                question += f"<br/><font size=7.5 color='#52606d'>{text(a.meaning)}</font>"
            level = (f"{a.level} {a.level_label}" if a.level is not None else w["unanswered"])
            level += f"\n{w['target']} {a.target}"
            if a.previous is not None:
                level += f"\n{w['previous']} {a.previous}"
            notes = "\n".join(n for n in (a.comment, f"{w['evidence']} : {a.evidence}"
                                          if a.evidence else "") if n)
            rows.append((Paragraph(question, s.cell), level, wrapped(notes, 62 * mm)))
        story += [Paragraph(text(subtheme), ParagraphStyle("subtheme", parent=s.small,
                                                           fontName=BOLD, spaceBefore=5)),
                  *long_grid(rows, [86 * mm, 26 * mm, 62 * mm])]
    return story


def _plan(report: CapReport, w: dict[str, str], lang: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = section(w["plan"], s.heading)
    if not report.plan:
        return [*story, para(w["no_plan"], s.body)]
    rows: list[tuple[object, ...]] = [(w["indicator"], w["action"], w["owner"], w["due"],
                                       w["state"])]
    for p in report.plan:
        status = p.status + (f"\n{w['late']}" if p.late else "")
        rows.append((p.indicator, wrapped(p.text, 76 * mm), wrapped(p.owner, 30 * mm),
                     day(p.due_on, lang), status))
    tables = long_grid(rows, [22 * mm, 76 * mm, 30 * mm, 22 * mm, 24 * mm])
    row = 0
    for table in tables:
        assert isinstance(table, Table)
        first = 1 if row == 0 else 0
        for index in range(first, len(table._cellvalues)):
            if report.plan[row].late:
                table.setStyle([("TEXTCOLOR", (3, index), (4, index), LATE)])
            row += 1
    return [*story, *tables]
