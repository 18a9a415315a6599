"""Audit log viewer on a temporary project: filters by person, kind of action, dates and text."""

from __future__ import annotations

from typing import Any

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.assessment.levels import set_level, set_veto
from app.project.audit_log import list_log
from ui.audit.audit_view import AuditRole, AuditView, detail_summary

pytest_plugins = ["conftest_part2"]


def _actions(view: AuditView) -> list[str]:
    return [view.proxy.index(r, 0).data(AuditRole.ACTION) for r in range(view.proxy.rowCount())]


def _reloaded(qtbot: QtBot, view: AuditView, change: Any) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        change()


def test_filters_who_what_when(
    qtbot: QtBot, part2_state: Any, add_evidence: Any, qtmodeltester: ModelTester
) -> None:
    project = part2_state.project
    add_evidence(project, "县司法局", [4], stem="审核意见书")
    set_level(project, 4, "达标", comment="齐全", by="张审核")
    set_level(project, 1, "未达标", by="李复核")
    set_veto(project, "V1", triggered=False, note="经核查未发生", by="张审核")

    view = AuditView(part2_state)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    everything = list_log(project)
    assert view.model.rowCount() == len(everything)
    # Newest first, in Chinese.
    assert view.proxy.index(0, 2).data() == "否决项解除"
    assert view.proxy.index(0, 1).data() == "张审核"
    assert "说明：经核查未发生" in str(view.proxy.index(0, 4).data())
    assert "触发：否" in str(view.proxy.index(0, 4).data())
    assert view.proxy.index(0, 3).data() == "否决项 V1"

    # Who: the people seen in the log are offered.
    people = [view.actor_combo.itemText(i) for i in range(view.actor_combo.count())]
    assert {"全部人员", "张审核", "李复核", "测试员"} <= set(people)
    _reloaded(qtbot, view, lambda: view.actor_combo.setCurrentIndex(view.actor_combo.findData("张审核")))
    assert _actions(view) == ["veto.clear", "assessment.set"]

    # What: assessments only (with everyone).
    _reloaded(qtbot, view, lambda: view.actor_combo.setCurrentIndex(0))
    _reloaded(qtbot, view, lambda: view.kind_combo.setCurrentIndex(view.kind_combo.findData("assessment.")))
    assert _actions(view) == ["assessment.set", "assessment.set"]

    # Text: the target of the entry, as shown (第 1 项) or as stored (indicator:1).
    assert view.proxy.index(0, 3).data() in ("第 1 项", "第 4 项")
    view.text_edit.setText("第 1 项")
    assert view.proxy.rowCount() == 1
    view.text_edit.setText("indicator:1")
    assert view.proxy.rowCount() == 1
    assert view.count_label.text() == "显示 1 / 2 条"
    view.text_edit.clear()

    # When: from tomorrow on there is nothing; up to today there is everything.
    _reloaded(qtbot, view, lambda: view.kind_combo.setCurrentIndex(0))
    _reloaded(qtbot, view, lambda: view.since_edit.setDate(view.until_edit.date().addDays(1)))
    _reloaded(qtbot, view, lambda: view.since_check.setChecked(True))
    assert view.model.rowCount() == 0
    _reloaded(qtbot, view, lambda: view.since_check.setChecked(False))
    _reloaded(qtbot, view, lambda: view.until_check.setChecked(True))
    assert view.model.rowCount() == len(everything)


def test_detail_summary_is_readable() -> None:
    text = detail_summary({"level": "达标", "previous": None, "comment": "x" * 80, "scheme": {"a": 1}})
    assert text.startswith("等级：达标；意见：")
    assert text.endswith("…")
    assert "scheme" not in text
