"""The part-2 panes inside the main window: tabs, menus, the banner everywhere, links between views."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.export.export_dialogs import ExportDialog
from ui.shell.main_window import MainWindow

pytest_plugins = ["conftest_part2"]


def _menu_names(win: MainWindow) -> list[str]:
    return [a.menu().objectName() for a in win.menuBar().actions() if a.menu() is not None]


def test_tabs_menus_and_review_follow_the_tree(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    assert window.stack.currentWidget() is bench.views
    # The office sees its six pages (a unit workspace's 我的任务 is hidden).
    shown = [bench.views.tabText(i) for i in range(bench.views.count()) if bench.views.isTabVisible(i)]
    assert shown == [
        "指标与资料",
        "评分",
        "附加项",
        "报送前自查",
        "进度总览",
        "操作记录",
    ]
    assert _menu_names(window) == [
        "fileMenu",
        "editMenu",
        "viewMenu",
        "reviewMenu",
        "exchangeMenu",
        "exportMenu",
        "helpMenu",
    ]
    assert [a.text() for a in window.menuBar().actions()] == [
        "文件(&F)",
        "编辑(&E)",
        "查看(&V)",
        "评审(&P)",
        "交换(&J)",
        "导出(&D)",
        "帮助(&H)",
    ]

    # The review pane follows the tree; F2 switches 资料 ↔ 评审.
    assert window.select_indicator(4)
    qtbot.waitUntil(lambda: bench.review_pane.number == 4)
    window.registry.find("toggleReview").trigger()
    assert bench.reviewing
    bench.review_pane.setFocus()
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        qtbot.keyClick(bench.review_pane, Qt.Key.Key_1)
    assert bench.score_label.text().startswith("总分 200")
    # Alt+Down in the pane moves the tree along.
    with qtbot.waitSignal(bench.review_pane.loaded, timeout=10_000):
        qtbot.keyClick(bench.review_pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.panel.number == 5
    window.registry.find("toggleReview").trigger()
    assert bench.center_tabs.currentWidget() is window.panel

    # Ctrl+2 … the views; the export menu opens its dialog.
    window.registry.find("showView2").trigger()
    assert bench.views.currentWidget() is bench.score_view
    window.registry.find("exportReportPdf").trigger()
    assert isinstance(bench.dialog, ExportDialog)
    bench.dialog.close()


def test_banner_everywhere_and_links_between_views(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    assert not bench.banner.isVisible()
    bench.views.setCurrentWidget(bench.extras_pane)
    assert bench.extras_pane.select_item("V1")
    dialog = bench.extras_pane.edit_veto(triggered=True)
    assert dialog is not None
    dialog.note_edit.setPlainText("发生重大违法行政案件")
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        dialog.accept()
    # The banner sits above every tab.
    for index in range(bench.views.count()):
        bench.views.setCurrentIndex(index)
        assert bench.banner.isVisible()
    # Only once: the panes' own banners stand down inside the window.
    assert not bench.extras_pane.banner.isVisible() and not bench.score_view.banner.isVisible()
    assert "一票否决" in bench.score_label.text()

    # A self-check finding about an indicator takes the window there.
    bench.views.setCurrentWidget(bench.selfcheck_view)
    with qtbot.waitSignal(bench.selfcheck_view.checked, timeout=10_000):
        bench.selfcheck_view.run()
    bench.selfcheck_view.indicator_requested.emit(2)
    assert bench.views.currentWidget() is window.splitter
    assert window.panel.number == 2
    # …and one about the veto item to 附加项.
    bench.selfcheck_view.item_requested.emit("V1")
    assert bench.views.currentWidget() is bench.extras_pane

    # Double-clicking a score row opens that indicator for review.
    bench.views.setCurrentWidget(bench.score_view)
    bench.score_view.indicator_requested.emit(3)
    assert bench.views.currentWidget() is window.splitter
    assert bench.reviewing
    qtbot.waitUntil(lambda: bench.review_pane.number == 3)


def test_unit_workspace_hides_the_office_views(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from app.exchange.kits import init_from_kit, issue_kit

    kit = tmp_path / "kit.zip"
    issue_kit(window.state.require_project(), unit="县司法局", out=kit)
    workspace = tmp_path / "单位工作区"
    init_from_kit(workspace, kit)
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    with qtbot.waitSignal(second.project_loaded, timeout=10_000):
        second.open_project(workspace)
    bench: Any = second.workbench
    assert not bench.views.isTabVisible(bench.views.indexOf(bench.score_view))
    assert not second.registry.find("issueKits").isEnabled()
    importing = second.registry.find("importPackages")
    assert importing.isEnabled() and "退回通知" in importing.text()
    second.close()
