"""Companies (structures adhérentes): create, edit, delete, read."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.vocabulary import LegalType
from cedre_desk.errors import ValidationError, shown
from cedre_desk.services import validation
from cedre_desk.services.editing import apply, check_version, fetch
from cedre_desk.storage.cap_models import CapAssessment
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    Auditor,
    CertificationGroup,
    Coaching,
    Company,
    CompanyLegalType,
    Decision,
    Engagement,
    GroupMember,
)
from cedre_desk.storage.sql_functions import joined_texts


@dataclass(frozen=True)
class CompanyInput:
    name: str
    legal_types: tuple[LegalType, ...] = (LegalType.AI,)
    siret: str | None = None
    region: str = ""
    department: str = ""
    town: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    member_since: date | None = None
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class Coached:
    """An auditor coached the company (since a date, when known): they must not audit it."""

    auditor_id: int
    since: date | None = None


@dataclass(frozen=True)
class CompanyRecord:
    id: int
    version: int
    data: CompanyInput
    group_ids: tuple[int, ...] = field(default=())
    # Kept so that undoing a deletion brings back who may not audit the company.
    coached_by: tuple[Coached, ...] = field(default=())


@dataclass(frozen=True)
class CompanyRow:
    """One line of the companies list, read with a Core select (no ORM objects)."""

    id: int
    name: str
    siret: str | None
    legal_types: str
    region: str
    department: str
    town: str
    active: bool


def clean(data: CompanyInput) -> CompanyInput:
    """The input as it will be stored, or a ValidationError naming the field at fault."""
    if not data.legal_types:
        raise ValidationError("Indiquez au moins un type de structure (AI, ACI, EI...).",
                              "Give at least one legal type (AI, ACI, EI...).",
                              field="legal_types")
    validation.registered_date(data.member_since, "member_since", fr="Adhérent depuis",
                               en="Member since")
    return replace(
        data,
        name=validation.clean_text(data.name, "name", max_length=200, required=True,
                                   fr="Nom", en="Name"),
        legal_types=tuple(sorted(set(data.legal_types), key=list(LegalType).index)),
        siret=validation.siret(data.siret),
        region=validation.clean_text(data.region, "region", max_length=80,
                                     fr="Région", en="Region"),
        department=validation.department(data.department),
        town=validation.clean_text(data.town, "town", max_length=120, fr="Ville", en="Town"),
        contact_name=validation.clean_text(data.contact_name, "contact_name", max_length=200,
                                           fr="Contact", en="Contact"),
        email=validation.email(data.email),
        phone=validation.clean_text(data.phone, "phone", max_length=40,
                                    fr="Téléphone", en="Phone"),
        notes=validation.clean_text(data.notes, "notes", fr="Notes", en="Notes"),
    )


class CompanyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, data: CompanyInput) -> int:
        data = clean(data)
        with self.db.transaction() as session:
            self._refuse_duplicates(session, data, None)
            company = Company(**_columns(data))
            session.add(company)
            session.flush()
            assert company.id is not None
            _set_types(session, company.id, data.legal_types)
            return company.id

    def update(self, company_id: int, data: CompanyInput, expected_version: int, *,
               input_kept: bool = True) -> int:
        """Save an edit; refused if the company changed since `expected_version` was read
        (`input_kept` False for an undo or redo: no form keeps the input)."""
        data = clean(data)
        with self.db.transaction() as session:
            company = fetch(session, Company, company_id)
            self._refuse_duplicates(session, data, company_id)
            apply(company, _columns(data), expected_version, input_kept=input_kept)
            _set_types(session, company_id, data.legal_types)
            return company.version

    def deletion_refusal(self, company_id: int) -> ValidationError | None:
        """Why the company cannot be deleted, or None if it can: asked before the user is
        asked to confirm, so the window never promises an undo it cannot give."""
        with self.db.reading() as session:
            fetch(session, Company, company_id)
            return _history_refusal(session, company_id)

    def delete(self, company_id: int, expected_version: int | None = None) -> CompanyRecord:
        """Delete a company with no certification history; returns it so it can be restored.
        With `expected_version` (an undo or redo), refused if it changed since.

        A company with audits, decisions or an engagement stays: the register is the
        evidence of what was certified, and a deletion would take that evidence with it."""
        with self.db.transaction() as session:
            company = fetch(session, Company, company_id)
            check_version(company, expected_version, input_kept=False)
            record = _record(session, company)
            refusal = _history_refusal(session, company_id)
            if refusal is not None:
                raise refusal
            _delete_links(session, company_id)
            session.delete(session.get(Company, company_id))
            return record

    def restore(self, record: CompanyRecord) -> int:
        """Put back a deleted company under its former id (the undo of `delete`), with its
        legal types, group memberships and coaching links. A link to a group or an auditor
        deleted meanwhile stays out: that deletion would have taken it had the company
        stayed."""
        data = clean(record.data)
        with self.db.transaction() as session:
            self._refuse_duplicates(session, data, None)
            session.add(Company(id=record.id, version=record.version, **_columns(data)))
            session.flush()
            _set_types(session, record.id, data.legal_types)
            groups = set(session.scalars(sa.select(CertificationGroup.id).where(
                CertificationGroup.id.in_(record.group_ids))))
            for group_id in record.group_ids:
                if group_id in groups:
                    session.add(GroupMember(group_id=group_id, company_id=record.id))
            auditors = set(session.scalars(sa.select(Auditor.id).where(
                Auditor.id.in_([link.auditor_id for link in record.coached_by]))))
            for link in record.coached_by:
                if link.auditor_id in auditors:
                    session.add(Coaching(auditor_id=link.auditor_id, company_id=record.id,
                                         since=link.since))
            return record.id

    def get(self, company_id: int) -> CompanyRecord:
        with self.db.reading() as session:
            return _record(session, fetch(session, Company, company_id))

    def rows(self) -> list[CompanyRow]:
        types = (
            sa.select(
                CompanyLegalType.company_id,
                joined_texts(CompanyLegalType.legal_type, ", ").label("types"),
            )
            .group_by(CompanyLegalType.company_id)
            .subquery()
        )
        query = (
            sa.select(Company.id, Company.name, Company.siret, sa.func.coalesce(types.c.types, ""),
                      Company.region, Company.department, Company.town, Company.active)
            .outerjoin(types, types.c.company_id == Company.id)
            .order_by(Company.name, Company.id)
        )
        with self.db.engine.connect() as conn:
            return [CompanyRow(*row) for row in conn.execute(query)]

    @staticmethod
    def _refuse_duplicates(session: Session, data: CompanyInput, own_id: int | None) -> None:
        others = sa.select(Company.id, Company.name)
        if own_id is not None:
            others = others.where(Company.id != own_id)
        if data.siret:
            clash = session.execute(others.where(Company.siret == data.siret)).first()
            if clash:
                raise ValidationError(
                    f"Le SIRET {data.siret} est déjà celui de « {shown(clash.name)} ».",
                    f"SIRET {data.siret} already belongs to '{shown(clash.name)}'.",
                    field="siret",
                )
        same = session.execute(
            others.where(sa.func.lower(Company.name) == data.name.lower(),
                         Company.town == data.town)
        ).first()
        if same:
            raise ValidationError(
                f"Une structure « {shown(data.name)} » existe déjà à "
                f"{shown(data.town or 'cette adresse')}.",
                f"A company '{shown(data.name)}' already exists in "
                f"{shown(data.town or 'this town')}.",
                field="name",
            )


def _columns(data: CompanyInput) -> dict[str, object]:
    """The company's own columns of an input (its legal types live in another table)."""
    return {k: getattr(data, k) for k in CompanyInput.__dataclass_fields__ if k != "legal_types"}


def _set_types(session: Session, company_id: int, legal_types: tuple[LegalType, ...]) -> None:
    current = set(session.scalars(
        sa.select(CompanyLegalType.legal_type).where(CompanyLegalType.company_id == company_id)))
    wanted = set(legal_types)
    for gone in current - wanted:
        session.delete(session.get(CompanyLegalType, (company_id, gone)))
    for new in wanted - current:
        session.add(CompanyLegalType(company_id=company_id, legal_type=new))


def _delete_links(session: Session, company_id: int) -> None:
    """Delete a company's legal types, group memberships and coaching links as ORM objects, so
    the change history records each one: it never sees a Core delete, nor a cascade. The flush
    deletes them before the company, their tables' foreign keys pointing to it."""
    for model in (CompanyLegalType, GroupMember, Coaching):
        for link in session.scalars(sa.select(model).where(model.company_id == company_id)):
            session.delete(link)


def _record(session: Session, company: Company) -> CompanyRecord:
    assert company.id is not None
    types = tuple(session.scalars(
        sa.select(CompanyLegalType.legal_type).where(CompanyLegalType.company_id == company.id)))
    groups = tuple(session.scalars(
        sa.select(GroupMember.group_id).where(GroupMember.company_id == company.id)
        .order_by(GroupMember.group_id)))
    coached_by = tuple(Coached(auditor_id, since) for auditor_id, since in session.execute(
        sa.select(Coaching.auditor_id, Coaching.since).where(Coaching.company_id == company.id)
        .order_by(Coaching.auditor_id)))
    data = CompanyInput(legal_types=tuple(sorted(types, key=list(LegalType).index)),
                        **{k: getattr(company, k) for k in _columns(CompanyInput(name=""))})
    return CompanyRecord(id=company.id, version=company.version, data=data, group_ids=groups,
                         coached_by=coached_by)


def _history_refusal(session: Session, company_id: int) -> ValidationError | None:
    history = [
        session.scalar(sa.select(sa.func.count()).where(model.company_id == company_id))
        for model in (Audit, Decision, Engagement, CapAssessment)
    ]
    if not any(history):
        return None
    return ValidationError(
        "Cette structure a un historique de certification (audits, décisions, "
        "engagement ou Le Cap) : elle ne peut pas être supprimée. Marquez-la inactive.",
        "This company has a certification history (audits, decisions, "
        "engagement or Le Cap): it cannot be deleted. Mark it inactive instead.",
    )
