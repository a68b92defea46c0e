"""Le Cap: the self-assessment's grids, assessments, answers and progress plans

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Four new tables, nothing else changed. The grid a register holds is written by the services
the first time it is needed (services/cap), never here: a migration does not read the
program's resources.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cap_grid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('loaded_on', sa.Date(), nullable=False),
    sa.Column('official_text', sa.Boolean(), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cap_grid')),
    sa.UniqueConstraint('label', name=op.f('uq_cap_grid_label')),
    sqlite_autoincrement=True
    )
    op.create_table('cap_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('reviewer_name', sa.String(length=200), nullable=False),
    sa.Column('reviewer_kind', sa.String(length=20), nullable=False),
    sa.Column('reviewer_role', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint('(company_id IS NULL) <> (group_id IS NULL)', name=op.f('ck_cap_assessment_company_or_group')),
    sa.CheckConstraint("reviewer_kind IN ('', 'third_party', 'peer')", name=op.f('ck_cap_assessment_reviewer_kind')),
    sa.CheckConstraint("status IN ('in_progress', 'completed')", name=op.f('ck_cap_assessment_status')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_cap_assessment_company_id_company'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['grid_id'], ['cap_grid.id'], name=op.f('fk_cap_assessment_grid_id_cap_grid'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['group_id'], ['certification_group.id'], name=op.f('fk_cap_assessment_group_id_certification_group'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cap_assessment')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('cap_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cap_assessment_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cap_assessment_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cap_assessment_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cap_assessment_held_on'), ['held_on'], unique=False)

    op.create_table('cap_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'done', 'dropped')", name=op.f('ck_cap_action_status')),
    sa.ForeignKeyConstraint(['assessment_id'], ['cap_assessment.id'], name=op.f('fk_cap_action_assessment_id_cap_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cap_action')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('cap_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cap_action_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('cap_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['cap_assessment.id'], name=op.f('fk_cap_answer_assessment_id_cap_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cap_answer')),
    sa.UniqueConstraint('assessment_id', 'indicator', name=op.f('uq_cap_answer_assessment_id_indicator')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('cap_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cap_answer_assessment_id'), ['assessment_id'], unique=False)


def downgrade() -> None:
    op.drop_table('cap_answer')
    op.drop_table('cap_action')
    op.drop_table('cap_assessment')
    op.drop_table('cap_grid')
