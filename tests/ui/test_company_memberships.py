"""A company's groups and the days it joined and left each, typed in the date fields of the
"Groups…" dialog (ui/companies/memberships.py) and saved in the register with their history;
the company file then says where it stands (docs/cycle.md, 8)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, CompanyState, Outcome, Scheme
from cedre_desk.services.audits import AuditInput, AuditService
from cedre_desk.services.committees import CommitteeService, DecisionInput
from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.services.due import CycleService
from cedre_desk.services.groups import GroupLine, GroupService
from cedre_desk.services.history import HistoryService
from cedre_desk.services.referentials import CEDRE, ReferentialService
from cedre_desk.ui.common.background import BackgroundRunner, reader_for
from cedre_desk.ui.common.date_field import DateField
from cedre_desk.ui.companies.file_view import CompanyFileView
from cedre_desk.ui.companies.memberships import MembershipsDialog

from .helpers import wait_for_reads

TODAY = date(2014, 3, 1)


@pytest.fixture
def register(db):
    companies = CompanyService(db)
    ems = companies.create(CompanyInput(name="EMS", town="Montauban"))
    gdid = companies.create(CompanyInput(name="GDID", town="Salon de Provence"))
    groups = GroupService(db)
    south = groups.create("GES du Sud", [ems, gdid])
    north = groups.create("GES du Nord")
    version = ReferentialService(db).in_force(CEDRE, date(2013, 5, 2))
    audit = AuditService(db).create(AuditInput(
        AuditKind.CERTIFICATION, version.id, group_id=south, start_on=date(2013, 5, 2),
        status=AuditStatus.DONE))
    committees = CommitteeService(db)
    session = committees.create_session(date(2013, 6, 13))
    committees.record_decision(DecisionInput(session, Outcome.GRANTED, Scheme.CEDRE,
                                             group_id=south, audit_id=audit))
    return db, {"ems": ems, "south": south, "north": north}


def dialog_for(qtbot, db, company_id: int) -> MembershipsDialog:
    dialog = MembershipsDialog(GroupService(db), company_id, "EMS", "en", TODAY)
    qtbot.addWidget(dialog)
    return dialog


def type_into(field: DateField, text: str) -> None:
    """Type `text` (ASCII) key by key over what the field holds; Save reads it."""
    field.line.clear()
    QTest.keyClicks(field.line, text)


def save(dialog: MembershipsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_the_days_typed_are_saved_with_their_history_and_the_file_follows(qtbot, register):
    db, ids = register
    dialog = dialog_for(qtbot, db, ids["ems"])
    (line, joined, left), = dialog.rows
    assert line.name == "GES du Sud" and joined.text() == left.text() == ""
    type_into(joined, "01/01/2012")
    type_into(left, "31/01/2014")
    dialog.new_group.setCurrentIndex(dialog.new_group.findText("GES du Nord"))
    type_into(dialog.new_joined, "01/02/2014")

    save(dialog)

    assert dialog.result() == MembershipsDialog.DialogCode.Accepted
    assert GroupService(db).groups_of(ids["ems"]) == [
        GroupLine(ids["north"], "GES du Nord", date(2014, 2, 1)),
        GroupLine(ids["south"], "GES du Sud", date(2012, 1, 1), date(2014, 1, 31))]
    changes = HistoryService(db).for_record("group_member", f"{ids['south']}/{ids['ems']}")
    assert ("left_on", "2014-01-31") in {(c.field, c.after) for c in changes}
    # Left on 31/01/2014: the group's certificate is no longer its.
    assert CycleService(db).status(ids["ems"], TODAY).state is CompanyState.LEFT_GROUP
    runner = BackgroundRunner(reader_for(db))
    try:
        view = CompanyFileView(ids["ems"], runner, "en", lambda: TODAY)
        qtbot.addWidget(view)
        view.refresh()
        wait_for_reads(qtbot, runner)
        assert view.identity_values["groups"].text() == (
            "GES du Nord (since 01/02/2014), GES du Sud (left on 31/01/2014)")
        assert view.standing.text().startswith("Left its group on 31/01/2014")
        with qtbot.waitSignal(view.memberships_requested) as asked:
            view.groups_button.click()
        assert asked.args == [ids["ems"]]
    finally:
        runner.shutdown()


def test_a_day_that_is_not_one_or_a_departure_before_joining_changes_nothing(qtbot, register):
    db, ids = register
    dialog = dialog_for(qtbot, db, ids["ems"])
    (_, joined, left), = dialog.rows
    type_into(left, "31/02/2014")
    save(dialog)
    assert dialog.result() != MembershipsDialog.DialogCode.Accepted
    assert "31/02/2014" in left.text() and left.message.text()  # refused under the field
    type_into(joined, "01/03/2014")
    type_into(left, "31/01/2014")
    save(dialog)
    assert dialog.result() != MembershipsDialog.DialogCode.Accepted
    assert "before it joined" in dialog.message.text()
    assert GroupService(db).groups_of(ids["ems"]) == [GroupLine(ids["south"], "GES du Sud")]
