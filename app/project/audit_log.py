"""Reading the audit log: entries by filter, and who appears in it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.project.audit import AuditEntry
from app.project.folder import Project
from models import AuditLog


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


def list_actors(project: Project) -> list[str]:
    """Everyone who appears in the log, sorted (the actor filter of the window's 操作记录)."""
    with project.session() as session:
        return sorted(set(session.scalars(select(AuditLog.actor).distinct())))
