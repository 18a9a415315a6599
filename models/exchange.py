"""Office ↔ unit exchange: per-unit kit keys and imported submission packages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class UnitKey(Base):
    """The secret made for a unit's kit; submissions are signed with it (HMAC-SHA256)."""

    __tablename__ = "unit_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    secret: Mapped[str] = mapped_column(String(128))  # hex
    kit_id: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(200))
    revoked_at: Mapped[datetime | None] = mapped_column()
    #: Unit side: the sequence number of the last submission made with this kit (0: none yet).
    last_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Submission(Base):
    """An imported submission package; a resubmission supersedes the earlier one (kept in history)."""

    __tablename__ = "submission"
    __table_args__ = (CheckConstraint("status IN ('current', 'superseded')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    package_sha256: Mapped[str] = mapped_column(String(64))
    manifest_json: Mapped[str] = mapped_column(Text)  # exactly as in the package
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="current")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    #: The kit that signed it and its sequence number (``None``: a package of an older version).
    kit_id: Mapped[str | None] = mapped_column(String(64), index=True)
    sequence: Mapped[int | None] = mapped_column(Integer)
