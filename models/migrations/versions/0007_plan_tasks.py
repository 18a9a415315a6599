"""Plan projects: string task ids beside the indicator numbers, and the progress of each task.

A plan project (a task list such as 五台县 法治乡村建设规划) addresses its tasks by ids as printed
("一.（一）.3"). Evidence links, reviews, information records and levels get a ``task_id`` column
(NULL in assessment projects, so existing projects upgrade without any change to their rows);
``task_progress`` is the history of each task's progress (the latest row per task counts).

Revision ID: 0007_plan_tasks
Revises: 0005_narrative
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_plan_tasks"
down_revision: str | None = "0006_submission_sequence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("evidence_indicator", "review", "info_record", "assessment")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("task_id", sa.String(length=64), nullable=True))
        op.create_index(op.f(f"ix_{table}_task_id"), table, ["task_id"], unique=False)
    op.create_table(
        "task_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("indicator_number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('not_started', 'in_progress', 'done', 'ongoing')", name=op.f("ck_task_progress_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_progress")),
    )
    op.create_index(op.f("ix_task_progress_task_id"), "task_progress", ["task_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_task_progress_task_id"), table_name="task_progress")
    op.drop_table("task_progress")
    for table in reversed(TABLES):
        op.drop_index(op.f(f"ix_{table}_task_id"), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("task_id")
