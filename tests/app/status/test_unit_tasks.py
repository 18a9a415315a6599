"""A unit clerk's tasks: the kit's indicators with their demands done / required."""

from __future__ import annotations

from pathlib import Path

from app.exchange.kits import init_from_kit, issue_kit
from app.project.folder import Project, open_project
from app.status.unit_tasks import kit_settings, unit_tasks
from app.status.workspace import EvidenceFact, IndicatorStatus, compute_progress, project_progress
from indicator_catalog import Catalog


def test_tasks_follow_the_kit_in_catalog_order(small_catalog: Catalog) -> None:
    kit = {"indicators": [5, 3], "deadline": "2030-06-30", "kit_id": "k1"}
    facts = [EvidenceFact(i, (3,), "县司法局") for i in range(1, 5)]
    progress = compute_progress(small_catalog, facts, returned=[5])
    tasks = unit_tasks(small_catalog, unit="县司法局", county="测试县", year=2024, kit=kit, progress=progress)
    assert tasks.numbers() == (3, 5)
    assert tasks.deadline == "2030-06-30" and tasks.kit_id == "k1"
    three, five = tasks.tasks
    # 执法案卷任意10件: 4 of 10 is not done.
    assert (three.done, three.required, three.evidence_count) == (0, 1, 4)
    assert three.status is IndicatorStatus.SOME and not three.complete
    assert five.status is IndicatorStatus.RETURNED and not five.complete
    assert (tasks.done, tasks.required) == (five.done, 1 + five.required)
    # Six more and 第 3 项 is complete.
    facts += [EvidenceFact(i, (3,), "县司法局") for i in range(5, 11)]
    progress = compute_progress(small_catalog, facts)
    tasks = unit_tasks(small_catalog, unit="县司法局", county="测试县", year=2024, kit=kit, progress=progress)
    assert tasks.tasks[0].complete and tasks.complete_tasks >= 1
    assert tasks.document_tasks == sum(1 for t in tasks.tasks if t.required)


def test_unknown_numbers_and_no_kit(small_catalog: Catalog) -> None:
    progress = compute_progress(small_catalog, [])
    tasks = unit_tasks(
        small_catalog,
        unit="县司法局",
        county="测试县",
        year=2024,
        kit={"indicators": [999]},
        progress=progress,
    )
    assert tasks.tasks == () and tasks.deadline is None and (tasks.done, tasks.required) == (0, 0)
    # A workspace without the kit's list falls back to the unit's own indicators.
    tasks = unit_tasks(
        small_catalog, unit="县司法局", county="测试县", year=2024, kit={}, progress=progress, fallback=[3, 1]
    )
    assert tasks.numbers() == (1, 3)


def test_kit_settings_of_a_workspace_and_of_the_office(project: Project, tmp_path: Path) -> None:
    assert kit_settings(project) == {}
    kit = tmp_path / "kit.zip"
    issue_kit(project, unit="县司法局", out=kit, deadline="2030-01-31")
    workspace = tmp_path / "工作区"
    init_from_kit(workspace, kit)
    with open_project(workspace) as unit_project:
        settings = kit_settings(unit_project)
        assert settings["deadline"] == "2030-01-31"
        tasks = unit_tasks(
            unit_project.catalog,
            unit="县司法局",
            county=unit_project.info.county,
            year=unit_project.info.year,
            kit=settings,
            progress=project_progress(unit_project),
        )
    assert set(tasks.numbers()) == set(settings["indicators"]) and tasks.tasks
