"""登记进度: the office records a plan task's progress in the window, undoably.

``TaskProgressDialog`` asks for the state (未启动 / 推进中 / 已完成 / 长期推进), a progress note, the
milestone reached and the completion date. ``progress_change`` makes it an undoable step
(``ui.common.undo.Change``): ``set_task_progress`` writes it (audit-logged), ``undo_task_progress`` takes
it back (the core refuses when the task changed again meanwhile). ``TaskProgressController`` drives the
action 评审 › 登记进度…: shown only in plan projects, disabled with the reason when the project is
read-only or a unit workspace or no task is selected.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.project.folder import Project
from app.status.plan_progress import PROGRESS_NAMES, TaskRow, set_task_progress, undo_task_progress
from ui.common.background import BackgroundTask
from ui.common.plan_tasks import PlanTracker, due_text, task_status, task_status_label
from ui.common.state import ProjectState
from ui.common.undo import Change, ProjectUndo


def _state_names() -> dict[str, str]:
    tr = QCoreApplication.translate
    names = {
        "not_started": tr("TaskProgress", "未启动"),
        "in_progress": tr("TaskProgress", "推进中"),
        "done": tr("TaskProgress", "已完成"),
        "ongoing": tr("TaskProgress", "长期推进"),
    }
    assert set(names) == set(PROGRESS_NAMES)
    return names


class TaskProgressDialog(QDialog):
    """The progress of one task: state, note, milestone reached, completion date."""

    def __init__(self, row: TaskRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskProgressDialog")
        self.row = row
        self.setWindowTitle(self.tr("登记进度：任务 {task}").format(task=row.task_id))
        self.setMinimumWidth(460)

        heading = QLabel(f"<b>{row.task_id}</b> {row.title}")
        heading.setObjectName("taskHeading")
        heading.setWordWrap(True)
        current = QLabel(
            self.tr("完成时限：{due}　现在：{status}").format(
                due=due_text(row), status=task_status_label(task_status(row))
            )
        )
        current.setObjectName("taskCurrent")
        current.setWordWrap(True)

        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stateCombo")
        for key, name in _state_names().items():
            self.state_combo.addItem(name, key)
        self.state_combo.setCurrentIndex(max(self.state_combo.findData(row.state), 0))
        self.state_combo.currentIndexChanged.connect(self._on_state_combo_current_index_changed)

        self.note_edit = QPlainTextEdit(row.note)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("做了什么、还差什么（可不填）"))
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.milestone_combo = QComboBox()
        self.milestone_combo.setObjectName("milestoneCombo")
        self.milestone_combo.setEditable(True)
        self.milestone_combo.addItem("")
        for text in row.milestones:
            self.milestone_combo.addItem(text)
        self.milestone_combo.setCurrentText(row.milestone)
        self.milestone_combo.setToolTip(self.tr("完成时限中写明的阶段目标，也可以自己填写"))
        line = self.milestone_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("已达到的阶段目标（可不填）"))

        self.completed_check = QCheckBox(self.tr("完成日期"))
        self.completed_check.setObjectName("completedCheck")
        self.completed_edit = QDateEdit()
        self.completed_edit.setObjectName("completedEdit")
        self.completed_edit.setCalendarPopup(True)
        self.completed_edit.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.completed_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        day = row.completed_on or today
        self.completed_edit.setDate(QDate(day.year, day.month, day.day))
        self.completed_check.setChecked(row.completed_on is not None)
        self.completed_check.toggled.connect(self._on_completed_check_toggled)
        completed = QHBoxLayout()
        completed.addWidget(self.completed_check)
        completed.addWidget(self.completed_edit, 1)

        form = QFormLayout()
        form.addRow(self.tr("进度"), self.state_combo)
        form.addRow(self.tr("进度说明"), self.note_edit)
        form.addRow(self.tr("阶段目标"), self.milestone_combo)
        form.addRow(completed)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(self.tr("登记"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(current)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_completed()

    def state(self) -> str:
        return str(self.state_combo.currentData())

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def milestone(self) -> str:
        return self.milestone_combo.currentText().strip()

    def completed_on(self) -> date | None:
        if self.state() != "done" or not self.completed_check.isChecked():
            return None
        day = self.completed_edit.date()
        return date(day.year(), day.month(), day.day())

    def _update_completed(self) -> None:
        done = self.state() == "done"
        self.completed_check.setEnabled(done)
        self.completed_edit.setEnabled(done and self.completed_check.isChecked())
        self.completed_check.setToolTip(
            self.tr("完成任务的日期（不晚于今天）") if done else self.tr("只有“已完成”的任务才有完成日期")
        )

    def _on_state_combo_current_index_changed(self, index: int) -> None:
        if self.state() == "done" and not self.completed_check.isChecked() and self.row.state != "done":
            self.completed_check.setChecked(True)  # usually recorded on the day: today, editable
        self._update_completed()

    def _on_completed_check_toggled(self, checked: bool) -> None:
        self._update_completed()


def progress_change(
    state: ProjectState,
    tracker: PlanTracker,
    row: TaskRow,
    values: tuple[str, str, str, date | None],
    *,
    by: str | None = None,
) -> Change:
    """Record ``values`` (state, note, milestone, completion date) for ``row``'s task, undoably."""
    number = row.number
    kind, note, milestone, completed_on = values
    written: dict[str, int] = {}

    def do(project: Project) -> Any:
        result = set_task_progress(
            project, number, kind, note, by, milestone=milestone, completed_on=completed_on
        )
        assert result.record_id is not None
        written["id"] = result.record_id
        return result

    def undo(project: Project) -> Any:
        return undo_task_progress(project, written["id"], by=by)

    def after(result: Any, undone: bool) -> None:
        tracker.take([result])
        state.apply(ProjectChange.of(indicators=[number]))

    text = QCoreApplication.translate("TaskProgress", "任务 {task} 登记为 {state}").format(
        task=row.task_id, state=_state_names()[kind]
    )
    return Change(text, do, undo, after)


class TaskProgressController(QObject):
    """评审 › 登记进度…: opens the dialog on the selected task and pushes the step on the undo stack."""

    #: The dialog opened (tests and the help look at it).
    dialog_opened = Signal(object)

    def __init__(
        self,
        state: ProjectState,
        tracker: PlanTracker,
        undo: ProjectUndo,
        action: QAction,
        *,
        current: Callable[[], int | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.tracker = tracker
        self.undo = undo
        self.action = action
        self.current = current
        self.widget = parent
        self.dialog: TaskProgressDialog | None = None
        self.last_task: BackgroundTask | None = None
        self._tip = action.toolTip()
        action.triggered.connect(self._on_action_triggered)
        tracker.updated.connect(self._on_tracker_updated)
        tracker.cleared.connect(self._on_tracker_cleared)
        self.update()

    def reason(self) -> str:
        """Why the action is disabled ("" when it is not)."""
        snapshot, project = self.state.snapshot, self.state.project
        if snapshot is None or project is None or not snapshot.catalog.is_plan:
            return self.tr("只用于任务清单项目")
        if snapshot.is_unit_workspace:
            return self.tr("单位工作区不能登记进度：任务进度由依法治县办登记")
        if project.readonly:
            return self.tr("项目以只读方式打开，不能登记进度")
        number = self.current()
        if number is None:
            return self.tr("先在左侧选择一项任务")
        if self.tracker.row(number) is None:
            return self.tr("正在读取任务进度…")
        return ""

    def update(self) -> None:
        catalog = self.state.catalog
        self.action.setVisible(catalog is not None and catalog.is_plan)
        reason = self.reason()
        self.action.setEnabled(not reason)
        tip = self._tip if not reason else self.tr("{tip}（{reason}）").format(tip=self._tip, reason=reason)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def open_dialog(self, number: int | None = None) -> TaskProgressDialog | None:
        """Open the dialog on task ``number`` (default: the selected one); ``None`` when disabled."""
        self.update()
        number = number if number is not None else self.current()
        row = self.tracker.row(number) if number is not None else None
        if not self.action.isEnabled() or row is None:
            return None
        dialog = TaskProgressDialog(row, self.widget)
        dialog.accepted.connect(lambda: self._save(row, dialog))
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _save(self, row: TaskRow, dialog: TaskProgressDialog) -> None:
        values = (dialog.state(), dialog.note(), dialog.milestone(), dialog.completed_on())
        self.last_task = self.undo.push(progress_change(self.state, self.tracker, row, values))

    def _on_action_triggered(self, checked: bool = False) -> None:
        self.open_dialog()

    def _on_tracker_updated(self, rows: object) -> None:
        self.update()

    def _on_tracker_cleared(self) -> None:
        self.update()
