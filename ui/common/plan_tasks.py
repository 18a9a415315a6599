"""A plan project's tasks in the window: their rows kept fresh, and how a task's status is shown.

A plan project (a task list) has progress instead of points. ``PlanTracker`` (one per window) keeps the
core's ``task_rows`` for the open plan project, reloading them in the read pool when the project opens
and when a ``ProjectChange`` touches tasks; the catalog tree, the dashboard and the 登记进度 dialog take
their rows from it. The window shows four statuses per task (``task_status``): 已完成, 推进中, 未启动
(the core's word for not started) and 已逾期, each with an icon, a colour and words for its tooltip.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QColor, QIcon

from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.status.plan_progress import TaskRow, task_rows
from app.status.workspace import IndicatorStatus
from ui.common.background import BackgroundTask, run_read
from ui.common.icons import status_color, status_icon
from ui.common.state import ProjectState


class TaskStatus(StrEnum):
    """What the tree shows for a task."""

    DONE = "done"
    ACTIVE = "in_progress"
    IDLE = "not_started"
    OVERDUE = "overdue"


# Each status borrows the painted icon (and colour) of an evidence status with the same sense.
_ICON_OF = {
    TaskStatus.DONE: IndicatorStatus.COMPLETE,  # green tick
    TaskStatus.ACTIVE: IndicatorStatus.SOME,  # orange half circle
    TaskStatus.IDLE: IndicatorStatus.NONE,  # grey ring
    TaskStatus.OVERDUE: IndicatorStatus.RETURNED,  # red exclamation mark
}


def task_status(row: TaskRow) -> TaskStatus:
    """Done and overdue come from the deadline rule; otherwise what the office recorded."""
    if row.status == "done":
        return TaskStatus.DONE
    if row.status == "overdue":
        return TaskStatus.OVERDUE
    if row.state in ("in_progress", "ongoing"):
        return TaskStatus.ACTIVE
    return TaskStatus.IDLE


def task_status_label(status: TaskStatus) -> str:
    labels = {
        TaskStatus.DONE: QCoreApplication.translate("TaskStatus", "已完成"),
        TaskStatus.ACTIVE: QCoreApplication.translate("TaskStatus", "推进中"),
        TaskStatus.IDLE: QCoreApplication.translate("TaskStatus", "未启动"),
        TaskStatus.OVERDUE: QCoreApplication.translate("TaskStatus", "已逾期"),
    }
    return labels[status]


def task_status_meaning(status: TaskStatus) -> str:
    """What the icon means, in words."""
    meanings = {
        TaskStatus.DONE: QCoreApplication.translate("TaskStatus", "绿色对勾：已登记完成"),
        TaskStatus.ACTIVE: QCoreApplication.translate("TaskStatus", "橙色半圆：正在推进，尚未到完成时限"),
        TaskStatus.IDLE: QCoreApplication.translate("TaskStatus", "灰色空心圆：尚未登记进度，未到完成时限"),
        TaskStatus.OVERDUE: QCoreApplication.translate("TaskStatus", "红色叹号：完成时限已过，尚未完成"),
    }
    return meanings[status]


def task_status_icon(status: TaskStatus) -> QIcon:
    return status_icon(_ICON_OF[status])


def task_status_color(status: TaskStatus) -> QColor:
    return status_color(_ICON_OF[status])


def due_text(row: TaskRow) -> str:
    """完成时限 as written, with the date it is read as ("2023年底前（2023-12-31）")."""
    if not row.deadline:
        return QCoreApplication.translate("TaskStatus", "未定")
    if row.due is None:
        return row.deadline
    return f"{row.deadline}（{row.due.isoformat()}）"


def task_tooltip(row: TaskRow) -> str:
    """The tooltip of a task's row: its status, what the icon means and its due date."""
    status = task_status(row)
    tr = QCoreApplication.translate
    lines = [
        tr("TaskStatus", "任务 {task}：{status}").format(task=row.task_id, status=task_status_label(status)),
        task_status_meaning(status),
        tr("TaskStatus", "完成时限：{due}").format(due=due_text(row)),
    ]
    if row.completed_on is not None:
        lines.append(tr("TaskStatus", "完成日期：{day}").format(day=row.completed_on.isoformat()))
    if row.milestone:
        lines.append(tr("TaskStatus", "已达到的阶段目标：{text}").format(text=row.milestone))
    if row.milestones_due:
        lines.append(tr("TaskStatus", "已到期的阶段目标：{text}").format(text="；".join(row.milestones_due)))
    if row.lead:
        lines.append(tr("TaskStatus", "牵头单位：{units}").format(units="、".join(row.lead)))
    if row.co:
        lines.append(tr("TaskStatus", "责任单位：{units}").format(units="、".join(row.co)))
    if row.note:
        lines.append(tr("TaskStatus", "进度说明：{note}").format(note=row.note))
    lines.append(tr("TaskStatus", "印证资料：{n} 件").format(n=row.evidence))
    return "\n".join(lines)


def task_progress_html(row: TaskRow) -> str:
    """The task's progress for its page: status (coloured), completion date, milestone, note."""
    status = task_status(row)
    tr = QCoreApplication.translate
    color = task_status_color(status).name()
    parts = [
        tr("TaskStatus", "<b>进度：</b>{status}").format(
            status=f'<span style="color: {color};">{task_status_label(status)}</span>'
        )
    ]
    if row.state == "ongoing" and status is not TaskStatus.DONE:
        parts.append(tr("TaskStatus", "（长期推进）"))
    if row.completed_on is not None:
        parts.append(tr("TaskStatus", "　完成日期 {day}").format(day=row.completed_on.isoformat()))
    lines = ["".join(parts)]
    if row.milestone:
        lines.append(
            tr("TaskStatus", "<b>已达到的阶段目标：</b>{text}").format(text=html.escape(row.milestone))
        )
    if row.milestones_due:
        due = html.escape("；".join(row.milestones_due))
        lines.append(tr("TaskStatus", "<b>已到期的阶段目标：</b>{text}").format(text=due))
    if row.note:
        lines.append(tr("TaskStatus", "<b>进度说明：</b>{note}").format(note=html.escape(row.note)))
    return "<br>".join(lines)


def count_statuses(rows: Iterable[TaskRow]) -> dict[TaskStatus, int]:
    counts = dict.fromkeys(TaskStatus, 0)
    for row in rows:
        counts[task_status(row)] += 1
    return counts


class PlanTracker(QObject):
    """One per window: the task rows of the open plan project (empty for any other project)."""

    #: Carries the new rows (``dict[int, TaskRow]`` by task number).
    updated = Signal(object)
    #: The project closed, or the open one is not a plan.
    cleared = Signal()

    def __init__(self, state: ProjectState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._rows: dict[int, TaskRow] = {}
        self._generation = 0
        self.last_task: BackgroundTask | None = None
        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)
        if state.project is not None:
            self.refresh()

    @property
    def active(self) -> bool:
        """The open project is a plan."""
        catalog = self.state.catalog
        return catalog is not None and catalog.is_plan

    @property
    def rows(self) -> Mapping[int, TaskRow]:
        return self._rows

    def row(self, number: int) -> TaskRow | None:
        return self._rows.get(number)

    def take(self, rows: Iterable[TaskRow]) -> None:
        """Use these fresh rows now (the 登记进度 step computed them already) and tell the views."""
        if not self.active:
            return
        self._rows.update({r.number: r for r in rows})
        self.updated.emit(dict(self._rows))

    def refresh(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None or not self.active:
            return None
        self._generation += 1
        generation = self._generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[TaskRow]:
            return task_rows(project)

        def done(rows: list[TaskRow]) -> None:
            # A newer request wins; a project closed meanwhile shows nothing.
            if generation == self._generation and self.state.project is project:
                self._rows = {r.number: r for r in rows}
                self.updated.emit(dict(self._rows))

        self.last_task = run_read(
            None,
            work,
            title=QCoreApplication.translate("PlanTracker", "读取任务进度"),
            on_done=done,
            show_progress=False,
        )
        return self.last_task

    def _on_state_opened(self, snapshot: object) -> None:
        self._generation += 1
        self._rows = {}
        self.cleared.emit()
        self.refresh()

    def _on_state_changed(self, change: object) -> None:
        # Evidence counts, roles and progress live in the rows: a change to tasks or units reloads them
        # (one query). Scoring changes (levels, marks, the scheme) do not concern a task list.
        if isinstance(change, ProjectChange) and not change.empty:
            self.refresh()

    def _on_state_closed(self) -> None:
        self._generation += 1
        self._rows = {}
        self.cleared.emit()
