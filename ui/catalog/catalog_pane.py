"""The catalog pane: search box, unit and status filters, the indicator tree and its summary line.

In a plan project (a task list) the status filter filters tasks (全部任务 / 只看逾期 / 未完成 / …, each
with its count) and the summary line counts tasks by status; the rows come from ``set_task_rows``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.status.plan_progress import TaskRow
from app.status.workspace import IndicatorStatus, WorkspaceSnapshot, summarize
from ui.catalog.catalog_model import CatalogFilterProxy, CatalogRole, CatalogTreeModel, Column
from ui.common.icons import status_icon, status_label, status_meaning
from ui.common.plan_tasks import TaskStatus, count_statuses, task_status_icon, task_status_label
from ui.common.state import ProjectState

_ALL_UNITS = "__all__"
_MY_TASKS = "__mine__"


def first_indicator(snapshot: WorkspaceSnapshot) -> int:
    """The indicator shown first: a unit workspace's first task, else the catalog's first indicator."""
    if snapshot.is_unit_workspace and snapshot.info.unit:
        unit = snapshot.unit(snapshot.info.unit)
        if unit is not None and unit.indicators:
            return unit.indicators[0]
    return snapshot.catalog.indicators[0].number


class CatalogPane(QWidget):
    """The left side of the window; it tells the shell which indicator the user picked."""

    #: The user moved to another indicator in the tree.
    indicator_selected = Signal(int)

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogPane")
        self.state = state
        self.tree_model: CatalogTreeModel | None = None
        self.proxy = CatalogFilterProxy(self)
        #: The indicator the shell shows (kept selected when filters change).
        self.current: int | None = None
        self._plan = False
        self._task_rows: dict[int, TaskRow] = {}

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("搜索指标内容、编号、责任单位（Ctrl+Shift+F）"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(self.tr("输入关键词筛选指标；多个词用空格分开"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)  # filter once typing pauses, not on every key
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)

        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unitFilter")
        self.unit_combo.setToolTip(self.tr("只显示某个单位负责的指标"))
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_combo.setMinimumContentsLength(8)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_combo_current_index_changed)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self._fill_status_filter()
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_current_index_changed)

        self.tree = QTreeView()
        self.tree.setObjectName("catalogTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The number and the start of the name stay readable (middle elision hid what the item is about);
        # the whole text is the tooltip.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(14)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree_empty = QLabel(self.tr("没有符合条件的指标"))
        self.tree_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tree_empty.setStyleSheet("color: palette(placeholder-text);")
        self.tree_empty.hide()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self._summary_tip = self.tr(
            "齐全：资料满足全部要求；不全：已有部分资料；无资料：尚未提供；实地：实地核查项，无需上传"
        )
        self.summary_label.setToolTip(self._summary_tip)
        self.summary_label.setWordWrap(True)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.unit_combo, 3)
        filters.addWidget(self.status_combo, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.tree_empty)
        layout.addWidget(self.summary_label)

    # -- the project's life ------------------------------------------------------------------------
    def show_loading(self) -> None:
        """Lay the pane out while a project opens."""
        self.tree.hide()
        self.tree_empty.setText(self.tr("正在打开项目…"))
        self.tree_empty.show()

    def _fill_status_filter(self) -> None:
        """The status filter: evidence statuses, or in a plan project task statuses with their counts."""
        combo = self.status_combo
        index = combo.currentIndex()
        combo.blockSignals(True)
        combo.clear()
        if self._plan:
            combo.setToolTip(self.tr("按任务进度筛选：只看逾期、未完成……"))
            counts = count_statuses(self._task_rows.values())
            open_count = len(self._task_rows) - counts[TaskStatus.DONE]
            combo.addItem(self.tr("全部任务（{n}）").format(n=len(self._task_rows)), None)
            combo.addItem(
                task_status_icon(TaskStatus.OVERDUE),
                self.tr("只看逾期（{n}）").format(n=counts[TaskStatus.OVERDUE]),
                (TaskStatus.OVERDUE,),
            )
            combo.addItem(
                self.tr("未完成（{n}）").format(n=open_count),
                (TaskStatus.OVERDUE, TaskStatus.ACTIVE, TaskStatus.IDLE),
            )
            for task in (TaskStatus.ACTIVE, TaskStatus.IDLE, TaskStatus.DONE):
                combo.addItem(
                    task_status_icon(task),
                    self.tr("{status}（{n}）").format(status=task_status_label(task), n=counts[task]),
                    (task,),
                )
        else:
            combo.setToolTip(self.tr("按资料状态筛选"))
            combo.addItem(self.tr("全部状态"), None)
            combo.addItem(
                self.tr("未完成"),
                (IndicatorStatus.NONE, IndicatorStatus.SOME, IndicatorStatus.RETURNED),
            )
            for status in IndicatorStatus:
                combo.addItem(status_icon(status), status_label(status), (status,))
                combo.setItemData(combo.count() - 1, status_meaning(status), Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(index if 0 <= index < combo.count() else 0)
        combo.blockSignals(False)

    def set_task_rows(self, rows: Mapping[int, TaskRow]) -> None:
        """The tasks of a plan project with their progress (from ``PlanTracker``)."""
        if not self._plan or self.tree_model is None:
            return
        self._task_rows = dict(rows)
        self.tree_model.set_task_rows(self._task_rows)
        self._fill_status_filter()
        self.proxy.refilter_tasks()
        self._after_filter()
        self.update_summary()

    def set_snapshot(self, snapshot: WorkspaceSnapshot) -> None:
        plan = snapshot.catalog.is_plan
        self._task_rows = {}  # the new project's come from the tracker
        if plan != self._plan:  # the filter changes kind: evidence statuses ↔ task statuses
            self._plan = plan
            self.proxy.set_statuses(None)
            self.proxy.set_task_statuses(None)
            self.status_combo.setCurrentIndex(0)
            self._fill_status_filter()
        elif plan:
            self._fill_status_filter()  # counts of the new project's tasks follow from the tracker
        self.search_edit.setPlaceholderText(
            self.tr("搜索任务内容、编号、责任单位（Ctrl+Shift+F）")
            if plan
            else self.tr("搜索指标内容、编号、责任单位（Ctrl+Shift+F）")
        )
        self.search_edit.setToolTip(
            self.tr("输入关键词筛选任务；多个词用空格分开")
            if plan
            else self.tr("输入关键词筛选指标；多个词用空格分开")
        )
        self.unit_combo.setToolTip(
            self.tr("只显示某个单位牵头或参与的任务") if plan else self.tr("只显示某个单位负责的指标")
        )
        old_model = self.tree_model
        self.tree_model = CatalogTreeModel(snapshot.catalog, self)
        self.tree_model.set_progress(snapshot.progress, replace=True)
        self.proxy.setSourceModel(self.tree_model)
        if old_model is not None:
            old_model.deleteLater()
        # Section modes exist only once the model has columns.
        header = self.tree.header()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        # A fixed width, not ResizeToContents: measuring every row on each expand costs 100s of ms.
        header.setSectionResizeMode(Column.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.PROGRESS, self.tree.fontMetrics().horizontalAdvance("实地 · 000 件") + 16)
        self._fill_unit_filter(snapshot)
        self.tree_empty.setText(self.tr("没有符合条件的任务") if plan else self.tr("没有符合条件的指标"))
        self._after_filter()
        self.update_summary()

    def clear(self) -> None:
        self.proxy.setSourceModel(None)  # type: ignore[arg-type]
        self.tree_model = None
        self.current = None
        self.summary_label.clear()

    def apply_change(self, change: ProjectChange) -> None:
        """Repaint the rows (and the unit filter) that ``change`` touches."""
        snapshot = self.state.snapshot
        if snapshot is None or self.tree_model is None:
            return
        if change.everything:
            self.tree_model.set_progress(snapshot.progress, replace=True)
            self._fill_unit_filter(snapshot)
        else:
            numbers = {m for n in change.indicators for m in snapshot.catalog.indicator(n).evidence_group}
            self.tree_model.set_progress({n: snapshot.progress[n] for n in numbers if n in snapshot.progress})
        self.update_summary()

    # -- search and filters ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_search_edit_text_changed(self, text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.apply_search()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.proxy.set_search_text(self.search_edit.text())
        self._after_filter()

    def _on_unit_combo_current_index_changed(self, index: int) -> None:
        self._apply_unit_filter()

    def _apply_unit_filter(self) -> None:
        snapshot = self.state.snapshot
        data = self.unit_combo.currentData()
        numbers: Sequence[int] | None = None
        if snapshot is not None and data not in (None, _ALL_UNITS):
            name = snapshot.info.unit if data == _MY_TASKS else str(data)
            unit = snapshot.unit(name) if name else None
            numbers = unit.indicators if unit is not None else ()
        self.proxy.set_allowed_numbers(numbers)
        if self.tree_model is not None:
            self.tree_model.set_scope(numbers)
        self._after_filter()
        self.update_summary()

    def _on_status_combo_current_index_changed(self, index: int) -> None:
        if self._plan:
            self.proxy.set_task_statuses(self.status_combo.currentData())
        else:
            self.proxy.set_statuses(self.status_combo.currentData())
        self._after_filter()

    def _after_filter(self) -> None:
        if self.proxy.filtering:
            self.tree.expandAll()
        empty = self.proxy.rowCount() == 0 and self.tree_model is not None
        self.tree_empty.setVisible(empty)
        self.tree.setVisible(not empty)
        if self.current is not None:
            index = self.proxy_index(self.current)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)

    def _fill_unit_filter(self, snapshot: WorkspaceSnapshot) -> None:
        current = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        if snapshot.is_unit_workspace:
            self.unit_combo.addItem(self.tr("我的任务（{unit}）").format(unit=snapshot.info.unit), _MY_TASKS)
        self.unit_combo.addItem(self.tr("全部单位"), _ALL_UNITS)
        for unit in snapshot.units:
            if unit.indicators and not unit.collective:
                self.unit_combo.addItem(
                    self.tr("{name}（{n} 项）").format(name=unit.name, n=len(unit.indicators)), unit.name
                )
        index = self.unit_combo.findData(current) if current is not None else -1
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.unit_combo.blockSignals(False)
        self._apply_unit_filter()

    def update_summary(self) -> None:
        snapshot = self.state.snapshot
        if snapshot is None:
            self.summary_label.clear()
            return
        allowed = self.proxy.allowed_numbers
        if self._plan:
            rows = [r for n, r in self._task_rows.items() if allowed is None or n in allowed]
            tasks = count_statuses(rows)
            parts = [
                self.tr("{status} {n}").format(status=task_status_label(status), n=tasks[status])
                for status in (TaskStatus.DONE, TaskStatus.ACTIVE, TaskStatus.IDLE, TaskStatus.OVERDUE)
            ]
            total = len(rows) if self._task_rows else len(snapshot.catalog.indicators)
            self.summary_label.setText(self.tr("共 {n} 项任务：").format(n=total) + " · ".join(parts))
            self.summary_label.setToolTip(self.tr("按任务进度统计；逾期：完成时限已过，尚未完成"))
            return
        self.summary_label.setToolTip(self._summary_tip)
        progress = (
            snapshot.progress
            if allowed is None
            else {n: p for n, p in snapshot.progress.items() if n in allowed}
        )
        counts = summarize(progress)
        parts = [
            self.tr("齐全 {n}").format(n=counts[IndicatorStatus.COMPLETE]),
            self.tr("不全 {n}").format(n=counts[IndicatorStatus.SOME]),
            self.tr("无资料 {n}").format(n=counts[IndicatorStatus.NONE]),
            self.tr("实地 {n}").format(n=counts[IndicatorStatus.ONSITE]),
        ]
        if counts[IndicatorStatus.RETURNED]:
            parts.append(self.tr("退回 {n}").format(n=counts[IndicatorStatus.RETURNED]))
        text = self.tr("共 {n} 项：").format(n=len(progress)) + " · ".join(parts)
        self.summary_label.setText(text)

    # -- the tree ----------------------------------------------------------------------------------
    def expand_all(self) -> None:
        self.tree.expandAll()

    def collapse_all(self) -> None:
        self.tree.collapseAll()

    def proxy_index(self, number: int) -> QModelIndex:
        if self.tree_model is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.tree_model.indicator_index(number))

    def select_first_indicator(self) -> None:
        snapshot = self.state.snapshot
        if self.tree_model is None or snapshot is None:
            return
        numbers = [first_indicator(snapshot)] + [i.number for i in snapshot.catalog.indicators]
        for number in numbers:
            index = self.proxy_index(number)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                return

    def select_indicator(self, number: int) -> bool:
        """Select ``number`` in the tree (clearing filters that hide it)."""
        index = self.proxy_index(number)
        if not index.isValid():
            self.search_edit.clear()
            self.apply_search()
            self.status_combo.setCurrentIndex(0)
            index = self.proxy_index(number)
            if not index.isValid():
                self.unit_combo.setCurrentIndex(self.unit_combo.findData(_ALL_UNITS))
                index = self.proxy_index(number)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def number_at(self, index: QModelIndex) -> int | None:
        number = index.data(CatalogRole.NUMBER) if index.isValid() else None
        return int(number) if number else None

    def _on_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        number = self.number_at(current)
        if number is not None and number != self.current:
            self.indicator_selected.emit(number)
