"""The register's tables.

Every table is an SQLModel class; enumerated columns store the vocabulary's values as text
with a named CHECK constraint, so the file stays readable by any SQLite tool and a bad value
cannot get in even from outside the program. Constraint names follow one naming convention,
so migrations can refer to them on SQLite and PostgreSQL alike.

Versioned records (`version` column) are the ones a user edits in a form: a save checks that
the version it read is still the one stored, so a change made elsewhere is never overwritten.

The annotations are left unquoted (no `from __future__ import annotations`), and each class
derives from `RegisterTable`, whose pydantic side is built only when asked for: defining the
tables is part of every start (storage/columns.py says what it spares).
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from cedre_desk.audits.vocabulary import (
    AuditKind,
    AuditStatus,
    FindingLevel,
    LegalType,
    Outcome,
    Scheme,
    SessionStatus,
)

# Le Cap's tables live in their own module; imported here so that `metadata` (migrations,
# the schema checks) holds every table of the register.
from cedre_desk.storage import cap_models  # noqa: F401
from cedre_desk.storage.columns import (
    NO_ID_REUSE,
    RegisterTable,
    enum_column,
    foreign_key,
    metadata,
    text_column,
    version_column,
)

# `metadata` is imported from here by the migrations' env.py and the schema checks.
__all__ = ["metadata"]


class Company(RegisterTable, table=True):
    __tablename__ = "company"
    __table_args__ = (NO_ID_REUSE,)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=sa.Column(sa.String(200), nullable=False, index=True))
    # 14 digits with a valid checksum, unique when given.
    siret: str | None = Field(default=None, sa_column=sa.Column(sa.String(14), unique=True))
    region: str = Field(default="", max_length=80)
    department: str = Field(default="", max_length=3)
    town: str = Field(default="", max_length=120)
    contact_name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=40)
    member_since: date | None = None
    active: bool = True
    notes: str = text_column()
    version: int = version_column()


class CompanyLegalType(RegisterTable, table=True):
    """One row per legal type a company carries ("AI et ETTI" is two rows)."""

    __tablename__ = "company_legal_type"
    company_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("company.id", ondelete="CASCADE"), primary_key=True
        )
    )
    legal_type: LegalType = enum_column(LegalType, primary_key=True)


class CertificationGroup(RegisterTable, table=True):
    """Companies certified together (collective certification), such as a GES."""

    __tablename__ = "certification_group"
    __table_args__ = (NO_ID_REUSE,)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=sa.Column(sa.String(200), nullable=False, unique=True))
    notes: str = text_column()
    version: int = version_column()


class GroupMember(RegisterTable, table=True):
    """A company's membership of a group, from `joined_on` through `left_on` (both days
    included; None: member since always, member still). The member shares the group's
    decisions and audits dated within it only. One period per company and group."""

    __tablename__ = "group_member"
    __table_args__ = (
        sa.CheckConstraint("left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on",
                           name="left_after_joined"),
    )
    group_id: int = Field(
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey("certification_group.id", ondelete="CASCADE"),
            primary_key=True,
        )
    )
    company_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("company.id", ondelete="CASCADE"), primary_key=True,
            index=True,
        )
    )
    joined_on: date | None = None
    left_on: date | None = None


class Auditor(RegisterTable, table=True):
    __tablename__ = "auditor"
    __table_args__ = (NO_ID_REUSE,)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=sa.Column(sa.String(200), nullable=False, unique=True))
    email: str = Field(default="", max_length=200)
    active: bool = True
    version: int = version_column()


class Coaching(RegisterTable, table=True):
    """An auditor coached a company: that auditor must not audit it."""

    __tablename__ = "coaching"
    auditor_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("auditor.id", ondelete="CASCADE"), primary_key=True
        )
    )
    company_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("company.id", ondelete="CASCADE"), primary_key=True,
            index=True,
        )
    )
    since: date | None = None


class Referential(RegisterTable, table=True):
    __tablename__ = "referential"
    __table_args__ = (NO_ID_REUSE,)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_column=sa.Column(sa.String(40), nullable=False, unique=True))
    title: str = Field(default="", max_length=200)


class ReferentialVersion(RegisterTable, table=True):
    __tablename__ = "referential_version"
    __table_args__ = (sa.UniqueConstraint("referential_id", "label"), NO_ID_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    referential_id: int = foreign_key("referential.id")
    label: str = Field(max_length=20)
    title: str = Field(default="", max_length=200)
    adopted_on: date
    # Where the structure comes from; never present invented text as the federation's.
    source: str = text_column()
    official_text: bool = False


class Requirement(RegisterTable, table=True):
    """A node of a version's requirement tree: chapters are the nodes without a parent."""

    __tablename__ = "requirement"
    __table_args__ = (sa.UniqueConstraint("version_id", "code"), NO_ID_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    version_id: int = foreign_key("referential_version.id", ondelete="CASCADE")
    parent_id: int | None = foreign_key("requirement.id", nullable=True, ondelete="CASCADE")
    code: str = Field(max_length=40)
    title: str = Field(default="", max_length=500)
    title_en: str = Field(default="", max_length=500)
    text: str = text_column()
    position: int = 0


class RequirementMapping(RegisterTable, table=True):
    """A requirement of one version that corresponds to one of another version."""

    __tablename__ = "requirement_mapping"
    from_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("requirement.id", ondelete="CASCADE"), primary_key=True
        )
    )
    to_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("requirement.id", ondelete="CASCADE"), primary_key=True,
            index=True,
        )
    )


class Engagement(RegisterTable, table=True):
    """A company entering the process (démarche qualité), coached before its first audit."""

    __tablename__ = "engagement"
    __table_args__ = (NO_ID_REUSE,)
    id: int | None = Field(default=None, primary_key=True)
    company_id: int = foreign_key("company.id")
    coach_id: int | None = foreign_key("auditor.id", nullable=True, ondelete="SET NULL")
    started_on: date
    notes: str = text_column()
    version: int = version_column()


class Audit(RegisterTable, table=True):
    __tablename__ = "audit"
    __table_args__ = (
        # An audit concerns one company or one group, never both, never neither.
        sa.CheckConstraint(
            "(company_id IS NULL) <> (group_id IS NULL)", name="company_or_group"
        ),
        sa.CheckConstraint("end_on IS NULL OR start_on IS NULL OR end_on >= start_on",
                           name="end_after_start"),
        sa.CheckConstraint("duration_days >= 0", name="duration_not_negative"),
        # An audit that took place has its dates.
        sa.CheckConstraint("status = 'planned' OR start_on IS NOT NULL OR end_on IS NOT NULL",
                           name="done_has_dates"),
        NO_ID_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    company_id: int | None = foreign_key("company.id", nullable=True)
    group_id: int | None = foreign_key("certification_group.id", nullable=True)
    kind: AuditKind = enum_column(AuditKind)
    # The CEDRE version audited; for the combined scheme also the ISO 9001 version.
    version_id: int = foreign_key("referential_version.id")
    iso_version_id: int | None = foreign_key("referential_version.id", nullable=True)
    planned_on: date | None = Field(default=None, index=True)
    start_on: date | None = None
    end_on: date | None = None
    status: AuditStatus = enum_column(AuditStatus)
    duration_days: float = 0.0
    conclusion: str = text_column()
    recommendation: str = text_column()
    version: int = version_column()


class AuditAuditor(RegisterTable, table=True):
    __tablename__ = "audit_auditor"
    __table_args__ = (
        # One lead auditor per audit at most. PostgreSQL's index has the same WHERE, made by
        # the migration (0001): spelled here too (postgresql_where), it loaded SQLAlchemy's
        # PostgreSQL dialect at every start of the program, 0.05 s, for SQLite registers too.
        sa.Index("uq_audit_auditor_one_lead", "audit_id", unique=True,
                 sqlite_where=sa.text("lead")),
    )
    audit_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("audit.id", ondelete="CASCADE"), primary_key=True
        )
    )
    auditor_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("auditor.id"), primary_key=True, index=True
        )
    )
    lead: bool = False


class Finding(RegisterTable, table=True):
    __tablename__ = "finding"
    __table_args__ = (
        # The audits with a major nonconformity, read as one set by a committee's agenda
        # (services.agenda): on the level, that set is 8,500 index entries of a large
        # register's 600,000 findings rather than a pass over them all (migration 0005).
        sa.Index(None, "level", "audit_id"),
        NO_ID_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    audit_id: int = foreign_key("audit.id", ondelete="CASCADE")
    requirement_id: int | None = foreign_key("requirement.id", nullable=True)
    level: FindingLevel = enum_column(FindingLevel)
    text: str = text_column()
    action: str = text_column()
    action_due: date | None = None
    action_closed_on: date | None = None
    position: int = 0
    version: int = version_column()


class CommitteeSession(RegisterTable, table=True):
    __tablename__ = "committee_session"
    __table_args__ = (NO_ID_REUSE,)
    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(sa_column=sa.Column(sa.Date, nullable=False, unique=True))
    place: str = Field(default="", max_length=200)
    members: str = text_column()
    status: SessionStatus = enum_column(SessionStatus)
    version: int = version_column()


class Decision(RegisterTable, table=True):
    """The committee's outcome for one file (a company or a group) at one session."""

    __tablename__ = "decision"
    __table_args__ = (
        sa.CheckConstraint(
            "(company_id IS NULL) <> (group_id IS NULL)", name="company_or_group"
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from",
            name="valid_until_after_from",
        ),
        # Only a grant or a renewal gives certificate dates.
        sa.CheckConstraint(
            "(valid_from IS NULL AND valid_until IS NULL) OR outcome IN ('granted', 'renewed')",
            name="dates_only_for_certificates",
        ),
        sa.UniqueConstraint("session_id", "company_id"),
        sa.UniqueConstraint("session_id", "group_id"),
        # With the session: a committee's agenda asks of each of a large register's 58,000
        # candidate audits whether a decision taken by a day rests on it, from the index
        # alone (migration 0005).
        sa.Index(None, "audit_id", "session_id"),
        NO_ID_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = foreign_key("committee_session.id")
    company_id: int | None = foreign_key("company.id", nullable=True)
    group_id: int | None = foreign_key("certification_group.id", nullable=True)
    # The audit a decision rests on stays: deleting it is refused while the decision exists.
    # (Indexed with the session, above.)
    audit_id: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("audit.id", ondelete="RESTRICT"), nullable=True))
    outcome: Outcome = enum_column(Outcome)
    scheme: Scheme = enum_column(Scheme)
    certificate_number: str | None = Field(
        default=None, sa_column=sa.Column(sa.String(40), unique=True)
    )
    valid_from: date | None = None
    valid_until: date | None = None
    conditions: str = text_column()
    version: int = version_column()


class Setting(RegisterTable, table=True):
    """One cycle setting (a field of CycleSettings) and its value, as JSON text."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(sa_column=sa.Column(sa.Text, nullable=False))


class Change(RegisterTable, table=True):
    """The change history: who changed which field of which record, from what to what."""

    __tablename__ = "change"
    __table_args__ = (sa.Index(None, "table_name", "record_id"), NO_ID_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=sa.Column(sa.DateTime, nullable=False, index=True))
    user: str = Field(max_length=120)
    action: str = Field(max_length=10)  # insert, update, delete
    table_name: str = Field(max_length=60)
    record_id: str = Field(max_length=60)
    field: str = Field(default="", max_length=60)
    before: str | None = text_column(nullable=True, default=None)
    after: str | None = text_column(nullable=True, default=None)


class StoredStatus(RegisterTable, table=True):
    """A company's cycle status as the rules last computed it, and the days it holds for.

    Derived data, never a fact, and never edited: it only spares computing every company's
    status at every start (services.status_store). Triggers (storage/status_triggers.py)
    delete a company's row in the very transaction that changes one of its facts (decisions,
    audits, engagement, group membership; every row for sessions and settings), whatever
    writes it.
    """

    __tablename__ = "stored_status"
    company_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("company.id", ondelete="CASCADE"), primary_key=True
        )
    )
    rules: str = Field(max_length=40)  # the program and rules revision that computed it
    valid_from: date  # the day it was computed for
    valid_until: date | None = None  # the first day it may no longer hold; None: never
    status: str = Field(sa_column=sa.Column(sa.Text, nullable=False))  # JSON, see status_store
