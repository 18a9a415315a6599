"""识别文字（OCR） in the window, with a stubbed OCR engine (fast): the selected file, every file not
read yet, cancel, the attach dialog's OCR box, and the search window refreshed by the ProjectChange."""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.base.progress import CancelToken
from app.evidence.attach import attach
from app.evidence.formats import ocr as ocr_module
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import Catalog
from ui.evidence.evidence_dialogs import AttachDialog
from ui.search.search_window import SearchWindow
from ui.shell.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parents[2] / "app" / "evidence" / "formats"))
from formats_builders import jpeg, text_image  # the format tests' builders


class Engine:
    """Stands in for RapidOCR: 'reads' a 行政复议 notice on every picture; counts the pictures."""

    def __init__(self) -> None:
        self.calls = 0
        self.cancel: CancelToken | None = None  # cancelled while the first picture is read
        # Set by a test that cancels: the worker waits on the first picture until the UI thread has
        # handed over the task's token (the task starts before task_started reaches the UI thread).
        self.token_given: threading.Event | None = None

    def __call__(self, array: Any) -> Any:
        self.calls += 1
        if self.token_given is not None:
            self.token_given.wait(timeout=30)
        if self.cancel is not None:
            self.cancel.cancel()

        class Result:
            txts = ("关于加强行政复议工作的通知",)
            scores = (0.95,)

        return Result()


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Engine:
    fake = Engine()
    monkeypatch.setattr(ocr_module, "_engine", fake)
    monkeypatch.setattr("app.evidence.formats.text.ocr_available", lambda: True)
    monkeypatch.setattr("app.evidence.recognize.ocr_available", lambda: True)
    return fake


def _photo(folder: Path, name: str) -> Path:
    path: Path = jpeg(folder / name, image=text_image([name], size=(400, 200)))
    return path


@pytest.fixture
def project_dir(tmp_path: Path, small_catalog: Catalog) -> Path:
    """A project with two photos (no text layer) for indicator 4 of 县司法局."""
    folder = tmp_path / "测试县项目"
    create_project(folder, county="测试县", year=2022, catalog=small_catalog)
    photos = [_photo(tmp_path, "会议照片1.jpg"), _photo(tmp_path, "会议照片2.jpg")]
    with open_project(folder) as project:
        attach(project, unit="县司法局", indicators=[4], files=photos)
    return folder


@pytest.fixture
def window(qtbot: QtBot, project_dir: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(project_dir)
    with qtbot.waitSignal(win.evidence.loaded, timeout=10_000):
        assert win.select_indicator(4)
    yield win
    win.close()


def _text_rows(project_dir: Path) -> list[tuple[int, int, str, str]]:
    connection = sqlite3.connect(project_dir / "project.sqlite")
    try:
        rows = connection.execute(
            "SELECT evidence_id, page, source, body FROM evidence_text ORDER BY evidence_id, page"
        ).fetchall()
    finally:
        connection.close()
    return [(int(e), int(p), str(s), str(b)) for e, p, s, b in rows]


def _run(qtbot: QtBot, window: MainWindow, name: str) -> Any:
    with qtbot.waitSignal(window.evidence.ocr_finished, timeout=30_000) as blocker:
        window.registry.find(name).trigger()
    return blocker.args[0]


def test_selected_then_all_then_nothing_left(
    qtbot: QtBot, window: MainWindow, project_dir: Path, engine: Engine
) -> None:
    view = window.panel.evidence_view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    names = [action.objectName() for action in view.actions()]
    assert {"recognizeSelected", "recognizeAll", "withdrawEvidence"} <= set(names)
    assert [a.objectName() for a in window.menus.edit.actions()].count("recognizeAll") == 1
    selected = window.registry.find("recognizeSelected")
    assert not selected.isEnabled()  # nothing selected yet
    view.selectRow(0)
    assert selected.isEnabled() and window.registry.find("recognizeAll").isEnabled()
    first = window.panel.selected_evidence()
    assert first is not None

    result = _run(qtbot, window, "recognizeSelected")
    assert [f.evidence_id for f in result.files] == [first.evidence_id] and engine.calls == 1
    assert _text_rows(project_dir) == [(first.evidence_id, 1, "ocr", "关于加强行政复议工作的通知")]
    assert "识别 1 页" in window.statusBar().currentMessage()

    result = _run(qtbot, window, "recognizeAll")
    assert result.pages_read == 1 and engine.calls == 2  # only the other photo was read
    assert [row[2] for row in _text_rows(project_dir)] == ["ocr", "ocr"]
    _run(qtbot, window, "recognizeAll")
    assert engine.calls == 2 and "没有需要识别" in window.statusBar().currentMessage()


def test_search_window_shows_what_ocr_found(qtbot: QtBot, window: MainWindow, engine: Engine) -> None:
    search = SearchWindow(window.state, window)
    qtbot.addWidget(search)
    search.show()
    search.query_edit.setText("复议")
    with qtbot.waitSignal(search.searched, timeout=10_000) as blocker:
        search.run_search()
    assert blocker.args == [0]
    # The OCR's ProjectChange makes the open search window ask again.
    with qtbot.waitSignal(search.searched, timeout=30_000) as blocker:
        window.registry.find("recognizeAll").trigger()
    assert blocker.args == [2]
    assert search.model.rowCount() == 2
    search.close()


def test_cancel_keeps_the_files_already_read(
    qtbot: QtBot, window: MainWindow, project_dir: Path, engine: Engine
) -> None:
    engine.token_given = threading.Event()

    def started(task: Any) -> None:
        engine.cancel = task.token  # the clerk presses 取消 while the first photo is read
        assert engine.token_given is not None
        engine.token_given.set()

    window.evidence.task_started.connect(started)
    result = _run(qtbot, window, "recognizeAll")
    assert result.cancelled and engine.calls == 1
    assert len(_text_rows(project_dir)) == 1
    assert "已取消文字识别" in window.statusBar().currentMessage()


def test_attach_dialog_ocr_box_reads_photos_right_away(
    qtbot: QtBot, window: MainWindow, project_dir: Path, tmp_path: Path, engine: Engine
) -> None:
    photo = _photo(tmp_path, "执法现场照片.jpg")
    dialog = window.attach_files([photo])
    assert isinstance(dialog, AttachDialog)
    assert dialog.ocr_check.isEnabled() and not dialog.ocr_check.isChecked()
    dialog.ocr_check.setChecked(True)
    assert dialog.request().ocr
    with qtbot.waitSignal(window.state.changed, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert engine.calls == 1
    rows = _text_rows(project_dir)
    assert [(source, body) for _e, _p, source, body in rows] == [("ocr", "关于加强行政复议工作的通知")]
    # Already read during the attach: a later run does not read it again.
    _run(qtbot, window, "recognizeAll")
    assert engine.calls == 3  # the two photos attached before, not the new one


def test_without_the_ocr_packages_the_actions_and_the_box_are_off(
    qtbot: QtBot, project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.shell.main_window.ocr_installed", lambda: False)
    monkeypatch.setattr("ui.evidence.evidence_dialogs.ocr_installed", lambda: False)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(project_dir)
    with qtbot.waitSignal(win.evidence.loaded, timeout=10_000):
        assert win.select_indicator(4)
    win.panel.evidence_view.selectRow(0)
    assert not win.registry.find("recognizeSelected").isEnabled()
    assert not win.registry.find("recognizeAll").isEnabled()
    dialog = win.attach_files([_photo(tmp_path, "照片.jpg")])
    assert isinstance(dialog, AttachDialog)
    assert not dialog.ocr_check.isEnabled() and "未安装" in dialog.ocr_check.toolTip()
    dialog.reject()
    win.close()
