"""Plan catalogs: the built-in 五台县 法治乡村 task list is the seed's, verbatim; deadlines and progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.base.errors import FazhiError
from indicator_catalog import CatalogError, catalog_from_document, load_builtin
from indicator_catalog.plan import PlanCatalog, Task, parse_deadline, plan_progress, task_status
from indicator_catalog.plan_loader import (
    builtin_plan_ids,
    load_any_document,
    load_builtin_plan,
    plan_from_document,
)

HERE = Path(__file__).resolve()
PLAN_PATH = HERE.parents[2] / "indicator_catalog" / "data" / "plans" / "wutai-rural-2021.yaml"
SEED_PATH = HERE.parents[3] / "shared" / "seeds" / "000_4b4ae2f37bb6e22a.txt"


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed not found: {SEED_PATH}")
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def task_list(seed: str) -> str:
    """The seed's 附：主要任务清单 (the end of the 法治乡村建设规划)."""
    return seed[seed.index("附：\n\n主要任务清单") :]


@pytest.fixture(scope="module")
def plan() -> PlanCatalog:
    return load_builtin_plan("wutai-rural-2021")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    with PLAN_PATH.open(encoding="utf-8") as fh:
        document: dict[str, Any] = yaml.safe_load(fh)
    return document


def test_builtin_plan_is_listed_apart_from_assessment_catalogs(plan: PlanCatalog) -> None:
    assert builtin_plan_ids() == ["wutai-rural-2021"]
    assert plan.kind == "plan" and plan.counts == {"sections": 6, "tasks": 31}
    with pytest.raises(FazhiError, match="未知的任务清单"):
        load_builtin_plan("nope")
    assert load_builtin("national-2021").kind == "assessment"


def test_every_task_is_verbatim_in_the_seed(plan: PlanCatalog, task_list: str) -> None:
    lines = [line.strip() for line in task_list.split("\n") if line.strip()]
    for section in plan.sections:
        assert f"{section.code}、{section.name}" in lines, section.code
    for task in plan.tasks:
        first, *rest = task.text.split("\n")
        assert f"{task.number}.{first}" in lines, task.id
        for paragraph in rest:
            assert paragraph.strip() and paragraph in lines, task.id
        assert first.startswith(task.title) and task.title, task.id
        assert task.units_as_written and task.units_as_written in task_list, task.id
        assert task.deadline is not None and task.deadline.text in task_list, task.id
        assert task.id == f"{task.section}.{task.number}"
    # the list's own numbering is 1 … 31 across the six sections, in order
    assert [int(t.number) for t in plan.tasks] == list(range(1, 32))
    assert [s.code for s in plan.sections] == ["一", "二", "三", "四", "五", "六"]
    assert plan.tasks_of_section("二")[0].id == "二.7"
    # every 完成时限 line of the list is one task's deadline
    written = [
        line.split("：", 1)[-1].split(":", 1)[-1].strip() for line in lines if line.startswith("完成时限")
    ]
    assert written == [t.deadline.text for t in plan.tasks if t.deadline]


def test_a_two_paragraph_task_and_a_quoted_title(plan: PlanCatalog) -> None:
    assert plan.task("四.22").text.count("\n") == 1
    assert plan.task("二.10").title == "落实“一村一法律顾问制度。”"


def test_units_lead_and_participating(plan: PlanCatalog) -> None:
    one = plan.task("一.1")
    assert one.units_as_written == "县委政法委、法院、检察院、公安局、司法局"
    assert one.units == ("县委政法委员会", "县人民法院", "县人民检察院", "县公安局", "县司法局")
    assert one.lead_units == ()  # the list names 责任单位 only
    assert plan.task("三.14").units[:2] == ("县人民政府", "各乡镇")  # 县、乡（镇）政府
    assert "市生态环境局五台分局" in plan.task("五.25").units  # a county plan may name county units
    justice = plan.resolve_unit("司法局")
    assert justice is not None and justice.name == "县司法局"
    assert len(plan.tasks_of_unit("县司法局")) >= 20
    assert plan.tasks_of_unit("县司法局", lead_only=True) == ()


def test_deadlines_are_deadlines_not_since_years(plan: PlanCatalog) -> None:
    assert plan.task("一.1").deadline == parse_deadline("2025年6月前")
    first = plan.task("一.1").deadline
    assert first is not None and first.due == date(2025, 6, 30) and not first.ongoing
    long_term = plan.task("一.2").deadline
    assert long_term is not None and long_term.ongoing and long_term.due == date(2025, 12, 31)
    staged = plan.task("五.24").deadline
    assert staged is not None and staged.text == "2023年前基本完善，2025年取得成效"
    assert [(m.text, m.due) for m in staged.milestones] == [
        ("2023年前基本完善", date(2023, 12, 31)),
        ("2025年取得成效", date(2025, 12, 31)),
    ]
    assert [s.due.year for s in plan.stages] == [2021, 2022, 2023, 2024]


@pytest.mark.parametrize(
    ("text", "due", "ongoing", "label"),
    [
        ("2021年底前", date(2021, 12, 31), False, "2021年底前"),
        ("2021年底", date(2021, 12, 31), False, "2021年底前"),
        ("2024年6月前", date(2024, 6, 30), False, "2024年6月底前"),
        ("2022年上半年", date(2022, 6, 30), False, "2022年6月底前"),
        ("长期，到2025年取得实际成效", date(2025, 12, 31), True, "长期（2025年底前见效）"),
        ("长期坚持", None, True, "长期"),
        ("2023年3月15日", date(2023, 3, 15), False, "2023年3月底前"),
    ],
)
def test_parse_deadline(text: str, due: date | None, ongoing: bool, label: str) -> None:
    deadline = parse_deadline(text)
    assert (deadline.text, deadline.due, deadline.ongoing) == (text, due, ongoing)
    if due is None or due.day in (30, 31):
        assert deadline.label == label


def test_progress_instead_of_points(plan: PlanCatalog) -> None:
    today = date(2022, 3, 1)
    five = plan.task("一.5")  # 2021年底前
    assert task_status(five, None, today) == "overdue"
    assert task_status(five, "done", today) == "done"
    assert task_status(plan.task("一.1"), "in_progress", today) == "on_track"
    assert task_status(plan.task("一.2"), None, date(2026, 1, 1)) == "ongoing"  # 长期: never overdue
    assert task_status(plan.task("二.7"), None, date(2022, 11, 1)) == "due_soon"
    assert task_status(Task("x.1", "x", "1", "t", "t"), None, today) == "no_deadline"
    figures = plan_progress(plan, {"一.5": "done", "一.6": "in_progress"}, today)
    due_2021 = [t.id for t in plan.tasks if t.deadline and t.deadline.due and t.deadline.due.year == 2021]
    assert figures["tasks"] == 31 and figures["by_status"]["done"] == 1
    assert figures["overdue"] == [t for t in due_2021 if t != "一.5"]
    assert figures["done_share"] == round(1 / 31, 4)
    section = plan_progress(plan, {}, today, tasks=[t.id for t in plan.tasks_of_section("一")])
    assert section["tasks"] == 6


def test_round_trip_and_validation(plan: PlanCatalog, raw: dict[str, Any]) -> None:
    again = plan_from_document(plan.to_dict())
    assert again.to_dict() == plan.to_dict()
    assert isinstance(load_any_document(raw), PlanCatalog)
    bad = plan.to_dict()
    bad["tasks"][1]["id"] = bad["tasks"][0]["id"]
    bad["tasks"][2]["section"] = "九"
    bad["tasks"][3]["units"] = ["县不存在局"]
    bad["sections"][1]["parent"] = "十"
    with pytest.raises(CatalogError) as caught:
        plan_from_document(bad, "plan.yaml")
    reasons = " | ".join(p.reason for p in caught.value.problems)
    for expected in ("任务编号重复：一.1", "未知的章节：九", "未知的单位：县不存在局", "未知的上级章节：十"):
        assert expected in reasons
    assert all(str(p).startswith("plan.yaml: ") for p in caught.value.problems)


def test_a_plan_is_not_read_as_an_assessment_catalog(raw: dict[str, Any]) -> None:
    with pytest.raises(CatalogError) as caught:
        catalog_from_document(raw, "wutai.yaml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.path) == ("wutai.yaml", "kind")
    assert problem.reason.startswith("这是任务清单（kind: plan），不是指标体系")
