"""Le Cap through the services: assessments saved half-done and resumed, the picture with the
previous assessment, the progress plan and its late actions, the yearly figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cedre_desk.errors import ConflictError, ValidationError
from cedre_desk.services.cap.assessments import (
    COMPLETED,
    PEER,
    THIRD_PARTY,
    Answer,
    AssessmentInput,
    CapAssessmentService,
)
from cedre_desk.services.cap.figures import cap_year_figures
from cedre_desk.services.cap.grids import CapGridService
from cedre_desk.services.cap.pictures import CapPictureService
from cedre_desk.services.cap.plan import DONE, ActionInput, CapPlanService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.groups import GroupService
from cedre_desk.services.history import HistoryService

TODAY = date(2026, 11, 22)


def _start(db, company_id: int, on: date = date(2026, 3, 10), **more) -> int:
    return CapAssessmentService(db).create(
        AssessmentInput(on, company_id=company_id, participants="Directrice, deux salariés",
                        **more), today=TODAY)


def test_an_assessment_is_saved_half_done_and_resumed(world):
    service = CapAssessmentService(world.db)
    assessment = _start(world.db, world.company_id)
    service.save_answers(assessment, [Answer("1.1.1", 2, "Charte affichée", "charte.pdf"),
                                      Answer("1.1.2", None, "À discuter en CA")])
    resumed = service.get(assessment)
    assert resumed.answers["1.1.1"] == Answer("1.1.1", 2, "Charte affichée", "charte.pdf")
    assert resumed.answers["1.1.2"].level is None
    assert resumed.status == "in_progress"
    assert resumed.grid.label == "provisoire-2026-1"

    service.save_answers(assessment, [Answer("1.1.2", 1), Answer("1.1.1", 3, "Relue en 2026")])
    again = service.get(assessment)
    assert again.levels() == {"1.1.1": 3, "1.1.2": 1}
    assert again.answers["1.1.2"].comment == ""  # what was saved is what is kept
    service.set_status(assessment, COMPLETED, again.version)
    assert service.get(assessment).status == COMPLETED


def test_a_blank_answer_is_removed_and_the_history_says_so(world):
    service = CapAssessmentService(world.db)
    assessment = _start(world.db, world.company_id)
    service.save_answers(assessment, [Answer("2.1.1", 1, "peu formalisé")])
    service.save_answers(assessment, [Answer("2.1.1")])
    assert service.get(assessment).answers == {}
    changes = HistoryService(world.db).for_record("cap_assessment", assessment)
    assert {c.field for c in changes} >= {"held_on", "participants", "company_id"}
    answers = [c for c in HistoryService(world.db).all_rows() if c.table_name == "cap_answer"]
    assert [c.action for c in answers if c.field in ("level", "")] == ["insert", "delete"]


def test_bad_input_is_refused_and_changes_nothing(world):
    service = CapAssessmentService(world.db)
    assessment = _start(world.db, world.company_id)
    with pytest.raises(ValidationError, match="off the scale"):
        service.save_answers(assessment, [Answer("1.1.1", 2), Answer("1.1.2", 9)])
    with pytest.raises(ValidationError, match="not in the grid"):
        service.save_answers(assessment, [Answer("9.9.9", 1)])
    assert service.get(assessment).answers == {}
    with pytest.raises(ValidationError, match="Reviewer's name"):
        _start(world.db, world.company_id, reviewer_kind=PEER)
    with pytest.raises(ValidationError, match="company or a group"):
        CapAssessmentService(world.db).create(AssessmentInput(TODAY), today=TODAY)


def test_a_change_made_elsewhere_is_not_overwritten(world):
    service = CapAssessmentService(world.db)
    assessment = _start(world.db, world.company_id)
    read = service.get(assessment)
    service.save_answers(assessment, [Answer("1.1.1", 1)])
    with pytest.raises(ConflictError):
        service.update(assessment, read.data, read.version)


def test_the_picture_puts_the_previous_assessment_and_the_target_beside_and_says_what_moved(
        world):
    service = CapAssessmentService(world.db)
    first = _start(world.db, world.company_id, date(2025, 3, 1))
    service.save_answers(first, [Answer("1.1.1", 1), Answer("1.1.2", 1)])
    second = _start(world.db, world.company_id, date(2026, 3, 1))
    service.save_answers(second, [Answer("1.1.1", 3), Answer("1.1.2", 1), Answer("1.2.1", 2)])

    result = CapPictureService(world.db).picture(second)
    assert result.previous is not None and result.previous.id == first
    assert result.current.subthemes["1.1"] == 0.625
    assert result.previous_picture is not None
    assert result.previous_picture.subthemes["1.1"] == 0.25
    assert result.target.subthemes["1.1"] == 0.5
    assert [(m.code, m.before, m.after, m.up) for m in result.moves] == [
        ("1.1.1", 1, 3, True), ("1.2.1", None, 2, True)]
    assert CapPictureService(world.db).picture(first).previous is None


def test_the_plan_is_built_from_the_answers_below_target_and_completed_by_hand(world):
    assessment = _start(world.db, world.company_id)
    CapAssessmentService(world.db).save_answers(
        assessment, [Answer("1.1.1", 0), Answer("1.1.2", 3), Answer("2.1.1", 2)])
    plan = CapPlanService(world.db)
    assert plan.build(assessment) == 2  # 1.1.1 below 2, 2.1.1 below 3; 1.1.2 above
    actions = plan.actions(assessment, TODAY)
    assert [a.data.indicator for a in actions] == ["1.1.1", "2.1.1"]
    assert actions[0].data.text.startswith("Écrire les valeurs")

    edited = ActionInput("Écrire la charte des valeurs avec le CA", "Directrice",
                         date(2026, 6, 30), indicator="1.1.1")
    plan.update(actions[0].id, edited, actions[0].version)
    hand = plan.add(assessment, ActionInput("Former l'équipe", "RH", date(2027, 1, 31)))
    assert plan.build(assessment) == 0  # an edited action is never replaced
    rows = plan.actions(assessment, TODAY)
    assert [r.data.text for r in rows] == ["Écrire la charte des valeurs avec le CA",
                                           rows[1].data.text, "Former l'équipe"]
    assert [r.late for r in rows] == [True, False, False]
    late = plan.late(TODAY)
    assert [(a.action_id, a.company_id, a.subject) for a in late] == [
        (actions[0].id, world.company_id, "GDID")]
    assert [a.id for a in plan.open_for_company(world.company_id, TODAY)] == [
        actions[0].id, hand, actions[1].id]

    plan.update(actions[0].id, ActionInput(edited.text, status=DONE, indicator="1.1.1"),
                plan.actions(assessment, TODAY)[0].version)
    assert plan.late(TODAY) == []
    with pytest.raises(ValidationError):
        plan.add(assessment, ActionInput("  "))


def test_a_groups_assessment_shows_in_each_members_file_and_late_list(world):
    other = CompanyService(world.db).create(CompanyInput(name="AGIRE 76"))
    group = GroupService(world.db).create("GES Provence", [world.company_id, other])
    assessment = CapAssessmentService(world.db).create(
        AssessmentInput(date(2026, 1, 5), group_id=group), today=TODAY)
    CapAssessmentService(world.db).save_answers(assessment, [Answer("3.4.1", 0)])
    plan = CapPlanService(world.db)
    plan.build(assessment)
    action = plan.actions(assessment, TODAY)[0]
    plan.update(action.id, ActionInput(action.data.text, due_on=date(2026, 5, 1),
                                       indicator="3.4.1"), action.version)
    late = plan.late(TODAY)
    assert [(a.subject, a.company_id) for a in late] == [("GES Provence", other)]  # by name
    assert [line.id for line in CapAssessmentService(world.db).lines(company_id=world.company_id)
            ] == [assessment]
    with pytest.raises(ValidationError, match="Le Cap"):
        GroupService(world.db).delete(group)


def test_latest_for_a_company_by_name_and_date(world):
    service = CapAssessmentService(world.db)
    old = _start(world.db, world.company_id, date(2024, 5, 2))
    new = _start(world.db, world.company_id, date(2026, 5, 2))
    assert service.latest_for("gdid") == new
    assert service.latest_for("GDID", date(2024, 5, 2)) == old
    with pytest.raises(ValidationError, match="no Le Cap assessment on 2025-01-01"):
        service.latest_for("GDID", date(2025, 1, 1))
    with pytest.raises(ValidationError, match="No company named"):
        service.latest_for("Inconnue")


def test_a_company_with_an_assessment_cannot_be_deleted(world):
    _start(world.db, world.company_id)
    with pytest.raises(ValidationError, match="Le Cap"):
        CompanyService(world.db).delete(world.company_id)


def test_the_yearly_figures_count_companies_and_the_reviewed_share_per_region(world):
    companies = CompanyService(world.db)
    nord = companies.create(CompanyInput(name="Nord 1", region="Nord-Pas-de-Calais"))
    nord2 = companies.create(CompanyInput(name="Nord 2", region="Nord-Pas-de-Calais"))
    bzh = companies.create(CompanyInput(name="Breizh", region="Bretagne"))
    group = GroupService(world.db).create("GES Nord", [nord, nord2])
    service = CapAssessmentService(world.db)
    service.create(AssessmentInput(date(2025, 4, 1), group_id=group, reviewer_name="M. Pair",
                                   reviewer_kind=PEER), today=TODAY)
    _start(world.db, nord, date(2025, 9, 1), reviewer_name="Délégation",
           reviewer_kind=THIRD_PARTY)
    _start(world.db, bzh, date(2025, 2, 1))
    _start(world.db, bzh, date(2024, 2, 1), reviewer_name="X", reviewer_kind=PEER)  # not 2025

    figures = cap_year_figures(world.db, 2025)
    assert [(r.region, r.companies, r.third_party, r.peer) for r in figures.regions] == [
        ("Bretagne", 1, 0, 0), ("Nord-Pas-de-Calais", 2, 1, 1)]
    assert (figures.total.companies, figures.total.reviewed) == (3, 2)
    assert figures.total.reviewed_share == pytest.approx(2 / 3)
    assert cap_year_figures(world.db, 2023).total.companies == 0


def test_a_grid_loaded_from_a_sheet_is_used_by_new_assessments_only(world, tmp_path: Path):
    grids = CapGridService(world.db)
    first = _start(world.db, world.company_id)
    grids.export_sheet(tmp_path / "grille.xlsx")
    result = grids.import_sheet(tmp_path / "grille.xlsx", today=TODAY, label="fédération 2027")
    assert result.problems == ()
    grid_id, grid = grids.current()
    assert grid.label == "fédération 2027"
    second = _start(world.db, world.company_id)
    assert CapAssessmentService(world.db).get(second).grid_id == grid_id
    assert CapAssessmentService(world.db).get(first).grid.label == "provisoire-2026-1"
    with pytest.raises(ValidationError, match="already exists"):
        grids.import_sheet(tmp_path / "grille.xlsx", today=TODAY, label="fédération 2027")
    assert [v[1] for v in grids.versions()] == ["fédération 2027", "provisoire-2026-1"]


def test_the_report_of_an_assessment_is_written_as_pdf_or_workbook(world, tmp_path: Path):
    from cedre_desk.errors import UserError
    from cedre_desk.services.cap.reports import CapReportService

    first = _start(world.db, world.company_id, date(2025, 3, 1))
    CapAssessmentService(world.db).save_answers(first, [Answer("1.1.1", 1)])
    second = _start(world.db, world.company_id, date(2026, 3, 1), reviewer_name="Anne Martin",
                    reviewer_kind=THIRD_PARTY, reviewer_role="délégation régionale")
    CapAssessmentService(world.db).save_answers(second, [Answer("1.1.1", 0, "rien d'écrit")])
    CapPlanService(world.db).build(second)
    reports = CapReportService(world.db)
    report = reports.report(second, today=TODAY)
    assert report.reviewer == "Anne Martin (tiers — délégation régionale)"
    assert report.previous_on == date(2025, 3, 1)
    assert [(a.code, a.level, a.previous) for a in report.answers[:2]] == [
        ("1.1.1", 0, 1), ("1.1.2", None, None)]
    assert [p.indicator for p in report.plan] == ["1.1.1"]
    assert reports.write(second, tmp_path / "cap.pdf", today=TODAY).stat().st_size > 0
    assert reports.write(second, tmp_path / "cap.xlsx", today=TODAY).stat().st_size > 0
    with pytest.raises(UserError, match=r"\.pdf or \.xlsx"):
        reports.write(second, tmp_path / "cap.docx", today=TODAY)


def test_the_demo_register_holds_assessments_to_show(db):
    from cedre_desk.services.demo import generate_demo

    summary = generate_demo(db, companies=60, seed=2, today=TODAY)
    lines = CapAssessmentService(db).lines()
    assert summary.cap_assessments == len(lines) >= 12
    assert any(line.group_id is not None for line in lines)
    assert {line.status for line in lines} == {"completed", "in_progress"}
    assert {line.reviewer_kind for line in lines} >= {THIRD_PARTY, PEER}
    with_previous = [line.id for line in lines
                     if CapAssessmentService(db).previous(line.id) is not None]
    assert with_previous
    shown = CapPictureService(db).picture(with_previous[0])
    assert shown.previous_picture is not None and shown.current.overall is not None
    assert CapPlanService(db).late(TODAY)  # late actions for the dashboard
    assert cap_year_figures(db, TODAY.year - 1).total.companies > 0


def test_the_editors_save_is_one_transaction(world):
    service = CapAssessmentService(world.db)
    assessment = _start(world.db, world.company_id)
    read = service.get(assessment)
    changed = AssessmentInput(read.data.held_on, company_id=world.company_id,
                              participants="Toute l'équipe", reviewer_name="Hélène Dubois",
                              reviewer_kind=PEER)
    version = service.save(assessment, changed, [Answer("1.1.1", 2)], COMPLETED, read.version)
    saved = service.get(assessment)
    assert (saved.version, saved.status, saved.levels()) == (version, COMPLETED, {"1.1.1": 2})
    assert saved.data.reviewer_kind == PEER
    with pytest.raises(ValidationError):  # a bad answer: the header is not written either
        service.save(assessment, AssessmentInput(read.data.held_on, company_id=world.company_id,
                                                 participants="x"),
                     [Answer("1.1.2", 8)], COMPLETED, version)
    assert service.get(assessment).data.participants == "Toute l'équipe"
    with pytest.raises(ConflictError):
        service.save(assessment, changed, [], COMPLETED, read.version)


def test_late_actions_show_on_the_dashboard_and_open_ones_in_the_companys_file(world):
    from cedre_desk.services.company_file import CompanyFileService
    from cedre_desk.services.dashboard import DashboardService

    assessment = _start(world.db, world.company_id)
    CapAssessmentService(world.db).save_answers(assessment, [Answer("1.1.1", 0),
                                                             Answer("1.1.2", 0)])
    plan = CapPlanService(world.db)
    plan.build(assessment)
    first, second = plan.actions(assessment, TODAY)
    plan.update(first.id, ActionInput(first.data.text, "Directrice", date(2026, 9, 1),
                                      indicator="1.1.1"), first.version)
    board = DashboardService(world.db).summary(TODAY)
    assert [(a.action_id, a.company_id) for a in board.cap_late] == [(first.id,
                                                                      world.company_id)]
    shown = CompanyFileService(world.db).file(world.company_id, TODAY)
    assert [(a.id, a.late) for a in shown.cap_actions] == [(first.id, True), (second.id, False)]
