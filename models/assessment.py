"""The office's judgement: levels, veto and bonus marks, reviews of units' evidence, the scoring scheme
and frozen snapshots. Every table is a history: the latest row per key is the current state."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class Assessment(Base):
    """A reviewer's level for an indicator (达标 / 基本达标 / 未达标 / 不适用)."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_number: Mapped[int] = mapped_column(Integer, index=True)
    task_id: Mapped[str | None] = mapped_column(String(64), index=True)  # plan projects (0007)
    level: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    assessed_by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ExtraMark(Base):
    """A bonus (B1 …) or veto (V1 …) mark."""

    __tablename__ = "extra_mark"
    __table_args__ = (CheckConstraint("kind IN ('bonus', 'veto')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    triggered: Mapped[bool] = mapped_column(Boolean, default=False)
    points: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    proof_evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))
    marked_by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Review(Base):
    """The office accepts or returns a unit's evidence for an indicator (逐项审核)."""

    __tablename__ = "review"
    __table_args__ = (CheckConstraint("decision IN ('accepted', 'returned')", name="decision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_number: Mapped[int] = mapped_column(Integer, index=True)
    task_id: Mapped[str | None] = mapped_column(String(64), index=True)  # plan projects (0007)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class TaskProgress(Base):
    """The office's record of a plan task's progress (未启动 / 推进中 / 已完成 / 长期推进)."""

    __tablename__ = "task_progress"
    __table_args__ = (
        CheckConstraint("state IN ('not_started', 'in_progress', 'done', 'ongoing')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[str] = mapped_column(String(64), index=True)
    indicator_number: Mapped[int] = mapped_column(Integer)  # the task's position in the project's plan
    state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    milestone: Mapped[str] = mapped_column(Text, default="", server_default="")  # 阶段目标 reached
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # when the task was done
    set_by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ScoringScheme(Base):
    """A scoring scheme the office set (JSON text); the latest row is in force."""

    __tablename__ = "scoring_scheme"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme_json: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Freeze(Base):
    """A labelled snapshot (e.g. what was submitted): a manifest of evidence hashes and scores."""

    __tablename__ = "freeze"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    frozen_by: Mapped[str] = mapped_column(String(200))
    manifest_json: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(200), default="")
