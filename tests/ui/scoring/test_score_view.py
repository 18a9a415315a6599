"""Score view and scheme editor on a temporary project: the numbers, their explanation, a new scheme."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.assessment.levels import current_scheme, set_level, set_veto
from app.project.audit_log import list_log
from app.scoring.scheme import DISCLAIMER
from ui.scoring.scheme_editor import PointsColumn, PointsRole, SchemeEditorDialog
from ui.scoring.score_models import ExplainRole, ScoreRole, ScoringChange
from ui.scoring.score_view import ScoreView

pytest_plugins = ["conftest_part2"]


def _view(qtbot: QtBot, state: Any, keeper: Any) -> ScoreView:
    view = ScoreView(state, keeper)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def _explain(view: ScoreView) -> list[tuple[str, str]]:
    model = view.explain_model
    return [(str(model.index(r, 0).data()), str(model.index(r, 1).data())) for r in range(model.rowCount())]


def test_score_numbers_and_explanation(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any, qtmodeltester: ModelTester
) -> None:
    project = part2_state.project
    set_level(project, 1, "达标")
    set_level(project, 2, "基本达标", comment="案卷不足3件")
    set_level(project, 3, "不适用")
    view = _view(qtbot, part2_state, part2_keeper)
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        part2_state.apply(ScoringChange(marks=frozenset()))
    qtmodeltester.check(view.tree_model)
    qtmodeltester.check(view.explain_model)

    # (10 + 6) of 40 applicable → 400.
    assert view.total_card.value.text() == "400"
    assert view.base_card.value.text() == "400"
    assert view.base_card.detail.text() == "已评估 3/5 项，不适用 1 项"
    assert view.result_card.value.text() == "有效"
    assert DISCLAIMER in view.disclaimer_label.text()
    assert view.disclaimer_label.isVisible()

    # Subtotals by 一级 and 二级 指标.
    area = view.tree_model.index_of("area", "一")
    assert area.data(ScoreRole.POINTS) == 16
    assert view.tree_model.index_of("area", "一", 3).data() == "16"
    assert view.tree_model.index_of("group", "一.2", 4).data() == "0"  # 不适用 leaves the maximum
    row2 = view.tree_model.index_of("indicator", "2", 1)
    assert row2.data() == "基本达标"
    assert view.tree_model.index_of("indicator", "2", 2).data() == "×0.6"

    # Selecting indicator 2 explains it: level → factor → points → subtotals → base → total.
    assert view.select_indicator(2)
    steps = _explain(view)
    assert steps[:4] == [("三级指标", "2"), ("评估等级", "基本达标"), ("等级系数", "×0.6"), ("得分", "6")]
    assert ("基础分", "400") in steps and ("总分", "400") in steps
    assert view.explain_model.index(1, 2).data() == "案卷不足3件"
    assert view.explain_title.text() == "第 2 项的得分如何计入总分"
    kinds = [
        view.explain_model.index(r, 0).data(ExplainRole.KIND) for r in range(view.explain_model.rowCount())
    ]
    assert kinds[-1] == "result"

    # Double-clicking an indicator asks the window to show it.
    index = view.tree_model.index_of("indicator", "1")
    with qtbot.waitSignal(view.indicator_requested) as requested:
        view.tree.doubleClicked.emit(index)
    assert requested.args == [1]

    # A veto turns the result red; the points stay.
    set_veto(project, "V1", triggered=True, note="发生重大违法案件")
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        part2_state.apply(ScoringChange(marks=frozenset({"V1"})))
    assert view.result_card.value.text() == "一票否决"
    assert view.total_card.value.text() == "400"
    assert view.banner.isVisible()
    assert view.tree_model.index_of("veto_item", "V1", 1).data() == "已触发"


def test_scheme_editor_validates_and_saves(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any, qtmodeltester: ModelTester, tmp_path: Any
) -> None:
    project = part2_state.project
    set_level(project, 1, "达标")
    set_level(project, 2, "基本达标")
    view = _view(qtbot, part2_state, part2_keeper)
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        part2_state.apply(ScoringChange(scheme=True))
    assert view.total_card.value.text() == "320"

    dialog = view.edit_scheme()
    assert isinstance(dialog, SchemeEditorDialog)
    qtmodeltester.check(dialog.points_model)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled()
    assert "与内置参考方案相同" in dialog.summary_label.text()

    # A pass mark above the highest possible total is refused, with the reason.
    dialog.pass_check.setChecked(True)
    dialog.pass_spin.setValue(5000)
    assert not save.isEnabled()
    assert "合格线：合格线 5000 高于可能的最高分" in dialog.problems_label.text()
    # A negative points value typed into the table is refused too.
    points_index = dialog.points_model.index(0, PointsColumn.POINTS)
    assert dialog.points_model.setData(points_index, "-5")
    assert "第 1 项分值：数值 -5.0 小于 0" in dialog.problems_label.text()

    # Fix both; indicator 1 worth 20, 基本达标 ×0.5, pass mark 500.
    dialog.points_model.setData(points_index, "20")
    assert points_index.data(PointsRole.OVERRIDDEN) is True
    dialog.pass_spin.setValue(500)
    dialog.factor_spins["基本达标"].setValue(0.5)
    dialog.name_edit.setText("本县评分方案（2024）")
    assert save.isEnabled(), dialog.problems_label.text()
    exported = dialog.export_file(tmp_path / "方案.json")
    assert exported is not None
    assert json.loads(exported.read_text(encoding="utf-8"))["points"]["overrides"] == {"1": 20}

    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        save.click()
    scheme = current_scheme(project)
    assert (scheme.name, scheme.points_for(1), scheme.factor("基本达标"), scheme.pass_mark) == (
        "本县评分方案（2024）",
        20,
        0.5,
        500,
    )
    assert not scheme.reference
    # (20 + 5) of 60 → 416.67; pass mark 500 not reached.
    assert view.total_card.value.text() == "416.67"
    assert view.result_card.detail.text() == "合格线 500：未达到"
    assert (
        "本县评分方案（2024）" in view.disclaimer_label.text() and DISCLAIMER in view.disclaimer_label.text()
    )
    assert [e.action for e in list_log(project, action="scheme.")] == ["scheme.load"]

    # Back to the reference scheme.
    dialog = view.edit_scheme()
    assert dialog is not None
    dialog.reset_button.click()
    assert "与内置参考方案相同" in dialog.summary_label.text()
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert current_scheme(project).reference
    assert view.total_card.value.text() == "320"
    assert [e.action for e in list_log(project, action="scheme.")] == ["scheme.load", "scheme.reset"]


def test_the_explanation_gets_half_the_width_at_1280(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any
) -> None:
    view = _view(qtbot, part2_state, part2_keeper)
    view.resize(1256, 600)  # the view's width in a 1280-px window
    qtbot.waitUntil(lambda: sum(view.splitter.sizes()) > 1100)
    tree, explain = view.splitter.sizes()
    assert explain >= tree - 10
