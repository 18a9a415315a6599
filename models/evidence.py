"""Evidence files, their links to indicators, and non-file information (URLs, contacts, notes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow


class Evidence(Base):
    """One attached file for one unit. The content lives in the store under ``sha256``."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'withdrawn', 'superseded')", name="status"),
        CheckConstraint("kind IN ('pdf', 'xlsx', 'jpeg', 'png', 'tiff', 'ofd', 'docx', 'xls')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(500))  # the original name, Chinese kept
    kind: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int | None] = mapped_column(Integer)
    sheets: Mapped[int | None] = mapped_column(Integer)
    sheet_names_json: Mapped[str | None] = mapped_column(Text)  # JSON list for xlsx
    title: Mapped[str] = mapped_column(String(500))
    period: Mapped[str | None] = mapped_column(String(32))  # "2021" or "2021-05"
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    source: Mapped[str] = mapped_column(String(16), default="local")  # "local" | "submission" | "kit"
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    added_by: Mapped[str] = mapped_column(String(200))
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawn_by: Mapped[str | None] = mapped_column(String(200))
    withdraw_reason: Mapped[str | None] = mapped_column(Text)
    # Found in the text (app.evidence.formats.metadata): 文号, 成文日期 (YYYY-MM-DD), 发文机关.
    wenhao: Mapped[str | None] = mapped_column(String(64), index=True)
    doc_date: Mapped[str | None] = mapped_column(String(10))
    issuer: Mapped[str | None] = mapped_column(String(200))
    # ``sha256``/``kind`` are what preview and the bundle use: the PDF rendition when one was made.
    # The file as received (always kept): ``original_*``; the PDF made from it: ``rendition_sha256``.
    original_kind: Mapped[str | None] = mapped_column(String(8))
    original_sha256: Mapped[str | None] = mapped_column(String(64))
    rendition_sha256: Mapped[str | None] = mapped_column(String(64))

    links: Mapped[list[EvidenceIndicator]] = relationship(
        back_populates="evidence", cascade="all, delete-orphan", order_by="EvidenceIndicator.indicator_number"
    )


class EvidenceIndicator(Base):
    """Evidence serves an indicator (one file may serve many; a 合并提供 group counts for all of it)."""

    __tablename__ = "evidence_indicator"
    __table_args__ = (UniqueConstraint("evidence_id", "indicator_number", "requirement_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"))
    indicator_number: Mapped[int] = mapped_column(Integer, index=True)
    requirement_key: Mapped[str | None] = mapped_column(String(32))  # Requirement.key, if known
    task_id: Mapped[str | None] = mapped_column(String(64), index=True)  # plan projects (0007)

    evidence: Mapped[Evidence] = relationship(back_populates="links")


class InfoRecord(Base):
    """A URL, contact detail or note a requirement asks for instead of a file."""

    __tablename__ = "info_record"
    __table_args__ = (CheckConstraint("kind IN ('url', 'contact', 'note')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_number: Mapped[int] = mapped_column(Integer, index=True)
    task_id: Mapped[str | None] = mapped_column(String(64), index=True)  # plan projects (0007)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    requirement_key: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(Text)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    added_by: Mapped[str] = mapped_column(String(200))
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawn_by: Mapped[str | None] = mapped_column(String(200))


class EvidenceText(Base):
    """One page of an evidence file's text (the search index, ``app.search.index``, is built from it).

    Created by raw DDL in the migration (``app.search.index.SQLITE_DDL``); the FTS5 table beside it is not
    mapped. No foreign key: a page's rows outlive nothing and are removed with ``remove_evidence``.
    """

    __tablename__ = "evidence_text"
    __table_args__ = (
        Index("ix_evidence_text_evidence_page", "evidence_id", "page"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    evidence_id: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(8), server_default="text")
    body: Mapped[str] = mapped_column(Text)
