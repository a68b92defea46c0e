"""The dates a company joined and left its group come in from the sheet that lists the
companies and their group ("Entrée dans le groupe", "Date d'adhésion au groupe", "Sortie du
groupe"), read like any date and checked; the summary counts them."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from cedre_desk.services.importing.summary import import_summary
from cedre_desk.services.importing.workbook_import import ImportService
from cedre_desk.storage.models import Company, GroupMember
from tests.services.test_importing_layouts import TODAY, book, counts


def _memberships(db) -> dict[str, tuple[date | None, date | None]]:
    with db.engine.connect() as conn:
        return {name: (joined, left) for name, joined, left in conn.execute(
            sa.select(Company.name, GroupMember.joined_on, GroupMember.left_on)
            .join(GroupMember, GroupMember.company_id == Company.id))}


def test_group_entry_and_exit_dates_are_imported_and_counted(db, tmp_path):
    path = book(tmp_path / "ges.xlsx", {"Structures": [
        ["Nom", "Ville", "Groupe", "Date d'adhésion au groupe", "Sortie du groupe"],
        ["APSV-VILLETTE EMPLOI", "Paris", "GES Villette", "01/01/2012", None],
        ["VILLETTE EMPLOI", "Paris", "GES Villette", "mars 2013", "31/12/2015"],
        ["VILLETTE EMPLOI SERVICE", "Paris", "GES Villette", None, None],
        ["VILLETTE EMPLOI ETTI", "Paris", "GES Villette", datetime(2014, 6, 2), None],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert result.ok and result.written, result.problems
    assert result.counts == counts(companies=4, groups=1)
    assert result.membership_counts == {"memberships": 4, "memberships_dated": 3}
    assert _memberships(db) == {
        "APSV-VILLETTE EMPLOI": (date(2012, 1, 1), None),
        "VILLETTE EMPLOI": (date(2013, 3, 1), date(2015, 12, 31)),
        "VILLETTE EMPLOI SERVICE": (None, None),
        "VILLETTE EMPLOI ETTI": (date(2014, 6, 2), None)}
    text = import_summary(result, "fr").splitlines()
    assert "  4 appartenances à un groupe" in text
    assert "  3 appartenances datées (entrée ou sortie du groupe)" in text
    assert "    D « Date d'adhésion au groupe » → Entrée dans le groupe" in text
    assert "    E « Sortie du groupe » → Sortie du groupe" in text


def test_group_dates_that_cannot_be_right_refuse_their_row(db, tmp_path):
    path = book(tmp_path / "ges.xlsx", {"Structures": [
        ["Nom", "Ville", "Groupe(s)", "Entrée dans le groupe", "Sortie du groupe"],
        ["GDID", "Salon", "GES Sud", "01/06/2015", "01/01/2015"],
        ["ISIS", "Istres", None, "01/06/2015", None],
        ["EMS", "Montauban", "GES Sud; GES Ouest", "01/06/2015", None],
        ["AGIRE 76", "Bolbec", "GES Ouest", "01/06/2150", None],
    ]})
    result = ImportService(db).run(path, today=TODAY)
    assert not result.ok and not result.written
    reasons = {p.row: p.en for p in result.problems}
    assert reasons[2] == "left the group (2015-01-01) before joining it (2015-06-01)."
    assert reasons[3].startswith("group entry or exit dates for no group")
    assert reasons[4].startswith("group entry or exit dates for 2 groups")
    assert reasons[5].startswith("Joined the group on: 2150-06-01 outside the range allowed")
    with db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(GroupMember)) == 0
