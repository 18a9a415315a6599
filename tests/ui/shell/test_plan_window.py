"""A plan project in the main window: no score views, no rating, task ids shown, a finding opens its task."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.assessment.levels import history
from app.project.create import create_project
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.shell.main_window import MainWindow
from ui.status.selfcheck_view import FindingRole


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
    yield win
    win.close()


def test_plan_project_hides_points_and_rating(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    visible = [bench.views.tabText(i) for i in range(bench.views.count()) if bench.views.isTabVisible(i)]
    assert "评分" not in visible and "附加项" not in visible and "报送前自查" in visible
    assert not bench.scheme_action.isEnabled()
    assert window.select_indicator(3)
    qtbot.waitUntil(lambda: window.panel.number == 3)
    assert window.panel.title_label.text() == "任务 一.3"
    assert "完成时限" in window.panel.units_label.text() and "2023年底前" in window.panel.units_label.text()
    window.registry.find("toggleReview").trigger()
    qtbot.waitUntil(lambda: bench.review_pane.number == 3)
    pane = bench.review_pane
    assert pane.title_label.text() == "任务 一.3"
    assert not any(b.isVisible() for b in pane.level_buttons.values()) and not pane.points_label.isVisible()
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_1)  # the 达标 key does nothing in a plan
    project = window.state.project
    assert project is not None
    assert history(project, 3) == []
    # The status bar counts tasks instead of showing a score.
    qtbot.waitUntil(lambda: bench.score_label.text().startswith("任务完成 0/31 · 逾期 "))
    assert "总分" not in bench.score_label.text()


def test_a_finding_opens_its_task(qtbot: QtBot, window: MainWindow) -> None:
    view = window.workbench.selfcheck_view
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.run()
    model = view.model
    found = None
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(FindingRole.INDICATOR) == "一.3":
                found = index
    assert found is not None  # 一.3 is overdue (2023年底前) and has no evidence
    with qtbot.waitSignal(view.indicator_requested, timeout=5_000) as blocker:
        view._on_tree_clicked(found)
    assert blocker.args == [3]
    assert model.task_number("九.9") is None
