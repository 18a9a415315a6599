"""报送 (unit workspace): the self-check's summary first, then the submission package, then where it is.

The same rule as ``fazhi submit``: open self-check errors block the package unless the clerk confirms
(the window's ``--force``). The package is written by ``app.exchange.submit.submit`` (the function the
CLI calls) in the write pool with progress and Cancel; a cancelled or failed run leaves no file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.exchange.submit import SubmitResult, submit
from app.project.folder import EXPORTS_DIR, Project
from app.status.selfcheck import ERROR, WARNING, Finding, run_check
from ui.common.background import BackgroundTask, run_read, run_write, show_error
from ui.common.dialog_parts import InlineProgress, reveal_path, safe_file_name
from ui.common.state import ProjectState

#: Errors listed in the dialog (the 报送前自查 page lists them all).
SHOWN_ERRORS = 8


def submission_file_name(unit: str, day: date | None = None) -> str:
    return f"提交包_{safe_file_name(unit)}_{(day or date.today()):%Y%m%d}.zip"


def default_submission_path(project: Project) -> Path:
    return project.folder / EXPORTS_DIR / submission_file_name(project.info.unit or "单位")


class SubmitDialog(QDialog):
    """Self-check summary → confirm when there are errors → write the package → show it."""

    #: The self-check finished (carries the findings).
    checked = Signal(object)
    #: The package was written (carries the ``SubmitResult``).
    submitted = Signal(object)

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("submitDialog")
        self.setWindowTitle(self.tr("报送：生成提交包"))
        self.state = state
        project = state.require_project()
        self.findings: list[Finding] | None = None
        self.submission: SubmitResult | None = None
        self.task: BackgroundTask | None = None

        unit = project.info.unit or ""
        intro = QLabel(
            self.tr(
                "把 {unit} 的全部现有资料打成提交包（带任务包密钥签名），交给依法治县办导入。"
                "生成前先做一遍报送前自查。"
            ).format(unit=unit)
        )
        intro.setWordWrap(True)
        self.check_label = QLabel(self.tr("正在自查……"))
        self.check_label.setObjectName("submitCheckSummary")
        self.check_label.setWordWrap(True)
        self.error_list = QListWidget()
        self.error_list.setObjectName("submitErrors")
        self.error_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.error_list.setMinimumHeight(120)
        self.error_list.hide()
        self.force_check = QCheckBox(self.tr("我已了解自查仍有错误，仍要生成提交包"))
        self.force_check.setObjectName("submitForce")
        self.force_check.hide()
        self.force_check.toggled.connect(self._on_force_check_toggled)

        self.path_edit = QLineEdit(str(default_submission_path(project)))
        self.path_edit.setObjectName("submitPath")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("保存为："), row)

        self.progress = InlineProgress()
        self.result_label = QLabel()
        self.result_label.setObjectName("submitResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = QPushButton(self.tr("打开所在文件夹"))
        self.reveal_button.setObjectName("revealSubmission")
        self.reveal_button.clicked.connect(self._on_reveal_button_clicked)
        self.reveal_button.hide()

        self.buttons = QDialogButtonBox()
        self.submit_button = self.buttons.addButton(
            self.tr("生成提交包"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button.setObjectName("submitRun")
        self.submit_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        # The button runs the job; the dialog stays open to show where the package went.
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.check_label)
        # The error list is the one part that grows; with it hidden the dialog is as tall as its
        # content, so nothing leaves a gap above the buttons (it had a stretch and a fixed height).
        layout.addWidget(self.error_list, 1)
        layout.addWidget(self.force_check)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        self.check_task = self._start_check(project)

    # -- the self-check ------------------------------------------------------------------------------
    def _start_check(self, project: Project) -> BackgroundTask:
        def work(progress: ProgressCallback, cancel: CancelToken) -> list[Finding]:
            return run_check(project)

        return run_read(
            self,
            work,
            title=self.tr("报送前自查"),
            on_done=self._on_check_done,
            show_progress=False,
        )

    def _on_check_done(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == ERROR]
        warnings = sum(1 for f in findings if f.severity == WARNING)
        if errors:
            self.check_label.setText(
                self.tr(
                    "报送前自查：{errors} 个错误、{warnings} 个警告。建议先补齐再报送；"
                    "确需现在报送，请勾选下面的确认。"
                ).format(errors=len(errors), warnings=warnings)
            )
            self.check_label.setStyleSheet("color: #d93025;")
            self.error_list.clear()
            for finding in errors[:SHOWN_ERRORS]:
                self.error_list.addItem(finding.message)
                item = self.error_list.item(self.error_list.count() - 1)
                item.setToolTip(finding.message)
            if len(errors) > SHOWN_ERRORS:
                self.error_list.addItem(
                    self.tr("……另有 {n} 个，见“报送前自查”页").format(n=len(errors) - SHOWN_ERRORS)
                )
            self.error_list.show()
            self.force_check.show()
            self._fit_height()
        elif warnings:
            self.check_label.setText(
                self.tr("报送前自查：没有错误，{warnings} 个警告（可在“报送前自查”页查看）。").format(
                    warnings=warnings
                )
            )
        else:
            self.check_label.setText(self.tr("报送前自查：没有发现问题。"))
        self._update_buttons()
        self.checked.emit(findings)

    def _fit_height(self) -> None:
        """Grow to show what appeared (the error list, the result), never shrinking what the user set."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = self.sizeHint().height()
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().height() - 80)
        if wanted > self.height():
            self.resize(self.width(), wanted)

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings or () if f.severity == ERROR)

    def _on_force_check_toggled(self, checked: bool) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.task is not None and self.task.running
        allowed = self.findings is not None and (self.error_count == 0 or self.force_check.isChecked())
        self.submit_button.setEnabled(allowed and not running)

    # -- the package ---------------------------------------------------------------------------------
    def _on_browse_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("提交包保存为"), self.path_edit.text(), self.tr("提交包 (*.zip)")
        )
        if name:
            self.path_edit.setText(name if name.lower().endswith(".zip") else f"{name}.zip")

    def _on_submit_button_clicked(self) -> None:
        self.start()

    def start(self) -> BackgroundTask | None:
        """Write the package (refused while the check runs, or with errors not confirmed)."""
        project = self.state.project
        if project is None or self.findings is None:
            return None
        if self.error_count and not self.force_check.isChecked():
            return None
        out = Path(self.path_edit.text().strip()).expanduser()
        if not out.name:
            self.result_label.setText(self.tr("请填写提交包的保存位置。"))
            return None

        def work(progress: ProgressCallback, cancel: CancelToken) -> SubmitResult:
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FazhiError(f"无法在 {out.parent} 保存提交包：{exc.strerror or exc}") from exc
            return submit(project, out=out, progress=progress, cancel=cancel)

        self.result_label.clear()
        self.result_label.setStyleSheet("")
        self.reveal_button.hide()
        self.task = run_write(
            self,
            work,
            title=self.tr("正在生成提交包"),
            on_done=self._on_submit_done,
            on_error=self._on_submit_failed,
            on_cancelled=self._on_submit_cancelled,
            show_progress=False,
        )
        self.progress.track(self.task, self.tr("正在生成提交包……"))
        self.task.finished.connect(self._update_buttons)
        self._update_buttons()
        return self.task

    def _on_submit_done(self, result: SubmitResult) -> None:
        self.submission = result
        self.result_label.setText(
            self.tr(
                "已生成提交包：{path}\n文件 {files} 个，涉及指标 {count} 项。请把它交给依法治县办。"
            ).format(path=result.path, files=result.files, count=len(result.indicators))
        )
        self.result_label.setStyleSheet("color: #1e8e3e;")
        self.reveal_button.show()
        self._fit_height()
        self.close_button.setText(self.tr("完成"))
        self.state.apply(ProjectChange.of(units=[result.unit]))
        self.submitted.emit(result)

    def _on_submit_failed(self, error: BaseException) -> None:
        if not isinstance(error, FazhiError):
            show_error(self, self.tr("未生成提交包"), error)  # logged, with where the details are
        self.result_label.setText(self.tr("未生成提交包：{error}").format(error=error))
        self.result_label.setStyleSheet("color: #d93025;")

    def _on_submit_cancelled(self) -> None:
        self.result_label.setText(self.tr("已取消，未生成提交包。"))
        self.result_label.setStyleSheet("")

    def _on_reveal_button_clicked(self) -> None:
        if self.submission is not None:
            reveal_path(self.submission.path)
