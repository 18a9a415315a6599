"""The append-only audit log: every change that matters, with actor, time, action, target and detail.

Core services call ``record(session, ...)`` inside the same transaction as the change, so the log and
the change commit (or roll back) together. The database refuses UPDATE and DELETE on the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.base.actor import resolve_actor
from models import AuditLog, utcnow


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
