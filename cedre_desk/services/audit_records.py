"""Whole audits as records (the audit, its auditors, its findings), for undo and redo: taken,
deleted, put back under the same ids, and brought back to a former state.

Each call is one transaction and first checks that the audit is still as the caller last saw
it (its version, and each finding's): a change made elsewhere meanwhile (another user on a
shared register, the command line) is refused with who made it, never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.errors import ConflictError, ValidationError
from cedre_desk.services.audits import (
    AuditInput,
    FindingInput,
    _clean,
    _clean_finding,
    _set_auditors,
    vars_of,
)
from cedre_desk.services.editing import check_version, fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import Audit, AuditAuditor, Decision, Finding


@dataclass(frozen=True)
class FindingRecord:
    id: int
    version: int
    position: int
    data: FindingInput


@dataclass(frozen=True)
class AuditRecord:
    id: int
    version: int
    data: AuditInput
    findings: tuple[FindingRecord, ...]

    def same_content(self, other: AuditRecord) -> bool:
        """The same audit and findings, whatever their versions."""
        return (self.id, self.data, self._contents()) == (other.id, other.data,
                                                          other._contents())

    def _contents(self) -> list[tuple[int, int, FindingInput]]:
        return sorted((f.id, f.position, f.data) for f in self.findings)


class AuditRecords:
    def __init__(self, db: Database) -> None:
        self.db = db

    def take(self, audit_id: int) -> AuditRecord:
        with self.db.reading() as session:
            return _take(session, fetch(session, Audit, audit_id))

    def deletion_refusal(self, audit_id: int) -> ValidationError | None:
        """Why the audit cannot be deleted, or None: asked before the user is asked."""
        with self.db.reading() as session:
            fetch(session, Audit, audit_id)
            return _decision_refusal(session, audit_id)

    def delete(self, audit_id: int, expected: AuditRecord | None = None) -> AuditRecord:
        """Delete an audit with its auditor links and findings; returns it as it was, to be
        put back by `restore`. With `expected`, refused if the audit is no longer so (a
        finding added since, an edit made elsewhere). Refused while a decision rests on it."""
        with self.db.transaction() as session:
            audit = fetch(session, Audit, audit_id)
            if expected is not None:
                _refuse_if_changed(session, audit, expected)
            refusal = _decision_refusal(session, audit_id)
            if refusal is not None:
                raise refusal
            record = _take(session, audit)
            # Through the session, so the change history records each link and finding.
            _set_auditors(session, audit_id, ())
            for finding in session.scalars(sa.select(Finding).where(Finding.audit_id == audit_id)):
                session.delete(finding)
            session.flush()
            session.delete(audit)
            return record

    def restore(self, record: AuditRecord) -> AuditRecord:
        """Put a deleted audit back under its former id, with its auditors and its findings
        under theirs; refused (and nothing written) if what it rests on is gone."""
        with self.db.transaction() as session:
            if session.get(Audit, record.id) is not None:
                raise ConflictError(
                    f"L'audit n° {record.id} est déjà dans le registre.",
                    f"Audit #{record.id} is already in the register.")
            data = _clean(session, record.data)
            audit = Audit(id=record.id, version=record.version,
                          **{k: getattr(data, k) for k in _audit_columns()})
            session.add(audit)
            session.flush()
            _set_auditors(session, record.id, data.auditor_ids)
            for finding in record.findings:
                _insert_finding(session, audit, finding)
            session.flush()
            return _take(session, audit)

    def rewrite(self, target: AuditRecord, expected: AuditRecord) -> AuditRecord:
        """Bring an audit from the state `expected` (refused if it is no longer in it) to
        `target`: its fields and auditors, findings removed, put back, or changed."""
        with self.db.transaction() as session:
            audit = fetch(session, Audit, target.id)
            _refuse_if_changed(session, audit, expected)
            data = _clean(session, target.data)
            if data != expected.data:
                for key in _audit_columns():
                    if getattr(audit, key) != getattr(data, key):
                        setattr(audit, key, getattr(data, key))
                audit.version += 1
                _set_auditors(session, audit.id or 0, data.auditor_ids)
                session.flush()
            wanted = {f.id: f for f in target.findings}
            stored = {f.id: f for f in session.scalars(
                sa.select(Finding).where(Finding.audit_id == target.id))}
            for finding_id, gone in stored.items():
                if finding_id not in wanted:
                    session.delete(gone)
            session.flush()
            for finding_id, record in wanted.items():
                finding = stored.get(finding_id)
                if finding is None:
                    _insert_finding(session, audit, record)
                    continue
                clean = _clean_finding(session, audit, record.data)
                values = {**vars_of(clean), "position": record.position}
                if any(getattr(finding, k) != v for k, v in values.items()):
                    for key, value in values.items():
                        setattr(finding, key, value)
                    finding.version += 1
            session.flush()
            return _take(session, audit)


def _audit_columns() -> list[str]:
    return [k for k in AuditInput.__dataclass_fields__ if k != "auditor_ids"]


def _take(session: Session, audit: Audit) -> AuditRecord:
    assert audit.id is not None
    auditors = tuple(session.scalars(
        sa.select(AuditAuditor.auditor_id).where(AuditAuditor.audit_id == audit.id)
        .order_by(AuditAuditor.lead.desc(), AuditAuditor.auditor_id)))
    data = AuditInput(auditor_ids=auditors, **{k: getattr(audit, k) for k in _audit_columns()})
    findings = tuple(
        FindingRecord(f.id or 0, f.version, f.position,
                      FindingInput(**{k: getattr(f, k) for k in FindingInput.__dataclass_fields__}))
        for f in session.scalars(sa.select(Finding).where(Finding.audit_id == audit.id)
                                 .order_by(Finding.position, Finding.id)))
    return AuditRecord(audit.id, audit.version, data, findings)


def _decision_refusal(session: Session, audit_id: int) -> ValidationError | None:
    if not session.scalar(sa.select(sa.func.count()).where(Decision.audit_id == audit_id)):
        return None
    return ValidationError(
        "Une décision du comité repose sur cet audit : il ne peut pas être supprimé.",
        "A committee decision rests on this audit: it cannot be deleted.")


def _insert_finding(session: Session, audit: Audit, record: FindingRecord) -> None:
    clean = _clean_finding(session, audit, record.data)
    session.add(Finding(id=record.id, version=record.version, audit_id=audit.id,
                        position=record.position, **vars_of(clean)))


def _refuse_if_changed(session: Session, audit: Audit, expected: AuditRecord) -> None:
    """Refuse when the audit or its findings are no longer as `expected` holds them."""
    check_version(audit, expected.version, input_kept=False)
    stored = {f.id or 0: f for f in session.scalars(
        sa.select(Finding).where(Finding.audit_id == audit.id))}
    known = {f.id: f for f in expected.findings}
    added = len(set(stored) - set(known))
    if added:
        raise ConflictError(
            f"{added} constat(s) ont été ajoutés à cet audit entre-temps : rien n'a été changé. "
            "Actualisez (F5) pour les voir.",
            f"{added} finding(s) were added to this audit meanwhile: nothing was changed. "
            "Refresh (F5) to see them.")
    if set(known) - set(stored):
        raise ConflictError(
            "Des constats de cet audit ont été supprimés entre-temps : rien n'a été changé. "
            "Actualisez (F5) pour voir l'audit tel qu'il est.",
            "Findings of this audit were deleted meanwhile: nothing was changed. "
            "Refresh (F5) to see the audit as it is.")
    for finding_id, finding in stored.items():
        check_version(finding, known[finding_id].version, input_kept=False)

