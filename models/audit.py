"""The append-only audit log (database triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64), index=True)  # e.g. "evidence.attach"
    target: Mapped[str] = mapped_column(Text)  # e.g. "evidence:12", "indicator:26", "unit:县司法局"
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
