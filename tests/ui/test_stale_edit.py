"""A save refused because someone else saved the same company meanwhile: the dialog says who
and when, shows each field they changed (their value, the user's), and offers Reload (the
form takes the register's values, stays open, the user's input listed to apply again) and
Keep my input (the notice closes, the form as typed). Nothing is overwritten in silence.

The other person is a second session on the same register: on a server (the PostgreSQL pass:
CEDRE_DESK_TEST_DB=postgresql scripts/with-postgres … tests/ui/test_stale_edit.py), a second
connection under another name; on a file, a second service call on the same register."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from cedre_desk.services.companies import CompanyInput, CompanyService
from cedre_desk.storage.database import Database
from cedre_desk.ui.common.stale_edit import changed_fields
from cedre_desk.ui.companies.dialog import CompanyDialog


@pytest.fixture
def other(db: Database) -> Iterator[CompanyService]:
    """Another person's session on the same register."""
    if db.path is not None:
        yield CompanyService(db)
        return
    from cedre_desk.storage.server import open_server

    second = open_server(db.engine.url.render_as_string(hide_password=False), user="Benoît")
    yield CompanyService(second)
    second.close()


def _open(qtbot, db: Database) -> tuple[CompanyDialog, int]:
    service = CompanyService(db)
    company = service.create(CompanyInput(name="EMS", town="Montauban", department="82",
                                          phone="05 63 00 00 00"))
    dialog = CompanyDialog(service, "fr", service.get(company))
    qtbot.addWidget(dialog)
    return dialog, company


def test_a_stale_save_shows_what_changed_and_overwrites_nothing(qtbot, db, other):
    dialog, company = _open(qtbot, db)
    theirs = other.get(company)
    other.update(company, replace(theirs.data, town="Castelsarrasin", notes="Déménagée"),
                 theirs.version)
    dialog.town.setText("Moissac")
    dialog.phone.setText("05 63 11 11 11")  # a field the other did not touch
    dialog.accept()

    assert dialog.result() != CompanyDialog.DialogCode.Accepted
    assert not dialog.stale.isHidden()
    assert "modifié" in dialog.stale.message.text()
    if db.path is None:  # a second session of its own: named in the history
        assert "Benoît" in dialog.stale.message.text()
    assert dialog.stale.differences() == [("Town", "Castelsarrasin", "Moissac"),
                                          ("Notes", "Déménagée", "")]
    now = CompanyService(db).get(company).data
    assert (now.town, now.notes, now.phone) == ("Castelsarrasin", "Déménagée",
                                                "05 63 00 00 00")
    assert dialog.town.text() == "Moissac"  # the input is kept

    dialog.stale.keep.click()  # Garder ma saisie: the form as typed, still refused
    assert dialog.stale.isHidden() and dialog.town.text() == "Moissac"
    dialog.accept()
    assert dialog.result() != CompanyDialog.DialogCode.Accepted
    assert not dialog.stale.isHidden()
    assert CompanyService(db).get(company).data.town == "Castelsarrasin"


def test_reload_takes_the_register_values_and_the_input_can_be_applied_again(qtbot, db,
                                                                              other):
    dialog, company = _open(qtbot, db)
    theirs = other.get(company)
    other.update(company, replace(theirs.data, town="Castelsarrasin"), theirs.version)
    dialog.town.setText("Moissac")
    dialog.accept()

    dialog.stale.reload.click()  # Recharger
    assert dialog.isVisible() or dialog.result() != CompanyDialog.DialogCode.Accepted
    assert dialog.town.text() == "Castelsarrasin"  # the register's value
    assert not dialog.stale.isHidden() and dialog.stale.reload.isHidden()
    assert dialog.stale.differences() == [("Town", "Castelsarrasin", "Moissac")]
    assert dialog.before == CompanyService(db).get(company).data  # what an undo goes back to

    dialog.town.setText("Moissac")  # applied again, knowingly
    dialog.accept()
    assert dialog.result() == CompanyDialog.DialogCode.Accepted
    assert CompanyService(db).get(company).data.town == "Moissac"


def test_a_company_deleted_meanwhile_is_said_not_reloaded(qtbot, db):
    dialog, company = _open(qtbot, db)
    CompanyService(db).delete(company)
    dialog.town.setText("Moissac")
    dialog.accept()
    assert dialog.result() != CompanyDialog.DialogCode.Accepted
    assert "introuvable" in dialog.visible_errors()[""]


def test_changed_fields_lists_only_what_the_other_save_changed():
    read = CompanyInput(name="EMS", town="Montauban")
    theirs = replace(read, town="Castelsarrasin")
    yours = replace(read, name="EMS Montauban", town="Moissac")
    titles = {"name": "Nom", "town": "Ville"}
    assert changed_fields(read, theirs, yours, titles, lambda _k, v: str(v)) == [
        ("Ville", "Castelsarrasin", "Moissac")]
    assert changed_fields(read, read, yours, titles, lambda _k, v: str(v)) == []
