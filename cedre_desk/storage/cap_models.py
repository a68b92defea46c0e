"""Le Cap's tables: the grid versions, the assessments run on them, their answers and their
progress plans (services/cap/). Their metadata is the register's (storage/columns.py), and
they are defined as storage/models.py's are (unquoted annotations, `RegisterTable`)."""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field

from cedre_desk.storage.columns import (
    NO_ID_REUSE,
    RegisterTable,
    foreign_key,
    text_column,
    version_column,
)


class CapGridVersion(RegisterTable, table=True):
    """A version of Le Cap's grid, kept whole as the JSON of imports/cap_grid.py: an
    assessment keeps pointing at the grid it was answered on when a new one is loaded."""

    __tablename__ = "cap_grid"
    __table_args__ = (NO_ID_REUSE,)
    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(sa_column=sa.Column(sa.String(60), nullable=False, unique=True))
    title: str = Field(default="", max_length=200)
    loaded_on: date
    official_text: bool = False
    definition: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    version: int = version_column()


class CapAssessment(RegisterTable, table=True):
    """One run of Le Cap by a company or a group, on one grid."""

    __tablename__ = "cap_assessment"
    __table_args__ = (
        sa.CheckConstraint("(company_id IS NULL) <> (group_id IS NULL)",
                           name="company_or_group"),
        sa.CheckConstraint("reviewer_kind IN ('', 'third_party', 'peer')", name="reviewer_kind"),
        sa.CheckConstraint("status IN ('in_progress', 'completed')", name="status"),
        NO_ID_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    company_id: int | None = foreign_key("company.id", nullable=True)
    group_id: int | None = foreign_key("certification_group.id", nullable=True)
    grid_id: int = foreign_key("cap_grid.id")
    held_on: date = Field(sa_column=sa.Column(sa.Date, nullable=False, index=True))
    participants: str = text_column()
    reviewer_name: str = Field(default="", max_length=200)
    # Who reviewed it: a third party (regional delegation, trainer) or a peer (another member
    # who ran Le Cap); empty while nobody has.
    reviewer_kind: str = Field(default="", max_length=20)
    reviewer_role: str = Field(default="", max_length=200)
    status: str = Field(default="in_progress", max_length=20)
    notes: str = text_column()
    version: int = version_column()


class CapAnswer(RegisterTable, table=True):
    __tablename__ = "cap_answer"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "indicator"), NO_ID_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = foreign_key("cap_assessment.id", ondelete="CASCADE")
    indicator: str = Field(max_length=40)  # the indicator's code in the assessment's grid
    level: int | None = None  # None: not answered yet
    comment: str = text_column()
    evidence: str = text_column()


class CapAction(RegisterTable, table=True):
    """An action of an assessment's progress plan: from an indicator below its target (its
    suggested text, editable) or added by hand (no indicator)."""

    __tablename__ = "cap_action"
    __table_args__ = (
        sa.CheckConstraint("status IN ('open', 'in_progress', 'done', 'dropped')",
                           name="status"),
        NO_ID_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = foreign_key("cap_assessment.id", ondelete="CASCADE")
    indicator: str = Field(default="", max_length=40)
    text: str = text_column()
    owner: str = Field(default="", max_length=200)
    due_on: date | None = None
    status: str = Field(default="open", max_length=20)
    position: int = 0
    version: int = version_column()
