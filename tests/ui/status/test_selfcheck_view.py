"""Self-check view on a temporary project: grouped findings, filters, one click to the indicator."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.assessment.levels import set_veto
from app.status.selfcheck import run_check
from ui.status.selfcheck_view import FindingColumn, FindingRole, GroupBy, SelfCheckView

pytest_plugins = ["conftest_part2"]


def _view(qtbot: QtBot, state: Any) -> SelfCheckView:
    view = SelfCheckView(state)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.show()  # the first show runs the check
    return view


def _leaves(view: SelfCheckView) -> list[QModelIndex]:
    proxy = view.proxy
    found = []
    for group in range(proxy.rowCount()):
        parent = proxy.index(group, 0)
        found += [proxy.index(row, 0, parent) for row in range(proxy.rowCount(parent))]
    return found


def _click(qtbot: QtBot, view: SelfCheckView, index: QModelIndex) -> None:
    cell = index.siblingAtColumn(FindingColumn.INDICATOR)
    view.tree.scrollTo(cell)
    rect = view.tree.visualRect(cell)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_findings_grouped_and_one_click_away(
    qtbot: QtBot, part2_state: Any, add_evidence: Any, qtmodeltester: ModelTester
) -> None:
    project = part2_state.project
    add_evidence(project, "县司法局", [4])  # 1 of the 2 审核意见书 demanded
    set_veto(project, "V1", triggered=True, note="发生重大违法案件")
    view = _view(qtbot, part2_state)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    expected = run_check(project)
    assert len(_leaves(view)) == len(expected)
    assert view.summary_label.text().startswith(f"共 {len(expected)} 个问题")

    # Grouped by severity: errors first, group rows carry their counts.
    first = view.proxy.index(0, 0)
    assert first.data(FindingRole.IS_GROUP)
    assert str(first.data()).startswith("错误（")
    assert first.data(FindingRole.COUNT) == sum(1 for f in expected if f.severity == "error")

    # A click on a finding about indicator 1 asks the window to select it.
    leaf = next(i for i in _leaves(view) if i.data(FindingRole.INDICATOR) == 1)
    with qtbot.waitSignal(view.indicator_requested) as requested:
        _click(qtbot, view, leaf)
    assert requested.args == [1]
    # A finding about the veto item goes to 附加项.
    veto = next(i for i in _leaves(view) if i.data(FindingRole.INDICATOR) == "V1")
    with qtbot.waitSignal(view.item_requested) as item:
        _click(qtbot, view, veto)
    assert item.args == ["V1"]

    # Group by unit, then filter by text.
    view.group_combo.setCurrentIndex(view.group_combo.findData(int(GroupBy.UNIT)))
    qtmodeltester.check(view.model)
    titles = [str(view.proxy.index(r, 0).data()) for r in range(view.proxy.rowCount())]
    assert any(t.startswith("县司法局（") for t in titles)
    view.filter_edit.setText("县司法局")
    assert _leaves(view)
    assert all(i.data(FindingRole.UNIT) == "县司法局" or "县司法局" in str(i.data()) for i in _leaves(view))
    view.filter_edit.clear()
    view.severity_combo.setCurrentIndex(view.severity_combo.findData("error"))
    assert {i.data(FindingRole.SEVERITY) for i in _leaves(view)} == {"error"}


def test_stale_after_change_and_rerun(
    qtbot: QtBot, part2_state: Any, add_evidence: Any, refresh_state: Any
) -> None:
    view = _view(qtbot, part2_state)
    before = {(i.data(FindingRole.INDICATOR), i.data(FindingRole.CODE)) for i in _leaves(view)}
    assert (1, "no_evidence") in before
    add_evidence(part2_state.project, "县发展和改革局", [1])
    refresh_state(qtbot, part2_state)
    assert view.stale_label.isVisible()
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.run_button.click()
    after = {(i.data(FindingRole.INDICATOR), i.data(FindingRole.CODE)) for i in _leaves(view)}
    assert (1, "no_evidence") not in after
    assert not view.stale_label.isVisible()
