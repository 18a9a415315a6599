"""The units window on a real project: the table model (checked by qtmodeltester, named roles), edits
through the core, and an import whose unsure names are confirmed in a table of candidates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, open_project
from indicator_catalog import Catalog
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.units.units_editor import (
    AliasesRole,
    ImportConfirmDialog,
    IndicatorsRole,
    KindRole,
    MembersRole,
    NameRole,
    UnitsEditorDialog,
)


@pytest.fixture
def project(tmp_path: Path, small_catalog: Catalog) -> Iterator[Project]:
    folder = tmp_path / "项目"
    create_project(folder, county="测试县", year=2024, catalog=small_catalog, actor="测试员")
    with open_project(folder) as opened:
        yield opened


def _row(dialog: UnitsEditorDialog, name: str) -> int:
    model = dialog.model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(NameRole) == name)


def test_model_shows_units_with_named_roles(
    qtbot: QtBot, project: Project, qtmodeltester: ModelTester
) -> None:
    dialog = UnitsEditorDialog(project)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert b"aliases" in dialog.model.roleNames().values()
    index = dialog.model.index(_row(dialog, "县发展和改革局"), 0)
    assert index.data(AliasesRole) == ["县发改局"] and index.data(KindRole) == "unit"
    assert index.data(IndicatorsRole) == [1, 2]
    assert dialog.model.index(index.row(), 1).data() == "县发改局"
    towns = dialog.model.index(_row(dialog, "各乡镇"), 0)
    assert towns.data(KindRole) == "collective"


def test_edits_go_through_the_core(qtbot: QtBot, project: Project) -> None:
    dialog = UnitsEditorDialog(project)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.changed):
        assert dialog.add("古城镇")
    assert dialog.set_members("各乡镇", ["古城镇"])
    towns = dialog.model.index(_row(dialog, "各乡镇"), 0)
    assert towns.data(MembersRole) == ["古城镇"]
    assert dialog.rename("古城镇", "古城镇人民政府")
    assert dialog.set_aliases("古城镇人民政府", ["古城镇", "古城"])
    town = dialog.model.index(_row(dialog, "古城镇人民政府"), 0)
    towns = dialog.model.index(_row(dialog, "各乡镇"), 0)
    assert town.data(AliasesRole) == ["古城镇", "古城"]
    assert town.data(IndicatorsRole) == towns.data(IndicatorsRole) != []  # through the collective
    actions = [e.action for e in list_log(project)]
    assert {"unit.add", "unit.members", "unit.rename", "unit.aliases"} <= set(actions)
    with qtbot.waitSignal(dialog.failed) as failure:
        assert not dialog.rename("县司法局", "县发改局")
    assert "已被使用" in failure.args[0] and "已被使用" in dialog.message.text()


def test_import_asks_for_unsure_names(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["单位名称", "类型"], ["县市监局", "单位"], ["北留镇", "单位"]):
        sheet.append(row)
    path = tmp_path / "单位.xlsx"
    workbook.save(path)
    dialog = UnitsEditorDialog(project)
    qtbot.addWidget(dialog)
    plan = dialog.plan_import(path)
    assert plan is not None
    confirm = ImportConfirmDialog(plan, dialog)
    qtbot.addWidget(confirm)
    assert confirm.table.rowCount() == 1 and confirm.table.item(0, 0).text() == "县市监局"  # type: ignore[union-attr]
    assert confirm.choices() == {"县市监局": "县市场监督管理局"}
    assert confirm.table.item(0, 2).text()  # type: ignore[union-attr]  # the matcher's reason
    assert dialog.apply_import(plan, confirm.choices())
    market = dialog.model.index(_row(dialog, "县市场监督管理局"), 0)
    assert "县市监局" in market.data(AliasesRole)
    assert _row(dialog, "北留镇") >= 0
    assert dialog.plan_import(tmp_path / "missing.xlsx") is None


def _sheet(tmp_path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "单位名单.xlsx"
    workbook.save(path)
    return path


def test_import_refuses_a_file_with_a_bad_row(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    """All or nothing: a bad row (here an unknown member in row 4) leaves the units as they were."""
    path = _sheet(
        tmp_path,
        [
            ["单位名称", "类型", "包含单位"],
            ["古城镇", "单位", ""],
            ["北留镇", "单位", ""],
            ["各乡镇", "集体", "不存在镇"],
        ],
    )
    dialog = UnitsEditorDialog(project)
    qtbot.addWidget(dialog)
    before = dialog.model.rowCount()
    plan = dialog.plan_import(path)
    assert plan is not None
    with qtbot.waitSignal(dialog.failed) as failure:
        assert not dialog.apply_import(plan, {})
    assert "第 4 行" in str(failure.args[0]) and "未导入" in str(failure.args[0])
    assert dialog.model.rowCount() == before
    empty = _sheet(tmp_path, [["单位名称", "类型"], ["古城镇", "单位"], ["", "单位"]])
    with qtbot.waitSignal(dialog.failed) as failure:
        assert dialog.plan_import(empty) is None
    assert "第 3 行" in str(failure.args[0])


def test_plan_tasks_show_their_ids(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "五台县"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as opened:
        dialog = UnitsEditorDialog(opened)
        qtbot.addWidget(dialog)
        tasks = dialog.model.index(_row(dialog, "县司法局"), 4).data()
        assert tasks.startswith("一.1、一.3") and "六.31" in tasks
        dialog.close()


def test_unit_names_fit_their_column(qtbot: QtBot, project: Project) -> None:
    """Qt's default 100 px column cut names like 县人力资源和社会保障局 (seen at 1366×768)."""
    dialog = UnitsEditorDialog(project)
    qtbot.addWidget(dialog)
    metrics = dialog.view.fontMetrics()
    assert dialog.view.columnWidth(0) > metrics.horizontalAdvance("县人力资源和社会保障局")
    assert dialog.view.horizontalHeader().stretchLastSection()
