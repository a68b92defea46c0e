"""A Le Cap report as a workbook (what it holds: cap_report.py): the scores, the answers and
the progress plan, one sheet each, made to be filtered and printed like the register."""

from __future__ import annotations

from pathlib import Path

from cedre_desk.exports.cap_report import CapReport
from cedre_desk.exports.workbook_model import Column, Sheet, WorkbookReport
from cedre_desk.exports.workbook_writer import write_workbook

_WORDS = {
    "fr": ("Scores", "Thème / sous-thème", "Score", "Précédente", "Cible", "Réponses", "Thème",
           "Sous-thème", "Code", "Question", "Niveau", "Libellé", "Sens du niveau",
           "Niveau précédent", "Commentaire", "Preuves", "Plan", "Indicateur", "Action",
           "Responsable", "Échéance", "Statut", "En retard", "oui", "non"),
    "en": ("Scores", "Theme / sub-theme", "Score", "Previous", "Target", "Answers", "Theme",
           "Sub-theme", "Code", "Question", "Level", "Label", "What the level means",
           "Previous level", "Comment", "Evidence", "Plan", "Indicator", "Action", "Owner",
           "Due", "Status", "Late", "yes", "no"),
}


def cap_report_sheets(report: CapReport, lang: str = "fr") -> list[Sheet]:
    (scores, theme_sub, score, previous, target, answers, theme, subtheme, code, question,
     level, label, meaning, previous_level, comment, evidence, plan, indicator, action, owner,
     due, status, late, yes, no) = _WORDS["en" if lang == "en" else "fr"]
    rounded = lambda value: None if value is None else round(value, 4)  # noqa: E731
    score_rows = [(f"{s.code} {s.title}", rounded(s.score), rounded(s.previous),
                   rounded(s.target)) for s in report.scores]
    answer_rows = [(a.theme, a.subtheme, a.code, a.question, a.level, a.level_label, a.meaning,
                    a.target, a.previous, a.comment, a.evidence) for a in report.answers]
    plan_rows = [(p.indicator, p.text, p.owner, p.due_on, p.status, yes if p.late else no)
                 for p in report.plan]
    return [
        Sheet(scores, "Scores", [Column(theme_sub, width=50), Column(score, "number", 10),
                                 Column(previous, "number", 12), Column(target, "number", 10)],
              score_rows),
        Sheet(answers, "Reponses", [
            Column(theme, width=20), Column(subtheme, width=26), Column(code, width=8),
            Column(question, width=50), Column(level, "int", 8), Column(label, width=14),
            Column(meaning, width=40), Column(target, "int", 8),
            Column(previous_level, "int", 10), Column(comment, width=40),
            Column(evidence, width=30)], answer_rows),
        Sheet(plan, "Plan", [Column(indicator, width=10), Column(action, width=60),
                             Column(owner, width=20), Column(due, "date", 12),
                             Column(status, width=12), Column(late, width=10)], plan_rows),
    ]


def write_cap_report_workbook(target: Path, report: CapReport, *,
                              lang: str = "fr") -> WorkbookReport:
    title = f"Le Cap — {report.subject} — {report.held_on.isoformat()}"
    return write_workbook(target, cap_report_sheets(report, lang), title=title)
