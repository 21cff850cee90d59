"""a stay's stated length on event mentions

Revision ID: 0004_days
Revises: 0003_issue12
Create Date: 2026-12-01

"Arrived on Friday for a four-day official visit": the mention keeps the length in days, so
that trips assembled from stored mentions can end the stay on its last day.  Mentions are
extracted again on every build whose extraction code changed, so old rows get values then.
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0004_days'
down_revision: Union[str, None] = '0003_issue12'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("event_mentions") as batch:
        batch.add_column(sa.Column("days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_mentions") as batch:
        batch.drop_column("days")
