"""stored cycle statuses, kept in step with the facts by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

A company's cycle status is derived from its decisions, audits, engagement, group membership,
the committee sessions and the settings. The `stored_status` table keeps it between starts;
triggers delete a company's row in the very transaction that changes one of those facts.
Those triggers are not created here: they live in cedre_desk/storage/status_triggers.py, and
migrate.upgrade drops them before every run of the scripts and creates them all after it, so
that a later batch rebuild of a fact table neither loses them nor trips on them (a register at
0001 goes through 0002 and any later script before the triggers exist).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cedre_desk.storage.status_triggers import drop_statements

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stored_status',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('rules', sa.String(length=40), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'],
                            name=op.f('fk_stored_status_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('company_id', name=op.f('pk_stored_status'))
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for statement in drop_statements():
            op.execute(statement)
    op.drop_table('stored_status')
