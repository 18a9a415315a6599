"""How messages name an indicator or a plan task, and where it sits in its catalog."""

from __future__ import annotations

from indicator_catalog import load_builtin
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan, plan_from_document
from ui.common.formatting import indicator_path, item_label


def test_item_label_and_path_of_an_indicator_and_a_task() -> None:
    national = load_builtin("national-2021")
    plan = plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    assert item_label(national, 26) == "第 26 项" and item_label(None, 3) == "第 3 项"
    assert item_label(plan, 3) == "任务 一.3"
    indicator = national.indicator(26)
    group = national.group(indicator.group)
    assert indicator_path(national, 26).endswith(f"  ›  {group.code} {group.name}")
    # A task directly under its section: the section once, not twice.
    assert indicator_path(plan, 3) == "一、加强行政执法队伍建设，规范涉农领域行政执法"
    two_level = plan_as_catalog(
        plan_from_document(
            {
                "schema_version": 2,
                "kind": "plan",
                "id": "two",
                "title": "两级",
                "units": [{"name": "县司法局"}],
                "sections": [
                    {"code": "一", "name": "依法全面履行政府职能"},
                    {"code": "一.（一）", "name": "推进政府机构职能优化", "parent": "一"},
                ],
                "tasks": [
                    {
                        "id": "一.（一）.1",
                        "section": "一.（一）",
                        "text": "完善权责清单。",
                        "units": ["县司法局"],
                    }
                ],
            }
        )
    )
    assert indicator_path(two_level, 1) == "一、依法全面履行政府职能  ›  （一）推进政府机构职能优化"
