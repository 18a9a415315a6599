"""Progress of plan tasks: recorded states, status against a date, counts per lead unit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.base.errors import NotFoundError, UsageError
from app.evidence.attach import attach
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.status.plan_progress import progress_summary, set_task_progress, task_rows, undo_task_progress
from app.units.editing import set_indicator_units
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


def _row(project: Project, task_id: str, today: date) -> dict[str, object]:
    return next(r.to_json() for r in task_rows(project, today) if r.task_id == task_id)


def test_status_follows_the_deadline_and_the_recorded_progress(plan_project: Project) -> None:
    # 一.5 is due 2021年底前: on track in 2020, due soon in late 2021, overdue afterwards.
    assert _row(plan_project, "一.5", date(2020, 6, 1))["status"] == "on_track"
    assert _row(plan_project, "一.5", date(2021, 11, 1))["status"] == "due_soon"
    assert _row(plan_project, "一.5", date(2022, 1, 1))["status"] == "overdue"
    # 一.2 (长期，2025年底前取得成效) is never overdue, only ongoing.
    assert _row(plan_project, "一.2", date(2026, 1, 1))["status"] == "ongoing"
    row = set_task_progress(plan_project, 5, "已完成", "已印发方案", actor="法制股")
    assert row.status == "done" and row.status_name == "已完成"
    assert _row(plan_project, "一.5", date(2030, 1, 1))["status"] == "done"
    set_task_progress(plan_project, 1, "in_progress")
    first = _row(plan_project, "一.1", date(2022, 1, 1))
    assert first["progress"] == "in_progress" and first["status_name"] == "推进中"
    entry = next(e for e in list_log(plan_project) if e.action == "task.progress")
    assert entry.target == "task:一.5" and entry.actor == "法制股" and entry.detail["state"] == "done"


def test_bad_progress_is_refused(plan_project: Project) -> None:
    with pytest.raises(UsageError, match="进度无效：差不多"):
        set_task_progress(plan_project, 1, "差不多")
    with pytest.raises(UsageError, match="未知的任务"):
        set_task_progress(plan_project, 99, "done")


def test_summary_per_lead_unit_and_evidence_counts(
    plan_project: Project, make_pdf: MakePdf, tmp_path: Path
) -> None:
    set_indicator_units(plan_project, 3, "司法局", ["公安局"])
    attach(plan_project, unit="县公安局", indicators=[3], files=[make_pdf(tmp_path / "a.pdf")])
    set_task_progress(plan_project, 3, "done")
    rows = task_rows(plan_project, date(2024, 1, 1))
    third = next(r for r in rows if r.task_id == "一.3")
    assert third.lead == ("县司法局",) and third.co == ("县公安局",)
    assert third.evidence == 1 and third.evidence_by_unit == {"县公安局": 1}
    summary = progress_summary(rows)
    assert summary["tasks"] == 31 and summary["done"] == 1
    lead = next(u for u in summary["by_lead_unit"] if u["unit"] == "县司法局")
    assert lead == {"unit": "县司法局", "tasks": 1, "done": 1, "in_progress": 0, "overdue": 0}


def test_an_assessment_project_has_no_task_progress(project: Project) -> None:
    with pytest.raises(UsageError, match="只用于任务清单"):
        task_rows(project)


def test_milestone_and_completion_date_are_recorded(plan_project: Project) -> None:
    row = set_task_progress(
        plan_project, 3, "已完成", "培训计划已印发", milestone="培训计划印发", completed_on=date(2023, 11, 20)
    )
    assert (row.state, row.note, row.milestone, row.completed_on) == (
        "done",
        "培训计划已印发",
        "培训计划印发",
        date(2023, 11, 20),
    )
    assert row.record_id is not None
    assert _row(plan_project, "一.3", date(2024, 1, 1))["completed_on"] == "2023-11-20"
    entry = next(e for e in list_log(plan_project) if e.action == "task.progress")
    assert entry.detail["milestone"] == "培训计划印发" and entry.detail["completed_on"] == "2023-11-20"
    with pytest.raises(UsageError, match="只有已完成的任务才有完成日期"):
        set_task_progress(plan_project, 3, "推进中", completed_on=date(2023, 1, 1))
    with pytest.raises(UsageError, match="晚于今天"):
        set_task_progress(plan_project, 3, "已完成", completed_on=date(2999, 1, 1))


def test_undo_takes_back_only_the_latest_record(plan_project: Project) -> None:
    first = set_task_progress(plan_project, 4, "推进中", "已成立考核小组")
    second = set_task_progress(plan_project, 4, "已完成", completed_on=date(2023, 6, 1))
    assert first.record_id is not None and second.record_id is not None
    with pytest.raises(UsageError, match="之后又改过"):
        undo_task_progress(plan_project, first.record_id, by="法制股")
    restored = undo_task_progress(plan_project, second.record_id, by="法制股")
    assert restored.state == "in_progress" and restored.note == "已成立考核小组"
    assert restored.completed_on is None and restored.record_id == first.record_id
    entry = next(e for e in list_log(plan_project) if e.action == "task.progress.undo")
    assert entry.detail["state"] == "done" and entry.detail["restored"] == "in_progress"
    again = undo_task_progress(plan_project, first.record_id, by="法制股")
    assert again.state == "not_started" and again.record_id is None
    with pytest.raises(NotFoundError):
        undo_task_progress(plan_project, first.record_id)
