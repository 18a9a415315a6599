"""Dashboard on a temporary project: progress by 一级指标 and unit, ranking, charts, PNG export."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.assessment.levels import set_level
from app.assessment.reviews import review
from ui.scoring.score_models import ScoringChange
from ui.status.dashboard import Dashboard
from ui.status.dashboard_models import DashboardRole

pytest_plugins = ["conftest_part2"]


def test_dashboard_progress_ranking_charts_and_image(
    qtbot: QtBot,
    part2_state: Any,
    part2_keeper: Any,
    *,
    add_evidence: Any,
    refresh_state: Any,
    qtmodeltester: ModelTester,
    tmp_path: Path,
) -> None:
    project = part2_state.project
    add_evidence(project, "县发展和改革局", [1])  # indicator 1 complete
    add_evidence(project, "县发展和改革局", [2])  # indicator 2: 1 of 3 案卷
    add_evidence(project, "县司法局", [4], count=2)  # 4 and 5 (合并提供) complete
    review(project, indicator=4, unit="县司法局", decision="return", comment="审核意见书缺少签章")
    set_level(project, 1, "达标")
    refresh_state(qtbot, part2_state)
    qtbot.waitUntil(lambda: part2_keeper.score.assessed == 1)

    dashboard = Dashboard(part2_state, part2_keeper)
    qtbot.addWidget(dashboard)
    dashboard.resize(1200, 800)
    dashboard.show()
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.reload()
    qtmodeltester.check(dashboard.area_model)
    qtmodeltester.check(dashboard.unit_model)
    qtmodeltester.check(dashboard.unit_proxy)
    data = dashboard.data
    assert data is not None

    # 一: indicators 1 (complete), 2 (some), 3 (实地核查 counts as ready); 二: 4 returned, 5 complete.
    area_one, area_two = data.areas
    assert (area_one.total, area_one.complete, area_one.some, area_one.none) == (3, 2, 1, 0)
    assert (area_two.total, area_two.complete, area_two.returned) == (2, 1, 1)
    assert dashboard.area_model.index(0, 6).data() == "67%"
    assert dashboard.area_model.index(0, 7).data() == "1/3"

    # Ranking: 县司法局 covers both its indicators (but has one return outstanding); 县发改局 2 of 2;
    # 县市场监管局 none of its one.
    ranking = [dashboard.unit_proxy.index(r, 1).data() for r in range(dashboard.unit_proxy.rowCount())]
    assert ranking == ["县发展和改革局", "县司法局", "县市场监督管理局"]
    by_name = {u.name: u for u in data.units}
    assert (by_name["县司法局"].covered, by_name["县司法局"].returns_outstanding) == (2, 1)
    assert by_name["县市场监督管理局"].coverage == 0
    assert dashboard.returns_card.value.text() == "1"
    assert dashboard.ready_card.value.text() == "60%"  # 3 of 5
    # Sorting by a column uses the numbers behind the cells.
    dashboard.unit_view.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    assert dashboard.unit_proxy.index(0, 0).data(DashboardRole.KEY) == "县司法局"  # 1 return outstanding

    # The charts carry the same numbers (first area drawn on top: reversed order).
    series = cast(QBarSeries, dashboard.area_chart.series()[0])
    complete = series.barSets()[0]
    assert [complete.at(i) for i in range(complete.count())] == [1.0, 2.0]
    coverage = cast(QBarSeries, dashboard.unit_chart.series()[0]).barSets()[0]
    assert coverage.at(coverage.count() - 1) == 100.0

    # A new level moves the score chart without a reload.
    set_level(project, 4, "达标")
    with qtbot.waitSignal(part2_keeper.updated, timeout=10_000):
        part2_state.apply(ScoringChange(marks=frozenset()))
    rates = cast(QBarSeries, dashboard.score_chart.series()[0]).barSets()[0]
    assert [rates.at(i) for i in range(rates.count())] == [50.0, round(10 / 30 * 100, 1)]  # first area on top

    # Exported as an image of the overview.
    out = tmp_path / "进度.png"
    assert dashboard.export_image(out)
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 600 and image.height() > 400
