"""The background-work helper: results on the UI thread, progress, errors, cancel, serialized writes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from ui.common.background import BackgroundTask, active_tasks, run_read, run_write


def _wait(qtbot: QtBot, task: BackgroundTask) -> None:
    if task.running:
        with qtbot.waitSignal(task.finished, timeout=10_000):
            pass


def _error_boxes(parent: QWidget) -> list[QMessageBox]:
    return [b for b in parent.findChildren(QMessageBox) if b.objectName() == "errorBox" and b.isVisible()]


def test_result_comes_back_on_the_ui_thread(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}
    gate = threading.Event()

    def work(progress: ProgressCallback, cancel: CancelToken) -> int:
        seen["worker"] = threading.current_thread()
        gate.wait(5)
        for i in range(3):
            progress(i, 3, f"第 {i} 步")
        progress(3, 3, "")
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["ui"] = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]

    task = run_read(parent, work, title="测试", on_done=done)
    progress_reports: list[tuple[int, int, str]] = []
    task.progressed.connect(lambda d, t, m: progress_reports.append((d, t, m)))
    assert task in active_tasks()
    gate.set()
    _wait(qtbot, task)
    assert seen["result"] == 42
    assert seen["ui"] is True
    assert seen["worker"] is not threading.main_thread()
    assert progress_reports[0] == (0, 3, "第 0 步")
    assert progress_reports[-1] == (3, 3, "")
    assert task.result == 42
    assert task not in active_tasks()
    assert task.dialog is None  # closed and released


def test_user_error_shows_its_one_line(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        raise FazhiError("某文件.pdf: 文件已加密，无法读取")

    task = run_read(parent, work, title="添加资料")
    _wait(qtbot, task)
    boxes = _error_boxes(parent)
    assert [b.text() for b in boxes] == ["某文件.pdf: 文件已加密，无法读取"]
    assert boxes[0].windowTitle() == "添加资料"
    boxes[0].close()


def test_internal_error_is_logged_and_reported(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        raise ZeroDivisionError("boom")

    task = run_read(parent, work, title="测试")
    _wait(qtbot, task)
    (box,) = _error_boxes(parent)
    assert box.text().startswith("内部错误：ZeroDivisionError: boom（详情见 ")
    from app.base.paths import log_file

    assert "ZeroDivisionError: boom" in log_file().read_text(encoding="utf-8")
    box.close()


def test_on_error_replaces_the_box(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[BaseException] = []

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        raise FazhiError("不行")

    task = run_read(parent, work, title="测试", on_error=errors.append)
    _wait(qtbot, task)
    assert [str(e) for e in errors] == ["不行"]
    assert _error_boxes(parent) == []


def test_cancel_reaches_the_worker(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    cancelled: list[bool] = []

    def work(progress: ProgressCallback, cancel: CancelToken) -> None:
        started.set()
        for _ in range(2000):  # bounded: a broken cancel must not leave a spinning thread behind
            cancel.raise_if_cancelled()
            threading.Event().wait(0.005)

    task = run_read(parent, work, title="测试", on_cancelled=lambda: cancelled.append(True))
    assert started.wait(5)
    assert task.dialog is not None
    (button,) = task.dialog.findChildren(QPushButton)
    with qtbot.waitSignal(task.failed, timeout=10_000):
        button.click()
    assert cancelled == [True]
    assert _error_boxes(parent) == []


def test_writes_run_one_at_a_time_in_order(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    lock = threading.Lock()
    running = 0
    overlap: list[int] = []
    order: list[int] = []

    def make(n: int):  # type: ignore[no-untyped-def]
        def work(progress: ProgressCallback, cancel: CancelToken) -> int:
            nonlocal running
            with lock:
                running += 1
                overlap.append(running)
            threading.Event().wait(0.01)
            order.append(n)
            with lock:
                running -= 1
            return n

        return work

    tasks = [run_write(parent, make(n), title="写入", show_progress=False) for n in range(8)]
    for task in tasks:
        _wait(qtbot, task)
    assert max(overlap) == 1
    assert order == list(range(8))


@pytest.mark.parametrize("cancellable", [True, False])
def test_dialog_cancel_button_follows_cancellable(qtbot: QtBot, cancellable: bool) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()
    task = run_read(parent, lambda p, c: gate.wait(5), title="测试", cancellable=cancellable)
    assert task.dialog is not None
    buttons = [b.text() for b in task.dialog.findChildren(QPushButton)]
    assert buttons == (["取消"] if cancellable else [])
    gate.set()
    _wait(qtbot, task)
