"""an index on the finding's level: the audits with a major nonconformity

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

A committee's agenda (services.agenda) reads the audits that found a major nonconformity as
one set; without an index on `finding.level` that read went through every finding (600,000
in a register of 20,000 companies). Nothing else changes: no row, no column.
"""

from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f('ix_finding_level_audit_id'), 'finding', ['level', 'audit_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_finding_level_audit_id'), table_name='finding')
