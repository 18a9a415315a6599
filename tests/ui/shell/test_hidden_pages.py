"""The view pages behind other tabs (评分, 附加项, 操作记录) do no work while the project opens or changes,
and show fresh data the moment they are shown (the start-up stall, benchmarks/RESULTS.md)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.assessment.levels import current_levels, current_marks
from app.project.audit_log import list_log
from ui.common import settings
from ui.scoring.score_models import fmt
from ui.shell.main_window import MainWindow

pytest_plugins = ["conftest_part2"]


def _veto_row(win: MainWindow, item_id: str) -> list[str]:
    model = win.workbench.extras_pane.veto_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == item_id:
            return [str(model.index(row, column).data()) for column in range(model.columnCount())]
    raise AssertionError(f"{item_id} is not in the 附加项 table")


def test_hidden_pages_wait_while_the_project_opens(window: MainWindow) -> None:
    bench = window.workbench
    assert bench.views.currentWidget() is window.splitter
    # The score came, but nobody sees 评分 / 附加项: nothing was filled, a refresh is due.
    assert bench.extras_pane.refresher.pending and bench.score_view.refresher.pending
    assert bench.extras_pane.veto_model.rowCount() == 0
    assert bench.score_view.total_card.value.text() == "—"
    assert bench.audit_view.model.rowCount() == 0 and bench.audit_view.last_task is None


def test_extras_page_changed_while_hidden_is_fresh_when_shown(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    project = window.state.require_project()
    extras = bench.extras_pane
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        extras.set_veto("V1", True, "发生重大违法行政案件")
    assert current_marks(project)["V1"].triggered
    assert [extras.refresher.pending] == [True]  # due when shown

    bench.views.setCurrentWidget(extras)
    # At once: the page's first paint already has the mark.
    row = _veto_row(window, "V1")
    assert row[2] == "已触发：一票否决" and row[3] == "发生重大违法行政案件"
    assert extras.veto_model.rowCount() == len(project.catalog.veto)
    assert not extras.refresher.pending

    # Hidden again, undone: shown, the table says so.
    bench.views.setCurrentWidget(window.splitter)
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        window.registry.find("undo").trigger()
    assert "V1" not in current_marks(project)
    assert _veto_row(window, "V1")[2] == "已触发：一票否决"  # still the old picture, unseen
    bench.views.setCurrentWidget(extras)
    assert _veto_row(window, "V1")[2] == "未触发"


def test_score_page_changed_while_hidden_is_fresh_when_shown(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    project = window.state.require_project()
    bench.views.setCurrentWidget(bench.score_view)
    before = bench.score_view.total_card.value.text()
    bench.views.setCurrentWidget(window.splitter)

    pane = bench.review_pane
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.select_indicator(4)
        bench.toggle_review()
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        pane.set_level("达标")
    assert current_levels(project)[4].level == "达标"
    score = bench.keeper.score
    assert score is not None and fmt(score.total) != before
    assert bench.score_view.total_card.value.text() == before  # hidden: not redrawn

    bench.views.setCurrentWidget(bench.score_view)
    assert bench.score_view.total_card.value.text() == fmt(score.total)
    assert f"已评估 {score.assessed}/" in bench.score_view.base_card.detail.text()


def test_audit_page_reads_the_log_when_shown(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    project = window.state.require_project()
    view = bench.audit_view
    with qtbot.waitSignal(bench.keeper.updated, timeout=10_000):
        bench.extras_pane.set_veto("V1", True, "发生重大违法行政案件")
    assert view.model.rowCount() == 0  # hidden since the opening: not read

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        bench.views.setCurrentWidget(view)
    assert view.model.rowCount() == len(list_log(project))
    assert view.proxy.index(0, 3).data() == "否决项 V1"
    assert view.proxy.index(0, 2).data() == "否决项触发"


def test_the_opened_project_is_remembered_after_the_opening(
    qtbot: QtBot, window: MainWindow, part2_project_dir: Path
) -> None:
    # Written in an event-loop pass of its own, after the first indicator is shown.
    qtbot.waitUntil(lambda: settings.recent_projects()[:1] == [part2_project_dir.absolute()])
