"""What each answer to an open placement question means, for the window's 选择待定指标的归属 dialog: the
group and 一级指标 the indicator would sit in, the source's reasoning, the area subtotals (and total)
scored under it with the levels in force, the answer in use, and who chose it and when."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.assessment.levels import score_project
from app.project.folder import Project
from app.project.placements import (
    PlacementDecision,
    QuestionView,
    last_decision,
    open_questions,
    question_id_for,
)
from indicator_catalog.placements import with_placement


@dataclass(frozen=True)
class AreaSubtotal:
    code: str
    name: str
    score: float
    max: float


@dataclass(frozen=True)
class PlacementOption:
    """One listed placement of the question, with what it means for the scores."""

    group: str
    group_name: str
    area: str
    area_name: str
    basis: str
    quote: str
    in_force: bool
    is_default: bool
    #: The 一级指标 touched by the question (every option's area), scored under this placement.
    subtotals: tuple[AreaSubtotal, ...]
    total: float | None  # None for a catalog without scoring (a plan)

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "group_name": self.group_name,
            "area": self.area,
            "area_name": self.area_name,
            "basis": self.basis,
            "quote": self.quote,
            "in_force": self.in_force,
            "default": self.is_default,
            "subtotals": [
                {"code": s.code, "name": s.name, "score": s.score, "max": s.max} for s in self.subtotals
            ],
            "total": self.total,
        }


@dataclass(frozen=True)
class PlacementQuestion:
    """An open question with every option explained and the last decision on it."""

    view: QuestionView
    options: tuple[PlacementOption, ...]
    decision: PlacementDecision | None
    writable: bool

    @property
    def question_id(self) -> str:
        return self.view.question.id


def placement_question(project: Project, name: str) -> PlacementQuestion:
    """The open question ``name`` ("69" or "placement-69") explained (reads only)."""
    question_id = question_id_for(project, name)
    view = next(v for v in open_questions(project) if v.question.id == question_id)
    question = view.question
    catalog = project.catalog
    touched = tuple(dict.fromkeys(catalog.group(p.group).area for p in question.placements))
    options: list[PlacementOption] = []
    for placement in question.placements:
        moved = with_placement(catalog, question_id, placement.group)
        group = moved.group(placement.group)
        subtotals: tuple[AreaSubtotal, ...] = ()
        total: float | None = None
        if not moved.is_plan:
            score = score_project(project, moved)
            areas = {a.code: a for a in score.areas}
            subtotals = tuple(
                AreaSubtotal(code, areas[code].name, areas[code].score, areas[code].max)
                for code in touched
                if code in areas
            )
            total = score.total
        options.append(
            PlacementOption(
                group=placement.group,
                group_name=group.name,
                area=group.area,
                area_name=moved.area(group.area).name,
                basis=placement.basis,
                quote=placement.quote,
                in_force=placement.group == view.current,
                is_default=placement.group == question.default,
                subtotals=subtotals,
                total=total,
            )
        )
    writable = not project.readonly and project.info.role != "unit"
    return PlacementQuestion(view, tuple(options), last_decision(project, question_id), writable)
