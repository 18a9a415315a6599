"""The office's own text of the 自评报告: narrative sections and per-indicator 自评说明.

A history: every save is a new row; the latest row per ``key`` is the current text. Keys are the
report's section keys (``basic``, ``area:1`` …, ``problems``, ``next_steps``) and ``indicator:N``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class NarrativeText(Base):
    __tablename__ = "narrative_text"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="manual")  # manual | draft | import
    written_by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)
