"""The append-only audit log: every change that matters, with actor, time, action, target and detail.

Core services call ``record(session, ...)`` inside the same transaction as the change, so the log and
the change commit (or roll back) together. The database refuses UPDATE and DELETE on the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import resolve_actor
from models import AuditLog, utcnow

if TYPE_CHECKING:
    from app.project import Project


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "detail": self.detail,
        }


def record(
    session: Session,
    action: str,
    target: str,
    detail: dict[str, Any] | None = None,
    actor: str | None = None,
) -> None:
    """Append one entry (flushed, committed with the caller's transaction)."""
    add_entry(session, action, target, detail, actor)
    session.flush()


def add_entry(
    session: Session,
    action: str,
    target: str,
    detail: dict[str, Any] | None = None,
    actor: str | None = None,
    *,
    at: datetime | None = None,
) -> None:
    """Like ``record`` without the flush, for bulk operations (flush once at the end)."""
    session.add(
        AuditLog(
            at=at or utcnow(), actor=resolve_actor(actor), action=action, target=target, detail=detail or {}
        )
    )


def list_log(
    project: Project,
    *,
    action: str | None = None,
    actor: str | None = None,
    target: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    last: int | None = None,
) -> list[AuditEntry]:
    """Entries oldest first (``last``: only the newest N).

    ``action`` matches exactly, or as a prefix when it ends in "." ("evidence.").
    """
    query = select(AuditLog).order_by(AuditLog.id)
    if action:
        query = query.where(
            AuditLog.action.startswith(action) if action.endswith(".") else AuditLog.action == action
        )
    if actor:
        query = query.where(AuditLog.actor == actor)
    if target:
        query = query.where(AuditLog.target == target)
    if since is not None:
        query = query.where(AuditLog.at >= since)
    if until is not None:
        query = query.where(AuditLog.at < until)
    if last is not None:
        query = query.order_by(None).order_by(AuditLog.id.desc()).limit(last)
    with project.session() as session:
        entries = [
            AuditEntry(row.id, row.at, row.actor, row.action, row.target, dict(row.detail or {}))
            for row in session.scalars(query)
        ]
    return sorted(entries, key=lambda e: e.id)
