"""Plan projects: every row keyed by an indicator number also gets the task id as printed.

In a plan project (``catalog.is_plan``) the number of a task is its position in the project's frozen
plan; the ``task_id`` column (migration 0007_plan_tasks) holds the id people use ("一.（一）.3"), so the
database reads the same way the plan does. ``fill_task_ids`` runs before every flush of a plan
project's sessions and fills the column of new rows; core services need not know about it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from indicator_catalog import Catalog
from models import Assessment, EvidenceIndicator, InfoRecord, Review

KEYED_ROWS = (EvidenceIndicator, Review, InfoRecord, Assessment)


def fill_task_ids(session: Session, catalog: Catalog) -> None:
    for row in session.new:
        if (
            isinstance(row, KEYED_ROWS)
            and row.task_id is None
            and catalog.has_indicator(row.indicator_number)
        ):
            row.task_id = catalog.indicator(row.indicator_number).task_id


def watch_task_ids(session: Session, catalog: Catalog) -> None:
    """Fill ``task_id`` of new rows at each flush of ``session`` (plan projects only)."""
    if not catalog.is_plan:
        return

    def before_flush(flushing: Session, _context: Any, _instances: Any) -> None:
        fill_task_ids(flushing, catalog)

    event.listen(session, "before_flush", before_flush)
