"""我的任务 of a unit workspace on a plan project: tasks by their ids as printed."""

# pytest-qt's qtmodeltester is untyped:
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.project.create import create_project
from app.project.folder import open_project
from app.status.unit_tasks import UnitTask
from app.status.workspace import IndicatorStatus
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.status.unit_tasks_view import UnitTasksModel


def test_a_units_task_page_shows_task_ids(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        catalog = project.catalog
    model = UnitTasksModel()
    model.set_catalog(catalog)
    model.set_rows(
        [UnitTask(3, catalog.indicator(3).text, (), IndicatorStatus.NONE, 0)]  # 我的任务 of a unit workspace
    )
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "任务"
    assert model.index(0, 0).data() == "一.3"
