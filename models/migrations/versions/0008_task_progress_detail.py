"""Plan tasks: the milestone reached and the completion date beside each progress record.

The office records, with a task's state and note, which milestone (阶段目标) of its 完成时限 was reached
and on which day the task was completed. Both are empty in rows written before (no change to them).

Revision ID: 0008_task_progress_detail
Revises: 0007_plan_tasks
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_task_progress_detail"
down_revision: str | None = "0007_plan_tasks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("task_progress", sa.Column("milestone", sa.Text(), nullable=False, server_default=""))
    op.add_column("task_progress", sa.Column("completed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task_progress") as batch:
        batch.drop_column("completed_on")
        batch.drop_column("milestone")
