"""The append-only audit log: every change that matters, with actor, time, action, target and detail.

Core services call ``record(session, ...)`` inside the same transaction as the change, so the log and
the change commit (or roll back) together. The database refuses UPDATE and DELETE on the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.base.actor import resolve_actor
from models import AuditLog, Freeze, utcnow


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
    """Like ``record`` without the flush, for bulk operations (flush once at the end).

    A change after a freeze is allowed but flagged: its detail names the freeze (``after_freeze``).
    """
    detail = dict(detail or {})
    if not action.startswith("freeze."):
        frozen = latest_freeze(session)
        if frozen is not None:
            detail.setdefault("after_freeze", frozen)
    session.add(
        AuditLog(at=at or utcnow(), actor=resolve_actor(actor), action=action, target=target, detail=detail)
    )


def latest_freeze(session: Session) -> dict[str, Any] | None:
    """The newest freeze (id and label), looked up once per transaction (bulk writes add many entries)."""
    if "fazhi_latest_freeze" not in session.info:
        row = session.execute(select(Freeze.id, Freeze.label).order_by(Freeze.id.desc()).limit(1)).first()
        session.info["fazhi_latest_freeze"] = None if row is None else {"id": row.id, "label": row.label}
    value: dict[str, Any] | None = session.info["fazhi_latest_freeze"]
    return value
