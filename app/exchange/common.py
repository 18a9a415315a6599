"""Small rules the exchange modules share: deadlines, times in manifests, unit keys, project/catalog ids."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.base.errors import UsageError
from app.exchange.package import (
    PackageError,
)
from app.project.folder import (
    Project,
)
from app.units.registry import UnitInfo, resolve_unit
from models import UnitKey, utcnow


def check_deadline(deadline: str | None) -> str | None:
    if deadline is None or not deadline.strip():
        return None
    try:
        return date.fromisoformat(deadline.strip()).isoformat()
    except ValueError:
        raise UsageError(f"截止日期格式无效：{deadline}（应为 YYYY-MM-DD） (bad deadline)") from None


def parse_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return utcnow()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def active_keys(session: Session, unit_id: int) -> list[UnitKey]:
    return list(
        session.scalars(
            select(UnitKey)
            .where(UnitKey.unit_id == unit_id, UnitKey.revoked_at.is_(None))
            .order_by(UnitKey.id)
        )
    )


def resolve_unit_or_none(project: Project, name: str) -> UnitInfo | None:
    try:
        return resolve_unit(project, name)
    except UsageError:
        return None


def check_project(project: Project, document: dict[str, Any], label: str) -> None:
    if document["project_id"] != project.info.id:
        raise PackageError(
            label,
            f"不属于本项目（包来自 {_county_year(document)}，本项目是 {project.info.county}"
            f" {project.info.year} 年）；项目编号不同 (other project)",
        )


def _county_year(document: dict[str, Any]) -> str:
    """The package's county and year for people (the project UUID means nothing to them)."""
    county, year = document.get("county"), document.get("year")
    return f"{county} {year} 年" if county and year else "另一个项目"


def check_catalog(project: Project, document: dict[str, Any], label: str) -> None:
    if document["catalog_id"] != project.catalog.id:
        raise PackageError(
            label,
            f"指标体系不符（包：{document['catalog_id']}，本项目：{project.catalog.id}） (wrong catalog)",
        )
