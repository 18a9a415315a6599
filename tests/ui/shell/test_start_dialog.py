"""Start dialog and new-project dialog, driven like a user would."""

# pytest-qt's qtmodeltester is untyped:
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import Catalog
from ui.common import settings
from ui.shell.start_dialog import NewProjectDialog, RecentProjectsModel, StartDialog


def test_create_a_project_through_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    start = StartDialog()
    qtbot.addWidget(start)
    start.show()
    dialog = start.new_project()
    assert isinstance(dialog, NewProjectDialog)
    assert not dialog.create_button.isEnabled()  # no county yet
    dialog.county_edit.insert("陵川县")  # QTest key clicks are ASCII-only
    assert "陵川县" in dialog.folder_edit.text()  # the folder follows the county until edited
    folder = tmp_path / "项目" / "陵川县2022"
    dialog.folder_edit.setText(str(folder))
    dialog.year_spin.setValue(2022)
    assert dialog.catalog_combo.currentData() == "national-2021"
    assert dialog.create_button.isEnabled()
    with qtbot.waitSignal(start.accepted, timeout=20_000):
        dialog.create_button.click()
    assert dialog.created_folder == folder.absolute()
    assert start.chosen_folder == folder.absolute()
    assert settings.recent_projects()[0] == folder.absolute()
    with open_project(folder, readonly=True) as project:
        assert (project.info.county, project.info.year, project.info.catalog_id) == (
            "陵川县",
            2022,
            "national-2021",
        )
        assert len(project.catalog.indicators) > 0


def test_new_project_refuses_an_existing_project_folder(
    qtbot: QtBot, tmp_path: Path, small_catalog: Catalog
) -> None:
    existing = tmp_path / "已有"
    create_project(existing, county="测试县", year=2022, catalog=small_catalog)
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.county_edit.setText("测试县")
    dialog.folder_edit.setText(str(existing))
    assert not dialog.create_button.isEnabled()
    assert "已经是一个项目" in dialog.problem_label.text()


def test_recent_projects_and_opening(
    qtbot: QtBot, tmp_path: Path, small_catalog: Catalog, qtmodeltester: ModelTester
) -> None:
    first = tmp_path / "甲县"
    second = tmp_path / "乙县"
    for folder in (first, second):
        create_project(folder, county=folder.name, year=2022, catalog=small_catalog)
        settings.add_recent_project(folder)
    settings.add_recent_project(tmp_path / "拔掉的U盘")
    model = RecentProjectsModel()
    qtmodeltester.check(model)
    assert [model.path(r).name for r in range(model.rowCount())] == ["拔掉的U盘", "乙县", "甲县"]
    assert "文件夹不存在" in model.index(0).data(0x03)  # ToolTipRole
    assert model.index(0).data() == "拔掉的U盘"

    start = StartDialog()
    qtbot.addWidget(start)
    assert start.recent_view.currentIndex().row() == 0
    start.recent_view.setCurrentIndex(start.recent_model.index(1))
    with qtbot.waitSignal(start.accepted):
        start.open_recent_button.click()
    assert start.chosen_folder == second


def test_opening_a_folder_that_is_not_a_project(qtbot: QtBot, tmp_path: Path) -> None:
    start = StartDialog()
    qtbot.addWidget(start)
    assert not start.try_open_folder(tmp_path)
    boxes = [b for b in start.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert "不是项目文件夹" in boxes[0].text()
    boxes[0].close()
    assert start.chosen_folder is None


def test_kit_button_is_enabled(qtbot: QtBot) -> None:
    start = StartDialog()
    qtbot.addWidget(start)
    assert start.kit_button.isEnabled()


def test_open_a_unit_kit_and_see_my_tasks(qtbot: QtBot, tmp_path: Path, small_catalog: Catalog) -> None:
    from app.exchange.kits import issue_kit
    from ui.shell.main_window import MainWindow

    office = tmp_path / "办公室"
    create_project(office, county="测试县", year=2022, catalog=small_catalog)
    kit = tmp_path / "县司法局任务包.zip"
    with open_project(office) as project:
        issue_kit(project, unit="县司法局", out=kit)
    start = StartDialog()
    qtbot.addWidget(start)
    workspace = tmp_path / "县司法局工作区"
    with qtbot.waitSignal(start.accepted, timeout=20_000):
        start.import_kit(kit, workspace)
    assert start.chosen_folder == workspace
    assert settings.recent_projects()[0] == workspace

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.project_loaded, timeout=20_000):
        window.open_project(workspace)
    assert window.catalog.unit_combo.currentText() == "我的任务（县司法局）"
    assert window.role_label.text() == "单位工作区：县司法局"
    visible = [n for n in range(1, 6) if window.catalog.proxy_index(n).isValid()]
    assert visible == [4, 5]
    window.close()
