"""The dashboard's charts (QtCharts), built the first time they are drawn.

Three for an assessment project (progress and score rate by 一级指标, coverage of units); in a plan project
(a task list, never scored) a chart of task statuses per section takes the score chart's place.

QtCharts costs about 0.1 s to import; the window opens on the indicator page, so the charts module is
loaded only when the dashboard is first filled (a lazy import of a Qt module, as the architecture test
allows for PySide6's large parts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QWidget

from app.status.dashboard import AreaProgress, DashboardData, UnitProgress
from app.status.workspace import IndicatorStatus
from ui.common.formatting import short
from ui.common.icons import STATUS_COLORS
from ui.common.plan_tasks import TaskStatus, task_status_color, task_status_label

if TYPE_CHECKING:
    from PySide6.QtCharts import QAbstractBarSeries, QChart, QChartView

#: Units shown in the coverage chart (the table lists them all).
CHART_UNITS = 12


def _percent_axes(chart: QChart, series: QAbstractBarSeries, labels: list[str]) -> None:
    """Category labels on the left (whole, not truncated), 0–100 % along the bottom."""
    from PySide6.QtCharts import QBarCategoryAxis, QValueAxis

    categories = QBarCategoryAxis()
    categories.append(labels)
    categories.setTruncateLabels(False)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    values = QValueAxis()
    values.setRange(0, 100)
    values.setLabelFormat("%d%%")
    values.setTickCount(6)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)


def _chart(title: str) -> QChart:
    from PySide6.QtCharts import QChart

    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _chart_view(chart: QChart) -> QChartView:
    from PySide6.QtCharts import QChartView

    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    # The grid's equal column stretch decides the width, not the chart's label-driven size hint.
    view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    view.setFrameShape(QFrame.Shape.StyledPanel)
    return view


class DashboardCharts(QWidget):
    """Progress by 一级指标, score rate by 一级指标, coverage of the leading units."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardCharts")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setRowStretch(0, 1)
        self.grid.setRowStretch(1, 1)
        # Equal columns: without this the score chart's long axis labels took ~3/4 of the width and
        # squeezed the progress chart until its labels and legend were unreadable.
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.setMinimumHeight(460)  # the room the charts take, before they exist
        self._charts: tuple[QChart, QChart, QChart, QChart] | None = None
        self._views: tuple[QChartView, QChartView, QChartView, QChartView] | None = None
        self._plan = False

    def set_plan(self, plan: bool) -> None:
        """A plan project: evidence progress per section of tasks, and task statuses instead of scores."""
        self._plan = plan
        self.area_chart.setTitle(self.tr("各类任务资料进度") if plan else self.tr("各一级指标资料进度"))
        self._view(2).setVisible(not plan)
        self._view(3).setVisible(plan)

    @property
    def built(self) -> bool:
        return self._charts is not None

    def _build(self) -> tuple[QChart, QChart, QChart, QChart]:
        if self._charts is None:
            charts = (
                _chart(self.tr("各一级指标资料进度")),
                _chart(self.tr("各单位资料覆盖率（前 {n} 名）").format(n=CHART_UNITS)),
                _chart(self.tr("各一级指标得分率")),
                _chart(self.tr("各类任务完成情况")),
            )
            views = (
                _chart_view(charts[0]),
                _chart_view(charts[1]),
                _chart_view(charts[2]),
                _chart_view(charts[3]),
            )
            self.grid.addWidget(views[0], 0, 0)
            self.grid.addWidget(views[2], 0, 1)
            self.grid.addWidget(views[3], 0, 1)  # the same place: a plan has no score
            self.grid.addWidget(views[1], 1, 0, 1, 2)
            views[2].setVisible(not self._plan)
            views[3].setVisible(self._plan)
            self.setMinimumHeight(0)
            self._charts, self._views = charts, views
        return self._charts

    @property
    def area_chart(self) -> QChart:
        return self._build()[0]

    @property
    def unit_chart(self) -> QChart:
        return self._build()[1]

    @property
    def score_chart(self) -> QChart:
        return self._build()[2]

    @property
    def task_chart(self) -> QChart:
        return self._build()[3]

    def _view(self, index: int) -> QChartView:
        self._build()
        assert self._views is not None
        return self._views[index]

    # -- drawing --------------------------------------------------------------------------------------
    def draw(self, data: DashboardData) -> None:
        self._draw_area_chart(data)
        self._draw_unit_chart(data)
        self.draw_score(data)

    def reset(self) -> None:
        if self._charts is not None:
            for chart in self._charts:
                self._reset_chart(chart)

    def _reset_chart(self, chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _draw_area_chart(self, data: DashboardData) -> None:
        from PySide6.QtCharts import QBarSet, QHorizontalPercentBarSeries

        chart = self.area_chart
        self._reset_chart(chart)
        series = QHorizontalPercentBarSeries()
        parts = (
            (self.tr("资料齐全"), IndicatorStatus.COMPLETE, [a.complete for a in data.areas]),
            (self.tr("资料不全"), IndicatorStatus.SOME, [a.some for a in data.areas]),
            (self.tr("尚无资料"), IndicatorStatus.NONE, [a.none for a in data.areas]),
            (self.tr("被退回"), IndicatorStatus.RETURNED, [a.returned for a in data.areas]),
        )
        for label, status, counts in parts:
            bar = QBarSet(label)
            bar.setColor(QColor(STATUS_COLORS[status]))
            bar.setBorderColor(QColor(STATUS_COLORS[status]))
            bar.append([float(v) for v in reversed(counts)])  # first area on top
            series.append(bar)
        series.setLabelsVisible(False)
        chart.addSeries(series)
        _percent_axes(chart, series, [short(f"{a.code}、{a.name}") for a in reversed(data.areas)])
        self._view(0).setMinimumHeight(max(220, 70 + 28 * len(data.areas)))

    def _draw_unit_chart(self, data: DashboardData) -> None:
        from PySide6.QtCharts import QBarSet, QHorizontalBarSeries

        chart = self.unit_chart
        self._reset_chart(chart)
        top = list(data.units[:CHART_UNITS])
        series = QHorizontalBarSeries()
        bar = QBarSet(self.tr("覆盖率"))
        bar.setColor(QColor(STATUS_COLORS[IndicatorStatus.ONSITE]))
        bar.setBorderColor(QColor(STATUS_COLORS[IndicatorStatus.ONSITE]))
        bar.append([round(u.coverage * 100, 1) for u in reversed(top)])
        series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        _percent_axes(chart, series, [self._unit_label(u) for u in reversed(top)])
        chart.legend().hide()
        self._view(1).setMinimumHeight(max(220, 60 + 24 * len(top)))

    def _unit_label(self, unit: UnitProgress) -> str:
        label = short(unit.name, 14)
        if unit.returns_outstanding:
            label += self.tr("（退{n}）").format(n=unit.returns_outstanding)
        return label

    def draw_tasks(self, sections: Sequence[tuple[str, Mapping[TaskStatus, int]]]) -> None:
        """A plan's tasks per section (label, counts by status) as shares: done, active, idle, overdue."""
        from PySide6.QtCharts import QBarSet, QHorizontalPercentBarSeries

        chart = self.task_chart
        self._reset_chart(chart)
        series = QHorizontalPercentBarSeries()
        for status in (TaskStatus.DONE, TaskStatus.ACTIVE, TaskStatus.IDLE, TaskStatus.OVERDUE):
            bar = QBarSet(task_status_label(status))
            bar.setColor(task_status_color(status))
            bar.setBorderColor(task_status_color(status))
            bar.append([float(counts.get(status, 0)) for _label, counts in reversed(sections)])
            series.append(bar)
        series.setLabelsVisible(False)
        chart.addSeries(series)
        _percent_axes(chart, series, [short(label) for label, _counts in reversed(sections)])
        self._view(3).setMinimumHeight(max(220, 70 + 28 * len(sections)))

    def draw_score(self, data: DashboardData) -> None:
        """Score as a share of the applicable maximum, per 一级指标 (unassessed indicators count 0)."""
        from PySide6.QtCharts import QBarSet, QHorizontalBarSeries

        chart = self.score_chart
        self._reset_chart(chart)
        series = QHorizontalBarSeries()
        bar = QBarSet(self.tr("得分率"))
        bar.setColor(QColor(STATUS_COLORS[IndicatorStatus.COMPLETE]))
        bar.setBorderColor(QColor(STATUS_COLORS[IndicatorStatus.COMPLETE]))
        bar.append([round(a.score / a.maximum * 100, 1) if a.maximum else 0.0 for a in reversed(data.areas)])
        series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        _percent_axes(chart, series, [self._area_label(a) for a in reversed(data.areas)])
        chart.legend().hide()
        self._view(2).setMinimumHeight(max(220, 70 + 28 * len(data.areas)))

    def _area_label(self, area: AreaProgress) -> str:
        label = short(f"{area.code}、{area.name}")
        if area.assessed < area.total:
            label += self.tr("（未评{n}）").format(n=area.total - area.assessed)
        return label
