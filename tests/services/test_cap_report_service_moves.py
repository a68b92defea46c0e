"""The Le Cap report built from the register says what moved since the previous assessment,
with the scale's words, as the screen's picture page does."""

from __future__ import annotations

from datetime import date

from cedre_desk.services.cap.assessments import Answer, AssessmentInput, CapAssessmentService
from cedre_desk.services.cap.reports import CapReportService

TODAY = date(2026, 11, 22)


def test_the_report_lists_the_answers_that_moved(world):
    service = CapAssessmentService(world.db)

    def run(on: date, answers: list[Answer]) -> int:
        made = service.create(AssessmentInput(on, company_id=world.company_id), today=TODAY)
        service.save_answers(made, answers)
        return made

    run(date(2025, 3, 1), [Answer("1.1.1", 0), Answer("1.1.2", 3), Answer("1.2.1", 2)])
    second = run(date(2026, 3, 1), [Answer("1.1.1", 2), Answer("1.1.2", 1), Answer("1.2.1", 2),
                                    Answer("1.2.2", 1)])
    report = CapReportService(world.db).report(second, today=TODAY)
    assert [(m.code, m.before, m.after, m.up) for m in report.moves] == [
        ("1.1.1", "0 Non engagé", "2 En place", True),
        ("1.1.2", "3 Maîtrisé", "1 Amorcé", False),
        ("1.2.2", "—", "1 Amorcé", True)]
    english = CapReportService(world.db).report(second, today=TODAY, lang="en")
    assert english.moves[0].after == "2 In place"
