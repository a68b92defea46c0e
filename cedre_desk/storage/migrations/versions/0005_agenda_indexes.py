"""indexes for a committee's agenda: finding(level, audit_id), decision(audit_id, session_id)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

A committee's agenda (services.agenda) reads the audits that found a major nonconformity as
one set: without an index on `finding.level` that read went through every finding (600,000 in
a register of 20,000 companies). It then asks, for each candidate audit, whether a decision
taken at a session held by the agenda's day rests on it: with the session in the index on
`decision.audit_id` the answer comes from the index alone. That index replaces the one on
`audit_id` only, which it serves as well (its first column). No row or column changes.
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
    op.create_index(op.f('ix_decision_audit_id_session_id'), 'decision',
                    ['audit_id', 'session_id'], unique=False)
    op.drop_index(op.f('ix_decision_audit_id'), table_name='decision')


def downgrade() -> None:
    op.create_index(op.f('ix_decision_audit_id'), 'decision', ['audit_id'], unique=False)
    op.drop_index(op.f('ix_decision_audit_id_session_id'), table_name='decision')
    op.drop_index(op.f('ix_finding_level_audit_id'), table_name='finding')
