"""file problems: what was wrong with a file when it was read, kept until it is read again

Revision ID: 0003_issue12
Revises: 0002_confidence
Create Date: 2026-11-30

A rebuild that skips an unchanged file still reports the problems it had (a bad
`.jsonl` line, a date the article contradicts itself on), so that the result of a
build, and its exit code, are the same every time.
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0003_issue12'
down_revision: Union[str, None] = '0002_confidence'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('file_problems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_file_problems'))
    )
    op.create_index(op.f('ix_file_problems_source_file'), 'file_problems', ['source_file'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_file_problems_source_file'), table_name='file_problems')
    op.drop_table('file_problems')
