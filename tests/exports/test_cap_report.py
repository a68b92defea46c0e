"""The Le Cap report, PDF and workbook: every section, user text as typed, page X / Y, the
embedded fonts, the scale's rings fixed whatever the scores."""

from __future__ import annotations

from datetime import date

import openpyxl
from pypdf import PdfReader

from cedre_desk.exports.cap_report import AnswerLine, CapReport, PlanLine, ScoreLine
from cedre_desk.exports.cap_report_pdf import write_cap_report_pdf
from cedre_desk.exports.cap_report_workbook import write_cap_report_workbook

from .pdf_checks import assert_fonts_embedded, pdf_text

SCALE = ((0, 0.0, "Non engagé"), (1, 0.25, "Amorcé"), (2, 0.5, "En place"), (3, 1.0, "Maîtrisé"))


def _report(answers: int = 4, previous: int | None = 0, **changes) -> CapReport:
    themes = [("1", "Identité"), ("2", "Services rendus"), ("3", "Supports"),
              ("4", "Amélioration et mutation")]
    scores = []
    for code, title in themes:
        scores.append(ScoreLine(code, title, 0.25, 0.125, 0.5, True))
        scores.append(ScoreLine(f"{code}.1", f"Sous-thème {code}.1", 0.25, None, 0.5, False))
    values = dict(
        assessment_id=7, subject="APTIMA", held_on=date(2026, 3, 4), status="en cours",
        participants="Directrice <b>et</b> équipe & bénévoles",
        reviewer="Anne Martin (tiers — délégation régionale)",
        grid="Le Cap — grille provisoire (provisoire-2026-1)", provisional=True, scale=SCALE,
        scores=tuple(scores), overall=0.25,
        answers=tuple(AnswerLine("1 Identité", "1.1 Valeurs", f"1.1.{n}",
                                 f"Question {n} ?", 1, "Amorcé", "Écrites, peu connues", 2,
                                 previous,
                                 "Commentaire <i>tel quel</i>", "charte.pdf")
                      for n in range(answers)),
        plan=(PlanLine("1.1.1", "Écrire les valeurs", "Directrice", date(2026, 6, 1), "à faire",
                       True),),
        previous_on=date(2025, 3, 4), printed_on=date(2026, 11, 22), answered=answers,
        total=22)
    values.update(changes)
    return CapReport(**values)


def test_the_report_holds_every_section_and_prints_user_text_as_typed(tmp_path):
    target = write_cap_report_pdf(tmp_path / "cap.pdf", _report())
    shown = pdf_text(target)
    for expected in ("Le Cap — auto-évaluation", "APTIMA", "La photographie",
                     "Scores par thème et sous-thème", "Les réponses", "Plan de progrès",
                     "Directrice <b>et</b> équipe & bénévoles", "Commentaire <i>tel quel</i>",
                     "en retard", "pas le texte de la fédération", "3 Maîtrisé",
                     "Précédente 04/03/2025", "Page 1 / "):
        assert expected in shown, expected
    assert_fonts_embedded(target)
    assert PdfReader(target).metadata.title == "Le Cap — auto-évaluation — APTIMA — 04/03/2026"


def test_a_long_report_numbers_every_page(tmp_path):
    target = write_cap_report_pdf(tmp_path / "cap.pdf", _report(answers=80))
    pages = PdfReader(target).pages
    assert len(pages) >= 3
    assert f"Page {len(pages)} / {len(pages)}" in (pages[-1].extract_text() or "")


def test_the_english_report_without_previous_assessment(tmp_path):
    shown = pdf_text(write_cap_report_pdf(tmp_path / "cap.pdf",
                                          _report(previous=None, previous_on=None), lang="en"))
    assert "Le Cap — self-assessment" in shown and "Progress plan" in shown
    assert "Previous" not in shown


def test_the_rings_keep_the_scale_whatever_the_scores(tmp_path):
    """The chart is scaled on its largest value: the outer ring (score 1) is always drawn,
    so a company at 25 % everywhere is not drawn on the rim."""
    from cedre_desk.exports.cap_report_pdf import _WORDS, spider_drawing

    drawing = spider_drawing(_report(), _WORDS["fr"], "fr")
    chart = drawing.contents[0]
    assert max(max(row) for row in chart.data) == 1.0
    assert [row[0] for row in chart.data[:3]] == [0.25, 0.5, 1.0]


def test_the_workbook_holds_scores_answers_and_plan(tmp_path):
    write_cap_report_workbook(tmp_path / "cap.xlsx", _report())
    book = openpyxl.load_workbook(tmp_path / "cap.xlsx")
    assert book.sheetnames == ["Scores", "Réponses", "Plan"]
    assert book["Scores"]["A2"].value == "1 Identité" and book["Scores"]["B2"].value == 0.25
    assert book["Réponses"]["J2"].value == "Commentaire <i>tel quel</i>"
    assert [c.value for c in book["Plan"][2]][:3] == ["1.1.1", "Écrire les valeurs",
                                                      "Directrice"]
