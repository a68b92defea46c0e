"""Audits and their findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.vocabulary import AuditKind, AuditStatus, FindingLevel
from cedre_desk.errors import ValidationError
from cedre_desk.services import validation
from cedre_desk.services.auditors import coaches_among
from cedre_desk.services.editing import apply, fetch
from cedre_desk.services.referentials import ISO_9001, require_version
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    AuditAuditor,
    Auditor,
    CertificationGroup,
    Company,
    Decision,
    Finding,
    Requirement,
)


@dataclass(frozen=True)
class AuditInput:
    kind: AuditKind
    version_id: int
    company_id: int | None = None
    group_id: int | None = None
    iso_version_id: int | None = None  # set for the combined CEDRE ISO 9001 scheme
    planned_on: date | None = None
    start_on: date | None = None
    end_on: date | None = None
    status: AuditStatus = AuditStatus.PLANNED
    duration_days: float = 0.0
    auditor_ids: tuple[int, ...] = ()  # the lead auditor first
    conclusion: str = ""
    recommendation: str = ""

    @property
    def done_on(self) -> date | None:
        return self.end_on or self.start_on


@dataclass(frozen=True)
class FindingInput:
    level: FindingLevel
    text: str
    requirement_id: int | None = None
    action: str = ""
    action_due: date | None = None
    action_closed_on: date | None = None


@dataclass(frozen=True)
class FindingRow:
    id: int
    version: int
    level: FindingLevel
    text: str
    requirement_id: int | None
    requirement_code: str
    requirement_title: str
    action: str
    action_due: date | None
    action_closed_on: date | None


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, data: AuditInput) -> int:
        with self.db.transaction() as session:
            data = _clean(session, data)
            audit = Audit(**_columns(data))
            session.add(audit)
            session.flush()
            assert audit.id is not None
            _set_auditors(session, audit.id, data.auditor_ids)
            return audit.id

    def update(self, audit_id: int, data: AuditInput, expected_version: int) -> int:
        with self.db.transaction() as session:
            audit = fetch(session, Audit, audit_id)
            data = _clean(session, data)
            if data.version_id != audit.version_id or data.iso_version_id != audit.iso_version_id:
                _refuse_if_findings_elsewhere(session, audit_id, data)
            apply(audit, _columns(data), expected_version)
            _set_auditors(session, audit_id, data.auditor_ids)
            return audit.version

    def delete(self, audit_id: int) -> None:
        """Delete an audit and its findings; refused while a committee decision rests on it."""
        with self.db.transaction() as session:
            audit = fetch(session, Audit, audit_id)
            if session.scalar(sa.select(sa.func.count()).where(Decision.audit_id == audit_id)):
                raise ValidationError(
                    "Une décision du comité repose sur cet audit : il ne peut pas être supprimé.",
                    "A committee decision rests on this audit: it cannot be deleted.",
                )
            # Its auditor links and findings go first, through the session, so the history
            # records each one: it never sees the database's ON DELETE CASCADE.
            _set_auditors(session, audit_id, ())
            for finding in session.scalars(sa.select(Finding).where(Finding.audit_id == audit_id)):
                session.delete(finding)
            session.flush()
            session.delete(audit)

    def get(self, audit_id: int) -> tuple[int, AuditInput]:
        """(version, input) of an audit, for its editor."""
        with self.db.reading() as session:
            audit = fetch(session, Audit, audit_id)
            auditors = tuple(session.scalars(
                sa.select(AuditAuditor.auditor_id).where(AuditAuditor.audit_id == audit_id)
                .order_by(AuditAuditor.lead.desc(), AuditAuditor.auditor_id)))
            data = AuditInput(auditor_ids=auditors,
                              **{k: getattr(audit, k) for k in _columns_of_input()})
            return audit.version, data

    # Findings -----------------------------------------------------------------------------

    def add_finding(self, audit_id: int, data: FindingInput) -> int:
        with self.db.transaction() as session:
            audit = fetch(session, Audit, audit_id)
            data = _clean_finding(session, audit, data)
            position = session.scalar(sa.select(sa.func.count()).where(
                Finding.audit_id == audit_id)) or 0
            finding = Finding(audit_id=audit_id, position=position, **vars_of(data))
            session.add(finding)
            session.flush()
            assert finding.id is not None
            return finding.id

    def update_finding(self, finding_id: int, data: FindingInput, expected_version: int) -> int:
        with self.db.transaction() as session:
            finding = fetch(session, Finding, finding_id)
            data = _clean_finding(session, fetch(session, Audit, finding.audit_id), data)
            apply(finding, vars_of(data), expected_version)
            return finding.version

    def delete_finding(self, finding_id: int) -> None:
        with self.db.transaction() as session:
            session.delete(fetch(session, Finding, finding_id))

    def findings(self, audit_id: int) -> list[FindingRow]:
        query = (
            sa.select(Finding.id, Finding.version, Finding.level, Finding.text,
                      Finding.requirement_id, sa.func.coalesce(Requirement.code, ""),
                      sa.func.coalesce(Requirement.title, ""), Finding.action,
                      Finding.action_due, Finding.action_closed_on)
            .outerjoin(Requirement, Requirement.id == Finding.requirement_id)
            .where(Finding.audit_id == audit_id)
            .order_by(Finding.position, Finding.id)
        )
        with self.db.engine.connect() as conn:
            return [FindingRow(*row) for row in conn.execute(query)]

    def level_counts(self, audit_id: int) -> dict[FindingLevel, int]:
        counts = Counter(row.level for row in self.findings(audit_id))
        return {level: counts.get(level, 0) for level in FindingLevel}


def vars_of(data: FindingInput) -> dict[str, object]:
    return {k: getattr(data, k) for k in FindingInput.__dataclass_fields__}


def _columns_of_input() -> list[str]:
    return [k for k in AuditInput.__dataclass_fields__ if k != "auditor_ids"]


def _columns(data: AuditInput) -> dict[str, object]:
    return {k: getattr(data, k) for k in _columns_of_input()}


def _clean(session: Session, data: AuditInput) -> AuditInput:
    if (data.company_id is None) == (data.group_id is None):
        raise ValidationError("Un audit porte sur une structure ou sur un groupe (l'un des deux).",
                              "An audit concerns one company or one group (exactly one).",
                              field="company_id")
    if data.company_id is not None:
        fetch(session, Company, data.company_id)
    if data.group_id is not None:
        fetch(session, CertificationGroup, data.group_id)
    for day, field, fr, en in ((data.planned_on, "planned_on", "Audit prévu le",
                                "Audit planned on"),
                               (data.start_on, "start_on", "Date (début) de l'audit",
                                "Audit (start) date"),
                               (data.end_on, "end_on", "Fin de l'audit", "Audit end")):
        validation.registered_date(day, field, fr=fr, en=en)
    validation.date_order(
        data.start_on, data.end_on, field="end_on",
        fr="La date de fin de l'audit précède sa date de début.",
        en="The audit's end date is before its start date.",
    )
    if data.status.is_done and data.done_on is None:
        raise ValidationError("Un audit réalisé doit avoir ses dates.",
                              "An audit that took place needs its dates.", field="start_on")
    if data.duration_days < 0 or data.duration_days > 365:
        raise ValidationError("Durée de l'audit invalide (en jours, de 0 à 365).",
                              "Invalid audit duration (days, from 0 to 365).",
                              field="duration_days")
    version = require_version(session, data.version_id)
    if version.referential == ISO_9001:
        raise ValidationError("Choisissez une version du référentiel CEDRE pour l'audit.",
                              "Choose a version of the CEDRE referential for the audit.",
                              field="version_id")
    if data.iso_version_id is not None and (
        require_version(session, data.iso_version_id).referential != ISO_9001
    ):
        raise ValidationError("La version ISO de l'audit doit être une version d'ISO 9001.",
                              "The audit's ISO version must be a version of ISO 9001.",
                              field="iso_version_id")
    auditors = tuple(dict.fromkeys(data.auditor_ids))
    for auditor_id in auditors:
        fetch(session, Auditor, auditor_id)
    coaches = coaches_among(session, auditors, data.company_id, data.group_id)
    if coaches:
        names = ", ".join(coaches)
        raise ValidationError(
            f"{names} a accompagné cette structure : un auditeur ne peut pas auditer une "
            "structure qu'il a accompagnée.",
            f"{names} coached this company: an auditor must not audit a company they coached.",
            field="auditor_ids",
        )
    return replace(
        data,
        auditor_ids=auditors,
        conclusion=validation.clean_text(data.conclusion, "conclusion",
                                         fr="Conclusion", en="Conclusion"),
        recommendation=validation.clean_text(data.recommendation, "recommendation",
                                             fr="Recommandation", en="Recommendation"),
    )


def _set_auditors(session: Session, audit_id: int, auditor_ids: tuple[int, ...]) -> None:
    """Bring the audit's auditors to `auditor_ids` (the lead first), touching only the links
    that change, through the ORM objects: the change history sees only what a flush writes
    from them, so a save that keeps the team writes nothing and a removal leaves a "delete"."""
    lead = auditor_ids[0] if auditor_ids else None
    stored = {link.auditor_id: link for link in session.scalars(
        sa.select(AuditAuditor).where(AuditAuditor.audit_id == audit_id))}
    for auditor_id, link in stored.items():
        if auditor_id not in auditor_ids:
            session.delete(link)
        elif link.lead and auditor_id != lead:
            link.lead = False
    # The one-lead index refuses a second lead, and a flush writes inserts and updates before
    # deletes: the former lead must be gone or demoted before the new one is written.
    session.flush()
    for auditor_id in auditor_ids:
        kept = stored.get(auditor_id)
        if kept is None:
            session.add(AuditAuditor(audit_id=audit_id, auditor_id=auditor_id,
                                     lead=auditor_id == lead))
        elif auditor_id == lead and not kept.lead:
            kept.lead = True


def _refuse_if_findings_elsewhere(session: Session, audit_id: int, data: AuditInput) -> None:
    allowed = {data.version_id, data.iso_version_id} - {None}
    stranded = session.scalar(
        sa.select(sa.func.count()).select_from(Finding)
        .join(Requirement, Requirement.id == Finding.requirement_id)
        .where(Finding.audit_id == audit_id, Requirement.version_id.not_in(allowed)))
    if stranded:
        raise ValidationError(
            f"{stranded} constat(s) portent sur des exigences de l'ancienne version : "
            "changez-les avant de changer la version de l'audit.",
            f"{stranded} finding(s) are on requirements of the former version: "
            "change them before changing the audit's version.",
            field="version_id",
        )


def _clean_finding(session: Session, audit: Audit, data: FindingInput) -> FindingInput:
    if data.requirement_id is not None:
        requirement = fetch(session, Requirement, data.requirement_id)
        if requirement.version_id not in (audit.version_id, audit.iso_version_id):
            raise ValidationError(
                f"L'exigence {requirement.code} n'appartient pas à la version du référentiel "
                "de cet audit.",
                f"Requirement {requirement.code} does not belong to this audit's referential "
                "version.",
                field="requirement_id",
            )
    validation.registered_date(data.action_due, "action_due", fr="Échéance de l'action",
                               en="Action due")
    validation.registered_date(data.action_closed_on, "action_closed_on",
                               fr="Action close le", en="Action closed on")
    audit_day = audit.start_on or audit.planned_on
    validation.date_order(audit_day, data.action_due, field="action_due",
                          fr="L'échéance de l'action corrective précède l'audit.",
                          en="The corrective action's deadline is before the audit.")
    validation.date_order(audit_day, data.action_closed_on, field="action_closed_on",
                          fr="L'action corrective ne peut pas être close avant l'audit.",
                          en="The corrective action cannot be closed before the audit.")
    return replace(
        data,
        text=validation.clean_text(data.text, "text", required=True,
                                   fr="Texte du constat", en="Finding text"),
        action=validation.clean_text(data.action, "action",
                                     fr="Action corrective", en="Corrective action"),
    )
