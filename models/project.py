"""The project row (one per database) and the county's units with aliases and collective members."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow


class ProjectRow(Base):
    """The project's identity and the frozen copy of the catalog it was created with."""

    __tablename__ = "project"
    __table_args__ = (CheckConstraint("role IN ('office', 'unit')", name="role"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid4 text
    county: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    catalog_id: Mapped[str] = mapped_column(String(200))
    catalog_json: Mapped[str] = mapped_column(Text)  # Catalog.to_dict() as JSON text
    role: Mapped[str] = mapped_column(String(16))  # "office" | "unit"
    unit_name: Mapped[str | None] = mapped_column(String(200))  # the unit of a unit workspace
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    settings_json: Mapped[str] = mapped_column(Text, default="{}")


class Unit(Base):
    """A responsible unit (县司法局, a town the county added) or a collective name (各乡镇)."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    collective: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16), default="catalog")  # "catalog" | "county"
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    added_by: Mapped[str] = mapped_column(String(200))

    aliases: Mapped[list[UnitAlias]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="UnitAlias.id"
    )


class UnitAlias(Base):
    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)

    unit: Mapped[Unit] = relationship(back_populates="aliases")


class CollectiveMember(Base):
    """``member`` is one of the real units a collective name (各乡镇, 县政府各工作部门 …) covers."""

    __tablename__ = "collective_member"

    collective_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
