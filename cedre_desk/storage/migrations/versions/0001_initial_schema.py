"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auditor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditor')),
    sa.UniqueConstraint('name', name=op.f('uq_auditor_name')),
    sqlite_autoincrement=True
    )
    op.create_table('certification_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certification_group')),
    sa.UniqueConstraint('name', name=op.f('uq_certification_group_name')),
    sqlite_autoincrement=True
    )
    op.create_table('change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('record_id', sa.String(length=60), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_table_name_record_id'), ['table_name', 'record_id'], unique=False)

    op.create_table('committee_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('members', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'held', name='sessionstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_session')),
    sa.UniqueConstraint('held_on', name=op.f('uq_committee_session_held_on')),
    sqlite_autoincrement=True
    )
    op.create_table('company',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('siret', sa.String(length=14), nullable=True),
    sa.Column('region', sa.String(length=80), nullable=False),
    sa.Column('department', sa.String(length=3), nullable=False),
    sa.Column('town', sa.String(length=120), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('member_since', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company')),
    sa.UniqueConstraint('siret', name=op.f('uq_company_siret')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_name'), ['name'], unique=False)

    op.create_table('referential',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referential')),
    sa.UniqueConstraint('code', name=op.f('uq_referential_code')),
    sqlite_autoincrement=True
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('coaching',
    sa.Column('auditor_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['auditor_id'], ['auditor.id'], name=op.f('fk_coaching_auditor_id_auditor'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_coaching_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('auditor_id', 'company_id', name=op.f('pk_coaching'))
    )
    with op.batch_alter_table('coaching', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_company_id'), ['company_id'], unique=False)

    op.create_table('company_legal_type',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('legal_type', sa.Enum('AI', 'ACI', 'EI', 'ETTI', 'ETT ESS', 'GES', 'OSP', 'other', name='legaltype', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_company_legal_type_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('company_id', 'legal_type', name=op.f('pk_company_legal_type'))
    )
    op.create_table('engagement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('coach_id', sa.Integer(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.ForeignKeyConstraint(['coach_id'], ['auditor.id'], name=op.f('fk_engagement_coach_id_auditor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_engagement_company_id_company'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engagement')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_coach_id'), ['coach_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_company_id'), ['company_id'], unique=False)

    op.create_table('group_member',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_group_member_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['certification_group.id'], name=op.f('fk_group_member_group_id_certification_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'company_id', name=op.f('pk_group_member'))
    )
    with op.batch_alter_table('group_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_member_company_id'), ['company_id'], unique=False)

    op.create_table('referential_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referential_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('official_text', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['referential_id'], ['referential.id'], name=op.f('fk_referential_version_referential_id_referential'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referential_version')),
    sa.UniqueConstraint('referential_id', 'label', name=op.f('uq_referential_version_referential_id_label')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('referential_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referential_version_referential_id'), ['referential_id'], unique=False)

    op.create_table('audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('internal', 'mock', 'certification', 'follow_up', 'renewal', 'special', name='auditkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('iso_version_id', sa.Integer(), nullable=True),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'done', 'report_sent', 'closed', name='auditstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('duration_days', sa.Float(), nullable=False),
    sa.Column('conclusion', sa.Text(), nullable=False),
    sa.Column('recommendation', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint("status = 'planned' OR start_on IS NOT NULL OR end_on IS NOT NULL", name=op.f('ck_audit_done_has_dates')),
    sa.CheckConstraint('(company_id IS NULL) <> (group_id IS NULL)', name=op.f('ck_audit_company_or_group')),
    sa.CheckConstraint('duration_days >= 0', name=op.f('ck_audit_duration_not_negative')),
    sa.CheckConstraint('end_on IS NULL OR start_on IS NULL OR end_on >= start_on', name=op.f('ck_audit_end_after_start')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_audit_company_id_company'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['group_id'], ['certification_group.id'], name=op.f('fk_audit_group_id_certification_group'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['iso_version_id'], ['referential_version.id'], name=op.f('fk_audit_iso_version_id_referential_version'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['referential_version.id'], name=op.f('fk_audit_version_id_referential_version'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_iso_version_id'), ['iso_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_planned_on'), ['planned_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_version_id'), ['version_id'], unique=False)

    op.create_table('requirement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('title_en', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['requirement.id'], name=op.f('fk_requirement_parent_id_requirement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['referential_version.id'], name=op.f('fk_requirement_version_id_referential_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement')),
    sa.UniqueConstraint('version_id', 'code', name=op.f('uq_requirement_version_id_code')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_version_id'), ['version_id'], unique=False)

    op.create_table('audit_auditor',
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('auditor_id', sa.Integer(), nullable=False),
    sa.Column('lead', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_audit_auditor_audit_id_audit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['auditor_id'], ['auditor.id'], name=op.f('fk_audit_auditor_auditor_id_auditor')),
    sa.PrimaryKeyConstraint('audit_id', 'auditor_id', name=op.f('pk_audit_auditor'))
    )
    with op.batch_alter_table('audit_auditor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_auditor_auditor_id'), ['auditor_id'], unique=False)
        batch_op.create_index('uq_audit_auditor_one_lead', ['audit_id'], unique=True, sqlite_where=sa.text('lead'), postgresql_where=sa.text('lead'))

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('audit_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.Enum('granted', 'renewed', 'maintained', 'deferred', 'refused', 'suspended', 'withdrawn', name='outcome', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('scheme', sa.Enum('CEDRE', 'CEDRE ISO 9001', name='scheme', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('certificate_number', sa.String(length=40), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint("(valid_from IS NULL AND valid_until IS NULL) OR outcome IN ('granted', 'renewed')", name=op.f('ck_decision_dates_only_for_certificates')),
    sa.CheckConstraint('(company_id IS NULL) <> (group_id IS NULL)', name=op.f('ck_decision_company_or_group')),
    sa.CheckConstraint('valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from', name=op.f('ck_decision_valid_until_after_from')),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_decision_audit_id_audit'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_decision_company_id_company'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['group_id'], ['certification_group.id'], name=op.f('fk_decision_group_id_certification_group'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['committee_session.id'], name=op.f('fk_decision_session_id_committee_session'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('certificate_number', name=op.f('uq_decision_certificate_number')),
    sa.UniqueConstraint('session_id', 'company_id', name=op.f('uq_decision_session_id_company_id')),
    sa.UniqueConstraint('session_id', 'group_id', name=op.f('uq_decision_session_id_group_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_audit_id'), ['audit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_session_id'), ['session_id'], unique=False)

    op.create_table('finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=True),
    sa.Column('level', sa.Enum('PF', 'PP', 'PS', 'NCm', 'NCM', name='findinglevel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('action_due', sa.Date(), nullable=True),
    sa.Column('action_closed_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_finding_audit_id_audit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['requirement.id'], name=op.f('fk_finding_requirement_id_requirement'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_audit_id'), ['audit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_finding_requirement_id'), ['requirement_id'], unique=False)

    op.create_table('requirement_mapping',
    sa.Column('from_id', sa.Integer(), nullable=False),
    sa.Column('to_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['from_id'], ['requirement.id'], name=op.f('fk_requirement_mapping_from_id_requirement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_id'], ['requirement.id'], name=op.f('fk_requirement_mapping_to_id_requirement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('from_id', 'to_id', name=op.f('pk_requirement_mapping'))
    )
    with op.batch_alter_table('requirement_mapping', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_mapping_to_id'), ['to_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('requirement_mapping', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirement_mapping_to_id'))

    op.drop_table('requirement_mapping')
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_requirement_id'))
        batch_op.drop_index(batch_op.f('ix_finding_audit_id'))

    op.drop_table('finding')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_session_id'))
        batch_op.drop_index(batch_op.f('ix_decision_group_id'))
        batch_op.drop_index(batch_op.f('ix_decision_company_id'))
        batch_op.drop_index(batch_op.f('ix_decision_audit_id'))

    op.drop_table('decision')
    with op.batch_alter_table('audit_auditor', schema=None) as batch_op:
        batch_op.drop_index('uq_audit_auditor_one_lead', sqlite_where=sa.text('lead'), postgresql_where=sa.text('lead'))
        batch_op.drop_index(batch_op.f('ix_audit_auditor_auditor_id'))

    op.drop_table('audit_auditor')
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirement_version_id'))
        batch_op.drop_index(batch_op.f('ix_requirement_parent_id'))

    op.drop_table('requirement')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_version_id'))
        batch_op.drop_index(batch_op.f('ix_audit_planned_on'))
        batch_op.drop_index(batch_op.f('ix_audit_iso_version_id'))
        batch_op.drop_index(batch_op.f('ix_audit_group_id'))
        batch_op.drop_index(batch_op.f('ix_audit_company_id'))

    op.drop_table('audit')
    with op.batch_alter_table('referential_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referential_version_referential_id'))

    op.drop_table('referential_version')
    with op.batch_alter_table('group_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_member_company_id'))

    op.drop_table('group_member')
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_company_id'))
        batch_op.drop_index(batch_op.f('ix_engagement_coach_id'))

    op.drop_table('engagement')
    op.drop_table('company_legal_type')
    with op.batch_alter_table('coaching', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coaching_company_id'))

    op.drop_table('coaching')
    op.drop_table('setting')
    op.drop_table('referential')
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_name'))

    op.drop_table('company')
    op.drop_table('committee_session')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_table_name_record_id'))
        batch_op.drop_index(batch_op.f('ix_change_at'))

    op.drop_table('change')
    op.drop_table('certification_group')
    op.drop_table('auditor')
