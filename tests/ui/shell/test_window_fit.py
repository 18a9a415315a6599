"""The window fits the screen: available area, remembered geometry clamped, small minimum; the preview
folds away and comes back, remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from app.project.create import create_project
from indicator_catalog import Catalog
from ui.common import settings
from ui.shell.main_window import MainWindow
from ui.shell.window_fit import FRAME_GUESS, MINIMUM, PREFERRED, centered, fit_rect, minimum_for

TASKBAR = 40


@pytest.mark.parametrize("screen", [QSize(1366, 768), QSize(1280, 720), QSize(1920, 1080)])
def test_the_preferred_size_fits_every_common_screen(screen: QSize) -> None:
    available = QRect(0, 0, screen.width(), screen.height() - TASKBAR)
    rect = centered(PREFERRED, available)
    with_frame = rect.adjusted(-FRAME_GUESS.width() // 2, -(FRAME_GUESS.height() - 8), 8, 8)
    assert available.contains(with_frame), (rect, available)
    assert rect.width() <= PREFERRED.width() and rect.height() <= PREFERRED.height()
    if screen.height() >= 1000:
        assert rect.size() == PREFERRED  # a big screen gets the whole preferred size
    minimum = minimum_for(available)
    assert minimum.width() <= 1280 and minimum.height() <= 720 - TASKBAR
    assert minimum.width() <= rect.width() and minimum.height() <= rect.height()


def test_a_remembered_geometry_from_a_bigger_or_missing_screen_is_clamped() -> None:
    available = QRect(0, 0, 1366, 728)
    # Saved on a 1920×1080 monitor on the right, which is gone now.
    rect = fit_rect(QRect(2100, 80, 1800, 1000), available)
    assert available.contains(rect) and rect.width() <= 1366 - FRAME_GUESS.width()
    assert rect.height() <= 728 - FRAME_GUESS.height()
    # A window that fits keeps its place and size.
    assert fit_rect(QRect(100, 100, 900, 500), available) == QRect(100, 100, 900, 500)
    # A screen with its taskbar on top: the window starts below it.
    assert fit_rect(QRect(0, 0, 800, 500), QRect(0, 40, 1280, 680)).top() >= 40 + FRAME_GUESS.height() - 8


@pytest.fixture
def project_dir(tmp_path: Path, small_catalog: Catalog) -> Path:
    folder = tmp_path / "测试县项目"
    create_project(folder, county="测试县", year=2022, catalog=small_catalog)
    return folder


def _open(qtbot: QtBot, folder: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(folder)
    return win


def test_window_never_larger_than_the_screen_even_with_a_huge_remembered_geometry(
    qtbot: QtBot, project_dir: Path
) -> None:
    huge = QMainWindow()
    qtbot.addWidget(huge)
    huge.setGeometry(2500, 100, 3000, 2000)
    settings.save_window_state("mainWindow", huge.saveGeometry())
    win = _open(qtbot, project_dir)
    screen = win.screen()
    available = screen.availableGeometry()
    assert available.contains(win.geometry()), (win.geometry(), available)
    assert win.minimumSize().width() <= min(1280, available.width())
    assert win.minimumSize().height() <= min(720 - TASKBAR, available.height())
    assert win.minimumSize().width() <= MINIMUM.width()
    # The review pane scrolls rather than forcing the window taller than a 1280×720 screen.
    assert win.minimumSizeHint().height() <= 720 - TASKBAR - FRAME_GUESS.height()
    win.close()


@pytest.fixture
def window(qtbot: QtBot, project_dir: Path) -> Iterator[MainWindow]:
    win = _open(qtbot, project_dir)
    win.resize(1100, 640)
    yield win
    win.close()


def test_splitter_gives_the_middle_the_most_and_the_preview_folds(
    qtbot: QtBot, window: MainWindow, project_dir: Path
) -> None:
    qtbot.waitUntil(lambda: sum(window.splitter.sizes()) > 0)
    tree, middle, preview = window.splitter.sizes()
    assert middle > preview > 0 and middle > tree
    action = window.registry.find("togglePreview")
    assert action.isCheckable() and action.isChecked()
    assert action in window.menus.view.actions()
    action.trigger()
    qtbot.waitUntil(lambda: window.splitter.sizes()[2] == 0)
    assert not action.isChecked() and window.splitter.sizes()[1] > middle
    # Dragging the handle back (here: the sizes a drag sets) brings the preview and the action back.
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0], sizes[1] - 300, 300])
    window.splitter.splitterMoved.emit(sizes[0] + sizes[1] - 300, 2)
    assert action.isChecked()
    action.trigger()  # folded again, and remembered
    assert window.splitter.sizes()[2] == 0
    window.close()
    again = _open(qtbot, project_dir)
    assert not again.registry.find("togglePreview").isChecked()
    assert again.splitter.sizes()[2] == 0
    again.registry.find("togglePreview").trigger()
    qtbot.waitUntil(lambda: again.splitter.sizes()[2] > 0)
    again.close()


def test_old_splitter_states_are_not_restored(qtbot: QtBot, project_dir: Path) -> None:
    old = QSplitter()
    qtbot.addWidget(old)
    for _ in range(3):
        old.addWidget(QWidget())
    old.resize(1300, 600)
    old.setSizes([300, 100, 900])  # what older versions saved: the middle squeezed
    settings.save_value("mainWindow/splitter", old.saveState())
    win = _open(qtbot, project_dir)
    win.resize(1300, 680)
    qtbot.waitUntil(lambda: sum(win.splitter.sizes()) > 1000)
    assert win.splitter.sizes()[1] > win.splitter.sizes()[2]
    win.close()
