"""Plan catalogs (task lists: 主要任务, 牵头单位/责任单位, 完成时限) in ``fazhi catalog`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cli.common import print_json
from indicator_catalog import Catalog, resolve_catalog
from indicator_catalog.plan import PlanCatalog
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import builtin_plan_ids, load_any_file, load_builtin_plan


def resolve_any(id_or_file: str | None) -> Catalog | PlanCatalog:
    """A built-in plan id, a catalog or plan file, or what ``resolve_catalog`` accepts."""
    if id_or_file and id_or_file in builtin_plan_ids():
        return load_builtin_plan(id_or_file)
    if id_or_file and Path(id_or_file).is_file():
        return load_any_file(Path(id_or_file))
    return resolve_catalog(id_or_file)


def project_catalog(id_or_file: str | None) -> Catalog:
    """The catalog a new project is built on: a plan (built-in id or file) becomes a catalog of tasks."""
    found = resolve_any(id_or_file)
    return plan_as_catalog(found) if isinstance(found, PlanCatalog) else found


def plan_rows() -> list[dict[str, Any]]:
    rows = []
    for plan_id in builtin_plan_ids():
        plan = load_builtin_plan(plan_id)
        rows.append(
            {"id": plan.id, "title": plan.title, "kind": "plan", **plan.counts, "counts": plan.counts}
        )
    return rows


def show_plan(plan: PlanCatalog, as_json: bool) -> int:
    if as_json:
        print_json(plan.to_dict())
        return 0
    print(f"{plan.title}（{plan.id}，任务清单：{len(plan.tasks)} 项任务）")
    for section in plan.sections:
        print(f"{section.code} {section.name}")
        for task in plan.tasks_of_section(section.code):
            lead = "、".join(task.lead_units) or "未定"
            units = "、".join(task.units)
            deadline = task.deadline.text if task.deadline is not None else "未定"
            print(f"  {task.id} {task.title}")
            print(f"      牵头：{lead}{'；责任：' + units if units else ''}；完成时限：{deadline}")
    return 0
