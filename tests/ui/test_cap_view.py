"""The Le Cap screen: an assessment created, answered half-done and resumed, its picture
drawn with the previous one and the target, its plan built and completed, its report written."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from cedre_desk.services.cap.assessments import (
    COMPLETED,
    Answer,
    AssessmentInput,
    CapAssessmentService,
)
from cedre_desk.services.cap.plan import CapPlanService
from cedre_desk.ui.cap.models import COMMENT, LEVEL, P_DUE, P_OWNER, P_STATUS
from cedre_desk.ui.cap.radar import RadarChart, RadarData
from cedre_desk.ui.cap.view import CapView, NewAssessmentDialog

from .helpers import TODAY, restore_language, small_register  # noqa: F401 - a fixture


@pytest.fixture
def view(qtbot, db, restore_language):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from cedre_desk.ui.common.translations import Language

    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")  # the screen as its users see it
    ids = small_register(db)
    service = CapAssessmentService(db)
    earlier = service.create(AssessmentInput(date(2013, 5, 2), company_id=ids["late"],
                                             participants="Directrice"), today=TODAY)
    service.save_answers(earlier, [Answer("1.1.1", 0), Answer("1.1.2", 1)])
    widget = CapView(db, "fr", lambda: TODAY)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.ids = ids
    widget.earlier = earlier
    return widget


def test_a_new_assessment_is_answered_half_done_then_resumed(qtbot, view):
    new = view.create(AssessmentInput(TODAY, company_id=view.ids["late"]))
    assert view.current_id() == new and view.pages.currentIndex() == 0
    model = view.editor.model
    assert model.rowCount() == 22
    assert model.setData(model.index(0, LEVEL), 3)
    assert model.setData(model.index(0, COMMENT), "Charte relue en équipe")
    view.editor.participants.setText("Directrice, deux salariés, une bénévole")
    view.editor.reviewer_kind.setCurrentIndex(1)  # a third party
    view.editor.reviewer_name.setText("Anne Martin")
    assert view.editor.save()
    assert view.editor.note.text() == "Enregistré."

    view.refresh()  # as if the screen were opened again
    resumed = CapAssessmentService(view.db).get(new)
    assert resumed.levels() == {"1.1.1": 3}
    assert resumed.data.reviewer_name == "Anne Martin" and resumed.status != COMPLETED
    assert view.editor.model.data(view.editor.model.index(0, LEVEL)) == "3 Maîtrisé"
    assert "Maîtrisé" in view.editor.meaning.text()


def test_a_refused_save_says_why_and_keeps_the_input(qtbot, view):
    view.select(view.earlier)
    view.editor.reviewer_kind.setCurrentIndex(2)  # a peer, but no name
    assert not view.editor.save()
    assert "Nom du relecteur" in view.editor.note.text()
    assert view.editor.reviewer_kind.currentIndex() == 2


def test_the_picture_shows_the_previous_assessment_and_the_target(qtbot, view):
    later = view.create(AssessmentInput(TODAY, company_id=view.ids["late"]))
    CapAssessmentService(view.db).save_answers(later, [Answer("1.1.1", 2), Answer("1.1.2", 1)])
    view.refresh()
    view.select(later)
    page = view.picture
    data = page.radar.data
    assert data is not None and len(data.axes) == 4
    assert data.current[0] == pytest.approx((0.5 + 0.25) / 2)
    assert data.previous is not None and data.previous[0] == pytest.approx(0.125)
    assert [score for score, _ in data.rings] == [0.25, 0.5, 1.0]
    assert "1 indicateur(s) en hausse" in page.moves.text()
    assert page.model.data(page.model.index(1, 1)) == "38 %"
    page.radar.resize(600, 450)
    assert not page.radar.grab().isNull()


def test_the_plan_is_built_edited_and_saved(qtbot, view):
    view.select(view.earlier)
    plan = view.plan
    plan.build()
    assert [r.indicator for r in plan.model.rows] == ["1.1.1", "1.1.2"]
    model = plan.model
    assert model.setData(model.index(0, P_OWNER), "Directrice")
    assert not model.setData(model.index(0, P_DUE), "31/02/2014")  # no such day
    assert model.setData(model.index(0, P_DUE), "30/06/2014")
    assert model.setData(model.index(1, P_STATUS), "done")
    plan.add()
    assert plan.save()
    rows = CapPlanService(view.db).actions(view.earlier, TODAY)
    assert [(r.data.owner, r.data.due_on, r.data.status, r.late) for r in rows[:2]] == [
        ("Directrice", date(2014, 6, 30), "open", True), ("", None, "done", False)]
    assert rows[2].data.text == "Nouvelle action"
    assert model.data(model.index(0, P_STATUS)) == "à faire — en retard"
    assert model.data(model.index(0, P_STATUS), Qt.ItemDataRole.ForegroundRole) is not None


def test_the_report_is_written_where_the_user_says(qtbot, view, tmp_path, monkeypatch):
    view.select(view.earlier)
    monkeypatch.setattr(view, "ask_path", lambda *a, **k: tmp_path / "cap.pdf")
    assert view.write_report(".pdf") == tmp_path / "cap.pdf"
    assert (tmp_path / "cap.pdf").stat().st_size > 0


def test_deleting_asks_first(qtbot, view, monkeypatch):
    view.select(view.earlier)
    monkeypatch.setattr(view, "confirm", lambda question: False)
    view.delete_assessment()
    assert view.list_model.rowCount() == 1
    monkeypatch.setattr(view, "confirm", lambda question: True)
    view.delete_assessment()
    assert view.list_model.rowCount() == 0
    assert not view.editor.isEnabled() and not view.pdf_button.isEnabled()


def test_the_new_assessment_dialog_lists_companies_then_groups(qtbot, view):
    dialog = NewAssessmentDialog(view.db, TODAY, view)
    qtbot.addWidget(dialog)
    names = [dialog.owner.itemText(n) for n in range(dialog.owner.count())]
    assert names[:3] == ["DOMICILE SERVICE LOIRET", "EMS", "Île Services"]
    dialog.owner.setCurrentIndex(1)
    assert dialog.input() == AssessmentInput(TODAY, company_id=view.ids["soon"])


def test_the_radar_draws_without_a_previous_assessment(qtbot):
    radar = RadarChart()
    qtbot.addWidget(radar)
    radar.resize(500, 400)
    radar.set_data(RadarData(("A", "B", "C", "D"), ((0.5, "2"), (1.0, "3")),
                             (0.5, None, 1.0, 0.25), (0.5, 0.5, 0.5, 0.5), None,
                             ("Cette", "Précédente", "Cible")))
    assert not radar.grab().isNull()
