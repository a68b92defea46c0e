"""Committee sessions and decisions as records, for undo and redo: taken before a deletion,
then put back under the same ids, each in one transaction.

A decision put back gets the very certificate it had (number and dates), after the checks a
new decision passes: the session, the file and its audit are still there, the file has no
other decision at that session, and the cycle allows it after the file's earlier decisions.
The stored statuses of the companies concerned are invalidated by the register's triggers,
as for any decision written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from cedre_desk.audits.vocabulary import Outcome, Scheme
from cedre_desk.errors import ConflictError, ValidationError
from cedre_desk.services import validation
from cedre_desk.services.agenda import AgendaService, SessionRecord
from cedre_desk.services.committees import (
    DecisionInput,
    _check_audit,
    _check_cycle,
    _check_file,
    _owner,
    _refuse_same_day,
)
from cedre_desk.services.editing import fetch
from cedre_desk.storage.database import Database
from cedre_desk.storage.models import CommitteeSession, Decision


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    version: int
    session_id: int
    company_id: int | None
    group_id: int | None
    audit_id: int | None
    outcome: Outcome
    scheme: Scheme
    certificate_number: str | None
    valid_from: date | None
    valid_until: date | None
    conditions: str


class CommitteeRecords:
    def __init__(self, db: Database) -> None:
        self.db = db

    def take_session(self, session_id: int) -> SessionRecord:
        """The session as it stands, to put back later: the agenda's own reading of it."""
        return AgendaService(self.db).session(session_id)

    def restore_session(self, record: SessionRecord) -> int:
        """Put a deleted session back under its former id (refused if another session was
        entered on its day meanwhile)."""
        with self.db.transaction() as session:
            if session.get(CommitteeSession, record.id) is not None:
                raise ConflictError(
                    f"La session n° {record.id} est déjà dans le registre.",
                    f"Session #{record.id} is already in the register.")
            _refuse_same_day(session, record.held_on, None)
            session.add(CommitteeSession(
                id=record.id, version=record.version, held_on=record.held_on,
                status=record.status,
                place=validation.clean_text(record.place, "place", max_length=200),
                members=validation.clean_text(record.members, "members")))
            return record.id

    def take_decision(self, decision_id: int) -> DecisionRecord:
        with self.db.reading() as session:
            row = fetch(session, Decision, decision_id)
            assert row.id is not None
            return DecisionRecord(row.id, row.version, row.session_id, row.company_id,
                                  row.group_id, row.audit_id, row.outcome, row.scheme,
                                  row.certificate_number, row.valid_from, row.valid_until,
                                  row.conditions)

    def restore_decision(self, record: DecisionRecord) -> int:
        """Put a cancelled decision back under its former id, with its certificate."""
        data = DecisionInput(record.session_id, record.outcome, record.scheme,
                             company_id=record.company_id, group_id=record.group_id,
                             audit_id=record.audit_id,
                             certificate_number=record.certificate_number,
                             conditions=record.conditions)
        with self.db.transaction() as session:
            if session.get(Decision, record.id) is not None:
                raise ConflictError(
                    f"La décision n° {record.id} est déjà dans le registre.",
                    f"Decision #{record.id} is already in the register.")
            committee = fetch(session, CommitteeSession, record.session_id)
            _check_file(session, data)
            if session.scalar(sa.select(Decision.id).where(
                    Decision.session_id == record.session_id, _owner(data))) is not None:
                raise ValidationError(
                    "Ce dossier a reçu une autre décision à cette session entre-temps.",
                    "This file got another decision at this session meanwhile.")
            _check_audit(session, data, committee.held_on)
            _check_cycle(session, data, committee.held_on)
            number = record.certificate_number
            if number and session.scalar(sa.select(Decision.id).where(
                    Decision.certificate_number == number)) is not None:
                raise ValidationError(f"Le numéro de certificat {number} a été attribué "
                                      "entre-temps à un autre dossier.",
                                      f"Certificate number {number} was given to another "
                                      "file meanwhile.")
            session.add(Decision(
                id=record.id, version=record.version, session_id=record.session_id,
                company_id=record.company_id, group_id=record.group_id,
                audit_id=record.audit_id, outcome=record.outcome, scheme=record.scheme,
                certificate_number=number, valid_from=record.valid_from,
                valid_until=record.valid_until, conditions=record.conditions))
            return record.id
