"""stored cycle statuses, kept in step with the facts by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

A company's cycle status is derived from its decisions, audits, engagement, group membership,
the committee sessions and the settings. The `stored_status` table keeps it between starts;
the triggers below delete a company's row in the very transaction that changes one of those
facts, whatever writes it (a service, an import, another SQLite tool), so a stored status is
never read for facts it was not computed from. SQLite only: on another database the program
computes statuses and leaves the table empty (services.status_store).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The companies whose status a row of each table bears on, for the row R (OLD or NEW);
# None: every company. Audit columns not listed (notes, duration...) leave statuses alone.
_OWNERS = {
    'decision': (None, "company_id = {r}.company_id OR company_id IN "
                       "(SELECT company_id FROM group_member WHERE group_id = {r}.group_id)"),
    'audit': ("company_id, group_id, kind, status, planned_on, start_on, end_on",
              "company_id = {r}.company_id OR company_id IN "
              "(SELECT company_id FROM group_member WHERE group_id = {r}.group_id)"),
    'engagement': ("company_id", "company_id = {r}.company_id"),
    'group_member': (None, "company_id = {r}.company_id"),
    'committee_session': ("held_on", None),
    'setting': (None, None),
}


def trigger_statements() -> list[str]:
    statements = []
    for table, (columns, owners) in _OWNERS.items():
        for event, rows in (('INSERT', ('NEW',)), ('UPDATE', ('OLD', 'NEW')),
                            ('DELETE', ('OLD',))):
            on = f"UPDATE OF {columns}" if event == 'UPDATE' and columns else event
            where = " OR ".join(f"({owners.format(r=r)})" for r in rows) if owners else None
            statements.append(
                f"CREATE TRIGGER tr_{table}_{event.lower()}_stored_status AFTER {on} ON {table} "
                f"BEGIN DELETE FROM stored_status{f' WHERE {where}' if where else ''}; END"
            )
    return statements


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
    if op.get_bind().dialect.name == 'sqlite':
        for statement in trigger_statements():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for table in _OWNERS:
            for event in ('insert', 'update', 'delete'):
                op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_{event}_stored_status")
    op.drop_table('stored_status')
