"""Application set-up (names, translators, fonts), run_gui, and the change hub."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.base.changes import ProjectChange
from app.project.create import create_project
from indicator_catalog import Catalog
from ui.shell.app_setup import bundled_font_files, register_fonts


def test_application_is_named_and_chinese(qtbot: QtBot) -> None:
    assert QCoreApplication.organizationName() == "fazhi"
    assert QCoreApplication.applicationName() == "fazhi"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    # Qt's own strings come from qtbase_zh_CN.
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_bundled_font_is_registered(qapp: QApplication) -> None:
    files = bundled_font_files()
    if not files:
        return  # fonts not built in this checkout
    families = register_fonts(qapp)
    assert families, "the bundled CJK font registered"
    assert any("Noto Sans SC" in f for f in families)
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


_RUN_GUI = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.shell.app_setup import run_gui
from ui.shell.main_window import MainWindow

def poll():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.state.project is not None:
            names = (QApplication.organizationName(), QApplication.applicationDisplayName())
            print(widget.windowTitle(), *names)
            widget.close()
            QApplication.quit()

timer = QTimer()
timer.timeout.connect(poll)
QTimer.singleShot(0, lambda: timer.start(20))
sys.exit(run_gui(Path(sys.argv[1])))
"""


def test_run_gui_opens_the_window_on_a_project(tmp_path: Path, small_catalog: Catalog) -> None:
    # A process of its own: run_gui runs the application's event loop and quits it.
    folder = tmp_path / "县项目"
    create_project(folder, county="演示县", year=2023, catalog=small_catalog)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", _RUN_GUI, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "演示县 2023年 fazhi 法治政府建设示范创建自评系统"


def test_project_change_merging() -> None:
    a = ProjectChange.of(indicators=[1, 2], units=["县司法局"])
    b = ProjectChange.of(indicators=[3], evidence_ids=[7])
    merged = a.merged(b)
    assert merged.indicators == {1, 2, 3}
    assert merged.units == {"县司法局"}
    assert merged.evidence_ids == {7}
    assert merged.touches(3) and not merged.touches(4)
    assert ProjectChange(everything=True).touches(99)
    assert ProjectChange().empty and not merged.empty


def test_garbage_collection_runs_on_the_ui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    import gc

    from ui.shell.app_setup import MainThreadGarbageCollector

    collector = MainThreadGarbageCollector(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()

        class Cycle:
            def __init__(self) -> None:
                self.me = self

        for _ in range(gc.get_threshold()[0] + 10):
            Cycle()
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0])
    finally:
        collector.stop()
    assert gc.isenabled()


@pytest.mark.parametrize(("hook", "value"), [("FAZHI_QUIT_WHEN_OPEN", "1"), ("FAZHI_QUIT_AFTER_MS", "3000")])
def test_fazhi_gui_exits_cleanly_after_opening_a_project(
    tmp_path: Path, small_catalog: Catalog, hook: str, value: str
) -> None:
    """``fazhi gui DIR`` in a process of its own, closed by a scripted-run hook without asking: just after
    the project opened (its background work just finished), or after 3 s (the packaged program's smoke
    test, when the bundle's head start may be running): exit code 0, no abort, no thread destroyed while
    running, no Python error."""
    folder = tmp_path / "县项目"
    create_project(folder, county="演示县", year=2023, catalog=small_catalog)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", hook: value}
    for other in ("FAZHI_QUIT_WHEN_OPEN", "FAZHI_QUIT_AFTER_MS"):
        if other != hook:
            env.pop(other, None)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    out = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "app", "gui", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    bad_lines = ("QThread: Destroyed", "Fatal Python error", "Segmentation", "Traceback", "already deleted")
    for bad in bad_lines:
        assert bad not in out.stderr, out.stderr[-3000:]


_KEPT_IN_GLOBALS = """
import sys
from PySide6.QtCore import QTimer
from ui.shell.app_setup import create_application, install_main_thread_gc, tear_down
from ui.shell.main_window import MainWindow

app = create_application([sys.argv[0]])
install_main_thread_gc(app)
window = MainWindow()
window.show()
window.evidence_loaded.connect(lambda number: QTimer.singleShot(0, app.quit))
window.open_project(sys.argv[1])
QTimer.singleShot(30_000, app.quit)
app.exec()
tear_down(app)
del window
"""


def test_tear_down_lets_a_script_with_its_window_in_a_global_exit_cleanly(
    tmp_path: Path, small_catalog: Catalog
) -> None:
    # Without tear_down the window was freed by the interpreter's final collection and the process
    # aborted ("bool_dealloc … refcount error") in about 6 of 10 runs; three runs catch a regression.
    folder = tmp_path / "县项目"
    create_project(folder, county="演示县", year=2023, catalog=small_catalog)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", _KEPT_IN_GLOBALS, str(folder)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        assert "Fatal Python error" not in out.stderr and "Traceback" not in out.stderr, out.stderr[-3000:]
