"""A plan project's task tree: sections without repeated rows, task titles, task statuses with their due
date, and the task filter (只看逾期 / 未完成) through the proxy; checked with qtmodeltester."""

# pytest-qt's qtmodeltester is untyped:
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.project.create import create_project
from app.project.folder import Project, open_project
from app.status.plan_progress import TaskRow, set_task_progress, task_rows
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan, plan_from_document
from ui.catalog.catalog_model import (
    KIND_AREA,
    KIND_INDICATOR,
    CatalogFilterProxy,
    CatalogRole,
    CatalogTreeModel,
)
from ui.common.plan_tasks import TaskStatus

# 附：主要任务清单 of shared/seeds/000_4b4ae2f37bb6e22a.txt: six sections, tasks 1–31 numbered through.
SEED_SECTIONS = {
    "一": ("加强行政执法队伍建设，规范涉农领域行政执法", range(1, 7)),
    "二": ("构筑乡村公共法律服务平台，完善乡村公共法律服务体系", range(7, 13)),
    "三": ("提升政府依法履职能力，强化法治乡村行政权力运行监督", range(13, 17)),
    "四": ("细化涉农司法体系建设，强化乡村司法保障", range(17, 23)),
    "五": ("完善乡村治理体制机制，推进乡村依法治理", range(23, 27)),
    "六": ("加强乡村法治宣传教育，提升群众法治思维", range(27, 32)),
}
TODAY = date(2024, 3, 1)


@pytest.fixture
def plan_project(tmp_path: Path) -> Iterator[Project]:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        yield project


def _children(model: QAbstractItemModel, parent: QModelIndex) -> list[QModelIndex]:
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def _rows(project: Project) -> dict[int, TaskRow]:
    return {r.number: r for r in task_rows(project, TODAY)}


def test_sections_hold_their_tasks_once_as_in_the_seed(
    qtmodeltester: ModelTester, plan_project: Project
) -> None:
    model = CatalogTreeModel(plan_project.catalog)
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "任务"
    sections = _children(model, QModelIndex())
    assert [s.data() for s in sections] == [f"{code}、{name}" for code, (name, _) in SEED_SECTIONS.items()]
    for section, (code, (name, numbers)) in zip(sections, SEED_SECTIONS.items(), strict=True):
        assert section.data(CatalogRole.KIND) == KIND_AREA
        tasks = _children(model, section)
        # No second row repeating the section: its tasks sit right under it, each once.
        assert [t.data(CatalogRole.KIND) for t in tasks] == [KIND_INDICATOR] * len(numbers)
        assert [t.data(CatalogRole.CODE) for t in tasks] == [f"{code}.{n}" for n in numbers]
        for task in tasks:
            text = str(task.data())
            assert name not in text  # a task does not repeat its section's text
            assert not text.endswith("。") and len(text) < 40  # its leading sentence, not the whole task
    first = _children(model, sections[0])[0]
    assert first.data() == "一.1 健全法治乡村执法体制机制"
    # Quoted full stops stay: 二.10 is 落实“一村一法律顾问制度。”
    assert _children(model, sections[1])[3].data() == "二.10 落实“一村一法律顾问制度。”"


def test_task_status_icon_text_and_due_date(qtmodeltester: ModelTester, plan_project: Project) -> None:
    set_task_progress(plan_project, 1, "推进中", "已起草方案")
    set_task_progress(plan_project, 5, "已完成", completed_on=date(2021, 12, 1))
    model = CatalogTreeModel(plan_project.catalog)
    qtmodeltester.check(model)
    model.set_task_rows(_rows(plan_project))
    qtmodeltester.check(model)

    def status(number: int) -> tuple[object, object]:
        index = model.indicator_index(number)
        return index.data(CatalogRole.TASK_STATUS), model.indicator_index(number, 1).data()

    assert status(1) == ("in_progress", "推进中")  # 2025年6月前: not yet due
    assert status(5) == ("done", "已完成")
    assert status(3) == ("overdue", "已逾期")  # 2023年底前
    assert status(2) == ("not_started", "未启动")  # 长期: never overdue
    assert model.indicator_index(3).data(Qt.ItemDataRole.DecorationRole) is not None
    tip = str(model.indicator_index(3).data(Qt.ItemDataRole.ToolTipRole))
    assert "任务 一.3：已逾期" in tip and "完成时限：2023年底前（2023-12-31）" in tip
    assert "完成日期：2021-12-01" in str(model.indicator_index(5).data(Qt.ItemDataRole.ToolTipRole))
    assert "进度说明：已起草方案" in str(model.indicator_index(1).data(Qt.ItemDataRole.ToolTipRole))
    section = model.indicator_index(1).parent()
    assert model.index(section.row(), 1).data() == "1/6"
    assert section.data(CatalogRole.OVERDUE_COUNT) == 3  # 一.3, 一.4, 一.6 (due 2023/2021) … not 一.5
    assert "1/6 项任务已完成，3 项已逾期" in str(section.data(Qt.ItemDataRole.ToolTipRole))


def test_the_task_filter_shows_overdue_or_open_tasks(
    qtmodeltester: ModelTester, plan_project: Project
) -> None:
    set_task_progress(plan_project, 3, "已完成")
    model = CatalogTreeModel(plan_project.catalog)
    model.set_task_rows(_rows(plan_project))
    proxy = CatalogFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    rows = task_rows(plan_project, TODAY)
    overdue = {r.task_id for r in rows if r.status == "overdue"}

    def shown() -> set[str]:
        return {
            str(task.data(CatalogRole.CODE))
            for section in _children(proxy, QModelIndex())
            for task in _children(proxy, section)
        }

    proxy.set_task_statuses([TaskStatus.OVERDUE])
    assert shown() == overdue and "一.3" not in overdue
    assert proxy.filtering
    proxy.set_task_statuses([TaskStatus.OVERDUE, TaskStatus.ACTIVE, TaskStatus.IDLE])
    assert shown() == {r.task_id for r in rows} - {"一.3"}
    # A task recorded done later leaves the overdue view once the rows are pushed in.
    set_task_progress(plan_project, 4, "已完成")
    proxy.set_task_statuses([TaskStatus.OVERDUE])
    model.set_task_rows(_rows(plan_project))
    proxy.refilter_tasks()
    assert shown() == overdue - {"一.4"}
    proxy.set_task_statuses(None)
    assert len(shown()) == 31 and not proxy.filtering


def test_a_two_level_plan_shows_its_subsections_as_printed(qtmodeltester: ModelTester) -> None:
    document = {
        "schema_version": 2,
        "kind": "plan",
        "id": "two-level",
        "title": "两级任务清单",
        "units": [{"name": "县司法局"}],
        "sections": [
            {"code": "一", "name": "依法全面履行政府职能"},
            {"code": "一.（一）", "name": "推进政府机构职能优化", "parent": "一"},
        ],
        "tasks": [
            {"id": "一.2", "section": "一", "text": "直接在一下的任务。", "units": ["县司法局"]},
            {"id": "一.（一）.1", "section": "一.（一）", "text": "完善权责清单。", "units": ["县司法局"]},
        ],
    }
    model = CatalogTreeModel(plan_as_catalog(plan_from_document(document)))
    qtmodeltester.check(model)
    [section] = _children(model, QModelIndex())
    children = _children(model, section)
    assert [c.data() for c in children] == ["一.2 直接在一下的任务", "（一）推进政府机构职能优化"]
    assert [t.data() for t in _children(model, children[1])] == ["一.（一）.1 完善权责清单"]
