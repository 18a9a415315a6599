"""The office's answers to the catalog's open placement questions (where indicator 69 belongs).

The stored catalog keeps the table's layout; the answers live in the project setting ``placements``
(question id → group code) and ``Project.catalog`` applies them, so scores, area subtotals, kits and
reports all follow the choice. Every change is audit-logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.base.errors import UsageError
from app.project.folder import Project
from app.project.stored_catalog import PLACEMENTS_SETTING
from indicator_catalog import OpenQuestion
from indicator_catalog.placements import with_placement
from models import AuditLog


@dataclass(frozen=True)
class QuestionView:
    """An open question as the catalog view, the CLI and the report show it."""

    question: OpenQuestion
    current: str  # the group in use for this project

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question.id,
            "indicator": self.question.indicator,
            "question": self.question.question,
            "default": self.question.default,
            "current": self.current,
            "chosen_by_office": self.current != self.question.default or self.question.chosen is not None,
            "placements": [p.to_dict() for p in self.question.placements],
        }

    def summary(self) -> str:
        """One line for the report's scheme section."""
        others = "、".join(p.group for p in self.question.placements if p.group != self.current)
        return (
            f"待定问题：第 {self.question.indicator} 项的归属（{self.question.question}）"
            f"本项目按 {self.current} 计算；另可归入 {others or '无'}。"
        )


def open_questions(project: Project) -> list[QuestionView]:
    """The open questions of the project's catalog with the choice in use."""
    placed = project.catalog
    return [
        QuestionView(q, placed.open_question(q.id).current) for q in project.stored_catalog.open_questions
    ]


def question_id_for(project: Project, name: str) -> str:
    """``placement-69`` for "69" or "placement-69"."""
    for question in project.stored_catalog.open_questions:
        if name in (question.id, str(question.indicator)):
            return question.id
    known = "、".join(q.id for q in project.stored_catalog.open_questions) or "无"
    raise UsageError(f"指标体系中没有待定问题 {name}（现有：{known}） (unknown open question)")


@dataclass(frozen=True)
class PlacementStep:
    """What one choice changed: the office's stored answer before (``None``: none, the catalog's
    default applied) and the group chosen; the window's undo takes it back with ``undo_placement``."""

    question_id: str
    indicator: int
    before: str | None
    after: str
    view: QuestionView


@dataclass(frozen=True)
class PlacementDecision:
    """Who last chose (or took back) the answer to an open question, and when (from the audit log)."""

    actor: str
    at: datetime
    action: str  # "catalog.placement" or "catalog.placement.undo" (or "project.settings": older)
    group: str | None  # the group in force after that entry (``None``: back to the default)


def stored_choice(project: Project, question_id: str) -> str | None:
    """The office's stored answer to ``question_id`` (``None``: not answered, the default applies)."""
    choices = project.settings.get(PLACEMENTS_SETTING)
    value = choices.get(question_id) if isinstance(choices, dict) else None
    return value if isinstance(value, str) else None


def placement_target(question_id: str) -> str:
    """The audit target of a placement choice."""
    return f"question:{question_id}"


def choose_placement(project: Project, question_id: str, choice: str, by: str | None = None) -> PlacementStep:
    """Answer open question ``question_id`` with group ``choice`` (one of its listed placements).

    One audit entry ``catalog.placement`` (question, indicator, from, to) in the same transaction as
    the setting; the project's catalog (scores, area subtotals, kits, reports) follows at once.
    """
    project._require_writable()
    question_id = question_id_for(project, question_id)
    question = project.stored_catalog.open_question(question_id)
    with_placement(project.stored_catalog, question_id, choice)  # raises for a group not listed
    before = stored_choice(project, question_id)
    current = project.catalog.open_question(question_id).current
    choices = dict(project.settings.get(PLACEMENTS_SETTING) or {})
    choices[question_id] = choice
    detail = {"question": question_id, "indicator": question.indicator, "from": current, "to": choice}
    project.update_settings(
        {PLACEMENTS_SETTING: choices},
        by,
        audit=("catalog.placement", placement_target(question_id), detail),
    )
    view = next(v for v in open_questions(project) if v.question.id == question_id)
    return PlacementStep(question_id, question.indicator, before, choice, view)


def set_placement(project: Project, question_id: str, choice: str, by: str | None = None) -> QuestionView:
    """Answer open question ``question_id`` with group ``choice`` (one of its listed placements)."""
    return choose_placement(project, question_id, choice, by).view


def last_decision(project: Project, question_id: str) -> PlacementDecision | None:
    """The newest audit entry that set the answer to ``question_id``; ``None`` if it never changed."""
    question_id = question_id_for(project, question_id)
    target = placement_target(question_id)
    with project.session() as session:
        rows = session.scalars(
            select(AuditLog)
            .where((AuditLog.target == target) | (AuditLog.action == "project.settings"))
            .order_by(AuditLog.id.desc())
        )
        for row in rows:
            detail = dict(row.detail or {})
            if row.action == "catalog.placement":
                return PlacementDecision(row.actor, row.at, row.action, str(detail.get("to")))
            if row.action == "catalog.placement.undo":
                restored = detail.get("restored_choice")
                return PlacementDecision(
                    row.actor, row.at, row.action, restored if isinstance(restored, str) else None
                )
            changes = detail.get("changes")
            placed = changes.get(PLACEMENTS_SETTING) if isinstance(changes, dict) else None
            if isinstance(placed, dict) and question_id in placed:
                return PlacementDecision(row.actor, row.at, row.action, str(placed[question_id]))
    return None
