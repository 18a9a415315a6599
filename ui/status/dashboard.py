"""The dashboard a leader reads at a glance: progress by 一级指标 and by unit (evidence coverage, returns
outstanding), a ranking of units, and charts (QtCharts); exportable as a PNG image."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalPercentBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.status.dashboard import AreaProgress, DashboardData, UnitProgress, load_dashboard, with_score
from app.status.workspace import IndicatorStatus
from ui.common.background import BackgroundTask, run_read, show_error
from ui.common.dialog_parts import FigureCard
from ui.common.icons import STATUS_COLORS
from ui.common.state import ProjectState
from ui.scoring.score_models import VETO_RED, AssessmentSnapshot, ScoreKeeper, fmt
from ui.scoring.veto_banner import VetoBanner
from ui.status.dashboard_models import AreaProgressModel, DashboardRole, UnitRankingModel, percent

ModelIndex = QModelIndex | QPersistentModelIndex

#: Units shown in the coverage chart (the table lists them all).
CHART_UNITS = 12


# -- data ------------------------------------------------------------------------------------------


# -- models ----------------------------------------------------------------------------------------


# -- charts ----------------------------------------------------------------------------------------


def _chart(title: str) -> QChart:
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
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    view.setFrameShape(QFrame.Shape.StyledPanel)
    return view


def _short(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kpi_card(caption: str) -> FigureCard:
    """One headline figure for the leader: a big number and what it means."""
    return FigureCard(caption, object_name="kpiCard", scale=2.0, wrap_detail=True)


class Dashboard(QWidget):
    """Overview (figures and charts), progress by 一级指标, ranking of units."""

    #: The dashboard was recomputed (carries the ``DashboardData``).
    refreshed = Signal(object)

    def __init__(self, state: ProjectState, keeper: ScoreKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.state = state
        self.keeper = keeper
        self.data: DashboardData | None = None
        self.last_task: BackgroundTask | None = None
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # many changes in a row (a package import) → one recompute
        self._timer.timeout.connect(self.reload)

        # -- overview ------------------------------------------------------------------------------
        self.title_label = QLabel()
        self.title_label.setObjectName("dashboardTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.banner = VetoBanner(keeper)
        self.ready_card = _kpi_card(self.tr("资料齐全"))
        self.assessed_card = _kpi_card(self.tr("已评估"))
        self.returns_card = _kpi_card(self.tr("退回待补"))
        self.score_card = _kpi_card(self.tr("自评得分（参考方案）"))
        cards = QHBoxLayout()
        for card in (self.ready_card, self.assessed_card, self.returns_card, self.score_card):
            cards.addWidget(card, 1)
        self.area_chart = _chart(self.tr("各一级指标资料进度"))
        self.area_chart_view = _chart_view(self.area_chart)
        self.score_chart = _chart(self.tr("各一级指标得分率"))
        self.score_chart_view = _chart_view(self.score_chart)
        self.unit_chart = _chart(self.tr("各单位资料覆盖率（前 {n} 名）").format(n=CHART_UNITS))
        self.unit_chart_view = _chart_view(self.unit_chart)
        charts = QGridLayout()
        charts.addWidget(self.area_chart_view, 0, 0)
        charts.addWidget(self.score_chart_view, 0, 1)
        charts.addWidget(self.unit_chart_view, 1, 0, 1, 2)
        charts.setRowStretch(0, 1)
        charts.setRowStretch(1, 1)
        self.overview = QWidget()
        self.overview.setObjectName("dashboardOverview")
        overview_layout = QVBoxLayout(self.overview)
        overview_layout.setContentsMargins(4, 4, 4, 4)
        overview_layout.addWidget(self.title_label)
        overview_layout.addWidget(self.banner)
        overview_layout.addLayout(cards)
        overview_layout.addLayout(charts, 1)

        # -- tables --------------------------------------------------------------------------------
        self.area_model = AreaProgressModel(self)
        self.area_view = self._table(self.area_model, sortable=False)
        self.area_view.setObjectName("areaProgressView")
        self.unit_model = UnitRankingModel(self)
        self.unit_proxy = QSortFilterProxyModel(self)
        self.unit_proxy.setSourceModel(self.unit_model)
        self.unit_proxy.setSortRole(DashboardRole.SORT)
        self.unit_view = self._table(self.unit_proxy, sortable=True)
        self.unit_view.setObjectName("unitRankingView")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        # On a 1366×768 laptop the charts keep a readable size and the page scrolls.
        self.overview_scroll = QScrollArea()
        self.overview_scroll.setObjectName("overviewScroll")
        self.overview_scroll.setWidgetResizable(True)
        self.overview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.overview_scroll.setWidget(self.overview)
        self.tabs.addTab(self.overview_scroll, self.tr("总览"))
        self.tabs.addTab(self.area_view, self.tr("按一级指标"))
        self.tabs.addTab(self.unit_view, self.tr("单位排名"))

        self.updated_label = QLabel()
        self.updated_label.setStyleSheet("color: palette(placeholder-text);")
        self.export_button = QPushButton(self.tr("导出为图片…"))
        self.export_button.setObjectName("exportImage")
        self.export_button.setToolTip(self.tr("把总览页保存为 PNG 图片，可插入汇报材料"))
        self.export_button.clicked.connect(self.choose_image_file)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(self.updated_label, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)

        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)
        keeper.updated.connect(self._on_keeper_updated)
        self._update_buttons()
        if state.project is not None:
            self.reload()

    def _table(self, model: QAbstractTableModel | QSortFilterProxyModel, *, sortable: bool) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.setSortingEnabled(sortable)
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0 if model is self.area_model else 1, QHeaderView.ResizeMode.Stretch)
        return view

    # -- loading -----------------------------------------------------------------------------------
    def reload(self) -> BackgroundTask | None:
        project = self.state.project
        snapshot = self.state.snapshot
        if project is None or snapshot is None:
            return None
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        progress = dict(snapshot.progress)
        units = tuple(snapshot.units)

        def work(report: ProgressCallback, cancel: CancelToken) -> DashboardData:
            return load_dashboard(project, progress, units, None)  # scores: the keeper's, in set_data

        def done(data: DashboardData) -> None:
            if generation == self._generation and self.state.project is project:
                self.set_data(data)

        self.last_task = run_read(self, work, title=self.tr("统计进度"), on_done=done, show_progress=False)
        return self.last_task

    def set_data(self, data: DashboardData) -> None:
        if self.keeper.score is not None:
            data = with_score(data, self.keeper.score)
        self.data = data
        snapshot = self.state.snapshot
        if snapshot is not None:
            self.title_label.setText(
                self.tr("{county}法治政府建设示范创建进度（{year}年）").format(
                    county=snapshot.info.county, year=snapshot.info.year
                )
            )
        counts = data.status_counts
        self.ready_card.set(
            percent(data.ready_share),
            self.tr("{ready}/{total} 项三级指标；资料不全 {some} 项，尚无资料 {none} 项").format(
                ready=data.ready,
                total=data.indicator_count,
                some=counts[IndicatorStatus.SOME],
                none=counts[IndicatorStatus.NONE],
            ),
        )
        outstanding = data.returns_outstanding
        self.returns_card.set(
            str(outstanding),
            self.tr("涉及 {n} 个单位").format(n=data.units_with_returns)
            if outstanding
            else self.tr("没有待补的退回"),
            STATUS_COLORS[IndicatorStatus.RETURNED] if outstanding else "#1e8e3e",
        )
        # A plan project (a task list) is never scored: no score card, no score chart.
        plan = snapshot is not None and snapshot.catalog.is_plan
        for widget in (self.assessed_card, self.score_card, self.score_chart_view):
            widget.setVisible(not plan)
        columns = self.area_model.columnCount()
        for column in (columns - 2, columns - 1):  # 已评估, 得分
            self.area_view.setColumnHidden(column, plan)
        self.area_model.set_rows(data.areas)
        self.unit_model.set_rows(data.units)
        self.unit_proxy.sort(-1)
        self._show_score()
        self._draw_area_chart(data)
        self._draw_unit_chart(data)
        self._draw_score_chart(data)
        self.updated_label.setText(
            self.tr("统计时间：{at}").format(at=datetime.now().strftime("%Y-%m-%d %H:%M"))
        )
        self._update_buttons()
        self.refreshed.emit(data)

    def _show_score(self) -> None:
        score = self.keeper.score
        if score is None:
            self.assessed_card.set("—")
            self.score_card.set("—")
            return
        total = len(score.indicators)
        self.assessed_card.set(
            f"{score.assessed}/{total}",
            self.tr("不适用 {na} 项").format(na=score.not_applicable) if score.not_applicable else "",
        )
        if score.vetoed:
            self.score_card.set(
                self.tr("一票否决"),
                self.tr("得分 {total}（仍列出）").format(total=fmt(score.total)),
                VETO_RED,
            )
        else:
            self.score_card.set(
                fmt(score.total),
                self.tr("基础分 {base} + 加分 {bonus}；非官方分值").format(
                    base=fmt(score.base), bonus=fmt(score.bonus)
                ),
            )

    def _reset_chart(self, chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _draw_area_chart(self, data: DashboardData) -> None:
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
        categories = QBarCategoryAxis()
        categories.append([_short(f"{a.code}、{a.name}") for a in reversed(data.areas)])
        categories.setTruncateLabels(False)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        values.setTickCount(6)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        self.area_chart_view.setMinimumHeight(max(220, 70 + 28 * len(data.areas)))

    def _draw_unit_chart(self, data: DashboardData) -> None:
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
        categories = QBarCategoryAxis()
        categories.append([self._unit_label(u) for u in reversed(top)])
        categories.setTruncateLabels(False)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        values.setTickCount(6)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        chart.legend().hide()
        self.unit_chart_view.setMinimumHeight(max(220, 60 + 24 * len(top)))

    def _unit_label(self, unit: UnitProgress) -> str:
        label = _short(unit.name, 14)
        if unit.returns_outstanding:
            label += self.tr("（退{n}）").format(n=unit.returns_outstanding)
        return label

    def _draw_score_chart(self, data: DashboardData) -> None:
        """Score as a share of the applicable maximum, per 一级指标 (unassessed indicators count 0)."""
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
        categories = QBarCategoryAxis()
        categories.append([self._area_label(a) for a in reversed(data.areas)])
        categories.setTruncateLabels(False)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        axis = QValueAxis()
        axis.setRange(0, 100)
        axis.setLabelFormat("%d%%")
        axis.setTickCount(6)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        chart.legend().hide()
        self.score_chart_view.setMinimumHeight(max(220, 70 + 28 * len(data.areas)))

    def _area_label(self, area: AreaProgress) -> str:
        label = _short(f"{area.code}、{area.name}")
        if area.assessed < area.total:
            label += self.tr("（未评{n}）").format(n=area.total - area.assessed)
        return label

    # -- export ------------------------------------------------------------------------------------
    def grab_overview(self) -> QPixmap:
        return self.overview.grab()

    def export_image(self, path: Path) -> bool:
        """Save the overview page as a PNG image."""
        return bool(self.grab_overview().save(str(path), "PNG"))

    def choose_image_file(self) -> None:
        snapshot = self.state.snapshot
        default = f"{snapshot.info.county}示范创建进度.png" if snapshot is not None else "示范创建进度.png"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出为图片"), default, self.tr("PNG 图片 (*.png)")
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.export_image(path):
            show_error(
                self, self.tr("导出为图片"), FazhiError(self.tr("无法写入图片：{path}").format(path=path))
            )

    # -- the hub -----------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        has = self.state.project is not None
        self.refresh_button.setEnabled(has)
        self.export_button.setEnabled(has and self.data is not None)

    def _on_state_opened(self, snapshot: object) -> None:
        self.data = None
        self.reload()

    def _on_state_changed(self, change: ProjectChange) -> None:
        self._timer.start()

    def _on_state_closed(self) -> None:
        self._generation += 1
        self.data = None
        self.area_model.set_rows([])
        self.unit_model.set_rows([])
        for chart in (self.area_chart, self.unit_chart, self.score_chart):
            self._reset_chart(chart)
        self._update_buttons()

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        self._show_score()
        if self.data is not None:
            # Area scores come from the keeper; progress needs no reload for a new score.
            self.data = with_score(self.data, snapshot.score)
            self.area_model.set_rows(self.data.areas)
            self._draw_score_chart(self.data)
