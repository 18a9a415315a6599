"""Closing the window or the project while background work runs asks first: wait, cancel, close anyway."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.base.errors import CancelledError
from app.base.progress import CancelToken, ProgressCallback
from app.project.create import create_project
from indicator_catalog import Catalog
from ui.common.background import BackgroundTask, active_tasks, run_read, run_write
from ui.shell.close_guard import CloseConfirmDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, small_catalog: Catalog) -> Iterator[MainWindow]:
    folder = tmp_path / "测试县项目"
    create_project(folder, county="测试县", year=2022, catalog=small_catalog)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(folder)
    yield win
    for task in active_tasks():
        task.cancel()
    win.close()


class _Job:
    """A background job that runs until it is released or cancelled (like a long export)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self, progress: ProgressCallback, cancel: CancelToken) -> str:
        self.started.set()
        while not self.release.wait(0.01):
            if cancel.cancelled:
                raise CancelledError("已取消")
        return "done"


def _start(win: MainWindow, job: _Job, title: str = "正在导出自评报告") -> BackgroundTask:
    task = run_write(win, job, title=title, show_progress=False)
    task.shown = True  # as an export dialog's inline progress marks it
    assert job.started.wait(10)
    return task


def _dialog(qtbot: QtBot, win: MainWindow) -> CloseConfirmDialog:
    qtbot.waitUntil(lambda: win.close_guard.dialog is not None and win.close_guard.dialog.isVisible())
    dialog = win.close_guard.dialog
    assert dialog is not None
    return dialog


def _finish(qtbot: QtBot, task: BackgroundTask) -> None:
    if task.running:
        with qtbot.waitSignal(task.finished, timeout=10_000):
            pass


def test_close_window_asks_back_and_cancel(qtbot: QtBot, window: MainWindow) -> None:
    job = _Job()
    task = _start(window, job)
    assert not window.close()  # the close event was ignored: the question is up
    dialog = _dialog(qtbot, window)
    assert "正在导出自评报告" in dialog.text() and "关闭窗口" in dialog.text()
    buttons = {b.objectName() for b in dialog.buttons()}
    assert buttons == {"closeWait", "closeCancelJob", "closeAnyway", "closeBack"}
    # 返回: nothing happens, the job goes on.
    dialog.back_button.click()
    assert window.isVisible() and task.running and window.state.project is not None
    # A second close asks again; 取消任务 stops the job and keeps the window.
    window.close()
    dialog = _dialog(qtbot, window)
    dialog.cancel_button.click()
    _finish(qtbot, task)
    assert isinstance(task.error, CancelledError)
    assert window.isVisible() and window.state.project is not None
    # Nothing runs any more: the window closes without a question.
    assert window.close()
    assert window.close_guard.dialog is None


def test_wait_then_close(qtbot: QtBot, window: MainWindow) -> None:
    job = _Job()
    task = _start(window, job)
    window.close()
    _dialog(qtbot, window).wait_button.click()
    assert window.isVisible() and task.running and window.close_guard.pending
    window.close()  # closing again while it waits asks nothing new
    assert window.close_guard.dialog is None
    with qtbot.waitSignal(window.close_guard.waited, timeout=10_000):
        job.release.set()
    assert task.result == "done"
    assert not window.isVisible() and window.state.project is None


def test_close_project_anyway_cancels_the_job(qtbot: QtBot, window: MainWindow) -> None:
    job = _Job()
    task = _start(window, job, title="正在导入提交包")
    window.registry.find("closeProject").trigger()
    dialog = _dialog(qtbot, window)
    assert "正在导入提交包" in dialog.text() and "关闭项目" in dialog.text()
    assert window.stack.currentWidget() is window.project_page
    dialog.close_button.click()
    _finish(qtbot, task)
    assert isinstance(task.error, CancelledError)
    assert window.state.project is None and window.isVisible()


def test_quiet_reads_do_not_ask(qtbot: QtBot, window: MainWindow) -> None:
    job = _Job()
    task: Any = run_read(window, job, title="读取资料", show_progress=False)
    assert job.started.wait(10)
    window.registry.find("closeProject").trigger()
    assert window.close_guard.dialog is None
    assert window.state.project is None
    _finish(qtbot, task)


def test_closing_the_window_while_a_project_close_waits(qtbot: QtBot, window: MainWindow) -> None:
    job = _Job()
    task = _start(window, job, title="正在添加资料")
    window.registry.find("closeProject").trigger()
    dialog = _dialog(qtbot, window)
    assert "正在添加资料" in dialog.text()
    dialog.wait_button.click()
    assert window.state.project is not None
    # Esc on a second question would be 返回; here the window close simply joins the wait.
    assert not window.close()
    assert window.close_guard.dialog is None and window.isVisible()
    with qtbot.waitSignal(window.close_guard.waited, timeout=10_000):
        job.release.set()
    _finish(qtbot, task)
    assert not window.isVisible() and window.state.project is None


def test_escape_means_back(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    job = _Job()
    task = _start(window, job)
    window.close()
    dialog = _dialog(qtbot, window)
    assert dialog.escapeButton() is dialog.back_button
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.close_guard.dialog is None)
    assert window.isVisible() and task.running and not window.close_guard.pending
    task.cancel()
    _finish(qtbot, task)


def test_scripted_quit_closes_without_asking(qtbot: QtBot, window: MainWindow) -> None:
    # FAZHI_QUIT_AFTER_MS / FAZHI_QUIT_WHEN_OPEN: nobody would answer the question, the run would hang.
    from PySide6.QtWidgets import QApplication

    from ui.shell.app_setup import quit_without_asking

    job = _Job()
    task = _start(window, job, title="正在导入提交包")
    assert not window.close()  # a person is asked …
    _dialog(qtbot, window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quit_without_asking(app, window)  # … a script is not
    assert not window.isVisible()
    assert window.close_guard.dialog is None or not window.close_guard.dialog.isVisible()
    _finish(qtbot, task)
    assert isinstance(task.error, CancelledError)  # the import was stopped (its writes rolled back)
    assert window.state.project is None
