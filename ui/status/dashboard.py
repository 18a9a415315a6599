"""The dashboard a leader reads at a glance: progress by 一级指标 and by unit (evidence coverage, returns
outstanding), a ranking of units, and charts (QtCharts); exportable as a PNG image.

A plan project (a task list) is never scored: no score card or chart; a 任务完成 card shows the tasks
done out of all and how many are overdue (``set_task_rows``, from the window's ``PlanTracker``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
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
from app.status.dashboard import DashboardData, load_dashboard, with_score
from app.status.plan_progress import TaskRow
from app.status.workspace import IndicatorStatus
from ui.common.background import BackgroundTask, run_read, show_error
from ui.common.dialog_parts import FigureCard
from ui.common.icons import STATUS_COLORS
from ui.common.plan_tasks import TaskStatus, count_statuses, task_status_color
from ui.common.state import ProjectState
from ui.scoring.score_models import VETO_RED, AssessmentSnapshot, ScoreKeeper, fmt
from ui.scoring.veto_banner import VetoBanner
from ui.status.dashboard_charts import DashboardCharts
from ui.status.dashboard_models import AreaProgressModel, DashboardRole, UnitRankingModel, percent

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart

ModelIndex = QModelIndex | QPersistentModelIndex


# -- data ------------------------------------------------------------------------------------------


# -- models ----------------------------------------------------------------------------------------


# -- charts ----------------------------------------------------------------------------------------


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
        self._stale = True
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
        self.task_card = _kpi_card(self.tr("任务完成"))
        self.task_card.setObjectName("taskCard")
        self.task_card.setToolTip(self.tr("已完成的任务 / 全部任务；逾期：完成时限已过，尚未完成"))
        self.task_card.hide()  # plan projects only
        cards = QHBoxLayout()
        for card in (self.task_card, self.ready_card, self.assessed_card, self.returns_card, self.score_card):
            cards.addWidget(card, 1)
        # Built when first drawn (QtCharts is loaded then, not at start-up).
        self.charts = DashboardCharts()
        self.overview = QWidget()
        self.overview.setObjectName("dashboardOverview")
        overview_layout = QVBoxLayout(self.overview)
        overview_layout.setContentsMargins(4, 4, 4, 4)
        overview_layout.addWidget(self.title_label)
        overview_layout.addWidget(self.banner)
        overview_layout.addLayout(cards)
        overview_layout.addWidget(self.charts, 1)

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
        self._task_rows: dict[int, TaskRow] = {}
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
        # Fitted to the contents whenever the data comes, but the reader can still drag every column.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0 if model is self.area_model else 1, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(view.resizeColumnsToContents)
        model.layoutChanged.connect(view.resizeColumnsToContents)
        return view

    # -- loading -----------------------------------------------------------------------------------
    def reload(self) -> BackgroundTask | None:
        project = self.state.project
        snapshot = self.state.snapshot
        if project is None or snapshot is None:
            return None
        self._timer.stop()
        self._stale = False
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
        plan = snapshot is not None and snapshot.catalog.is_plan
        if snapshot is not None and plan:
            self.title_label.setText(
                self.tr("{title}进度（{year}年）").format(
                    title=snapshot.catalog.title, year=snapshot.info.year
                )
            )
        elif snapshot is not None:
            self.title_label.setText(
                self.tr("{county}法治政府建设示范创建进度（{year}年）").format(
                    county=snapshot.info.county, year=snapshot.info.year
                )
            )
        counts = data.status_counts
        ready = (
            self.tr("{ready}/{total} 项任务资料齐全；资料不全 {some} 项，尚无资料 {none} 项")
            if plan
            else self.tr("{ready}/{total} 项三级指标；资料不全 {some} 项，尚无资料 {none} 项")
        )
        self.ready_card.set(
            percent(data.ready_share),
            ready.format(
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
        # A plan project (a task list) is never scored: no score card; task statuses instead of scores.
        self.charts.set_plan(plan)
        self._set_plan(plan)
        columns = self.area_model.columnCount()
        for column in (columns - 2, columns - 1):  # 已评估, 得分
            self.area_view.setColumnHidden(column, plan)
        self.area_model.set_rows(data.areas)
        self.unit_model.set_rows(data.units)
        self.unit_proxy.sort(-1)
        self._show_score()
        self.charts.draw(data)
        if plan:
            self._draw_tasks()
        self.updated_label.setText(
            self.tr("统计时间：{at}").format(at=datetime.now().strftime("%Y-%m-%d %H:%M"))
        )
        self._update_buttons()
        self.refreshed.emit(data)

    def _set_plan(self, plan: bool) -> None:
        self.task_card.setVisible(plan)
        for widget in (self.assessed_card, self.score_card):
            widget.setVisible(not plan)
        self.area_model.set_plan(plan)
        self.unit_model.set_plan(plan)
        self.tabs.setTabText(
            self.tabs.indexOf(self.area_view), self.tr("按任务类别") if plan else self.tr("按一级指标")
        )

    def set_task_rows(self, rows: dict[int, TaskRow]) -> None:
        """A plan project's tasks with their progress: the 任务完成 card."""
        self._task_rows = dict(rows)
        self._show_tasks()

    def _draw_tasks(self) -> None:
        """The chart of task statuses per section (only once the charts exist: they load QtCharts)."""
        catalog = self.state.catalog
        if catalog is None or not catalog.is_plan or not self.charts.built:
            return
        sections = [
            (
                f"{area.code}、{area.name}",
                count_statuses(self._task_rows[n] for n in area.numbers if n in self._task_rows),
            )
            for area in catalog.areas
        ]
        self.charts.draw_tasks(sections)

    @property
    def task_chart(self) -> QChart:
        return self.charts.task_chart

    def _show_tasks(self) -> None:
        rows = list(self._task_rows.values())
        self._draw_tasks()
        if not rows:
            self.task_card.set("—")
            return
        counts = count_statuses(rows)
        overdue = counts[TaskStatus.OVERDUE]
        self.task_card.set(
            f"{counts[TaskStatus.DONE]}/{len(rows)}",
            self.tr("已逾期 {overdue} 项，推进中 {active} 项，未启动 {idle} 项").format(
                overdue=overdue, active=counts[TaskStatus.ACTIVE], idle=counts[TaskStatus.IDLE]
            ),
            task_status_color(TaskStatus.OVERDUE).name() if overdue else None,
        )

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

    # The charts, for tests and the image export.
    @property
    def area_chart(self) -> QChart:
        return self.charts.area_chart

    @property
    def unit_chart(self) -> QChart:
        return self.charts.unit_chart

    @property
    def score_chart(self) -> QChart:
        return self.charts.score_chart

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
        self._task_rows = {}
        catalog = self.state.catalog
        self._set_plan(catalog is not None and catalog.is_plan)
        self._show_tasks()
        # Counted when first looked at: opening a project with thousands of records does not wait for it.
        self._stale = True
        if self.isVisible():
            self.reload()

    def _on_state_changed(self, change: ProjectChange) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.state.project is not None:
            self.reload()

    def _on_state_closed(self) -> None:
        self._generation += 1
        self.data = None
        self.area_model.set_rows([])
        self.unit_model.set_rows([])
        self.charts.reset()
        self._update_buttons()

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        self._show_score()
        if self.data is not None:
            # Area scores come from the keeper; progress needs no reload for a new score.
            self.data = with_score(self.data, snapshot.score)
            self.area_model.set_rows(self.data.areas)
            self.charts.draw_score(self.data)
