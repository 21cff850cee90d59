"""confidence of trips and legs

Revision ID: 0002_confidence
Revises: 0001
Create Date: 2026-11-30

Whether a mention's traveler is the subject of its clause; how far the sources support a trip and each of its legs (0..1) and a short reason a reader can
see.  Trips are re-assembled on every build whose extraction changed, so old rows get values then.
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0002_confidence'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("event_mentions") as batch:
        batch.add_column(sa.Column("traveler_by", sa.Text(), nullable=True))
    for table in ("trips", "legs"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))
            batch.add_column(sa.Column("confidence_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_mentions") as batch:
        batch.drop_column("traveler_by")
    for table in ("trips", "legs"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("confidence_reason")
            batch.drop_column("confidence")
