"""The lines of a memberships sheet ("Appartenances": Groupe, Structure, Entrée, Sortie) made
into the register's group memberships, with their days.

A company certified through its group shares the group's decisions only while it is a member
(docs/cycle.md), so a membership's days are part of the truth an import must keep: a former
member read back as a member "since always" would change the group's past decisions for it.
Each line names its company as every sheet does (number, SIRET, or name and town) and its group
by name (made when new). The register holds one period per company and group: two lines of
the same company in the same group are refused, saying whether they overlap.

When the workbook has a memberships sheet, it is where the memberships come from: a group
named in the companies sheet's "Groupe(s)" column must have its line there too (the two would
otherwise disagree on whether and when the company belonged to it), and the column makes
nothing of its own.
"""

from __future__ import annotations

from datetime import date

from cedre_desk.errors import shown
from cedre_desk.exports.dates import day
from cedre_desk.imports.workbook_records import MembershipRecord, Source
from cedre_desk.imports.workbook_values import bare
from cedre_desk.services.importing.plan import Planner

Period = tuple[date | None, date | None]


def plan_memberships(p: Planner) -> None:
    """Plan every line of the memberships sheets, then check the companies sheet's groups
    column against them (see the module's docstring)."""
    lines: dict[tuple[int, int], tuple[Period, Source]] = {}
    p.each(p.parsed.memberships, lambda record: _line(p, record, lines))
    listed = {(company_id, group_id) for company_id, group_id in lines}
    for company_id, name, source in p.groups_column:
        group_id = p.index.group_by_name.get(bare(name))
        if group_id is None or (company_id, group_id) not in listed:
            p.reject(
                source, f"la colonne Groupe(s) nomme le groupe « {shown(name)} », mais la "
                "feuille des appartenances n'a pas de ligne de cette structure dans ce groupe :"
                " ajoutez-la (avec ses dates) ou retirez le groupe de la colonne.",
                f"the Group(s) column names group “{shown(name)}”, but the memberships sheet "
                "has no line of this company in that group: add it (with its dates) or take "
                "the group out of the column.")


def _line(p: Planner, record: MembershipRecord,
          lines: dict[tuple[int, int], tuple[Period, Source]]) -> None:
    source = record.source
    company_id = p.company_id(record.company, source)
    group_id = p.group(record.group, source)
    period = (record.joined_on, record.left_on)
    seen = lines.get((company_id, group_id))
    if seen is not None:
        raise _twice(p, record, seen, source)
    lines[(company_id, group_id)] = (period, source)
    dated = period != (None, None)
    if company_id in p.index.members[group_id]:
        if dated:
            p.plan.warnings.append(p.already_member(source, record.group))
        return
    p.index.members[group_id].add(company_id)
    p.plan.add("group_member", {"group_id": group_id, "company_id": company_id,
                                "joined_on": record.joined_on, "left_on": record.left_on},
               source, f"{group_id}/{company_id}")
    p.plan.counts["memberships"] += 1
    p.plan.counts["memberships_dated"] += dated


def _twice(p: Planner, record: MembershipRecord, seen: tuple[Period, Source],
           source: Source) -> Exception:
    """A second line of the same company in the same group: refused, whether its period
    overlaps the first's or not (the register keeps one period per company and group)."""
    (first_joined, first_left), first_source = seen
    where_fr = f"« {shown(first_source.sheet)} », ligne {first_source.row}"
    where_en = f"“{shown(first_source.sheet)}”, row {first_source.row}"
    group = shown(record.group)
    if _overlap((first_joined, first_left), (record.joined_on, record.left_on)):
        return p.reject(
            source, f"appartenances qui se chevauchent : la structure est déjà membre du groupe"
            f" « {group} » du {_from(first_joined, 'fr')} au {_to(first_left, 'fr')} "
            f"({where_fr}).",
            f"overlapping memberships: the company is already a member of group “{group}” "
            f"from {_from(first_joined, 'en')} to {_to(first_left, 'en')} ({where_en}).")
    return p.reject(
        source, f"deuxième période de la structure dans le groupe « {group} » (la première : "
        f"{where_fr}) : le registre garde une seule période par structure et groupe.",
        f"a second period of the company in group “{group}” (the first: {where_en}): the "
        "register keeps one period per company and group.")


def _overlap(first: Period, second: Period) -> bool:
    """Both days included; None: since always, still."""
    (a_start, a_end), (b_start, b_end) = first, second
    return ((a_end is None or b_start is None or b_start <= a_end)
            and (b_end is None or a_start is None or a_start <= b_end))


def _from(value: date | None, lang: str) -> str:
    return day(value, lang) if value else ("toujours" if lang == "fr" else "always")


def _to(value: date | None, lang: str) -> str:
    return day(value, lang) if value else ("aujourd'hui" if lang == "fr" else "today")
