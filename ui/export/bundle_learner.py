"""The bundle's head start in the window: the stored files are checked in the background.

A few seconds after a project is opened, or after its evidence changed, every file the bundle holds
is checked once (the PDF/A validator, spreadsheets drawn, the contents laid out; see
``exports.bundle_learn``) and the answers kept in the project's bundle cache, so the clerk's
导出印证资料汇编 only merges. The status bar shows "预检汇编资料 n/N" with a stop button while it runs
(only when it takes a while); an export started meanwhile makes it give way, and it starts again
later to finish what is left.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QToolButton, QWidget

from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.export.service import learn_bundle_sources
from app.status.workspace import WorkspaceSnapshot
from exports.bundle_learn import Learnt
from ui.common.background import BackgroundTask, run_read
from ui.common.state import ProjectState

log = logging.getLogger("fazhi.ui")

# After opening or a change, wait this long (more changes restart the wait): the clerk is busy then.
START_DELAY_MS = 3000
# The indicator appears only when the head start takes longer than this.
SHOW_AFTER_MS = 800
# When it gave way to an export, try again this much later.
RETRY_DELAY_MS = 15_000


class BundleLearner(QObject):
    """Runs the head start for the open project of ``state`` when it has something to learn."""

    # The head start began (the indicator may show it).
    started = Signal()
    # done, total, message (total = files + 1).
    progressed = Signal(int, int, str)
    # It ended; carries the ``Learnt`` (``None``: it failed or was stopped by the clerk).
    finished = Signal(object)

    def __init__(self, state: ProjectState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.task: BackgroundTask | None = None
        self.last: Learnt | None = None
        # Projects (folders) whose cache cannot be written: not tried again while they stay open.
        self._unkept: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)

    # -- scheduling ---------------------------------------------------------------------------------
    def schedule(self, delay_ms: int | None = None) -> None:
        """Start the head start ``delay_ms`` (default ``START_DELAY_MS``) from now; a later call moves it."""
        project = self.state.project
        if project is None or project.readonly or str(project.folder) in self._unkept:
            return
        self._timer.start(START_DELAY_MS if delay_ms is None else delay_ms)

    @property
    def running(self) -> bool:
        return self.task is not None

    def stop(self) -> None:
        """The clerk's 停止: this run ends; the next change or opening starts it again."""
        self._timer.stop()
        if self.task is not None:
            self.task.cancel()

    def _on_state_opened(self, _snapshot: WorkspaceSnapshot) -> None:
        self.schedule()

    def _on_state_changed(self, change: ProjectChange) -> None:
        if change.everything or change.evidence_ids:
            self.schedule()

    def _on_state_closed(self) -> None:
        self._timer.stop()
        if self.task is not None:
            self.task.cancel()

    # -- running --------------------------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        project = self.state.project
        if project is None:
            return
        if self.task is not None:  # still running from before: look again when it ends
            self.schedule()
            return

        def work(progress: ProgressCallback, cancel: CancelToken) -> Learnt:
            return learn_bundle_sources(project, progress, cancel)

        folder = str(project.folder)
        self.task = run_read(
            None,
            work,
            title=self.tr("预检汇编资料"),
            on_done=lambda learnt: self._on_task_done(folder, learnt),
            show_progress=False,
            on_error=self._on_task_error,
            on_cancelled=lambda: self._on_task_ended(None),
        )
        self.task.progressed.connect(self.progressed)
        self.started.emit()

    def _on_task_done(self, folder: str, learnt: Learnt) -> None:
        self.last = learnt
        if not learnt.kept:
            self._unkept.add(folder)
        self._on_task_ended(learnt)
        if learnt.stopped and learnt.kept and self.state.project is not None:
            self.schedule(RETRY_DELAY_MS)

    def _on_task_error(self, error: BaseException) -> None:
        # Quiet: the export itself names a broken file when the clerk asks for the bundle.
        log.warning("bundle head start failed: %s", error)
        self._on_task_ended(None)

    def _on_task_ended(self, learnt: Learnt | None) -> None:
        self.task = None
        self.finished.emit(learnt)


class LearnerIndicator(QWidget):
    """The status bar's "预检汇编资料 n/N" with a small bar and 停止, shown while a long head start runs."""

    def __init__(self, learner: BundleLearner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bundleLearner")
        self.learner = learner
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(90)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("stopLearner")
        self.stop_button.setText(self.tr("停止"))
        self.stop_button.setToolTip(self.tr("停止预检（导出汇编时再检查未预检的资料）"))
        self.stop_button.setAutoRaise(True)
        self.stop_button.clicked.connect(self._on_stop_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop_button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            self.tr("正在后台预先检查各证据文件（PDF/A 校验、表格排版），导出印证资料汇编时会快很多")
        )
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.timeout.connect(self._on_reveal_timeout)
        learner.started.connect(self._on_learner_started)
        learner.progressed.connect(self._on_learner_progressed)
        learner.finished.connect(self._on_learner_finished)
        self._set_progress(0, 0)
        self.hide()

    def _set_progress(self, done: int, total: int) -> None:
        self.label.setText(self.tr("预检汇编资料 {done}/{total}").format(done=done, total=total))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def _on_learner_started(self) -> None:
        self._set_progress(0, 0)
        self._reveal.start(SHOW_AFTER_MS)

    def _on_reveal_timeout(self) -> None:
        if self.learner.running:
            self.show()

    def _on_learner_progressed(self, done: int, total: int, _message: str) -> None:
        self._set_progress(done, total)

    def _on_learner_finished(self, _learnt: Learnt | None) -> None:
        self._reveal.stop()
        self.hide()

    def _on_stop_button_clicked(self) -> None:
        self.learner.stop()
        self.hide()
