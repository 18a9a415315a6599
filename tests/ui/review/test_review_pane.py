"""The review pane on a temporary project: levels by key, the score moving, per-unit accept and return."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.assessment.levels import current_levels, history
from app.assessment.reviews import list_reviews
from app.project.audit_log import list_log
from app.status.workspace import IndicatorStatus
from ui.review.review_models import HistoryRole, UnitReviewRole
from ui.review.review_pane import ReviewPane

pytest_plugins = ["conftest_part2"]


def _pane(qtbot: QtBot, state: Any, keeper: Any) -> ReviewPane:
    pane = ReviewPane(state, keeper)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    return pane


def _show(qtbot: QtBot, pane: ReviewPane, number: int) -> None:
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show_indicator(number)


def test_levels_by_key_move_the_score(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any, qtmodeltester: ModelTester
) -> None:
    pane = _pane(qtbot, part2_state, part2_keeper)
    _show(qtbot, pane, 1)
    assert pane.title_label.text() == "第 1 项"
    assert pane.level_chip.text() == "未评估"
    assert part2_keeper.score.base == 0
    # The keys are on the buttons' tooltips.
    assert "快捷键 1" in pane.level_buttons["达标"].toolTip()
    assert "快捷键 4" in pane.level_buttons["不适用"].toolTip()

    pane.reviewer_edit.setText("张审核")
    pane.comment_edit.setPlainText("清单齐全")
    pane.setFocus()
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        qtbot.keyClick(pane, Qt.Key.Key_1)
    record = current_levels(part2_state.project)[1]
    assert (record.level, record.comment, record.by) == ("达标", "清单齐全", "张审核")
    qtbot.waitUntil(lambda: pane.level_chip.text() == "达标")
    assert pane.level_buttons["达标"].isChecked()
    assert pane.points_label.text() == "得分 10 / 10"
    # One indicator of five met, the others unassessed: 1000 × 10 / 50.
    assert part2_keeper.score.base == 200

    # Alt+Down moves on; 2 gives 基本达标 (×0.6).
    with qtbot.waitSignal(pane.current_changed) as moved:
        qtbot.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert moved.args == [2]
    assert pane.number == 2
    qtbot.waitUntil(lambda: pane.level_chip.text() == "未评估")
    pane.setFocus()
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        qtbot.keyClick(pane, Qt.Key.Key_2)
    assert part2_keeper.score.base == 320  # (10 + 6) / 50 × 1000
    # 4 is 不适用: the indicator leaves the maximum and the base is rescaled.
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        qtbot.keyClick(pane, Qt.Key.Key_4)
    assert part2_keeper.score.base == 250  # 10 / 40 × 1000
    assert pane.points_label.text() == "不适用：不计入满分"

    # A digit typed into the comment box stays there and sets no level.
    pane.comment_edit.setFocus()
    qtbot.keyClick(pane.comment_edit, Qt.Key.Key_3)
    assert pane.comment_edit.toPlainText().endswith("3")
    assert current_levels(part2_state.project)[2].level == "不适用"

    # History shows both levels of indicator 2, newest first.
    qtbot.waitUntil(lambda: pane.history_model.rowCount() == 2)
    qtmodeltester.check(pane.history_model)
    assert [pane.history_model.index(r, 0).data(HistoryRole.OUTCOME) for r in range(2)] == [
        "不适用",
        "基本达标",
    ]
    assert [h.level for h in history(part2_state.project, 2)] == ["基本达标", "不适用"]

    # Alt+Up goes back; the level in force is shown again.
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert pane.number == 1
    assert pane.level_chip.text() == "达标"
    assert pane.comment_edit.toPlainText() == "清单齐全"


def test_accept_and_return_units(
    qtbot: QtBot,
    part2_state: Any,
    part2_keeper: Any,
    *,
    add_evidence: Any,
    refresh_state: Any,
    qtmodeltester: ModelTester,
) -> None:
    project = part2_state.project
    add_evidence(project, "县发展和改革局", [2], count=2)
    add_evidence(project, "县市场监督管理局", [2])
    refresh_state(qtbot, part2_state)
    pane = _pane(qtbot, part2_state, part2_keeper)
    _show(qtbot, pane, 2)
    qtmodeltester.check(pane.unit_model)
    model = pane.unit_model
    assert [model.index(r, 0).data(UnitReviewRole.UNIT) for r in range(model.rowCount())] == [
        "县发展和改革局",
        "县市场监督管理局",
    ]
    assert [model.index(r, 0).data(UnitReviewRole.EVIDENCE_COUNT) for r in range(2)] == [2, 1]
    assert model.index(0, 2).data() == "未审核"

    # A accepts the selected unit.
    assert pane.selected_unit() == "县发展和改革局"
    pane.unit_view.setFocus()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.keyClick(pane.unit_view, Qt.Key.Key_A)
    assert model.index(0, 2).data() == "通过"

    # R asks for a comment; OK stays disabled until one is written.
    pane.select_unit("县市场监督管理局")
    pane.unit_view.setFocus()
    qtbot.keyClick(pane.unit_view, Qt.Key.Key_R)
    dialog = pane.return_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.comment_edit.setPlainText("缺少审批案卷，请补充3件")
    assert ok.isEnabled()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        ok.click()
    row = model.row_of("县市场监督管理局")
    assert model.index(row, 2).data() == "退回补充"
    assert model.index(row, 3).data() == "缺少审批案卷，请补充3件"
    reviews = {r.unit: (r.decision, r.comment) for r in list_reviews(project, indicator=2)}
    assert reviews == {
        "县发展和改革局": ("accepted", ""),
        "县市场监督管理局": ("returned", "缺少审批案卷，请补充3件"),
    }
    # The hub heard about it: the indicator is now 被退回 for the tree.
    assert part2_state.progress(2).status == IndicatorStatus.RETURNED
    assert "退回待补：县市场监督管理局" in pane.evidence_label.text()
    actions = [e.action for e in list_log(project, action="review.")]
    assert actions == ["review.accept", "review.return"]


def test_unit_workspace_is_read_only(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any, wait_task: Any
) -> None:
    from dataclasses import replace

    snapshot = part2_state.snapshot
    part2_state._snapshot = replace(snapshot, info=replace(snapshot.info, role="unit", unit="县司法局"))
    pane = _pane(qtbot, part2_state, part2_keeper)
    _show(qtbot, pane, 4)
    assert pane.readonly_label.isVisible()
    assert not pane.level_buttons["达标"].isEnabled()
    assert pane.set_level("达标") is None
    wait_task(qtbot, pane.last_task)


def test_the_selected_units_files(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any, add_evidence: Any, refresh_state: Any
) -> None:
    project = part2_state.project
    add_evidence(project, "县发展和改革局", [2], count=2, stem="改革方案")
    add_evidence(project, "县市场监督管理局", [2], stem="审批案卷")
    refresh_state(qtbot, part2_state)
    pane = _pane(qtbot, part2_state, part2_keeper)
    _show(qtbot, pane, 2)
    assert pane.selected_unit() == "县发展和改革局"
    names = [pane.evidence_model.evidence(r).filename for r in range(pane.evidence_model.rowCount())]
    assert len(names) == 2 and all(n.startswith("改革方案") for n in names)
    assert pane.files_label.text().startswith("县发展和改革局的资料（2 件")
    pane.select_unit("县市场监督管理局")
    assert pane.evidence_model.rowCount() == 1
    # Selecting a file asks the window to preview it; Enter/double-click to open it.
    with qtbot.waitSignal(pane.evidence_selected) as selected:
        pane.evidence_view.selectRow(0)
    assert selected.args[0].filename.startswith("审批案卷")
    with qtbot.waitSignal(pane.evidence_activated) as activated:
        pane.evidence_view.activated.emit(pane.evidence_model.index(0, 0))
    assert activated.args[0].unit == "县市场监督管理局"


def test_at_1366x768_the_units_and_their_files_both_show_rows(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any
) -> None:
    # The middle of a 1366×768 window is ~580×620 px: the unit table kept ~3 empty rows while the
    # unit's files showed under two.
    pane = _pane(qtbot, part2_state, part2_keeper)
    pane.resize(580, 620)
    _show(qtbot, pane, 1)
    row = pane.unit_view.verticalHeader().defaultSectionSize()
    header = pane.unit_view.horizontalHeader().sizeHint().height()
    qtbot.waitUntil(lambda: pane.unit_view.height() >= header + 3 * row)
    assert (
        pane.evidence_view.viewport().height() >= 3 * pane.evidence_view.verticalHeader().defaultSectionSize()
    )
