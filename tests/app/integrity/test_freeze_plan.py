"""A plan project's freeze records the tasks overdue that day (``overdue_tasks``) and warns; it does not
refuse (an annual snapshot of a plan with open tasks is normal). A scoring project's manifest has no
such key."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.cli.main import main
from app.integrity.freeze import freeze, list_freezes
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.status.plan_progress import set_task_progress
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan


@pytest.fixture
def plan_project(tmp_path: Path) -> Iterator[Project]:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        yield project


def test_plan_freeze_records_overdue_tasks(plan_project: Project) -> None:
    task = next(i for i in plan_project.catalog.indicators if i.label == "一.5")
    assert task.deadline is not None
    # 一.5 is due 2021 年底; on 2022-01-01 it is overdue, unless recorded done.
    result = freeze(plan_project, label="2021 年度", today=date(2022, 1, 1))
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    overdue = {t["task"]: t for t in manifest["overdue_tasks"]}
    assert "一.5" in overdue
    assert overdue["一.5"]["due"] == "2021-12-31"
    assert overdue["一.5"]["progress"] == "not_started"
    assert overdue["一.5"]["deadline"] == task.deadline.text
    assert result.to_json()["overdue_tasks"] == manifest["overdue_tasks"]
    assert result.overdue_warning.startswith(f"快照中有 {len(overdue)} 项任务已逾期未完成")
    # The stored freeze row and the audit entry say the same.
    again = list_freezes(plan_project)[-1]
    assert [t["task"] for t in again.overdue_tasks] == [t["task"] for t in manifest["overdue_tasks"]]
    connection = sqlite3.connect(plan_project.folder / "project.sqlite")
    try:
        (detail,) = connection.execute(
            "SELECT detail FROM audit_log WHERE action = 'freeze.create' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    assert "一.5" in json.loads(detail)["overdue_tasks"]

    # Done tasks are not overdue; before any due date the list is empty (the key is still there).
    set_task_progress(plan_project, task.number, "已完成")
    later = freeze(plan_project, today=date(2022, 1, 1))
    assert "一.5" not in {t["task"] for t in later.overdue_tasks}
    early = freeze(plan_project, today=date(2020, 1, 1))
    manifest = json.loads((early.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["overdue_tasks"] == [] and early.overdue_warning == ""


def test_scoring_freeze_has_no_overdue_key(project_dir: Path) -> None:
    with open_project(project_dir) as project:
        result = freeze(project)
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert "overdue_tasks" not in manifest and result.to_json()["overdue_tasks"] == []


def test_cli_plan_freeze_warns_instead_of_refusing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "五台县2024"
    assert (
        main(["init", str(folder), "--county", "五台县", "--year", "2024", "--plan", "wutai-rural-2021"]) == 0
    )
    capsys.readouterr()
    # Many of the plan's tasks are past their 时限 today: the self-check calls them errors, the freeze
    # still goes through (no --force) and says so on stderr.
    assert main(["freeze", str(folder), "--label", "年度", "--json"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["overdue_tasks"] and all(t["due"] for t in result["overdue_tasks"])
    assert "任务已逾期未完成" in captured.err and "overdue_tasks" in captured.err
    assert len(captured.err.strip().splitlines()) == 1
