"""Group memberships and their days go through the register's own Excel workbook: the export
writes one line per membership ("Appartenances": group, company, entry, exit; former ones
included), the import reads them back, and a register taking back its own export has the same
memberships, so the same certificates and due lists (a member shares its group's decisions
only while a member). The Structures sheet shows the groups of today only, as computed: the
import takes the memberships from their own sheet, never from two places."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook

from cedre_desk.services.due import CycleService
from cedre_desk.services.exporting import ExportService
from cedre_desk.services.groups import GroupLine
from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.services.register import create_register
from cedre_desk.storage.models import CertificationGroup, Company, GroupMember
from tests.services.test_group_membership import Register
from tests.services.test_importing_layouts import TODAY, book

d = date.fromisoformat
ON = d("2015-06-01")  # the day the statuses are compared on: the former member has left


def memberships(db) -> set[tuple[str, str, date | None, date | None]]:
    with db.engine.connect() as conn:
        return set(conn.execute(
            sa.select(CertificationGroup.name, Company.name, GroupMember.joined_on,
                      GroupMember.left_on)
            .join(GroupMember, GroupMember.group_id == CertificationGroup.id)
            .join(Company, Company.id == GroupMember.company_id)).all())


def _by_name(db, day: date) -> tuple[dict[str, object], list[tuple]]:
    """Each company's status and the due list on `day`, by company name (ids differ)."""
    service = CycleService(db)
    with db.engine.connect() as conn:
        names = dict(conn.execute(sa.select(Company.id, Company.name)).all())
    statuses = {names[cid]: status for cid, status in service.statuses(day, keep=False).items()}
    due = [(row.company, row.event, row.due, row.late, row.state, row.scheme)
           for row in service.due(day)]
    return statuses, due


def _groups_register(db) -> None:
    """A current member since a day, a former member (left on a day), and a company in two
    groups one after the other; both groups certified."""
    register = Register(db)
    current = register.company("APSV-VILLETTE EMPLOI")
    former = register.company("VILLETTE EMPLOI")
    mover = register.company("VILLETTE EMPLOI SERVICE")
    villette = register.groups.create("GES Villette")
    sud = register.groups.create("GES Sud")
    register.groups.set_memberships(current, [GroupLine(villette, "GES Villette",
                                                        d("2012-01-01"), None)], [])
    register.groups.set_memberships(former, [GroupLine(villette, "GES Villette",
                                                       d("2012-01-01"), d("2014-12-31"))], [])
    register.groups.set_memberships(mover, [
        GroupLine(sud, "GES Sud", d("2010-01-01"), d("2013-12-31")),
        GroupLine(villette, "GES Villette", d("2014-01-01"), None)], [])
    register.grant(sud, "2011-04-05", "2011-06-09")
    register.grant(villette, "2013-04-02", "2013-06-13")
    register.grant(villette, "2014-10-07", "2014-11-20")  # a second grant, after the move


EXPECTED = {
    ("GES Villette", "APSV-VILLETTE EMPLOI", d("2012-01-01"), None),
    ("GES Villette", "VILLETTE EMPLOI", d("2012-01-01"), d("2014-12-31")),
    ("GES Sud", "VILLETTE EMPLOI SERVICE", d("2010-01-01"), d("2013-12-31")),
    ("GES Villette", "VILLETTE EMPLOI SERVICE", d("2014-01-01"), None),
}


def test_a_register_takes_back_its_memberships_with_their_days(db, tmp_path):
    _groups_register(db)
    assert memberships(db) == EXPECTED
    first = tmp_path / "registre.xlsx"
    ExportService(db).register(first, today=ON)
    copy = create_register(tmp_path / "copie.sqlite")
    try:
        result = ImportService(copy).run(first, today=TODAY)
        assert result.ok and result.written, result.problems
        assert result.membership_counts == {"memberships": 4, "memberships_dated": 4}
        assert memberships(copy) == EXPECTED
        for day in (ON, d("2013-07-01"), d("2016-01-15"), TODAY):
            assert _by_name(copy, day) == _by_name(db, day), day
        second = tmp_path / "copie.xlsx"
        ExportService(copy).register(second, today=ON)
    finally:
        copy.close()
    before, after = load_workbook(first), load_workbook(second)
    assert [list(r) for r in before["Appartenances"].values] == \
        [list(r) for r in after["Appartenances"].values]


def test_the_workbook_shows_each_membership_and_the_groups_of_today(db, tmp_path):
    _groups_register(db)
    target = tmp_path / "registre.xlsx"
    ExportService(db).register(target, today=ON)
    workbook = load_workbook(target)
    sheet = workbook["Appartenances"]
    rows = list(sheet.values)
    assert rows[0] == ("Groupe", "N° structure", "Structure", "SIRET",
                       "Entrée dans le groupe", "Sortie du groupe")
    assert [(r[0], r[2], *(v.date() if v else None for v in r[4:])) for r in rows[1:]] == [
        ("GES Sud", "VILLETTE EMPLOI SERVICE", d("2010-01-01"), d("2013-12-31")),
        ("GES Villette", "APSV-VILLETTE EMPLOI", d("2012-01-01"), None),
        ("GES Villette", "VILLETTE EMPLOI", d("2012-01-01"), d("2014-12-31")),
        ("GES Villette", "VILLETTE EMPLOI SERVICE", d("2014-01-01"), None)]
    assert sheet["E2"].number_format == "DD/MM/YYYY"
    companies = {r[1]: r[12] for r in workbook["Structures"].iter_rows(min_row=2,
                                                                        values_only=True)}
    assert workbook["Structures"]["M1"].value == "Groupes actuels (calculé)"
    assert companies == {"APSV-VILLETTE EMPLOI": "GES Villette", "VILLETTE EMPLOI": None,
                         "VILLETTE EMPLOI SERVICE": "GES Villette"}
    members = {r[1]: r[2] for r in workbook["Groupes"].iter_rows(min_row=2, values_only=True)}
    assert members == {"GES Villette": 2, "GES Sud": 0}
    english = tmp_path / "register.xlsx"
    ExportService(db).register(english, today=ON, lang="en")
    assert next(load_workbook(english)["Memberships"].values) == (
        "Group", "Company No.", "Company", "SIRET", "Joined the group on", "Left the group on")


def test_the_english_export_imports_back_too(db, tmp_path):
    _groups_register(db)
    target = tmp_path / "register.xlsx"
    ExportService(db).register(target, today=ON, lang="en")
    copy = create_register(tmp_path / "copy.sqlite")
    try:
        result = ImportService(copy).run(target, today=TODAY)
        assert result.ok, result.problems
        assert memberships(copy) == EXPECTED
    finally:
        copy.close()


def _hand_kept(path: Path, lines: list[list[object]], title: str = "Groupes") -> Path:
    return book(path, {
        "Structures": [["Nom", "Ville", "SIRET"],
                       ["APSV-VILLETTE EMPLOI", "Paris", None],
                       ["VILLETTE EMPLOI", "Paris", None],
                       ["VILLETTE EMPLOI SERVICE", "Paris", None]],
        title: [["Groupe", "Structure", "Entrée", "Sortie"], *lines]})


def test_a_hand_kept_sheet_of_groups_and_members_with_their_days(db, tmp_path):
    for title in ("Groupes", "GES", "Appartenances"):
        path = _hand_kept(tmp_path / f"{title}.xlsx", [
            ["GES Villette", "APSV-VILLETTE EMPLOI", "01/01/2012", None],
            ["GES Villette", "VILLETTE EMPLOI", "01/01/2012", "31/12/2014"],
            ["GES Sud", "VILLETTE EMPLOI SERVICE", "01/01/2010", "31/12/2013"],
            ["GES Villette", "VILLETTE EMPLOI SERVICE", "01/01/2014", None]], title)
        result = ImportService(db).run(path, today=TODAY, dry_run=True)
        assert result.ok, (title, result.problems)
        assert result.counts["groups"] == 2 and result.counts["companies"] == 3
        assert result.membership_counts == {"memberships": 4, "memberships_dated": 4}
        (account,) = [s for s in result.sheets if s.sheet == title]
        assert account.kind == "memberships" and account.read_rows == 4
        assert account.records["memberships"] == 4
        assert [c.field for c in account.columns] == ["groups", "name", "group_joined_on",
                                                       "group_left_on"]
        text = import_summary(result, "fr").splitlines()
        assert "  4 appartenances datées (entrée ou sortie du groupe)" in text
        assert any("des appartenances aux groupes" in line for line in text)
    result = ImportService(db).run(path, today=TODAY)
    assert result.written
    assert memberships(db) == EXPECTED


def _refused(db, tmp_path, lines: list[list[object]], **sheets: list[list[object]]):
    path = _hand_kept(tmp_path / "ges.xlsx", lines)
    if sheets:
        path = book(tmp_path / "ges.xlsx", sheets)
    for dry_run in (True, False):
        result = ImportService(db).run(path, today=TODAY, dry_run=dry_run)
        assert not result.ok and not result.written
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Company)) == 0
        assert conn.scalar(sa.select(sa.func.count()).select_from(GroupMember)) == 0
    return {(p.sheet, p.row): (p.fr, p.en) for p in result.problems}


def test_a_line_naming_an_unknown_company_is_refused(db, tmp_path):
    problems = _refused(db, tmp_path, [["GES Villette", "APSV-VILLETTE EMPLOI", "01/01/2012",
                                        None], ["GES Villette", "ISIS", "01/01/2012", None]])
    fr, en = problems[("Groupes", 3)]
    assert fr.startswith("structure inconnue : « ISIS »")
    assert en.startswith("unknown company: “ISIS”")
    assert len(problems) == 1


def test_an_exit_before_the_entry_is_refused(db, tmp_path):
    problems = _refused(db, tmp_path, [["GES Villette", "VILLETTE EMPLOI", "01/06/2015",
                                        "31/12/2014"]])
    assert problems == {("Groupes", 2): (
        "sortie du groupe (31/12/2014) avant l'entrée (01/06/2015).",
        "left the group (2014-12-31) before joining it (2015-06-01).")}


def test_a_day_outside_the_rule_is_refused(db, tmp_path):
    problems = _refused(db, tmp_path, [["GES Villette", "VILLETTE EMPLOI", "01/06/1985", None],
                                       ["GES Sud", "VILLETTE EMPLOI", "01/06/2015",
                                        "01/06/2150"]])
    assert problems[("Groupes", 2)][0].startswith("Entrée dans le groupe : 01/06/1985 hors "
                                                  "de la plage admise (01/01/1990 au ")
    assert problems[("Groupes", 3)][1].startswith("Left the group on: 2150-06-01 outside the "
                                                  "range allowed (1990-01-01 to ")


def test_overlapping_memberships_in_one_group_are_refused(db, tmp_path):
    problems = _refused(db, tmp_path, [
        ["GES Villette", "VILLETTE EMPLOI", "01/01/2012", "31/12/2014"],
        ["GES Villette", "VILLETTE EMPLOI", "01/06/2014", None]])
    assert problems == {("Groupes", 3): (
        "appartenances qui se chevauchent : la structure est déjà membre du groupe "
        "« GES Villette » du 01/01/2012 au 31/12/2014 (« Groupes », ligne 2).",
        "overlapping memberships: the company is already a member of group “GES Villette” "
        "from 2012-01-01 to 2014-12-31 (“Groupes”, row 2).")}


def test_two_periods_in_one_group_are_refused_the_register_keeps_one(db, tmp_path):
    problems = _refused(db, tmp_path, [
        ["GES Villette", "VILLETTE EMPLOI", "01/01/2012", "31/12/2012"],
        ["GES Villette", "VILLETTE EMPLOI", "01/06/2014", None]])
    (fr, en), = problems.values()
    assert "le registre garde une seule période par structure et groupe" in fr
    assert "the register keeps one period per company and group" in en


def test_a_groups_column_that_disagrees_with_the_memberships_sheet_is_refused(db, tmp_path):
    problems = _refused(db, tmp_path, [], **{
        "Structures": [["Nom", "Ville", "Groupe(s)"], ["VILLETTE EMPLOI", "Paris", "GES Sud"],
                       ["APSV-VILLETTE EMPLOI", "Paris", "GES Villette"]],
        "Appartenances": [["Groupe", "Structure", "Entrée", "Sortie"],
                          ["GES Villette", "APSV-VILLETTE EMPLOI", "01/01/2012", None],
                          ["GES Villette", "VILLETTE EMPLOI", "01/01/2012", "31/12/2014"]]})
    assert list(problems) == [("Structures", 2)]
    assert "GES Sud" in problems[("Structures", 2)][1]


def test_a_groups_column_that_agrees_makes_no_membership_twice(db, tmp_path):
    path = book(tmp_path / "ges.xlsx", {
        "Structures": [["Nom", "Ville", "Groupe(s)"], ["VILLETTE EMPLOI", "Paris", "GES Villette"],
                       ["APSV-VILLETTE EMPLOI", "Paris", "GES Villette"]],
        "Appartenances": [["Groupe", "Structure", "Entrée", "Sortie"],
                          ["GES Villette", "APSV-VILLETTE EMPLOI", "01/01/2012", None],
                          ["GES Villette", "VILLETTE EMPLOI", "01/01/2012", "31/12/2014"]]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert memberships(db) == {
        ("GES Villette", "APSV-VILLETTE EMPLOI", d("2012-01-01"), None),
        ("GES Villette", "VILLETTE EMPLOI", d("2012-01-01"), d("2014-12-31"))}
