"""登记进度 in the window on a plan project: the real dialog writes through ``set_task_progress`` (audit
log), the tree, filter counts and dashboard follow, Ctrl+Z/Ctrl+Y take it back and redo it, a step that
no longer fits is refused; the action is disabled with its reason when read-only or in a unit workspace."""

# pytest-qt's qtmodeltester is untyped:
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCharts import QHorizontalPercentBarSeries
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.export.dispatch import ExportKind
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.status.plan_progress import TaskRow, set_task_progress, task_rows
from app.status.workspace import snapshot
from indicator_catalog import load_builtin
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.catalog.catalog_model import CatalogRole
from ui.export.export_dialogs import ExportDialog
from ui.shell.main_window import MainWindow
from ui.status.selfcheck_view import GroupBy
from ui.status.task_progress import TaskProgressDialog


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    return folder


@pytest.fixture
def window(qtbot: QtBot, plan_dir: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(plan_dir)
    qtbot.waitUntil(lambda: len(win.workbench.tracker.rows) == 31, timeout=10_000)
    yield win
    win.close()


def _row(win: MainWindow, number: int) -> TaskRow:
    return next(r for r in task_rows(win.state.require_project()) if r.number == number)


def _open_dialog(qtbot: QtBot, win: MainWindow, number: int) -> TaskProgressDialog:
    assert win.select_indicator(number)
    qtbot.waitUntil(lambda: win.catalog.current == number)
    action = win.registry.find("recordProgress")
    qtbot.waitUntil(action.isEnabled)
    action.trigger()
    dialog = win.workbench.progress_control.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _tree_status(win: MainWindow, number: int) -> str:
    model = win.catalog.tree_model
    assert model is not None
    return str(model.indicator_index(number, 1).data())


def test_record_progress_then_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    action = window.registry.find("recordProgress")
    assert action.isVisible() and action in window.menus.review.actions()
    dialog = _open_dialog(qtbot, window, 3)
    assert dialog.windowTitle() == "登记进度：任务 一.3"
    assert _tree_status(window, 3) == "已逾期"  # 2023年底前, not done
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("done"))
    assert dialog.completed_check.isChecked() and dialog.completed_edit.isEnabled()
    dialog.completed_edit.setDate(QDate(2023, 12, 20))
    dialog.note_edit.setPlainText("已印发培训计划")
    dialog.milestone_combo.setCurrentText("培训计划印发")
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    row = _row(window, 3)
    assert (row.state, row.note, row.milestone, row.completed_on) == (
        "done",
        "已印发培训计划",
        "培训计划印发",
        date(2023, 12, 20),
    )
    entry = next(e for e in list_log(window.state.require_project()) if e.action == "task.progress")
    assert entry.target == "task:一.3" and entry.detail["completed_on"] == "2023-12-20"
    assert window.statusBar().currentMessage() == "任务 一.3 登记为 已完成（Ctrl+Z 撤销）"
    qtbot.waitUntil(lambda: _tree_status(window, 3) == "已完成")
    # The task's page shows what was recorded.
    label = window.panel.task_progress_label
    assert label.isVisible() and "已完成" in label.text() and "完成日期 2023-12-20" in label.text()
    assert "已印发培训计划" in label.text() and "培训计划印发" in label.text()
    counts = window.catalog.status_combo
    assert counts.itemText(0) == "全部任务（31）"
    overdue = sum(1 for r in task_rows(window.state.require_project()) if r.status == "overdue")
    assert counts.itemText(1) == f"只看逾期（{overdue}）"
    assert "已完成 1 · 推进中 0" in window.catalog.summary_label.text()
    assert f"已逾期 {overdue}" in window.catalog.summary_label.text()

    # The dashboard's 任务完成 card: done out of all, and the overdue count.
    bench.views.setCurrentWidget(bench.dashboard)
    card = bench.dashboard.task_card
    qtbot.waitUntil(lambda: card.value.text() == "1/31", timeout=10_000)
    assert card.isVisible() and f"已逾期 {overdue} 项" in card.detail.text()
    assert not bench.dashboard.score_card.isVisible()
    # The chart of task statuses per section stands where the score chart would: section 一 has 1 done.
    chart = bench.dashboard.task_chart
    qtbot.waitUntil(lambda: bool(chart.series()), timeout=10_000)

    def bars() -> dict[str, list[float]]:  # read afresh: a redraw replaces the series
        series = cast(QHorizontalPercentBarSeries, chart.series()[0])
        return {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}

    assert list(bars()) == ["已完成", "推进中", "未启动", "已逾期"]
    qtbot.waitUntil(lambda: bars()["已完成"][5] == 1.0)  # the first section is the last bar (on top)
    assert sum(bars()["已逾期"]) == overdue
    assert chart.title() == "各类任务完成情况"

    # Ctrl+Z takes it back (audit-logged), Ctrl+Y records it again.
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        window.registry.find("undo").trigger()
    assert _row(window, 3).state == "not_started" and _row(window, 3).record_id is None
    assert any(e.action == "task.progress.undo" for e in list_log(window.state.require_project()))
    qtbot.waitUntil(lambda: card.value.text() == "0/31")
    assert _tree_status(window, 3) == "已逾期"
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        window.registry.find("redo").trigger()
    assert _row(window, 3).state == "done" and _row(window, 3).completed_on == date(2023, 12, 20)
    qtbot.waitUntil(lambda: _tree_status(window, 3) == "已完成")


def test_the_overdue_filter_in_the_pane(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.catalog
    combo = pane.status_combo
    combo.setCurrentIndex(1)  # 只看逾期
    overdue = {r.task_id for r in task_rows(window.state.require_project()) if r.status == "overdue"}
    proxy = pane.proxy
    shown = {
        str(proxy.index(row, 0, proxy.index(section, 0)).data(CatalogRole.CODE))
        for section in range(proxy.rowCount())
        for row in range(proxy.rowCount(proxy.index(section, 0)))
    }
    assert shown == overdue and combo.itemText(1) == f"只看逾期（{len(overdue)}）"
    # Recording one as done takes it out of the filtered tree.
    dialog = _open_dialog(qtbot, window, 3)
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("done"))
    with qtbot.waitSignal(window.workbench.undo.applied, timeout=10_000):
        dialog.accept()
    qtbot.waitUntil(lambda: combo.itemText(1) == f"只看逾期（{len(overdue) - 1}）")
    assert combo.currentIndex() == 1
    assert not pane.proxy_index(3).isValid()
    # Reopened, the filter stays and counts the reopened project's tasks.
    folder = window.state.require_project().folder
    window.close_project()
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.open_project(folder)
    qtbot.waitUntil(lambda: combo.itemText(1) == f"只看逾期（{len(overdue) - 1}）", timeout=10_000)
    assert combo.currentIndex() == 1 and not pane.proxy_index(3).isValid() and pane.proxy_index(4).isValid()


def test_a_step_that_no_longer_fits_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    dialog = _open_dialog(qtbot, window, 4)
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("in_progress"))
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        dialog.accept()
    project = window.state.require_project()
    set_task_progress(project, 4, "已完成", "命令行登记")  # someone else, meanwhile
    task = bench.undo.undo()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "任务 一.4 的进度在这一步之后又改过" in box.text()
    assert _row(window, 4).state == "done" and _row(window, 4).note == "命令行登记"
    assert bench.undo.stack.count() == 0
    box.close()


def test_disabled_with_its_reason_when_read_only_or_a_unit_workspace(
    qtbot: QtBot, window: MainWindow, plan_dir: Path
) -> None:
    action = window.registry.find("recordProgress")
    control = window.workbench.progress_control
    window.close_project()
    assert not action.isVisible()
    project = open_project(plan_dir, readonly=True)
    window.state.set_project(project, snapshot(project))
    qtbot.waitUntil(lambda: len(window.workbench.tracker.rows) == 31, timeout=10_000)
    window.select_indicator(3)
    assert action.isVisible() and not action.isEnabled()
    assert "只读" in action.toolTip() and control.open_dialog(3) is None
    unit = replace(snapshot(project), info=replace(project.info, role="unit", unit="县司法局"))
    window.state.set_project(project, unit)
    assert not action.isEnabled() and "单位工作区不能登记进度" in action.toolTip()
    assert task_rows(project)[2].record_id is None


def test_plan_words_replace_indicator_words(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    registry = window.registry
    assert registry.find("exportReportPdf").text() == "任务进度报告（PDF）(&P)…"
    assert registry.find("exportWorkbook").text() == "任务进度表（Excel）(&X)…"
    assert registry.find("searchIndicators").text() == "搜索任务(&F)"
    assert not registry.find("editNarrative").isVisible()
    dialog = window.workbench.export(ExportKind.REPORT_PDF)
    assert dialog is not None and dialog.windowTitle() == "导出任务进度报告（PDF）"
    assert Path(cast(ExportDialog, dialog).path_edit.text()).name == "五台县任务清单落实进度报告.pdf"
    dialog.close()
    bench = window.workbench
    assert bench.views.tabText(bench.views.indexOf(window.splitter)) == "任务与资料"
    assert window.catalog.tree_model is not None
    assert window.catalog.tree_model.headerData(0, Qt.Orientation.Horizontal) == "任务"
    assert window.select_indicator(3)
    qtbot.waitUntil(lambda: window.panel.number == 3)
    assert not window.panel.note_button.isVisible()  # no 自评说明 in a task list
    assert window.panel.path_label.text() == "一、加强行政执法队伍建设，规范涉农领域行政执法"
    view = bench.selfcheck_view
    bench.views.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "任务"
    view.group_combo.setCurrentIndex(view.group_combo.findData(int(GroupBy.INDICATOR)))
    assert view.group_combo.currentText() == "按任务分组"
    titles = [view.model.index(row, 0).data() for row in range(view.model.rowCount())]
    assert any(str(t).startswith("任务 一.3  法治乡村执法队伍建设") for t in titles)
    qtmodeltester.check(view.model)
    dashboard = bench.dashboard
    bench.views.setCurrentWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    model = dashboard.area_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, 1)] == ["任务类别", "任务数"]
    assert dashboard.tabs.tabText(1) == "按任务类别"
    qtmodeltester.check(model)
    units = dashboard.unit_model
    assert units.headerData(2, Qt.Orientation.Horizontal) == "负责任务"
    qtmodeltester.check(units)
    assert window.workbench.review_pane.path_label.text() == window.panel.path_label.text()


def test_progress_button_only_in_plan_projects(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """The panel's 登记进度 button follows the action's visibility: shown for a plan, gone otherwise."""
    button = window.panel.findChild(QToolButton, "recordProgressButton")
    assert button is not None and not button.isHidden()
    scored = tmp_path / "陵川县2024"
    create_project(scored, county="陵川县", year=2024, catalog=load_builtin("national-2021"))
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.open_project(scored)
    qtbot.waitUntil(lambda: not window.registry.find("recordProgress").isVisible())
    assert button.isHidden()
