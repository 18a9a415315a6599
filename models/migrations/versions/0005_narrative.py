"""Narrative sections and indicator notes of the 自评报告 (a history: the latest row per key counts).

Revision ID: 0005_narrative
Revises: 0003_evidence_text
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_narrative"
down_revision: str | None = "0003_evidence_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "narrative_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("written_by", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative_text")),
    )
    op.create_index(op.f("ix_narrative_text_key"), "narrative_text", ["key"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_narrative_text_key"), table_name="narrative_text")
    op.drop_table("narrative_text")
