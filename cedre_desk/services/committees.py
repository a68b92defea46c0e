"""Certification committee sessions and their decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.audits.certificates import Certificate, CycleError, certificate_validity
from cedre_desk.audits.cycle import DecisionFact, check_decision
from cedre_desk.audits.vocabulary import AuditKind, Outcome, Scheme, SessionStatus
from cedre_desk.errors import ConflictError, ValidationError
from cedre_desk.services import validation
from cedre_desk.services.editing import apply, check_version, fetch, last_change_by
from cedre_desk.services.settings import read_settings
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Audit,
    CertificationGroup,
    CommitteeSession,
    Company,
    Decision,
)

# Which audit a decision rests on, when it starts a certificate.
_AUDIT_FOR = {Outcome.GRANTED: AuditKind.CERTIFICATION, Outcome.RENEWED: AuditKind.RENEWAL}


@dataclass(frozen=True)
class DecisionInput:
    session_id: int
    outcome: Outcome
    scheme: Scheme
    company_id: int | None = None
    group_id: int | None = None
    audit_id: int | None = None
    certificate_number: str | None = None
    conditions: str = ""


@dataclass(frozen=True)
class SessionRow:
    id: int
    held_on: date
    place: str
    status: SessionStatus
    decisions: int


class CommitteeService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Sessions -----------------------------------------------------------------------------

    def create_session(self, held_on: date, place: str = "", members: str = "",
                       status: SessionStatus = SessionStatus.PLANNED) -> int:
        _check_day(held_on)
        with self.db.transaction() as session:
            _refuse_same_day(session, held_on, None)
            row = CommitteeSession(held_on=held_on, status=status,
                                   place=validation.clean_text(place, "place", max_length=200),
                                   members=validation.clean_text(members, "members"))
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def update_session(self, session_id: int, held_on: date, place: str, members: str,
                       status: SessionStatus, expected_version: int, *,
                       input_kept: bool = True) -> int:
        """Save a session's form (`input_kept` False for an undo or redo: no form)."""
        _check_day(held_on)
        with self.db.transaction() as session:
            row = fetch(session, CommitteeSession, session_id)
            _refuse_same_day(session, held_on, session_id)
            if held_on != row.held_on and _decision_count(session, session_id):
                raise ValidationError(
                    "Cette session porte déjà des décisions : sa date ne peut plus changer.",
                    "This session already carries decisions: its date can no longer change.",
                    field="held_on")
            apply(row, {"held_on": held_on, "status": status,
                        "place": validation.clean_text(place, "place", max_length=200),
                        "members": validation.clean_text(members, "members")},
                  expected_version, input_kept=input_kept)
            return row.version

    def delete_session(self, session_id: int, expected_version: int | None = None) -> None:
        """Delete a session with no decision; with `expected_version` (an undo), refused if
        it changed since."""
        with self.db.transaction() as session:
            row = fetch(session, CommitteeSession, session_id)
            check_version(row, expected_version, input_kept=False)
            if _decision_count(session, session_id):
                raise ValidationError("Cette session porte des décisions : elle est gardée.",
                                      "This session carries decisions: it is kept.")
            session.delete(row)

    def sessions(self) -> list[SessionRow]:
        query = (
            sa.select(CommitteeSession.id, CommitteeSession.held_on, CommitteeSession.place,
                      CommitteeSession.status, sa.func.count(Decision.id))
            .outerjoin(Decision, Decision.session_id == CommitteeSession.id)
            .group_by(CommitteeSession.id)
            .order_by(CommitteeSession.held_on)
        )
        with self.db.engine.connect() as conn:
            return [SessionRow(*row) for row in conn.execute(query)]

    # Decisions ----------------------------------------------------------------------------

    def record_decision(self, data: DecisionInput) -> int:
        """Record a committee's decision on one file; a grant or renewal gets its certificate
        dates from the cycle rules, and a number when none is given."""
        with self.db.transaction() as session:
            committee = fetch(session, CommitteeSession, data.session_id)
            _check_file(session, data)
            recorded = session.scalar(sa.select(Decision).where(
                Decision.session_id == data.session_id,
                Decision.company_id == data.company_id if data.company_id is not None
                else Decision.group_id == data.group_id))
            if recorded is not None:  # by someone else since the agenda was read: who, when
                who_fr, who_en = last_change_by(recorded)
                raise ConflictError(
                    f"Ce dossier a déjà une décision à cette session, enregistrée entre-temps"
                    f"{who_fr}. Votre saisie est conservée : rechargez pour la voir.",
                    f"This file already has a decision at this session, recorded meanwhile"
                    f"{who_en}. Your input is kept: reload to see it.")
            _check_audit(session, data, committee.held_on)
            _check_cycle(session, data, committee.held_on)
            valid_from, valid_until = _validity(session, data, committee.held_on)
            # Computed, not typed, but held to the same rule: a certificate running past it
            # comes from a session far ahead (a slip), and would not import back.
            validation.registered_date(valid_until, "valid_until", fr="Valable jusqu'au",
                                       en="Valid until")
            decision = Decision(
                session_id=data.session_id, company_id=data.company_id, group_id=data.group_id,
                audit_id=data.audit_id, outcome=data.outcome, scheme=data.scheme,
                valid_from=valid_from, valid_until=valid_until,
                conditions=validation.clean_text(data.conditions, "conditions"),
                certificate_number=_certificate_number(session, data, committee.held_on),
            )
            session.add(decision)
            session.flush()
            assert decision.id is not None
            return decision.id

    def delete_decision(self, decision_id: int, expected_version: int | None = None) -> None:
        """Cancel a decision (its certificate goes with it); with `expected_version` (an
        undo), refused if it changed since."""
        with self.db.transaction() as session:
            decision = fetch(session, Decision, decision_id)
            check_version(decision, expected_version, input_kept=False)
            session.delete(decision)


def _decision_count(session: Session, session_id: int) -> int:
    return session.scalar(sa.select(sa.func.count()).where(
        Decision.session_id == session_id)) or 0


def _check_day(held_on: date) -> None:
    validation.registered_date(held_on, "held_on", fr="Date de la session",
                               en="Session date")


def _refuse_same_day(session: Session, held_on: date, own_id: int | None) -> None:
    query = sa.select(CommitteeSession.id).where(CommitteeSession.held_on == held_on)
    if own_id is not None:
        query = query.where(CommitteeSession.id != own_id)
    if session.scalar(query) is not None:
        raise ValidationError(f"Une session de comité est déjà prévue le {held_on:%d/%m/%Y}.",
                              f"A committee session already exists on {held_on:%d/%m/%Y}.",
                              field="held_on")


def _check_file(session: Session, data: DecisionInput) -> None:
    if (data.company_id is None) == (data.group_id is None):
        raise ValidationError("Une décision porte sur une structure ou sur un groupe.",
                              "A decision concerns one company or one group.",
                              field="company_id")
    if data.company_id is not None:
        fetch(session, Company, data.company_id)
    else:
        fetch(session, CertificationGroup, data.group_id or 0)


def _check_audit(session: Session, data: DecisionInput, decided_on: date) -> None:
    needed = _AUDIT_FOR.get(data.outcome)
    if data.audit_id is None:
        if needed is not None:
            raise ValidationError(
                "Une certification accordée ou renouvelée repose sur un audit : choisissez-le.",
                "A granted or renewed certification rests on an audit: choose it.",
                field="audit_id")
        return
    audit = fetch(session, Audit, data.audit_id)
    if (audit.company_id, audit.group_id) != (data.company_id, data.group_id):
        raise ValidationError("L'audit choisi concerne une autre structure.",
                              "The chosen audit concerns another company.", field="audit_id")
    done_on = audit.end_on or audit.start_on
    if not audit.status.is_done or done_on is None:
        raise ValidationError("L'audit choisi n'a pas encore eu lieu.",
                              "The chosen audit has not taken place yet.", field="audit_id")
    if decided_on < done_on:
        raise ValidationError(
            f"La décision ({decided_on:%d/%m/%Y}) précède la fin de son audit "
            f"({done_on:%d/%m/%Y}).",
            f"The decision ({decided_on:%d/%m/%Y}) is before the end of its audit "
            f"({done_on:%d/%m/%Y}).",
            field="session_id")
    if needed is not None and audit.kind not in (needed, AuditKind.SPECIAL):
        raise ValidationError(
            "Une certification accordée repose sur un audit de certification, un "
            "renouvellement sur un audit de renouvellement.",
            "A grant rests on a certification audit, a renewal on a renewal audit.",
            field="audit_id")


def _owner(data: DecisionInput) -> Any:  # a SQL condition (SQLModel columns type as values)
    return (Decision.company_id == data.company_id if data.company_id is not None
            else Decision.group_id == data.group_id)


def _check_cycle(session: Session, data: DecisionInput, decided_on: date) -> None:
    """Refuse what the cycle does not allow after the file's earlier decisions: a withdrawn
    certificate is never renewed or maintained (only a new grant starts again)."""
    earlier = [
        DecisionFact(on, outcome, scheme, valid_from, valid_until)
        for on, outcome, scheme, valid_from, valid_until in session.execute(
            sa.select(CommitteeSession.held_on, Decision.outcome, Decision.scheme,
                      Decision.valid_from, Decision.valid_until)
            .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
            .where(_owner(data), CommitteeSession.held_on < decided_on)
            .order_by(CommitteeSession.held_on))
    ]
    try:
        check_decision(data.outcome, earlier, decided_on, read_settings(session))
    except CycleError as exc:
        raise ValidationError(_sentence(exc.fr), _sentence(exc.en), field="outcome") from exc


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _current_certificate(session: Session, data: DecisionInput,
                         before: date) -> Certificate | None:
    owner = _owner(data)
    row = session.execute(
        sa.select(Decision.scheme, CommitteeSession.held_on, Decision.valid_from,
                  Decision.valid_until)
        .join(CommitteeSession, CommitteeSession.id == Decision.session_id)
        .where(owner, Decision.outcome.in_([Outcome.GRANTED, Outcome.RENEWED]),
               CommitteeSession.held_on < before)
        .order_by(CommitteeSession.held_on.desc())
        .limit(1)
    ).first()
    return Certificate(*row) if row else None


def _validity(session: Session, data: DecisionInput,
              decided_on: date) -> tuple[date | None, date | None]:
    if not data.outcome.starts_certificate:
        return None, None
    previous = _current_certificate(session, data, decided_on)
    try:
        return certificate_validity(data.outcome, decided_on, previous, read_settings(session))
    except CycleError as exc:
        raise ValidationError(
            "Renouvellement impossible : aucun certificat en cours ou restaurable. Il faut un "
            "audit de certification et une décision « accordée ».",
            f"Renewal impossible: {exc}", field="outcome") from exc


def _certificate_number(session: Session, data: DecisionInput, decided_on: date) -> str | None:
    if not data.outcome.starts_certificate:
        return data.certificate_number or None
    number = validation.clean_text(data.certificate_number or "", "certificate_number",
                                   max_length=40, fr="Numéro de certificat",
                                   en="Certificate number")
    if not number:
        prefix = "CEDRE-ISO" if data.scheme is Scheme.CEDRE_ISO_9001 else "CEDRE"
        stem = f"{prefix}-{decided_on.year}-"
        taken = session.scalar(sa.select(sa.func.count()).where(
            Decision.certificate_number.like(stem + "%"))) or 0
        number = f"{stem}{taken + 1:04d}"
    if session.scalar(sa.select(Decision.id).where(Decision.certificate_number == number)):
        raise ValidationError(f"Le numéro de certificat {number} est déjà attribué.",
                              f"Certificate number {number} is already taken.",
                              field="certificate_number")
    return number
