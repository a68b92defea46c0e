"""group membership dates: joined on, left on

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

A member shares its group's decisions and audits only while it belongs to the group. The
memberships a register already holds get no start (NULL: member since always) and no end
(member still): every fact a group shared with its members before still counts for them, so
no status and no figure moves through this upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('group_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('joined_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('left_on', sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_group_member_left_after_joined'),
            'left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on')


def downgrade() -> None:
    with op.batch_alter_table('group_member', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_group_member_left_after_joined'), type_='check')
        batch_op.drop_column('left_on')
        batch_op.drop_column('joined_on')
