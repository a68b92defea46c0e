"""From the records of a workbook to the rows an import writes, checked against the register.

Companies are matched by SIRET, else by name (and town when two companies share a name); a
matched company is linked to, never changed: an import adds records, it does not edit them.
Groups, auditors and committee sessions are matched by name or date and made when missing.
Everything the services check when a user types a record is checked here too (a SIRET's
key, an audit's dates, an auditor who coached the company, a renewal with nothing to renew),
with the same French and English messages; each failure rejects its row.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from cedre_desk.audits.cycle import DecisionFact
from cedre_desk.audits.vocabulary import LegalType, SessionStatus
from cedre_desk.errors import UserError, shown
from cedre_desk.imports.workbook_records import (
    AuditRecord,
    CompanyRecord,
    CompanyRef,
    ParsedWorkbook,
    Problem,
    Source,
)
from cedre_desk.imports.workbook_values import bare
from cedre_desk.services import validation
from cedre_desk.services.companies import CompanyInput, clean
from cedre_desk.services.importing.planned import Plan
from cedre_desk.services.importing.register_index import RegisterIndex

T = TypeVar("T")
File = tuple[str, int]  # ("c", company id) or ("g", group id)


def _name_key(name: str) -> str:
    """A name as a SIRET check compares it: "G.D.I.D. (nom abrégé)" is GDID."""
    return "".join(c for c in bare(re.sub(r"\([^()]*\)", "", name)) if c.isalnum())


class _Rejected(Exception):  # ends the handling of one row
    pass


def town_first(records: list[CompanyRecord]) -> list[CompanyRecord]:
    """The workbook's companies in the order they are planned: a flat row naming a company
    without its town after the others, so that the row giving the town makes the company
    and the other rows find it by its name (whichever sheet comes first)."""
    return sorted(records, key=lambda record: record.flat and not record.ref.town)


class Planner:
    def __init__(self, index: RegisterIndex, parsed: ParsedWorkbook, today: date, *,
                 write: Callable[[Plan], None] | None = None) -> None:
        self.index, self.parsed, self.today = index, parsed, today
        self.plan = Plan(write=write)
        self.rejected: set[Source] = set()
        self.company_by_number: dict[int, int] = {}
        self.new_by_siret: dict[str, tuple[int, str, Source]] = {}
        self.new_by_name: dict[tuple[str, str], tuple[int, Source]] = {}
        self.new_names: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.new_ids: set[int] = set()
        # Each audit planned or known (AuditFacts, or the register's row) by its id, by the
        # workbook's audit number and by its record: findings and decisions rest on them.
        self.audit_by_number: dict[int, tuple[int, Any]] = {}
        self.audit_of_record: dict[int, tuple[int, Any]] = {}
        self.audit_rows: dict[int, Any] = {}
        self.positions: dict[int, int] = defaultdict(int)
        # Each file's decisions read so far from the workbook (they come in date order).
        # Each file's decisions: the register's, then those read so far from the workbook
        # (they come in date order), so that a withdrawal in either is seen.
        self.decision_facts: dict[File, list[DecisionFact]] = defaultdict(list)
        for file, facts in index.decision_facts.items():
            self.decision_facts[file] = list(facts)
        self.known_audits: set[int] = set()  # audits of the register the workbook names again
        self.new_towns: dict[int, str] = {}  # each new company's town, as written
        # A name is a group's on every sheet: a flat row naming only a group (a committee
        # sheet's "Structure" column) is the group's row, never a new company of that name.
        self.group_names = set(index.group_by_name) | {bare(g.name) for g in parsed.groups} \
            | {bare(name) for c in parsed.companies for name in c.groups} \
            | {bare(m.group) for m in parsed.memberships}
        self.company_names = set(index.companies_by_name) | {
            bare(c.ref.name) for c in parsed.companies if not self._may_be_group(c)}
        self._said_group: set[Source] = set()
        # The groups the companies sheet names, when a memberships sheet says the memberships.
        self.groups_column: list[tuple[int, str, Source]] = []

    # -- helpers ----------------------------------------------------------------------------

    def reject(self, source: Source, fr: str, en: str) -> _Rejected:
        """One message per row: a flat row gives a company, an audit and a decision, and the
        reason that refused the first (a bad SIRET) would refuse the others again."""
        if source not in self.rejected:
            self.rejected.add(source)
            self.plan.problems.append(Problem(source.sheet, source.row, fr, en))
        return _Rejected()

    def check(self, source: Source, action: Callable[[], T]) -> T:
        try:
            return action()
        except UserError as error:
            raise self.reject(source, error.fr, error.en) from None

    def each(self, records: list[Any], handle: Callable[[Any], None]) -> None:
        for record in records:
            try:
                handle(record)
            except _Rejected:
                continue

    def remember_audit(self, record: AuditRecord, audit_id: int, audit: Any) -> None:
        entry = (audit_id, audit)  # one tuple for both lookups
        if record.number is not None:
            self.audit_by_number[record.number] = entry
        self.audit_of_record[id(record)] = entry
        self.audit_rows[audit_id] = audit

    # -- names made on demand ---------------------------------------------------------------

    def auditor(self, name: str, source: Source, email: str = "", active: bool = True) -> int:
        clean_name = self.check(source, lambda: validation.clean_text(
            name, "name", max_length=200, required=True, fr="Auditeur", en="Auditor"))
        key = bare(clean_name)
        found = self.index.auditor_by_name.get(key)
        if found is None:
            found = self.index.take_id("auditor")
            email = self.check(source, lambda: validation.email(email))
            self.plan.add("auditor", {"id": found, "name": clean_name, "email": email,
                                      "active": active, "version": 1}, source)
            self.index.auditor_by_name[key] = found
            self.plan.counts["auditors"] += 1
        return found

    def group(self, name: str, source: Source, notes: str = "") -> int:
        clean_name = self.check(source, lambda: validation.clean_text(
            name, "name", max_length=200, required=True, fr="Nom du groupe", en="Group name"))
        key = bare(clean_name)
        found = self.index.group_by_name.get(key)
        if found is None:
            found = self.index.take_id("certification_group")
            self.plan.add("certification_group", {
                "id": found, "name": clean_name, "version": 1,
                "notes": self.check(source, lambda: validation.clean_text(notes, "notes"))},
                source)
            self.index.group_by_name[key] = found
            self.plan.counts["groups"] += 1
        return found

    def session(self, held_on: date, source: Source, place: str = "", members: str = "",
                status: SessionStatus | None = None) -> int:
        found = self.index.session_by_date.get(held_on)
        if found is None:
            found = self.index.take_id("committee_session")
            status = status or (SessionStatus.HELD if held_on <= self.today
                                else SessionStatus.PLANNED)
            self.plan.add("committee_session", {
                "id": found, "held_on": held_on, "status": status, "version": 1,
                "place": self.check(source, lambda: validation.clean_text(
                    place, "place", max_length=200, fr="Lieu", en="Place")),
                "members": self.check(source, lambda: validation.clean_text(
                    members, "members", fr="Membres", en="Members"))}, source)
            self.index.session_by_date[held_on] = found
            self.plan.counts["sessions"] += 1
        return found

    # -- companies --------------------------------------------------------------------------

    def company_id(self, ref: CompanyRef, source: Source) -> int:
        """The company a row names: in the workbook (by its number, SIRET or name) or in the
        register; a row naming no known company is rejected."""
        if ref.number is not None and ref.number in self.company_by_number:
            return self.company_by_number[ref.number]
        if ref.siret:
            siret = self.check(source, lambda: validation.siret(ref.siret))
            assert siret is not None
            if siret in self.new_by_siret:
                return self.new_by_siret[siret][0]
            if siret in self.index.company_by_siret:
                known = self.index.company_by_siret[siret]
                self.same_name(known, ref, siret, source)
                return known
        found = self._by_name(ref, source)
        if found is None:
            raise self.reject(
                source, f"structure inconnue : « {ref.name or ref.siret} » n'est ni dans le "
                "classeur ni dans le registre.",
                f"unknown company: “{ref.name or ref.siret}” is neither in the workbook nor "
                "in the register.")
        return found

    def group_named_as_company(self, ref: CompanyRef, source: Source) -> int | None:
        """A row's company column naming a group certified together (committee sheets list
        companies and groups in one column): the group, when the name is no company's in
        the workbook or the register and no SIRET or number says otherwise; said per row."""
        if ref.number is not None or ref.siret or self._by_name(ref, source) is not None:
            return None
        found = self.index.group_by_name.get(bare(ref.name))
        if found is not None:
            self._say_group(ref.name, source)
        return found

    def _may_be_group(self, record: CompanyRecord) -> bool:
        """A flat row that gives nothing of a company but a name, and that name a group's."""
        ref = record.ref
        return record.flat and not ref.siret and ref.number is None and not ref.town \
            and not record.groups and bare(ref.name) in self.group_names and not any((
                record.region, record.department, record.contact_name, record.email,
                record.phone, record.member_since, record.notes)) \
            and record.legal_types == (LegalType.OTHER,)

    def _say_group(self, name: str, source: Source) -> None:
        if source not in self._said_group:
            self._said_group.add(source)
            self.plan.warnings.append(Problem(
                source.sheet, source.row,
                f"« {shown(name)} » est un groupe : la ligne est lue comme celle du groupe.",
                f"“{shown(name)}” is a group: the row is read as the group's."))

    def same_name(self, company_id: int, ref: CompanyRef, siret: str | None, source: Source
                  ) -> None:
        """A SIRET of the register given with another name is refused, never merged: either
        the SIRET or the name is wrong, and only the user knows which."""
        known = self.index.company_names.get(company_id, "")
        if ref.name and _name_key(ref.name) != _name_key(known):
            raise self.reject(
                source, f"le SIRET {siret} est celui de « {shown(known)} » dans le registre, "
                f"pas de « {shown(ref.name)} » : corrigez le SIRET ou le nom.",
                f"SIRET {siret} belongs to “{shown(known)}” in the register, not to "
                f"“{shown(ref.name)}”: correct the SIRET or the name.")

    def _by_name(self, ref: CompanyRef, source: Source) -> int | None:
        key, town = bare(ref.name), bare(ref.town)
        if not key:
            return None
        named = self.new_names.get(key, []) + [
            (cid, bare(t)) for cid, t, _s in self.index.companies_by_name.get(key, [])]
        candidates = list(dict.fromkeys(cid for cid, t in named if not town or t == town))
        if len(candidates) > 1:
            raise self._ambiguous(ref, candidates, source)
        return candidates[0] if candidates else None

    def _ambiguous(self, ref: CompanyRef, candidates: list[int], source: Source) -> _Rejected:
        """A name (without a town, or with one two companies share) that fits several
        companies: refused with their towns, so the user sees which to write."""
        known = {cid: town for cid, town, _s in self.index.companies_by_name.get(
            bare(ref.name), [])}
        towns = sorted({(self.new_towns.get(cid) or known.get(cid) or "").strip() or "?"
                        for cid in candidates}, key=bare)
        return self.reject(
            source, f"structure ambiguë : plusieurs structures s'appellent « {shown(ref.name)} »"
            f" ({', '.join(towns)}) ; indiquez sa ville ou son SIRET.",
            f"ambiguous company: several companies are named “{shown(ref.name)}” "
            f"({', '.join(towns)}); give its town or its SIRET.")

    def company(self, record: CompanyRecord) -> None:
        source, ref = record.source, record.ref
        if self._may_be_group(record) and bare(ref.name) not in self.company_names:
            self._say_group(ref.name, source)  # its audit or decision goes to the group
            accounts = {account.sheet: account for account in self.parsed.sheets}
            accounts[source.sheet].records["companies"] -= 1
            return
        siret = self.check(source, lambda: validation.siret(ref.siret)) if ref.siret else None
        if siret and siret in self.new_by_siret:
            first_id, first_name, first_source = self.new_by_siret[siret]
            if record.flat and bare(first_name) == bare(ref.name):
                self._remember(ref, first_id)
                return  # the same company again, on another row of a flat sheet
            raise self.reject(
                source, f"SIRET {siret} en double : déjà donné à « {first_name} » "
                f"({first_source.sheet}, ligne {first_source.row}).",
                f"duplicate SIRET {siret}: already given to “{first_name}” "
                f"({first_source.sheet}, row {first_source.row}).")
        existing = self.index.company_by_siret.get(siret) if siret else None
        if existing is not None:
            self.same_name(existing, ref, siret, source)
        else:
            existing = self._match_without_siret(ref, siret, record, source)
        if existing is not None:
            self._remember(ref, existing)
            if existing not in self.new_ids:  # a flat sheet's company seen on an earlier row
                self.plan.counts["companies_matched"] += 1
            self._memberships(existing, record)
            return
        self._new_company(record, siret)

    def _match_without_siret(self, ref: CompanyRef, siret: str | None, record: CompanyRecord,
                             source: Source) -> int | None:
        key = (bare(ref.name), bare(ref.town))
        if key in self.new_by_name:
            first_id, first_source = self.new_by_name[key]
            if record.flat and not siret:
                return first_id
            raise self.reject(
                source, f"« {ref.name} » ({ref.town or 'sans ville'}) est déjà à la ligne "
                f"{first_source.row} de « {first_source.sheet} ».",
                f"“{ref.name}” ({ref.town or 'no town'}) is already on row "
                f"{first_source.row} of “{first_source.sheet}”.")
        same_name = self.index.companies_by_name.get(bare(ref.name), [])
        # A name names a company of the register when it has no SIRET to contradict it.
        candidates = [cid for cid, town, known in same_name
                      if (not ref.town or bare(town) == bare(ref.town)) and
                      (not siret or not known)]
        if record.flat and not ref.town and not siret:
            # A flat row naming a company without its town (a committee sheet) is the one
            # company of that name another sheet made with its town (see `town_first`).
            candidates += [cid for cid, _town in self.new_names.get(bare(ref.name), [])]
        if len(candidates) > 1:
            raise self._ambiguous(ref, candidates, source)
        if not candidates and any(bare(t) == bare(ref.town) for _c, t, _k in same_name):
            raise self.reject(
                source, f"une structure « {ref.name} » existe déjà à {ref.town or 'cette adresse'}"
                " avec un autre SIRET.",
                f"a company “{ref.name}” already exists in {ref.town or 'this town'} with "
                "another SIRET.")
        return candidates[0] if candidates else None

    def _new_company(self, record: CompanyRecord, siret: str | None) -> None:
        source = record.source
        data = self.check(source, lambda: clean(CompanyInput(
            name=record.ref.name, legal_types=record.legal_types, siret=siret,
            region=record.region, department=record.department, town=record.town,
            contact_name=record.contact_name, email=record.email, phone=record.phone,
            member_since=record.member_since, active=record.active, notes=record.notes)))
        company_id = self.index.take_id("company")
        row = {key: getattr(data, key) for key in CompanyInput.__dataclass_fields__
               if key != "legal_types"}
        self.plan.add("company", {"id": company_id, "version": 1, **row}, source)
        for legal_type in data.legal_types:
            self.plan.add("company_legal_type", {"company_id": company_id,
                                                 "legal_type": legal_type}, None)
        if siret:
            self.new_by_siret[siret] = (company_id, data.name, source)
        self.new_by_name[(bare(data.name), bare(data.town))] = (company_id, source)
        self.new_names[bare(data.name)].append((company_id, bare(data.town)))
        self.new_towns[company_id] = data.town
        self.new_ids.add(company_id)
        self._remember(record.ref, company_id)
        self.plan.counts["companies"] += 1
        self._memberships(company_id, record)

    def _remember(self, ref: CompanyRef, company_id: int) -> None:
        if ref.number is not None:
            self.company_by_number.setdefault(ref.number, company_id)

    def _memberships(self, company_id: int, record: CompanyRecord) -> None:
        """The company's groups, with the dates it joined and left (the row gives them for
        one group at most); a membership already there is linked to, never changed. With a
        memberships sheet, the groups are checked against its lines instead (memberships.py)."""
        if self.parsed.memberships:
            self.groups_column += [(company_id, name, record.source) for name in record.groups]
            return
        dated = record.group_joined_on is not None or record.group_left_on is not None
        for name in record.groups:
            group_id = self.group(name, record.source)
            if company_id in self.index.members[group_id]:
                if dated:
                    self.plan.warnings.append(self.already_member(record.source, name))
                continue
            self.index.members[group_id].add(company_id)
            self.plan.add("group_member", {
                "group_id": group_id, "company_id": company_id,
                "joined_on": record.group_joined_on, "left_on": record.group_left_on},
                record.source, f"{group_id}/{company_id}")
            self.plan.counts["memberships"] += 1
            self.plan.counts["memberships_dated"] += dated

    def already_member(self, source: Source, name: str) -> Problem:
        return Problem(
            source.sheet, source.row,
            f"la structure est déjà membre du groupe « {shown(name)} » : ses dates d'entrée et "
            "de sortie restent celles déjà connues (un import ne modifie pas).",
            f"the company is already a member of group “{shown(name)}”: its entry and exit "
            "dates stay as already known (an import changes nothing).")
