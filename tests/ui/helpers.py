"""Shared set-up for the window's tests: a small certified register, waiting for reads."""

from __future__ import annotations

from datetime import date

import pytest

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
)
from cedre_desk.services.audits import AuditInput, AuditService, FindingInput
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.referentials import CEDRE, ReferentialService

TODAY = date(2014, 7, 1)


def certify(db, name: str, audit_on: date, session_on: date, **company: object) -> int:
    """A company granted CEDRE at a session held on `session_on`; returns its id."""
    version = ReferentialService(db).in_force(CEDRE, audit_on)
    company_id = CompanyService(db).create(CompanyInput(name=name, **company))
    audit = AuditService(db).create(AuditInput(AuditKind.CERTIFICATION, version.id,
                                               company_id=company_id, start_on=audit_on,
                                               status=AuditStatus.DONE))
    committees = CommitteeService(db)
    sessions = {s.held_on: s.id for s in committees.sessions()}
    session = sessions.get(session_on) or committees.create_session(
        session_on, status=SessionStatus.HELD)
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             company_id=company_id, audit_id=audit))
    return company_id


def small_register(db) -> dict[str, int]:
    """Three companies: one late on its first follow-up at TODAY, one due soon, one new;
    and a special audit with a major nonconformity waiting for the next committee."""
    late = certify(db, "DOMICILE SERVICE LOIRET", date(2013, 4, 2), date(2013, 6, 13),
                   town="Saint Jean de la Ruelle", department="45", region="Centre-Limousin",
                   siret="73282932000074")
    soon = certify(db, "EMS", date(2013, 8, 1), date(2013, 9, 12), town="Montauban",
                   department="82", region="Midi-Pyrénées", legal_types=(LegalType.EI,))
    new = CompanyService(db).create(CompanyInput(
        name="Île Services", town="Istres", department="13", region="PACA-Corse",
        legal_types=(LegalType.AI, LegalType.ETTI)))
    version = ReferentialService(db).in_force(CEDRE, TODAY)
    audit = AuditService(db).create(AuditInput(AuditKind.SPECIAL, version.id, company_id=late,
                                               start_on=date(2014, 6, 20),
                                               status=AuditStatus.REPORT_SENT))
    AuditService(db).add_finding(audit, FindingInput(FindingLevel.MAJOR_NC, "Revue absente",
                                                     action="Tenir la revue",
                                                     action_due=date(2014, 6, 25)))
    return {"late": late, "soon": soon, "new": new, "special": audit}


def wait_for_reads(qtbot, runner, timeout: int = 10_000) -> None:
    """Until every background read has been delivered to the window."""
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=timeout)


@pytest.fixture
def restore_language():
    """Tests that switch the language leave Qt as they found it: no translator, same locale."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from cedre_desk.ui.common.translations import Language

    locale = QLocale()
    languages: list[Language] = []
    yield languages  # the test appends each Language it applies
    for language in languages:
        language.apply("en")
    QLocale.setDefault(locale)
    assert QApplication.translate("WindowMenus", "&File") == "&File"


def answer_next_question(button: str, attempts: int = 200) -> list[str]:
    """Click `button` (its text) in the next message box that opens, for a test that goes
    through the real box (a QTest key, a modal exec); returns the questions seen."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    asked: list[str] = []

    def click(left: int = attempts) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left:
                QTimer.singleShot(10, lambda: click(left - 1))
            return
        asked.append(box.text())
        [chosen] = [b for b in box.buttons() if b.text() == button]
        chosen.click()

    QTimer.singleShot(0, click)
    return asked
