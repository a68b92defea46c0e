"""The report of one Le Cap assessment, as a PDF or a workbook (exports/cap_report*.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cedre_desk.audits.cap import CapGrid
from cedre_desk.errors import UserError
from cedre_desk.exports.cap_report import AnswerLine, CapReport, MoveLine, PlanLine, ScoreLine
from cedre_desk.services.cap.assessments import REVIEWER_WORDS, STATUS_WORDS
from cedre_desk.services.cap.pictures import AssessmentPicture, CapPictureService
from cedre_desk.services.cap.plan import ACTION_WORDS, ActionRow, CapPlanService
from cedre_desk.storage.database import Database


class CapReportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def report(self, assessment_id: int, *, today: date, lang: str = "fr") -> CapReport:
        shown = CapPictureService(self.db).picture(assessment_id)
        actions = CapPlanService(self.db).actions(assessment_id, today)
        return build_report(shown, actions, today=today, lang=lang)

    def write(self, assessment_id: int, target: Path, *, today: date,
              lang: str = "fr") -> Path:
        """The report as .pdf or .xlsx, after the target's suffix."""
        suffix = Path(target).suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise UserError(f"« {Path(target).name} » : extension attendue .pdf ou .xlsx.",
                            f"“{Path(target).name}”: expected extension .pdf or .xlsx.",
                            field="output")
        report = self.report(assessment_id, today=today, lang=lang)
        if suffix == ".pdf":
            from cedre_desk.exports.cap_report_pdf import write_cap_report_pdf

            return write_cap_report_pdf(target, report, lang=lang)
        from cedre_desk.exports.cap_report_workbook import write_cap_report_workbook

        write_cap_report_workbook(target, report, lang=lang)
        return Path(target)


def build_report(shown: AssessmentPicture, actions: list[ActionRow], *, today: date,
                 lang: str = "fr") -> CapReport:
    en = lang == "en"
    assessment, grid = shown.assessment, shown.grid
    data = assessment.data
    previous = shown.previous_picture
    scores: list[ScoreLine] = []
    answers: list[AnswerLine] = []
    before = shown.previous.levels() if shown.previous else {}
    for theme in grid.themes:
        theme_title = theme.title_en if en else theme.title
        scores.append(ScoreLine(theme.code, theme_title, shown.current.themes[theme.code],
                                previous.themes.get(theme.code) if previous else None,
                                shown.target.themes[theme.code], True))
        for sub in theme.subthemes:
            sub_title = sub.title_en if en else sub.title
            scores.append(ScoreLine(sub.code, sub_title, shown.current.subthemes[sub.code],
                                    previous.subthemes.get(sub.code) if previous else None,
                                    shown.target.subthemes[sub.code], False))
            for indicator in sub.indicators:
                answer = assessment.answers.get(indicator.code)
                level = answer.level if answer else None
                scale = grid.scale[level] if level is not None else None
                answers.append(AnswerLine(
                    f"{theme.code} {theme_title}", f"{sub.code} {sub_title}", indicator.code,
                    indicator.question, level,
                    (scale.label_en if en else scale.label) if scale else "",
                    indicator.levels[level] if level is not None else "", indicator.target,
                    before.get(indicator.code), answer.comment if answer else "",
                    answer.evidence if answer else ""))
    reviewer = ""
    if data.reviewer_kind:
        kind = REVIEWER_WORDS[data.reviewer_kind][1 if en else 0]
        role = f" — {data.reviewer_role}" if data.reviewer_role else ""
        reviewer = f"{data.reviewer_name} ({kind}{role})"
    return CapReport(
        assessment_id=assessment.id, subject=assessment.subject, held_on=data.held_on,
        status=STATUS_WORDS[assessment.status][1 if en else 0],
        participants=data.participants, reviewer=reviewer,
        grid=f"{grid.title} ({grid.label})", provisional=not grid.official_text,
        scale=tuple((s.level, s.score, s.label_en if en else s.label) for s in grid.scale),
        scores=tuple(scores), overall=shown.current.overall, answers=tuple(answers),
        plan=tuple(PlanLine(a.data.indicator, a.data.text, a.data.owner, a.data.due_on,
                            ACTION_WORDS[a.data.status][1 if en else 0], a.late)
                   for a in actions),
        previous_on=shown.previous_on, printed_on=today, answered=shown.current.answered,
        total=shown.current.total,
        moves=tuple(MoveLine(m.code, m.question, _level(grid, m.before, en),
                             _level(grid, m.after, en), m.up) for m in shown.moves),
    )


def _level(grid: CapGrid, level: int | None, en: bool) -> str:
    """ "1 Amorcé", as the answers read; "—" for no answer."""
    if level is None:
        return "—"
    step = grid.scale[level]
    return f"{level} {step.label_en if en else step.label}"
