"""附加项 pane on a temporary project: trigger a veto and see 一票否决; claim a capped bonus with a proof."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.assessment.levels import current_marks
from app.project.audit_log import list_log
from app.status.selfcheck import run_check
from ui.scoring.extras_models import ExtraRole
from ui.scoring.extras_pane import ExtrasPane

pytest_plugins = ["conftest_part2"]


def _pane(qtbot: QtBot, state: Any, keeper: Any) -> ExtrasPane:
    pane = ExtrasPane(state, keeper)
    qtbot.addWidget(pane)
    pane.resize(900, 600)
    pane.show()
    return pane


def test_trigger_and_clear_a_veto(
    qtbot: QtBot, part2_state: Any, part2_keeper: Any, qtmodeltester: ModelTester
) -> None:
    pane = _pane(qtbot, part2_state, part2_keeper)
    qtmodeltester.check(pane.veto_model)
    assert not pane.banner.isVisible()
    assert pane.veto_model.index(0, 2).data() == "未触发"

    assert pane.select_item("V2")
    dialog = pane.edit_veto(triggered=True)
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # the note is required
    dialog.note_edit.setPlainText("申报材料中有两份文件日期倒签")
    assert dialog.triggered()
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        ok.click()
    assert part2_keeper.score.vetoed
    assert part2_keeper.score.result == "一票否决"
    assert pane.banner.isVisible()
    assert "一票否决" in pane.banner.text() and "V2（申报材料弄虚作假）" in pane.banner.text()
    assert pane.veto_model.index(1, 2).data() == "已触发：一票否决"
    assert pane.veto_model.index(1, 0).data(ExtraRole.TRIGGERED) is True
    assert pane.veto_model.index(1, 3).data() == "申报材料中有两份文件日期倒签"

    # Clearing it takes the banner away.
    dialog = pane.edit_veto(triggered=False)
    assert dialog is not None
    dialog.note_edit.setPlainText("复核后确认为录入错误，已更正")
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not part2_keeper.score.vetoed
    assert not pane.banner.isVisible()
    assert pane.veto_model.index(1, 2).data() == "已解除"
    assert [e.action for e in list_log(part2_state.project, action="veto.")] == ["veto.trigger", "veto.clear"]


def test_claim_capped_bonus_with_proof(
    qtbot: QtBot,
    part2_state: Any,
    part2_keeper: Any,
    *,
    add_evidence: Any,
    refresh_state: Any,
    qtmodeltester: ModelTester,
) -> None:
    project = part2_state.project
    (proof,) = add_evidence(project, "县司法局", [4], stem="表彰文件")
    # The refresh recomputes the score in the background: wait for it, or its update could be taken
    # for the one the bonus below causes.
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        refresh_state(qtbot, part2_state)
    pane = _pane(qtbot, part2_state, part2_keeper)
    qtbot.waitUntil(lambda: proof in pane._evidence)
    qtmodeltester.check(pane.bonus_model)
    assert pane.bonus_model.index(0, 3).data() == "10"  # B1's cap
    assert pane.bonus_total_label.text() == "计入 0 分（合计上限 15 分）"

    # B1: the spin box stops at the item's cap (10).
    assert pane.select_item("B1")
    dialog = pane.edit_bonus()
    assert dialog is not None
    assert "本项最多 10 分" in dialog.limit_label.text()
    dialog.points_spin.setValue(12)
    assert dialog.points() == 10
    dialog.proof_combo.setCurrentIndex(dialog.proof_combo.findData(proof))
    dialog.note_edit.setPlainText("2023年获评省级法治政府建设先进单位")
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    mark = current_marks(project)["B1"]
    assert (mark.points, mark.proof_evidence_id) == (10, proof)
    assert part2_keeper.score.bonus == 10
    assert pane.bonus_model.index(0, 5).data().startswith(f"{proof} · 表彰文件")

    # B2: the overall cap (15) leaves 5.
    assert pane.select_item("B2")
    dialog = pane.edit_bonus()
    assert dialog is not None
    assert "其他加分项已计 10 分；本项最多 5 分" in dialog.limit_label.text()
    dialog.points_spin.setValue(8)
    assert dialog.points() == 5
    dialog.note_edit.setPlainText("“一站式”审批做法被省政府推广")
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    score = part2_keeper.score
    assert (score.bonus, score.total) == (15, score.base + 15)
    assert pane.bonus_total_label.text() == "计入 15 分（合计上限 15 分）"
    # B2 has no proof: the pane shows it and the self-check says so.
    assert pane.bonus_model.index(1, 5).data() == "未附"
    codes = {(f.indicator, f.code) for f in run_check(project)}
    assert ("B2", "bonus_no_proof") in codes and ("B1", "bonus_no_proof") not in codes
