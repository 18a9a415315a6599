"""Undo/redo in the main window: levels by key, comments, reviews and veto/bonus marks go through one
stack per project; Ctrl+Z and Ctrl+Y write the database and the audit log; the 编辑 menu says what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.assessment.levels import current_levels, current_marks, history, set_level
from app.assessment.reviews import list_reviews
from app.project.audit_log import list_log
from app.project.folder import open_project
from app.scoring.compute import ScoreResult
from app.status.workspace import snapshot
from ui.shell.main_window import MainWindow

pytest_plugins = ["conftest_part2"]


def _step(qtbot: QtBot, win: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """Press a key on the window and wait until the step was written and the score recomputed."""
    with qtbot.waitSignal(win.workbench.undo.applied, timeout=10_000):
        qtbot.keyClick(win, key, modifier)
    # The score follows (the keeper recomputes after the hub heard of the change).
    qtbot.waitUntil(lambda: not win.workbench.keeper.last_task or not win.workbench.keeper.last_task.running)


def _review(qtbot: QtBot, win: MainWindow, number: int) -> Any:
    bench = win.workbench
    pane = bench.review_pane
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        win.select_indicator(number)
        bench.toggle_review()
    pane.setFocus()
    return pane


def _score(win: MainWindow) -> ScoreResult:
    score = win.workbench.keeper.score
    assert score is not None
    return score


def test_level_by_key_then_ctrl_z_and_ctrl_y(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    project = window.state.require_project()
    undo_action = window.registry.find("undo")
    redo_action = window.registry.find("redo")
    assert not undo_action.isEnabled() and undo_action.text() == "撤销(&U)"
    assert [s.toString() for s in redo_action.shortcuts()] == ["Ctrl+Y", "Ctrl+Shift+Z"]
    assert window.menus.edit.actions()[:2] == [undo_action, redo_action]

    pane = _review(qtbot, window, 2)
    pane.comment_edit.setPlainText("清单齐全")
    pane.setFocus()
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.keyClick(pane, Qt.Key.Key_1)
    assert current_levels(project)[2].level == "达标"
    # Feedback: the status bar names the change and the key that takes it back.
    assert window.statusBar().currentMessage() == "第 2 项评定为 达标（Ctrl+Z 撤销）"
    assert undo_action.isEnabled() and undo_action.text() == "撤销“第 2 项评定为 达标”(&U)"
    qtbot.waitUntil(lambda: pane.level_chip.text() == "达标")

    with qtbot.waitSignal(pane.loaded, timeout=10_000):  # the key moves nothing; reload follows the change
        qtbot.keyClick(pane, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: current_levels(project)[2].level == "基本达标")

    # Ctrl+Z: 基本达标 is taken back, 达标 is in force again, and the log says so.
    _step(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert current_levels(project)[2].level == "达标"
    entry = list_log(project, action="assessment.undo")[-1]
    assert (entry.target, entry.detail["level"], entry.detail["restored"]) == (
        "indicator:2",
        "基本达标",
        "达标",
    )
    assert window.statusBar().currentMessage() == "已撤销：第 2 项评定为 基本达标（Ctrl+Y 重做）"
    assert redo_action.text() == "重做“第 2 项评定为 基本达标”(&R)"
    qtbot.waitUntil(lambda: pane.level_chip.text() == "达标")

    # Undo the first level too: unassessed again, with no comment in force.
    _step(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert 2 not in current_levels(project)
    assert history(project, 2) == []
    assert not undo_action.isEnabled()
    qtbot.waitUntil(lambda: pane.level_chip.text() == "未评估")

    # Ctrl+Y and Ctrl+Shift+Z redo, in order.
    _step(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert current_levels(project)[2].level == "达标"
    assert current_levels(project)[2].comment == "清单齐全"
    _step(
        qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert current_levels(project)[2].level == "基本达标"
    assert not redo_action.isEnabled()
    assert [e.action for e in list_log(project, action="assessment.")] == [
        "assessment.set",
        "assessment.set",
        "assessment.undo",
        "assessment.undo",
        "assessment.set",
        "assessment.set",
    ]


def test_comment_and_review_undo(qtbot: QtBot, window: MainWindow, wait_task: Any) -> None:
    bench = window.workbench
    project = window.state.require_project()
    pane = _review(qtbot, window, 2)
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        pane.set_level("未达标")
    qtbot.waitUntil(pane.save_button.isEnabled)
    pane.comment_edit.setPlainText("缺少审批案卷")
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        pane.save_button.click()
    assert current_levels(project)[2].comment == "缺少审批案卷"
    assert bench.undo.undo_text() == "修改第 2 项的评审意见"
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        window.registry.find("undo").trigger()
    assert current_levels(project)[2].comment == ""
    assert current_levels(project)[2].level == "未达标"
    qtbot.waitUntil(lambda: pane.comment_edit.toPlainText() == "")

    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        pane.review_unit("县发展和改革局", "accept", "")
    assert [r.decision for r in list_reviews(project, indicator=2)] == ["accepted"]
    assert window.statusBar().currentMessage().startswith("通过县发展和改革局第 2 项的资料")
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        window.registry.find("undo").trigger()
    assert list_reviews(project, indicator=2) == []
    assert list_log(project, action="review.undo")[-1].detail["unit"] == "县发展和改革局"
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        window.registry.find("redo").trigger()
    assert [r.decision for r in list_reviews(project, indicator=2)] == ["accepted"]


def test_veto_and_bonus_undo(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    project = window.state.require_project()
    extras = bench.extras_pane
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        extras.set_veto("V1", True, "发生重大违法行政案件")
    assert _score(window).vetoed
    assert bench.banner.isVisible()
    assert bench.undo.undo_text() == "否决项 V1 标记为已触发"
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        window.registry.find("undo").trigger()
    assert "V1" not in current_marks(project)
    assert not _score(window).vetoed
    assert list_log(project, action="veto.undo")[-1].target == "veto:V1"

    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        extras.claim_bonus("B1", 4, "获评先进单位", None)
    assert current_marks(project)["B1"].points == 4
    assert bench.undo.undo_text() == "加分项 B1 申报 4 分"
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        window.registry.find("undo").trigger()
    assert "B1" not in current_marks(project)
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        window.registry.find("redo").trigger()
    assert current_marks(project)["B1"].points == 4
    assert _score(window).bonus == 4


def test_stack_cleared_on_close_and_read_only_has_no_undo(
    qtbot: QtBot, window: MainWindow, part2_project_dir: Path
) -> None:
    bench = window.workbench
    pane = _review(qtbot, window, 3)
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        pane.set_level("达标")
    assert bench.undo.stack.count() == 1
    window.close_project()
    assert bench.undo.stack.count() == 0
    assert not window.registry.find("undo").isEnabled()

    # A read-only project: no step is pushed, nothing is written, the menu stays off.
    project = open_project(part2_project_dir, readonly=True)
    window.state.set_project(project, snapshot(project))
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show_indicator(2)
    assert pane.set_level("达标") is None
    assert bench.extras_pane.set_veto("V1", True, "说明") is None
    assert bench.undo.stack.count() == 0
    assert not window.registry.find("undo").isEnabled()
    assert 2 not in current_levels(project)


def test_an_undo_that_no_longer_fits_is_refused_and_the_stack_cleared(
    qtbot: QtBot, window: MainWindow
) -> None:
    bench = window.workbench
    project = window.state.require_project()
    pane = _review(qtbot, window, 4)
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        pane.set_level("达标")
    # Someone else (the command line, another reviewer) changes the level meanwhile.
    set_level(project, 4, "未达标", comment="另行评定")
    task = bench.undo.undo()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "第 4 项的评定在这一步之后又改过" in box.text()
    assert current_levels(project)[4].level == "未达标"
    assert bench.undo.stack.count() == 0 and not window.registry.find("undo").isEnabled()
    box.close()
