"""Words that read right (issue 11): "1 audit" not "1 audits", "aujourd'hui" not "dans 0 j",
"Prochaines échéances d'Atelier…" not "de Atelier…"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, SessionStatus
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui.common import formatting as fmt
from cedre_desk.ui.common.translations import Language

from .helpers import restore_language

__all__ = ["restore_language"]


@pytest.fixture
def french(qapp, restore_language):
    language = Language(QApplication.instance())
    restore_language.append(language)
    language.apply("fr")
    return language


@pytest.mark.parametrize(("count", "english", "french_"), [
    (0, True, False), (1, False, False), (2, True, True), (20_000, True, True)])
def test_plural_follows_each_language(qapp, count, english, french_):
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English))
        assert fmt.takes_plural(count) is english
        QLocale.setDefault(QLocale(QLocale.Language.French))
        assert fmt.takes_plural(count) is french_
    finally:
        QLocale.setDefault(before)


@pytest.mark.parametrize(("name", "elided"), [
    ("Atelier Ébène", True), ("Île Services", True), ("ems", True), ("Yvelines Emploi", True),
    ("DOMICILE SERVICE LOIRET", False), ("Horizon", False), ("", False)])
def test_de_is_elided_before_a_vowel(name, elided):
    assert fmt.elides(name) is elided


def test_one_company_and_one_audit_are_singular(qtbot, db):
    from PySide6.QtGui import QUndoStack

    from cedre_desk.services.audit_list import AuditListService
    from cedre_desk.ui.audits.list_view import AuditsView
    from cedre_desk.ui.common.background import BackgroundRunner, reader_for
    from cedre_desk.ui.companies.list_view import CompaniesView

    today = date(2026, 12, 3)
    company = CompanyService(db).create(CompanyInput(name="Atelier Ébène"))
    version = ReferentialService(db).in_force(CEDRE, date(2026, 11, 17))
    AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id,
                                       company_id=company, start_on=date(2026, 11, 17),
                                       status=AuditStatus.DONE))
    runner = BackgroundRunner(reader_for(db))
    companies = CompaniesView(CompanyService(db), runner, QUndoStack(), "en", lambda: today)
    qtbot.addWidget(companies)
    companies.refresh()
    audits = AuditsView(AuditListService(db), "en", lambda: today)
    qtbot.addWidget(audits)
    with qtbot.waitSignal(audits.loaded, timeout=10_000):
        audits.refresh()
    assert audits.count.text() == "1 audit"
    qtbot.waitUntil(lambda: companies.count.text() == "1 company", timeout=10_000)
    runner.shutdown()


def test_the_next_due_elides_de_before_a_vowel(qtbot, db, french):
    from cedre_desk.services.committees import CommitteeService
    from cedre_desk.ui.committees.view import CommitteesView

    today = date(2026, 12, 3)
    company = CompanyService(db).create(CompanyInput(name="Atelier Ébène"))
    version = ReferentialService(db).in_force(CEDRE, today)
    AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id,
                                       company_id=company, start_on=today - timedelta(days=9),
                                       status=AuditStatus.REPORT_SENT))
    CommitteeService(db).create_session(today + timedelta(days=7), "Paris",
                                        status=SessionStatus.PLANNED)
    committees = CommitteesView(db, "fr", lambda: today)
    qtbot.addWidget(committees)
    with qtbot.waitSignal(committees.agenda_loaded, timeout=10_000):
        committees.refresh()
    committees.agenda.select_row(0)
    with qtbot.waitSignal(committees.changed):
        assert committees.decision.record()
    assert "Prochaines échéances d'Atelier Ébène" in committees.decision.next_events.text()


def test_due_today_reads_today(qtbot, db):
    from cedre_desk.audits.vocabulary import CompanyState, EventKind
    from cedre_desk.services.due import DueRow
    from cedre_desk.ui.common.background import BackgroundRunner, reader_for
    from cedre_desk.ui.dashboard.view import DashboardView

    today = date(2026, 12, 3)
    runner = BackgroundRunner(reader_for(db))
    view = DashboardView(runner, "en", lambda: today)
    qtbot.addWidget(view)
    delay = view._due_columns(late=False)[1].text
    row = DueRow(1, "EMS", None, EventKind.FOLLOW_UP_1, today, False, False,
                 CompanyState.CERTIFIED, None)
    assert delay(row) == "today"
    assert delay(DueRow(**{**row.__dict__, "due": today + timedelta(days=1)})) == "tomorrow"
    assert delay(DueRow(**{**row.__dict__, "due": today - timedelta(days=1)})) == "1 day late"
    assert delay(DueRow(**{**row.__dict__, "due": today + timedelta(days=9)})) == "in 9 days"
    runner.shutdown()
