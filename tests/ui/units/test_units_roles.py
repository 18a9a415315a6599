"""The units window's roles: what the selected unit leads, co-works on or answers for through a
collective, 设为牵头/设为配合 through the core (stored, audit-logged), and each indicator's (or plan
task's) lead and co-units; both models checked by qtmodeltester with named roles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.units.registry import add_unit, set_collective_members
from app.units.roles import indicator_roles
from indicator_catalog import Catalog
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.shell.main_window import MainWindow
from ui.units.role_models import AssignmentRole, ItemRolesRole
from ui.units.units_editor import UnitsEditorDialog


@pytest.fixture
def folder(tmp_path: Path, small_catalog: Catalog) -> Path:
    folder = tmp_path / "项目"
    create_project(folder, county="测试县", year=2024, catalog=small_catalog, actor="测试员")
    return folder


@pytest.fixture
def project(folder: Path) -> Iterator[Project]:
    with open_project(folder) as opened:
        yield opened


def _rows(model: object, role: int) -> list[object]:
    return [model.index(r, 0).data(role) for r in range(model.rowCount())]  # type: ignore[attr-defined]


def _select_item(dialog: UnitsEditorDialog, label: str) -> None:
    model = dialog.assignments_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(AssignmentRole.LABEL) == label)
    dialog.assignments_view.selectionModel().select(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_a_units_items_and_setting_the_lead(
    qtbot: QtBot, project: Project, qtmodeltester: ModelTester
) -> None:
    add_unit(project, "古城镇")
    set_collective_members(project, "各乡镇", ["古城镇"])
    dialog = UnitsEditorDialog(project)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.select_unit("县发展和改革局")
    model = dialog.assignments_model
    qtmodeltester.check(model)
    assert b"role" in model.roleNames().values() and b"via" in model.roleNames().values()
    assert _rows(model, AssignmentRole.LABEL) == ["1", "2"]
    assert _rows(model, AssignmentRole.ROLE) == ["co", "co"]
    assert model.index(1, 2).data() == "配合"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "指标"
    assert "牵头 0 项，配合 2 项" in dialog.assignments_label.text()

    # 设为牵头 on item 2, by the button.
    _select_item(dialog, "2")
    assert dialog.lead_button.isEnabled()
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.lead_button, Qt.MouseButton.LeftButton)
    assert indicator_roles(project)[2].lead == ("县发展和改革局",)
    assert project.settings["unit_roles"]["2"] == {"lead": "县发展和改革局", "co": ["县市场监督管理局"]}
    entry = list_log(project, action="unit.role")[-1]
    assert entry.detail["unit"] == "县发展和改革局" and entry.detail["after"] == "牵头"
    assert dialog.shown_unit == "县发展和改革局"  # the unit stays shown, its row updated
    assert model.index(1, 2).data() == "牵头" and "牵头 1 项" in dialog.assignments_label.text()
    assert dialog.message.text() == "已把 县发展和改革局 设为 2 的牵头单位"

    # The other side: per indicator, its lead and co-units.
    items = dialog.items_model
    qtmodeltester.check(items)
    assert _rows(items, ItemRolesRole.LABEL) == ["1", "2", "3", "4", "5"]
    assert items.index(1, 0).data(ItemRolesRole.LEAD) == ["县发展和改革局"]
    assert items.index(1, 0).data(ItemRolesRole.CO) == ["县市场监督管理局"]
    assert items.index(1, 2).data() == "县发展和改革局" and items.index(0, 2).data() == "未定牵头单位"

    # A member of a collective answers for its item through it, may lead it, and 设为配合 takes the
    # lead away again.
    assert dialog.select_unit("古城镇")
    assert _rows(model, AssignmentRole.VIA) == ["各乡镇"]
    assert model.index(0, 2).data() == "责任（经 各乡镇）"
    assert dialog.set_role("古城镇", 3, "lead")
    assert indicator_roles(project)[3].lead == ("古城镇",)
    assert items.index(2, 0).data(ItemRolesRole.LEAD) == ["古城镇"]
    _select_item(dialog, "3")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.co_button, Qt.MouseButton.LeftButton)
    assert indicator_roles(project)[3].lead == ()

    # Refused (not responsible): one line, nothing stored.
    before = dict(project.settings["unit_roles"])
    with qtbot.waitSignal(dialog.failed) as failure:
        assert not dialog.set_role("县司法局", 1, "lead")
    assert "不是第 1 项指标的责任单位" in failure.args[0]
    assert project.settings["unit_roles"] == before


def test_rename_keeps_the_unit_shown(qtbot: QtBot, project: Project) -> None:
    dialog = UnitsEditorDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.select_unit("县司法局")
    assert dialog.rename("县司法局", "测试县司法局")
    assert dialog.shown_unit == "测试县司法局"
    assert _rows(dialog.assignments_model, AssignmentRole.LABEL) == ["4", "5"]


def test_read_only_disables_the_role_buttons(qtbot: QtBot, folder: Path) -> None:
    with open_project(folder, readonly=True) as project:
        dialog = UnitsEditorDialog(project)
        qtbot.addWidget(dialog)
        assert not dialog.lead_button.isEnabled() and not dialog.co_button.isEnabled()
        assert "只读" in dialog.lead_button.toolTip()
        dialog.close()


def test_plan_tasks_by_task_id(qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester) -> None:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        dialog = UnitsEditorDialog(project)
        qtbot.addWidget(dialog)
        assert dialog.select_unit("县司法局")
        model = dialog.assignments_model
        qtmodeltester.check(model)
        assert model.headerData(0, Qt.Orientation.Horizontal) == "任务"
        assert "一.3" in _rows(model, AssignmentRole.LABEL)
        number = next(i.number for i in project.catalog.indicators if i.label == "一.3")
        assert dialog.set_role("县司法局", number, "lead")
        assert dialog.message.text() == "已把 县司法局 设为 一.3 的牵头单位"
        assert list_log(project, action="unit.role")[-1].target == "task:一.3"
        items = dialog.items_model
        row = next(
            r for r in range(items.rowCount()) if items.index(r, 0).data(ItemRolesRole.LABEL) == "一.3"
        )
        assert items.index(row, 2).data() == "县司法局"
        assert dialog.role_tabs.tabText(1) == "按任务查看牵头和配合单位"
        dialog.close()


def test_role_changes_are_undone_from_the_window(qtbot: QtBot, folder: Path) -> None:
    """设为牵头 in the units window goes on the project's undo stack: Ctrl+Z after the dialog is closed
    restores the stored roles (``unit.role.undo`` logged), Ctrl+Y makes the change again."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(folder)
    dialog = win.edit_units()
    assert dialog is not None
    assert dialog.select_unit("县发展和改革局")
    assert dialog.set_role("县发展和改革局", 2, "lead")
    project = win.state.require_project()
    assert indicator_roles(project)[2].lead == ("县发展和改革局",)
    dialog.close()
    undo_action = win.registry.find("undo")
    assert undo_action.text() == "撤销“把 县发展和改革局 设为 2 的牵头单位”(&U)"

    bench = win.workbench
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        undo_action.trigger()
    assert indicator_roles(project)[2].lead == ()
    assert "2" not in (project.settings.get("unit_roles") or {})
    assert list_log(project, action="unit.role.undo")[-1].detail["unit"] == "县发展和改革局"
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        win.registry.find("redo").trigger()
    assert indicator_roles(project)[2].lead == ("县发展和改革局",)
    win.close()
