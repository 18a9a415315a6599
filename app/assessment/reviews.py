"""Reviews (逐项审核): the office accepts or returns each unit's evidence per indicator; history is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.evidence.scope import allowed_indicators, real_unit
from app.project.audit import record
from app.project.folder import (
    Project,
    require_role,
)
from app.units.registry import resolve_unit, unit_names
from models import Review, utcnow

DECISIONS = {"accepted": "通过", "returned": "退回补充"}


_DECISION_ALIASES = {
    "accept": "accepted",
    "accepted": "accepted",
    "return": "returned",
    "returned": "returned",
}


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    indicator: int
    unit: str
    decision: str  # "accepted" | "returned"
    comment: str
    reviewed_by: str
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "indicator": self.indicator,
            "unit": self.unit,
            "decision": self.decision,
            "decision_label": DECISIONS.get(self.decision, self.decision),
            "comment": self.comment,
            "reviewed_by": self.reviewed_by,
            "at": self.at.isoformat(),
        }


def review(
    project: Project,
    *,
    indicator: int,
    unit: str,
    decision: str,
    comment: str,
    actor: str | None = None,
) -> ReviewRecord:
    """The office accepts a unit's evidence for an indicator, or returns it for rework (退回补充)."""
    project._require_writable()
    require_role(project, "office", "审核")
    normalized = _DECISION_ALIASES.get(decision.strip().lower())
    if normalized is None:
        raise UsageError(f"审核结论无效：{decision}（应为 accepted 或 returned） (bad decision)")
    comment = comment.strip()
    if normalized == "returned" and not comment:
        raise UsageError("退回补充必须写明意见（--comment） (comment required)")
    info = real_unit(project, unit)
    if not project.catalog.has_indicator(indicator):
        raise UsageError(f"未知的指标：第 {indicator} 项（{project.catalog.id}） (unknown indicator)")
    if indicator not in info.indicators and indicator not in allowed_indicators(project, info):
        raise UsageError(
            f"{project.catalog.item_name(indicator)}不在 {info.name} 的任务范围内 (indicator out of scope)"
        )
    actor = resolve_actor(actor)
    with project.session() as session:
        row = Review(
            indicator_number=indicator,
            unit_id=info.id,
            decision=normalized,
            comment=comment,
            reviewed_by=actor,
            at=utcnow(),
        )
        session.add(row)
        session.flush()
        record(
            session,
            "review.accept" if normalized == "accepted" else "review.return",
            f"indicator:{indicator}",
            {"unit": info.name, "decision": normalized, "comment": comment},
            actor,
        )
        return ReviewRecord(row.id, indicator, info.name, normalized, comment, actor, row.at)


def list_reviews(
    project: Project, *, unit: str | None = None, indicator: int | None = None, latest: bool = True
) -> list[ReviewRecord]:
    """Reviews oldest first; ``latest``: only the newest per (indicator, unit), i.e. the current state."""
    query = select(Review).order_by(Review.id)
    if unit is not None:
        query = query.where(Review.unit_id == resolve_unit(project, unit).id)
    if indicator is not None:
        query = query.where(Review.indicator_number == indicator)
    with project.session() as session:
        names = unit_names(session)
        rows = [
            ReviewRecord(
                r.id,
                r.indicator_number,
                names.get(r.unit_id, "?"),
                r.decision,
                r.comment,
                r.reviewed_by,
                r.at,
            )
            for r in session.scalars(query)
        ]
    if not latest:
        return rows
    newest: dict[tuple[int, str], ReviewRecord] = {}
    for row in rows:
        newest[(row.indicator, row.unit)] = row
    return sorted(newest.values(), key=lambda r: r.id)
