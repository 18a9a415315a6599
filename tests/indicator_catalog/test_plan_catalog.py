"""A plan as the catalog of a project: tasks keep their ids, units, deadlines; nothing is scored."""

from __future__ import annotations

import json
from datetime import date

from indicator_catalog import catalog_from_document, load_builtin, validate_document
from indicator_catalog.plan_catalog import PLAN_EVIDENCE_TEXT, plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan, plan_from_document

TWO_LEVEL = {
    "kind": "plan",
    "id": "two-level",
    "title": "某县法治政府建设任务清单",
    "units": [{"name": "县司法局", "aliases": ["司法局"]}, {"name": "县公安局"}],
    "sections": [
        {"code": "一", "name": "依法全面履行政府职能"},
        {"code": "一.（一）", "name": "推进政府机构职能优化", "parent": "一"},
        {"code": "一.（二）", "name": "深化行政审批制度改革", "parent": "一"},
    ],
    "tasks": [
        {
            "id": "一.（一）.1",
            "section": "一.（一）",
            "text": "完善权责清单。",
            "lead_units": ["县司法局"],
            "units": ["县公安局"],
            "deadline": "2022年6月底前",
        },
        {
            "id": "一.（二）.1",
            "section": "一.（二）",
            "text": "推行告知承诺制。",
            "units": ["县公安局"],
            "deadline": "2023年前基本完善，2025年取得成效",
        },
    ],
    "stages": [{"text": "到2022年，基本完成。", "due": "2022-12-31"}],
}


def test_wutai_plan_becomes_31_tasks_without_points() -> None:
    catalog = plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    assert catalog.is_plan and len(catalog.indicators) == 31 and catalog.max_points == 0
    assert [a.code for a in catalog.areas] == ["一", "二", "三", "四", "五", "六"]
    first = catalog.indicator(1)
    assert first.task_id == "一.1" and first.label == "一.1" and first.deadline is not None
    assert first.deadline.due == date(2025, 6, 30)
    assert first.requirements[0].text == PLAN_EVIDENCE_TEXT
    assert catalog.number_of("一.3") == 3 and catalog.number_of("六.31") == 31
    assert catalog.number_of("九.1") is None and catalog.item_name(3) == "任务 一.3"
    assert [s.due.year for s in catalog.stages] == [2021, 2022, 2023, 2024]


def test_the_stored_document_validates_and_round_trips() -> None:
    catalog = plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    document = json.loads(json.dumps(catalog.to_dict(), ensure_ascii=False))
    assert validate_document(document, "stored") == []
    again = catalog_from_document(document)
    assert again == catalog and again.indicator(24).task_id == catalog.indicator(24).task_id


def test_two_level_ids_leads_and_milestones() -> None:
    catalog = plan_as_catalog(plan_from_document(TWO_LEVEL))
    assert [g.code for g in catalog.area("一").groups] == ["一.（一）", "一.（二）"]
    task = catalog.indicator(catalog.number_of("一.（一）.1") or 0)
    assert task.lead_units == ("县司法局",) and task.units == ("县司法局", "县公安局")
    # Written with half-width brackets or 、 as people type them.
    assert catalog.number_of("一.(一).1") == task.number and catalog.number_of("一、（二）、1") == 2
    second = catalog.indicator(2)
    assert any("2023" in note and "阶段目标" in note for note in second.notes)


def test_national_catalog_documents_are_unchanged() -> None:
    document = load_builtin("national-2021").to_dict()
    assert all("task_id" not in i for i in document["indicators"]) and "stages" not in document
    assert not load_builtin("national-2021").is_plan
    assert load_builtin("national-2021").item_name(26) == "第 26 项指标"
