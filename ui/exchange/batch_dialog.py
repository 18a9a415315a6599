"""The common part of the exchange dialogs (kits, submissions, return notes): a folder or files, a run in
the background, and a table of what was done and what was refused and why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from app.base.progress import CancelToken, ProgressCallback
from app.project.folder import EXPORTS_DIR, Project
from ui.common.background import BackgroundTask, run_read, run_write
from ui.common.dialog_parts import InlineProgress, ResultRow, ResultTableModel, reveal_path, safe_file_name
from ui.common.state import ProjectState

PACKAGE_FILTER = "交换包 (*.zip);;所有文件 (*)"


def default_exchange_folder(project: Project, what: str) -> Path:

    return project.folder / EXPORTS_DIR / f"{what}-{date.today():%Y%m%d}"


def kit_file_name(unit: str) -> str:
    return f"任务包_{safe_file_name(unit)}.zip"


def returns_file_name(unit: str) -> str:
    return f"退回通知_{safe_file_name(unit)}.zip"


def results_view(model: ResultTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class BatchDialog(QDialog):
    """Choose, run in the background with progress and Cancel, show what happened."""

    #: The batch finished (carries the result rows).
    finished_batch = Signal(object)

    def __init__(self, state: ProjectState, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.state = state
        self.last_task: BackgroundTask | None = None
        self.output_path: Path | None = None
        self.progress = InlineProgress()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("batchSummary")
        self.summary_label.setWordWrap(True)
        self.reveal_button = QPushButton(self.tr("打开所在文件夹"))
        self.reveal_button.setObjectName("revealFolder")
        self.reveal_button.clicked.connect(self._on_reveal_button_clicked)
        self.reveal_button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.run_button = self.buttons.addButton(title, QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.setObjectName("runBatch")
        self.run_button.clicked.connect(self.start)

    def _folder_row(self, default: Path) -> QHBoxLayout:
        self.folder_edit = QLineEdit(str(default))
        self.folder_edit.setObjectName("outputFolder")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        return row

    def _on_browse_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("选择输出文件夹"), self.folder_edit.text())
        if name:
            self.folder_edit.setText(name)

    def _on_reveal_button_clicked(self) -> None:
        if self.output_path is not None:
            reveal_path(self.output_path)

    def _running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not running)

    def start(self) -> BackgroundTask | None:
        raise NotImplementedError

    def _run(
        self,
        work: Callable[[ProgressCallback, CancelToken], Any],
        *,
        message: str,
        writes: bool,
        after: Callable[[Any], list[ResultRow]],
    ) -> BackgroundTask:
        """Run ``work`` in the background; ``after(result)`` shows the outcome and returns its rows."""
        self._running(True)
        self.summary_label.clear()

        def done(result: Any) -> None:
            self.finished_batch.emit(after(result))

        def cancelled() -> None:
            self.summary_label.setText(self.tr("已取消。"))

        run = run_write if writes else run_read
        task = run(
            self, work, title=self.windowTitle(), on_done=done, on_cancelled=cancelled, show_progress=False
        )
        task.finished.connect(lambda: self._running(False))
        self.progress.track(task, message)
        self.last_task = task
        return task

    def closeEvent(self, event: Any) -> None:
        if self.last_task is not None and self.last_task.running:
            self.last_task.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.last_task is not None and self.last_task.running:
            self.last_task.cancel()
            return
        super().reject()


# -- kits ------------------------------------------------------------------------------------------


# -- submissions -----------------------------------------------------------------------------------


# -- return notes ----------------------------------------------------------------------------------
