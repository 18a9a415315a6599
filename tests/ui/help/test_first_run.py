"""The first-run guide: one tab per role, the role's manual page, remembered once seen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.help.first_run import ROLES, FirstRunGuide, forget_guides, guide_seen, mark_all_guides_seen


def test_tabs_and_remembering(qtbot: QtBot) -> None:
    forget_guides()
    assert not any(guide_seen(role) for role in ROLES)
    guide = FirstRunGuide("printing")
    qtbot.addWidget(guide)
    assert [guide.tabs.tabText(i) for i in range(guide.tabs.count())] == [
        "县依法治县办（审核）",
        "责任单位（填报）",
        "打印与装订",
    ]
    assert guide.role() == "printing" and guide_seen("printing") and not guide_seen("office")
    assert "印证资料汇编" in guide.browsers["printing"].toPlainText()
    guide.tabs.setCurrentIndex(1)
    assert guide_seen("unit") and "用任务包建立工作区" in guide.browsers["unit"].toPlainText()
    with qtbot.waitSignal(guide.manual_requested) as requested:
        guide.manual_button.click()
    assert requested.args == ["unit.html"]
    guide.show_role("nosuch")
    assert guide.role() == "office"
    mark_all_guides_seen()
    assert all(guide_seen(role) for role in ROLES)
