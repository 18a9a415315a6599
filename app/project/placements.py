"""The office's answers to the catalog's open placement questions (where indicator 69 belongs).

The stored catalog keeps the table's layout; the answers live in the project setting ``placements``
(question id → group code) and ``Project.catalog`` applies them, so scores, area subtotals, kits and
reports all follow the choice. Every change is audit-logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.base.errors import UsageError
from app.project.folder import Project
from app.project.stored_catalog import PLACEMENTS_SETTING
from indicator_catalog import OpenQuestion
from indicator_catalog.placements import with_placement


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


def set_placement(project: Project, question_id: str, choice: str, by: str | None = None) -> QuestionView:
    """Answer open question ``question_id`` with group ``choice`` (one of its listed placements)."""
    project._require_writable()
    question_id = question_id_for(project, question_id)
    with_placement(project.stored_catalog, question_id, choice)  # raises for a group not listed
    choices = dict(project.settings.get(PLACEMENTS_SETTING) or {})
    choices[question_id] = choice
    project.update_settings({PLACEMENTS_SETTING: choices}, by)
    view = next(v for v in open_questions(project) if v.question.id == question_id)
    return view
