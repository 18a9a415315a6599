"""评审 › 选择待定指标的归属… in the real window on a national-2021 project: the dialog shows both
placements of indicator 69 with their basis and the 一级指标 subtotals, confirming writes the setting
and the audit entry, the tree, panel and score follow, and Ctrl+Z / Ctrl+Y take it back and redo it.
Read-only projects see it disabled with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.assessment.levels import set_level
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.project.placements import choose_placement
from app.status.workspace import snapshot
from indicator_catalog import load_builtin
from ui.review.placement_dialog import PlacementDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def national_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "平顺县2024"
    create_project(folder, county="平顺县", year=2024, catalog=load_builtin("national-2021"), actor="测试员")
    with open_project(folder) as project:
        set_level(project, 69, "达标", by="法制股")
    return folder


@pytest.fixture
def window(qtbot: QtBot, national_dir: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(national_dir)
    qtbot.waitUntil(lambda: win.workbench.keeper.score is not None, timeout=10_000)
    yield win
    win.close()


def _group_of_69(win: MainWindow) -> str:
    model = win.catalog.tree_model
    assert model is not None
    parent = model.indicator_index(69).parent()
    return str(parent.data()).split(" ")[0]


def _numbers(win: MainWindow, code: str) -> tuple[int, ...]:
    catalog = win.state.catalog
    assert catalog is not None
    return catalog.area(code).numbers


def _open_dialog(qtbot: QtBot, win: MainWindow) -> PlacementDialog:
    action = win.registry.find("choosePlacement")
    assert action.isVisible() and action.isEnabled()
    assert action in win.menus.review.actions()
    action.trigger()
    dialog = win.workbench.dialog
    assert isinstance(dialog, PlacementDialog)
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=10_000)
    return dialog


def _wait_score(qtbot: QtBot, win: MainWindow, area: str, numbers_has_69: bool) -> None:
    def ready() -> bool:
        score = win.workbench.keeper.score
        task = win.workbench.keeper.last_task
        if score is None or (task is not None and task.running):
            return False
        in_area = any(a.code == area and 69 in _numbers(win, area) for a in score.areas)
        return in_area == numbers_has_69

    qtbot.waitUntil(ready, timeout=10_000)


def test_choose_undo_redo_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    project = window.state.require_project()
    bench = window.workbench
    assert _group_of_69(window) == "四.6"
    dialog = _open_dialog(qtbot, window)
    assert "第 69 项的归属待定" in dialog.question_label.text()
    assert "当前按 四.6“健全行政执法人员管理制度”计分（指标体系默认）" in dialog.current_label.text()
    assert "尚未选择过" in dialog.decision_label.text()
    assert set(dialog.radios) == {"四.6", "五.1"}
    assert dialog.radios["四.6"].isChecked() and "当前" in dialog.radios["四.6"].text()
    assert "原表位置" in dialog.radios["四.6"].text()
    assert "五.1“自觉接受各类监督”（一级指标五" in dialog.radios["五.1"].text()
    for group in ("四.6", "五.1"):
        detail = dialog.detail_labels[group].text()
        assert "依据：" in detail and "一级指标四小计" in detail and "一级指标五小计" in detail, detail
    assert not dialog.reason_label.isVisible()
    assert not dialog.ok_button.isEnabled()  # the choice in force: nothing to confirm

    dialog.select("五.1")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # The database and the audit log.
    assert project.catalog.indicator(69).group == "五.1"
    with open_project(project.folder, readonly=True) as other:
        assert other.catalog.indicator(69).group == "五.1"
    entry = list_log(project, action="catalog.placement")[-1]
    assert entry.detail["from"] == "四.6" and entry.detail["to"] == "五.1"
    # The window follows: tree, panel, score.
    assert window.state.catalog is not None and window.state.catalog.indicator(69).group == "五.1"
    assert _group_of_69(window) == "五.1"
    assert window.statusBar().currentMessage() == "第 69 项归入 五.1（Ctrl+Z 撤销）"
    _wait_score(qtbot, window, "五", True)
    score_tree = bench.score_view.tree_model
    assert str(score_tree.index_of("indicator", "69").parent().data()).startswith("五.1")
    window.select_indicator(69)
    qtbot.waitUntil(lambda: window.panel.number == 69)
    assert "本项目按 五.1“自觉接受各类监督”计分（办公室选定）" in window.panel.placement_label.text()
    undo_action = window.registry.find("undo")
    assert undo_action.text() == "撤销“第 69 项归入 五.1”(&U)"

    # Ctrl+Z: back to the table's layout, logged.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.catalog.indicator(69).group == "四.6"
    assert list_log(project, action="catalog.placement.undo")[-1].detail["restored"] == "四.6"
    assert _group_of_69(window) == "四.6"
    _wait_score(qtbot, window, "四", True)
    assert "placements" not in project.settings

    # Ctrl+Y: 五.1 again; the dialog now says who chose it and when.
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert project.catalog.indicator(69).group == "五.1"
    assert _group_of_69(window) == "五.1"
    again = _open_dialog(qtbot, window)
    assert "选定 五.1" in again.decision_label.text()
    assert again.radios["五.1"].isChecked() and not again.ok_button.isEnabled()
    # An open dialog follows an undo made meanwhile.
    with qtbot.waitSignal(again.loaded, timeout=10_000):
        bench.undo.undo()
    assert again.radios["四.6"].isChecked() and "撤销了选择" in again.decision_label.text()
    again.close()


def test_panel_button_opens_the_dialog_for_69(qtbot: QtBot, window: MainWindow) -> None:
    window.select_indicator(69)
    qtbot.waitUntil(lambda: window.panel.number == 69)
    button = window.panel.placement_button
    assert button.isVisible() and button.isEnabled()
    assert "点“选择归属…”" in window.panel.placement_label.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.workbench.dialog
    assert isinstance(dialog, PlacementDialog)
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=10_000)
    assert dialog.question is not None and dialog.question.view.question.indicator == 69
    dialog.close()
    window.select_indicator(70)
    qtbot.waitUntil(lambda: window.panel.number == 70)
    assert not button.isVisible()


def test_an_undo_changed_since_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    project = window.state.require_project()
    bench = window.workbench
    dialog = _open_dialog(qtbot, window)
    dialog.select("五.1")
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    choose_placement(project, "69", "四.6", by="命令行")  # someone else changed it meanwhile
    task = bench.undo.undo()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "第 69 项的归属在这一步之后又改过" in box.text()
    assert project.catalog.indicator(69).group == "四.6"
    assert bench.undo.stack.count() == 0
    box.close()


def test_read_only_project_disables_with_the_reason(
    qtbot: QtBot, window: MainWindow, national_dir: Path
) -> None:
    window.close_project()
    project = open_project(national_dir, readonly=True)
    window.state.set_project(project, snapshot(project))
    action = window.registry.find("choosePlacement")
    assert not action.isEnabled() and "只读" in action.toolTip()
    assert not window.panel.placement_button.isEnabled()
    assert "只读" in window.panel.placement_button.toolTip()
    # Opened anyway (e.g. from code): it shows, but nothing can be chosen.
    dialog = window.workbench.choose_placement(69)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=10_000)
    assert dialog.reason_label.isVisible() and "只读" in dialog.reason_label.text()
    assert not dialog.radios["五.1"].isEnabled() and not dialog.ok_button.isEnabled()
    dialog.close()
    assert project.catalog.indicator(69).group == "四.6"


def test_dashboard_counts_follow_the_choice(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    with qtbot.waitSignal(bench.dashboard.refreshed, timeout=10_000):
        bench.views.setCurrentWidget(bench.dashboard)
        bench.dashboard.reload()

    def totals() -> dict[str, int]:
        data = bench.dashboard.data
        assert data is not None
        return {a.code: a.total for a in data.areas}

    before = totals()
    dialog = _open_dialog(qtbot, window)
    dialog.select("五.1")
    with qtbot.waitSignal(bench.dashboard.refreshed, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    after = totals()
    assert after["四"] == before["四"] - 1 and after["五"] == before["五"] + 1
    model = bench.dashboard.area_model
    row = next(r for r in range(model.rowCount()) if str(model.index(r, 0).data()).startswith("五、"))
    assert model.index(row, 1).data() == str(after["五"])


def test_unit_workspace_disables_with_the_reason(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "单位工作区"
    create_project(
        folder,
        county="平顺县",
        year=2024,
        catalog=load_builtin("national-2021"),
        role="unit",
        unit="县司法局",
    )
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(folder)
    action = win.registry.find("choosePlacement")
    assert not action.isEnabled() and not action.isVisible()
    assert "单位工作区" in action.toolTip()
    assert not win.panel.placement_button.isEnabled()
    assert "单位工作区" in win.panel.placement_button.toolTip()
    dialog = win.workbench.choose_placement(69)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=10_000)
    assert "单位工作区" in dialog.reason_label.text() and not dialog.ok_button.isEnabled()
    assert not dialog.radios["五.1"].isEnabled()
    dialog.close()
    win.close()
