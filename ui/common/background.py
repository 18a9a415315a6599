"""The one helper for work off the UI thread.

Every slow core call (opening a project, attaching files, loading a spreadsheet preview) goes through
``run_read, run_write``: the core function runs in a ``QThreadPool`` worker and receives a progress callback
(thread-safe: it emits a Qt signal) and a ``CancelToken`` wired to the progress dialog's Cancel button.
Its result or error comes back on the UI thread. Database writes go to a pool with a single thread, so
two writes never run at once and they run in the order the user asked for them.
"""

from __future__ import annotations

import itertools
import logging
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.base.errors import CancelledError, FazhiError
from app.base.paths import log_file
from app.base.progress import CancelToken, ProgressCallback

log = logging.getLogger("fazhi.ui")

#: What a background function looks like: it takes the progress callback and the cancel token.
Work = Callable[[ProgressCallback, CancelToken], Any]

# Progress signals are throttled: a 5,000-file attach must not flood the event queue.
_PROGRESS_INTERVAL_S = 0.03
# Quick jobs finish before the dialog would appear, so it never flashes.
_DIALOG_DELAY_MS = 300

_write_pool: QThreadPool | None = None
_active: set[BackgroundTask] = set()


#: The result type of a background job.
T = TypeVar("T")


def write_pool() -> QThreadPool:
    """The single-thread pool every database write runs in (one writer at a time, in order)."""
    global _write_pool  # noqa: PLW0603 - one pool for the process, created on first use
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
        _write_pool.setObjectName("fazhi-writes")
    return _write_pool


def read_pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    assert pool is not None
    return pool


def active_tasks() -> list[BackgroundTask]:
    return list(_active)


def jobs_to_confirm() -> list[BackgroundTask]:
    """Running jobs a person would not want dropped silently: writes, and reads that show progress
    (exports, imports, attaching, hashing). Quiet reads (a list, a preview) are not among them."""
    return sorted(
        (t for t in _active if t.running and shiboken6.isValid(t) and (t.writes or t.shown)),
        key=lambda t: t.task_id,
    )


def cancel_all_and_wait(timeout_ms: int = 30_000) -> bool:
    """Ask every running task to stop and wait for the workers (used when a window closes)."""
    for task in list(_active):
        task.token.cancel()
    done = write_pool().waitForDone(timeout_ms)
    return read_pool().waitForDone(timeout_ms) and done


def shut_down_workers(timeout_ms: int = 30_000) -> bool:
    """At the program's end: cancel and wait for every worker, then delete the write pool and the
    dispatcher on the UI thread (not at interpreter exit, when Qt's application is already gone).
    Made again on first use, so calling it twice (or starting work afterwards, in tests) is harmless."""
    global _write_pool, _dispatcher  # the process-wide pool and dispatcher end here
    done = cancel_all_and_wait(timeout_ms)
    if not done:
        return False  # a worker still runs: its pool and dispatcher must live on
    if _write_pool is not None:
        pool, _write_pool = _write_pool, None
        shiboken6.delete(pool)
    if _dispatcher is not None and not _dispatcher.tasks:
        dispatcher, _dispatcher = _dispatcher, None
        shiboken6.delete(dispatcher)
    return True


class _Dispatcher(QObject):
    """Carries workers' reports to the UI thread (queued: emitted from worker threads).

    One long-lived instance made on the UI thread. Workers hold no reference to any other Qt object,
    so a worker thread never drops the last reference to a QObject (deleting a QObject from a thread
    it does not belong to crashes). Tasks are found by id; a task whose window is gone is skipped.
    """

    progressed = Signal(int, int, int, str)  # task id, done, total, message
    succeeded = Signal(int, object)  # task id, result
    failed = Signal(int, object)  # task id, exception

    def __init__(self) -> None:
        super().__init__()
        self.tasks: dict[int, BackgroundTask] = {}
        self.progressed.connect(self._on_progressed)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)

    def _task(self, task_id: int, *, final: bool) -> BackgroundTask | None:
        task = self.tasks.pop(task_id, None) if final else self.tasks.get(task_id)
        if task is None:
            return None
        if not shiboken6.isValid(task):  # its window was closed and deleted meanwhile
            if final:
                _active.discard(task)
            return None
        return task

    def _on_progressed(self, task_id: int, done: int, total: int, message: str) -> None:
        task = self._task(task_id, final=False)
        if task is not None:
            task._on_worker_progressed(done, total, message)

    def _on_succeeded(self, task_id: int, result: object) -> None:
        task = self._task(task_id, final=True)
        if task is not None:
            task._on_worker_succeeded(result)

    def _on_failed(self, task_id: int, error: BaseException) -> None:
        task = self._task(task_id, final=True)
        if task is not None:
            task._on_worker_failed(error)


_dispatcher: _Dispatcher | None = None
_next_id = itertools.count(1)


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher  # noqa: PLW0603 - one for the process, made on the UI thread at first use
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Runnable(QRunnable):
    """Runs ``fn`` in a pool thread. Holds only plain Python objects and the immortal dispatcher."""

    def __init__(self, task_id: int, fn: Work, token: CancelToken, dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._task_id = task_id
        self._fn = fn
        self._token = token
        self._dispatcher = dispatcher
        self._last_report = 0.0

    def _progress(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if done in (0, total) or now - self._last_report >= _PROGRESS_INTERVAL_S:
            self._last_report = now
            self._dispatcher.progressed.emit(self._task_id, done, total, message)

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._token)
        except BaseException as exc:
            self._dispatcher.failed.emit(self._task_id, exc)
        else:
            self._dispatcher.succeeded.emit(self._task_id, result)


class BackgroundTask(QObject):
    """A running background job: its token, its dialog and signals the UI (and tests) can wait on."""

    progressed = Signal(int, int, str)
    #: Emitted on the UI thread after ``on_done`` ran; carries the result.
    succeeded = Signal(object)
    #: Emitted on the UI thread after the error was handled; carries the exception.
    failed = Signal(object)
    #: Emitted last, whatever the outcome.
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        cancellable: bool,
        show_progress: bool,
        writes: bool = False,
    ) -> None:
        super().__init__(parent)
        self.title = title
        #: Runs in the write pool (it changes the project or writes files).
        self.writes = writes
        #: Its progress is on screen (a dialog, or an ``InlineProgress`` tracking it).
        self.shown = show_progress
        self.token = CancelToken()
        self.result: Any = None
        self.error: BaseException | None = None
        self.running = True
        self._parent_widget = parent
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = self._make_dialog(parent, title, cancellable)
        self.task_id = next(_next_id)

    def _make_dialog(self, parent: QWidget | None, title: str, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(title)
        dialog.setRange(0, 0)  # busy until the first progress report gives a total
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumWidth(420)
        if cancellable:
            dialog.setCancelButtonText(QCoreApplication.translate("BackgroundTask", "取消"))
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setMinimumDuration(_DIALOG_DELAY_MS)
        return dialog

    # -- control ------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the worker to stop; the core rolls back what it started."""
        self.token.cancel()

    # -- outcome (UI thread) ------------------------------------------------------------------
    def _on_worker_progressed(self, done: int, total: int, message: str) -> None:
        dialog = self.dialog
        if dialog is not None and not self.token.cancelled:
            label = f"{self.title}（{done}/{total}）" if total else self.title
            if message:
                label += "\n" + message
            dialog.setLabelText(label)
            if total > 0:
                if dialog.maximum() != total:
                    dialog.setRange(0, total)
                # A modal QProgressDialog processes events in setValue: the task may finish in there.
                dialog.setValue(min(done, total))
        self.progressed.emit(done, total, message)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            # hide(), not close(): QProgressDialog.closeEvent would emit canceled().
            dialog.hide()
            dialog.deleteLater()

    def _finish(self) -> None:
        self.running = False
        _active.discard(self)
        self.finished.emit()

    def _on_worker_succeeded(self, result: object) -> None:
        self._close_dialog()
        self.result = result
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self.succeeded.emit(result)
            self._finish()

    def _on_worker_failed(self, error: BaseException) -> None:
        self._close_dialog()
        self.error = error
        try:
            if isinstance(error, CancelledError):
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif self._on_error is not None:
                self._on_error(error)
            else:
                show_error(self._parent_widget, self.title, error)
        finally:
            self.failed.emit(error)
            self._finish()


def show_error(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    """Show ``error`` without blocking: a user error's one line, or a short internal-error note."""
    text = str(error) if isinstance(error, FazhiError) else _log_internal_error(error)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("errorBox")
    box.open()
    return box


def _log_internal_error(error: BaseException) -> str:
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("internal error in a background task:\n%s", details)

    path = log_file()
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(details)
    except OSError:
        pass
    return QCoreApplication.translate("BackgroundTask", "内部错误：{kind}: {error}（详情见 {path}）").format(
        kind=type(error).__name__, error=error, path=path
    )


def run_read(
    parent: QWidget | None,
    fn: Callable[[ProgressCallback, CancelToken], T],
    *,
    title: str,
    on_done: Callable[[T], None] | None = None,
    cancellable: bool = True,
    show_progress: bool = True,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> BackgroundTask:
    """A job that only reads the project: the read pool (several at once)."""
    return _start(
        parent, fn, title, on_done, cancellable, show_progress, on_error, on_cancelled, writes=False
    )


def run_write(
    parent: QWidget | None,
    fn: Callable[[ProgressCallback, CancelToken], T],
    *,
    title: str,
    on_done: Callable[[T], None] | None = None,
    cancellable: bool = True,
    show_progress: bool = True,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> BackgroundTask:
    """A job that writes (the database, the audit log, files it records): the single write pool, so
    writes run one at a time in the order they were asked for."""
    return _start(parent, fn, title, on_done, cancellable, show_progress, on_error, on_cancelled, writes=True)


def _start(  # noqa: PLR0917
    parent: QWidget | None,
    fn: Callable[[ProgressCallback, CancelToken], T],
    title: str,
    on_done: Callable[[T], None] | None,
    cancellable: bool,
    show_progress: bool,
    on_error: Callable[[BaseException], None] | None,
    on_cancelled: Callable[[], None] | None,
    *,
    writes: bool,
) -> BackgroundTask:
    """Run ``fn(progress, cancel)`` in a worker thread; ``on_done(result)`` runs on the UI thread.

    ``writes=True`` queues the job behind every other write (one writer at a time). Errors: a
    ``FazhiError`` shows its one-line message (unless ``on_error`` is given), ``CancelledError`` calls
    ``on_cancelled``, anything else is logged and reported as an internal error.
    """
    task = BackgroundTask(
        parent,
        title=title,
        on_done=on_done,
        on_error=on_error,
        on_cancelled=on_cancelled,
        cancellable=cancellable,
        show_progress=show_progress,
        writes=writes,
    )
    _active.add(task)
    dispatcher = _get_dispatcher()
    dispatcher.tasks[task.task_id] = task
    runnable = _Runnable(task.task_id, fn, task.token, dispatcher)
    (write_pool() if writes else read_pool()).start(runnable)
    return task
