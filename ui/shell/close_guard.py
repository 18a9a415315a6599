"""Asking before the window (or the project) closes while background work runs.

``CloseGuard.request(what, proceed)`` returns False when nothing is running (the caller closes at
once); otherwise it shows a dialog naming the running jobs with four answers:

- 等待完成后关闭: the jobs go on; ``proceed`` runs once the last of them finished;
- 取消任务: the jobs are cancelled (the core rolls back what they started); nothing closes;
- 仍然关闭: the jobs are cancelled and ``proceed`` runs now (it waits for the rollback);
- 返回 (Esc): nothing happens.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from ui.common.background import BackgroundTask, jobs_to_confirm


class CloseChoice(Enum):
    WAIT = "wait"
    CANCEL = "cancel"
    CLOSE = "close"
    BACK = "back"


class CloseConfirmDialog(QMessageBox):
    """The question itself (window-modal, opened with ``open()``, so tests and the event loop go on)."""

    chosen = Signal(object)  # CloseChoice

    def __init__(self, jobs: list[BackgroundTask], what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeConfirmDialog")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("还有任务在进行"))
        names = "、".join(f"“{job.title}”" for job in jobs)
        self.setText(self.tr("{what}前请注意：{jobs}还在进行。").format(what=what, jobs=names))
        self.setInformativeText(
            self.tr(
                "等待完成后关闭：任务做完后自动{what}。\n"
                "取消任务：停止任务并撤销它已做的更改，不{what}。\n"
                "仍然关闭：停止任务、撤销它已做的更改，然后立即{what}。"
            ).format(what=what)
        )
        self.wait_button = self._button(
            "closeWait", self.tr("等待完成后关闭"), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self._button(
            "closeCancelJob", self.tr("取消任务"), QMessageBox.ButtonRole.ActionRole
        )
        self.close_button = self._button(
            "closeAnyway", self.tr("仍然关闭"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.back_button = self._button("closeBack", self.tr("返回"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.wait_button)
        self.setEscapeButton(self.back_button)
        self._choices: dict[QAbstractButton, CloseChoice] = {
            self.wait_button: CloseChoice.WAIT,
            self.cancel_button: CloseChoice.CANCEL,
            self.close_button: CloseChoice.CLOSE,
            self.back_button: CloseChoice.BACK,
        }
        self.buttonClicked.connect(self._on_self_button_clicked)

    def _button(self, name: str, text: str, role: QMessageBox.ButtonRole) -> QPushButton:
        button = self.addButton(text, role)
        button.setObjectName(name)
        return button

    def _on_self_button_clicked(self, button: QAbstractButton) -> None:
        self.chosen.emit(self._choices.get(button, CloseChoice.BACK))


class CloseGuard(QObject):
    """One per window: asks, remembers a pending close, and runs it when the jobs are done."""

    #: The pending close ran after the jobs finished (tests wait on it).
    waited = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.owner = parent
        self.dialog: CloseConfirmDialog | None = None
        self._pending: Callable[[], None] | None = None
        self._waiting: list[BackgroundTask] = []

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def request(self, what: str, proceed: Callable[[], None]) -> bool:
        """True when the guard took over (it asked, or a close already waits); False: close now."""
        if self._pending is not None:
            # Already waiting for the jobs: this close comes then (closing the window after 关闭项目
            # was chosen to wait replaces it; the window's close closes the project too).
            self._pending = proceed
            return True
        jobs = jobs_to_confirm()
        if not jobs:
            return False
        if self.dialog is not None:
            return True  # the question is on screen
        dialog = CloseConfirmDialog(jobs, what, self.owner)
        dialog.chosen.connect(lambda choice: self._on_dialog_chosen(choice, jobs, proceed))
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return True

    def _on_dialog_finished(self, result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _on_dialog_chosen(
        self, choice: CloseChoice, jobs: list[BackgroundTask], proceed: Callable[[], None]
    ) -> None:
        if choice is CloseChoice.CANCEL:
            for job in jobs:
                job.cancel()
        elif choice is CloseChoice.CLOSE:
            for job in jobs:
                job.cancel()
            proceed()
        elif choice is CloseChoice.WAIT:
            self._pending = proceed
            self._waiting = [job for job in jobs if job.running]
            for job in self._waiting:
                job.finished.connect(self._on_job_finished)
            self._on_job_finished()

    def _on_job_finished(self) -> None:
        self._waiting = [job for job in self._waiting if job.running]
        if self._waiting or self._pending is None:
            return
        proceed, self._pending = self._pending, None
        proceed()
        self.waited.emit()

    def forget(self) -> None:
        """Drop a pending close (the window closed by another way meanwhile)."""
        self._pending = None
        self._waiting = []
