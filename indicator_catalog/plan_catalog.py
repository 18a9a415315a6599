"""A plan (``PlanCatalog``) as the catalog a project is built on (``Catalog`` with ``kind == "plan"``).

Every part of the product that works per indicator (attach, kits, submit, import, reviews, self-check,
exports) then works per task: each task becomes an ``Indicator`` that keeps its id as printed
(``task_id``, e.g. "一.（一）.3"), its lead units (first in ``units``), its 完成时限 and one evidence item;
``number`` is the task's position in the list, a stable internal key inside one project (the project
keeps its frozen copy). Points are 0: a plan is never scored. Level-1 sections become areas, level-2
sections groups; tasks directly under a level-1 section sit in a group with that section's code.
Pure: no I/O.
"""

from __future__ import annotations

from indicator_catalog.model import Area, Catalog, Group, Indicator, Requirement
from indicator_catalog.plan import PlanCatalog

__all__ = ["PLAN_EVIDENCE_TEXT", "plan_as_catalog"]

#: The one evidence item of every task (a plan names no documents; the office asks for proof it was done).
PLAN_EVIDENCE_TEXT = "反映本任务落实情况的印证资料（工作方案、制度文件、会议记录、台账、总结等）"


def plan_as_catalog(plan: PlanCatalog) -> Catalog:
    """The plan as a catalog of tasks (see the module docstring)."""
    level_one = [s for s in plan.sections if s.parent is None]
    groups_of: dict[str, list[str]] = {s.code: [] for s in level_one}
    names = {s.code: s.name for s in plan.sections}
    parent_of = {s.code: (s.parent or s.code) for s in plan.sections}
    for task in plan.tasks:
        area = parent_of[task.section]
        if task.section not in groups_of[area]:
            groups_of[area].append(task.section)
    indicators: list[Indicator] = []
    numbers: dict[str, list[int]] = {}
    for position, task in enumerate(plan.tasks, start=1):
        notes = list(task.notes)
        if task.deadline is not None:
            notes += [f"阶段目标：{m.text}（{m.due.isoformat()}）" for m in task.deadline.milestones]
        indicators.append(
            Indicator(
                number=position,
                area=parent_of[task.section],
                group=task.section,
                text=task.text,
                units=task.all_units,
                requirements=(Requirement(key=f"{position}.1", text=PLAN_EVIDENCE_TEXT),),
                points=0,
                units_as_written=task.units_as_written,
                notes=tuple(notes),
                deadline=task.deadline,
                task_id=task.id,
                lead_units=task.lead_units,
            )
        )
        numbers.setdefault(task.section, []).append(position)
    areas = tuple(
        Area(
            code=section.code,
            name=section.name,
            groups=tuple(
                Group(code=g, name=names[g], area=section.code, numbers=tuple(numbers.get(g, ())))
                for g in groups_of[section.code]
            ),
        )
        for section in level_one
    )
    ordered = {n: pos for pos, n in enumerate(n for a in areas for n in a.numbers)}
    return Catalog(
        id=plan.id,
        title=plan.title,
        areas=areas,
        indicators=tuple(sorted(indicators, key=lambda i: ordered[i.number])),
        units=plan.units,
        source=plan.source,
        kind="plan",
        stages=plan.stages,
    )
