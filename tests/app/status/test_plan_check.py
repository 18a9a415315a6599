"""Self-check of a plan project: overdue tasks, milestones, tasks without evidence, the lead unit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.evidence.attach import attach
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.status.findings import ERROR, WARNING
from app.status.plan_check import lead_findings, plan_findings
from app.status.plan_progress import set_task_progress
from app.status.selfcheck import run_check
from app.units.editing import set_indicator_units
from app.units.roles import Roles
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from tests.app.conftest import MakePdf


@pytest.fixture
def plan_project(tmp_path: Path) -> Iterator[Project]:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        yield project


def _codes(findings: list, task: str) -> set[str]:  # type: ignore[type-arg]
    return {f.code for f in findings if f.indicator == task}


def test_overdue_and_milestones_at_a_given_date(plan_project: Project) -> None:
    findings = plan_findings(plan_project, date(2024, 6, 1))
    overdue = next(f for f in findings if f.indicator == "一.5" and f.code == "task_overdue")
    assert overdue.severity == ERROR and "2021年底前" in overdue.message and "2021-12-31" in overdue.message
    assert "task_overdue" not in _codes(findings, "一.1")  # 2025年6月前: not yet
    # 五.24: "2023年前基本完善，2025年取得成效": the 2023 step has passed, the task is not done.
    assert "milestone_due" in _codes(findings, "五.24")
    assert "task_no_evidence" in _codes(findings, "一.1")
    assert findings[0].severity == ERROR  # errors first
    assert any(f.code == "stage_due" for f in findings)


def test_done_tasks_are_not_overdue_but_need_proof(plan_project: Project) -> None:
    set_task_progress(plan_project, 5, "done")
    codes = _codes(plan_findings(plan_project, date(2024, 6, 1)), "一.5")
    assert "task_overdue" not in codes and "task_done_no_evidence" in codes


def test_a_lead_unit_without_evidence_is_named(
    plan_project: Project, make_pdf: MakePdf, tmp_path: Path
) -> None:
    set_indicator_units(plan_project, 3, "司法局", ["公安局"])
    attach(plan_project, unit="县公安局", indicators=[3], files=[make_pdf(tmp_path / "a.pdf")])
    findings = run_check(plan_project)
    lead = [f for f in findings if f.code == "lead_no_evidence" and f.indicator == "一.3"]
    assert len(lead) == 1 and lead[0].unit == "县司法局" and lead[0].severity == WARNING
    assert "牵头单位 县司法局 尚未提交" in lead[0].message and "县公安局" in lead[0].message
    attach(plan_project, unit="县司法局", indicators=[3], files=[make_pdf(tmp_path / "b.pdf", text="另一份")])
    assert not [f for f in run_check(plan_project) if f.code == "lead_no_evidence" and f.indicator == "一.3"]


def test_lead_rule_in_an_assessment_project(project: Project) -> None:
    set_indicator_units(project, 1, "司法局", ["县发改局"])
    findings = [f for f in run_check(project) if f.code == "lead_no_evidence"]
    assert [(f.indicator, f.unit) for f in findings] == [(1, "县司法局")]
    assert "第 1 项的牵头单位 县司法局" in findings[0].message


def test_lead_findings_is_pure_and_scoped() -> None:
    roles = [Roles(3, "一.3", ("县司法局",), ("县公安局",)), Roles(4, "一.4", (), ("县公安局",))]
    assert [f.unit for f in lead_findings(roles, {3: {"县公安局"}}, None)] == ["县司法局"]
    assert lead_findings(roles, {}, "县公安局") == []  # a co-unit's workspace is not told about the lead
    assert len(lead_findings(roles, {}, "县司法局")) == 1
