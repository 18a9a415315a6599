"""我的任务: in a unit workspace, the clerk's own indicators from the kit and how far each one is.

A header names the unit, the county and year and the deadline, with the demands met so far (done /
required) as a bar and the 报送 button; below, one row per indicator of the kit. A double click (or
Enter) takes the window to the indicator. The view recomputes from the progress the hub already holds
(no query of its own).
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.status.unit_tasks import UnitTask, UnitTasks, kit_settings, unit_tasks
from app.status.workspace import IndicatorStatus, WorkspaceSnapshot
from indicator_catalog import Catalog
from ui.common.formatting import item_label
from ui.common.icons import status_color, status_icon, status_label
from ui.common.row_table_model import RowTableModel
from ui.common.state import ProjectState

ModelIndex = QModelIndex | QPersistentModelIndex


class TaskRole(IntEnum):
    NUMBER = Qt.ItemDataRole.UserRole + 1
    DONE = Qt.ItemDataRole.UserRole + 2
    REQUIRED = Qt.ItemDataRole.UserRole + 3
    STATUS = Qt.ItemDataRole.UserRole + 4


class TaskColumn(IntEnum):
    NUMBER = 0
    TEXT = 1
    DONE = 2
    EVIDENCE = 3
    STATUS = 4


def requirement_lines(task: UnitTask) -> list[str]:
    """One line per demand: ✓/□, its text and have/need (实地核查 marked as such)."""
    lines = []
    for requirement in task.requirements:
        if requirement.onsite:
            lines.append(
                QCoreApplication.translate("UnitTasks", "◇ {text}（实地核查）").format(text=requirement.text)
            )
        else:
            mark = "✓" if requirement.done else "□"
            lines.append(
                QCoreApplication.translate("UnitTasks", "{mark} {text}（{have}/{need}）").format(
                    mark=mark, text=requirement.text, have=requirement.have, need=requirement.need
                )
            )
    return lines


class UnitTasksModel(RowTableModel[UnitTask]):
    """The kit's indicators, one row each."""

    role_enum = TaskRole
    #: The project's catalog: a plan's tasks show their ids as printed ("一.3").
    catalog: Catalog | None = None

    def set_catalog(self, catalog: Catalog | None) -> None:
        self.catalog = catalog
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    @property
    def plan(self) -> bool:
        return self.catalog is not None and self.catalog.is_plan

    def titles(self) -> tuple[str, ...]:
        first = self.tr("任务") if self.plan else self.tr("指标")
        return (first, self.tr("内容"), self.tr("完成要求"), self.tr("资料"), self.tr("状态"))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        task = self._row_for(index)
        if task is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TaskColumn.NUMBER:
                if self.catalog is not None and self.plan and self.catalog.has_indicator(task.number):
                    return self.catalog.label_of(task.number)  # the column is headed 任务
                return item_label(self.catalog, task.number)
            if column == TaskColumn.TEXT:
                return task.text
            if column == TaskColumn.DONE:
                return f"{task.done}/{task.required}" if task.required else self.tr("实地核查")
            if column == TaskColumn.EVIDENCE:
                return str(task.evidence_count)
            if column == TaskColumn.STATUS:
                return status_label(task.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([task.text, *requirement_lines(task)])
        if role == Qt.ItemDataRole.DecorationRole and column == TaskColumn.STATUS:
            return status_icon(task.status)
        if role == Qt.ItemDataRole.ForegroundRole and column == TaskColumn.STATUS:
            return status_color(task.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TaskColumn.DONE, TaskColumn.EVIDENCE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == TaskRole.NUMBER:
            return task.number
        if role == TaskRole.DONE:
            return task.done
        if role == TaskRole.REQUIRED:
            return task.required
        if role == TaskRole.STATUS:
            return task.status.value
        return None


class UnitTasksView(QWidget):
    """The clerk's page: the kit's tasks, progress and the 报送 action."""

    #: The clerk asked to go to an indicator (double click, Enter).
    indicator_requested = Signal(int)
    #: The tasks were recomputed (carries the ``UnitTasks``).
    updated = Signal(object)

    def __init__(self, state: ProjectState, submit_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitTasksView")
        self.state = state
        self._kit: dict[str, Any] = {}
        self.tasks: UnitTasks | None = None

        self.title_label = QLabel()
        self.title_label.setObjectName("unitTasksTitle")
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_label.setFont(font)
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("unitTasksDeadline")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("unitTasksProgress")
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setMinimumWidth(220)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("unitTasksSummary")
        self.summary_label.setWordWrap(False)  # one line; the figures column widens to it
        self.submit_button = QToolButton()
        self.submit_button.setObjectName("unitTasksSubmit")
        self.submit_button.setDefaultAction(submit_action)
        self.submit_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.model = UnitTasksModel(self)
        self.table = QTableView()
        self.table.setObjectName("unitTasksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TaskColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        for column, width in ((TaskColumn.NUMBER, 80), (TaskColumn.DONE, 90), (TaskColumn.EVIDENCE, 60)):
            header.resizeSection(column, width)
        header.resizeSection(TaskColumn.STATUS, 110)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_activated)

        top = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title_label)
        names.addWidget(self.deadline_label)
        top.addLayout(names, 1)
        figures = QVBoxLayout()
        figures.addWidget(self.progress_bar)
        figures.addWidget(self.summary_label)
        top.addLayout(figures)
        top.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignVCenter)
        hint = QLabel(self.tr("双击一项转到该指标添加资料；全部完成后点“报送”生成提交包交给依法治县办。"))
        hint.setObjectName("unitTasksHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)

    # -- hub -----------------------------------------------------------------------------------------
    def _on_state_opened(self, snapshot: WorkspaceSnapshot) -> None:
        project = self.state.project
        self._kit = kit_settings(project) if project is not None else {}
        self.recompute()

    def _on_state_changed(self, change: object) -> None:
        project = self.state.project
        if project is not None:
            self._kit = kit_settings(project)  # a new kit may have been imported
        self.recompute()

    def _on_state_closed(self) -> None:
        self._kit = {}
        self.tasks = None
        self.model.set_rows([])
        self.title_label.clear()
        self.deadline_label.clear()
        self.summary_label.clear()
        self.progress_bar.reset()

    def recompute(self) -> None:
        snapshot = self.state.snapshot
        if snapshot is None or not snapshot.is_unit_workspace:
            self._on_state_closed()
            return
        info = snapshot.info
        tasks = unit_tasks(
            snapshot.catalog,
            unit=info.unit or "",
            county=info.county,
            year=info.year,
            kit=self._kit,
            progress=snapshot.progress,
            fallback=unit.indicators if (unit := snapshot.unit(info.unit or "")) is not None else (),
        )
        self.tasks = tasks
        self.model.set_catalog(snapshot.catalog)
        self.model.set_rows(list(tasks.tasks))
        plan = snapshot.catalog.is_plan
        self.title_label.setText(
            self.tr("{unit} · {county} {year}年 · 单位工作区").format(
                unit=tasks.unit, county=tasks.county, year=tasks.year
            )
        )
        self.deadline_label.setText(
            self.tr("报送截止日期：{deadline}").format(deadline=tasks.deadline)
            if tasks.deadline
            else self.tr("报送截止日期：以通知为准")
        )
        overdue = bool(tasks.deadline) and str(tasks.deadline) < date.today().isoformat()
        if overdue:
            self.deadline_label.setText(self.deadline_label.text() + self.tr("（已过截止日期）"))
        self.deadline_label.setStyleSheet("color: #d93025;" if overdue else "")
        self.progress_bar.setRange(0, max(tasks.required, 1))
        self.progress_bar.setValue(tasks.done if tasks.required else 1)
        self.progress_bar.setFormat(
            self.tr("已完成要求 {done}/{required}").format(done=tasks.done, required=tasks.required)
        )
        returned = sum(1 for t in tasks.tasks if t.status == IndicatorStatus.RETURNED)
        text = (
            self.tr("任务 {complete}/{count} 项资料已齐")
            if plan
            else self.tr("指标 {complete}/{count} 项资料已齐")
        ).format(complete=tasks.complete_tasks, count=tasks.document_tasks)
        onsite = len(tasks.tasks) - tasks.document_tasks
        if onsite:
            text += self.tr("，另有 {n} 项实地核查").format(n=onsite)
        if returned:
            text += self.tr("，{n} 项被退回待补充").format(n=returned)
        if not tasks.tasks:
            text = (
                self.tr("本工作区没有任务包列出的任务") if plan else self.tr("本工作区没有任务包列出的指标")
            )
        self.summary_label.setText(text)
        self.updated.emit(tasks)

    # -- navigation ------------------------------------------------------------------------------------
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self._go_to(index)

    def _on_table_activated(self, index: QModelIndex) -> None:
        self._go_to(index)

    def _go_to(self, index: QModelIndex) -> None:
        number = index.data(TaskRole.NUMBER)
        if number is not None:
            self.indicator_requested.emit(int(number))

    def task_rows(self) -> list[UnitTask]:
        return [self.model.row_at(r) for r in range(self.model.rowCount())]
