"""A Le Cap assessment's change history in its screen: the assessment's own fields, its
answers and its plan actions (a deleted one too), with Le Cap's words and names."""

from __future__ import annotations

from datetime import date

import pytest

from cedre_desk.services.cap.assessments import (
    PEER,
    Answer,
    AssessmentInput,
    CapAssessmentService,
)
from cedre_desk.services.cap.plan import ActionInput, CapPlanService
from cedre_desk.services.history import HistoryService
from cedre_desk.ui.cap.view import HISTORY, CapView

from .helpers import TODAY, restore_language, small_register  # noqa: F401 - a fixture

CHANGE, RECORD, FIELD, BEFORE, AFTER = 2, 3, 4, 5, 6  # the history's columns, record shown


def _rows(model) -> set[tuple[str, ...]]:
    return {tuple(model.data(model.index(row, column)) for column in
                  (CHANGE, RECORD, FIELD, BEFORE, AFTER)) for row in range(model.rowCount())}


@pytest.fixture
def assessment(db):
    ids = small_register(db)
    service = CapAssessmentService(db)
    assessment = service.create(AssessmentInput(date(2014, 5, 2), company_id=ids["late"]),
                                today=TODAY)
    service.save_answers(assessment, [Answer("1.1.1", 0, "Rien d'écrit"), Answer("1.1.2", 1)])
    read = service.get(assessment)
    service.save(assessment, AssessmentInput(read.data.held_on, company_id=ids["late"],
                                             participants="Directrice",
                                             reviewer_name="Hélène Dubois",
                                             reviewer_kind=PEER),
                 [Answer("1.1.1", 1)], "completed", read.version)
    plan = CapPlanService(db)
    plan.build(assessment)
    first, second = plan.actions(assessment, TODAY)
    plan.update(first.id, ActionInput(first.data.text, "Directrice", date(2014, 9, 30),
                                      indicator="1.1.1"), first.version)
    plan.delete_action(second.id)
    return assessment


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_assessment_s_history_with_its_answers_and_plan(qtbot, db, assessment, lang,
                                                           restore_language):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from cedre_desk.ui.common.translations import Language

    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply(lang)
    view = CapView(db, lang, lambda: TODAY)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: not view.history.is_loading(), timeout=10_000)
    assert view.pages.isTabEnabled(HISTORY)
    shown = _rows(view.history.model)
    count = view.history.model.rowCount()
    if lang == "en":
        assert view.pages.tabText(HISTORY) == f"Change history ({count})"
        assert ("created", "Assessment", "Grid", "", "provisoire-2026-1") in shown
        assert ("changed", "Assessment", "Reviewed by", "", "peer") in shown
        assert ("changed", "Assessment", "Status", "in progress", "completed") in shown
        assert ("changed", "Answer 1.1.1", "Level", "0", "1") in shown
        assert ("created", "Answer 1.1.2", "Level", "", "1") in shown
        assert ("changed", "Action “Écrire les valeurs de la struc…”", "Deadline", "",
                "30/09/2014") in shown
        deleted = [row for row in shown if row[0] == "deleted"]
        assert len(deleted) == 1 and deleted[0][1].startswith("Action “Organiser")
        assert "Status: to do" in deleted[0][3]
    else:
        assert view.pages.tabText(HISTORY) == f"Historique des modifications ({count})"
        assert ("modification", "Auto-évaluation", "Relue par", "", "pair") in shown
        assert ("modification", "Réponse 1.1.1", "Niveau", "0", "1") in shown
        assert ("modification", "Auto-évaluation", "Statut", "en cours", "terminée") in shown
    # the rows that only repeat which assessment a part belongs to are left out
    assert not any(row[2] in ("assessment_id", "Assessment") for row in shown)


def test_the_history_service_takes_in_answers_and_actions_deleted_ones_too(db, assessment):
    history = HistoryService(db).record_history("cap_assessment", assessment)
    tables = {row.table_name for row in history.rows}
    assert tables == {"cap_assessment", "cap_answer", "cap_action"}
    assert any(row.action == "delete" and row.table_name == "cap_action" for row in history.rows)
    assert {text for (table, _), text in history.subjects.items() if table == "cap_answer"} == {
        "1.1.1", "1.1.2"}
    assert history.names[("grid_id", "1")] == "provisoire-2026-1"


def test_no_assessment_no_history(qtbot, db):
    view = CapView(db, "en", lambda: TODAY)
    qtbot.addWidget(view)
    view.refresh()
    assert not view.pages.isTabEnabled(HISTORY)
