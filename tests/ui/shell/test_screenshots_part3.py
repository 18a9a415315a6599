"""Screenshots of the views that came with issues 13–17, at 1366×768 and 1280×720 under Xvfb, saved to
screenshots/ (git ignores it): the office's views, the 全文搜索 window, the 自评报告正文 editor, the manual
(F1), a unit's 我的任务 and 报送 dialog made from one of the demo's kits, and a plan project (任务清单).

The test runs this file as a script in a subprocess on Xvfb (``QT_QPA_PLATFORM=xcb``), like part 2.
``FAZHI_SCREENSHOT_DEMO`` may name a demo made earlier (``fazhi demo DIR``) to iterate quickly.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from xvfb import run_on_xvfb, settle, wait_until

ROOT = Path(__file__).resolve().parents[3]
SIZES = ((1366, 768), (1280, 720))
VIEWS = (
    "catalog",
    "review",
    "score",
    "selfcheck",
    "dashboard",
    "audit",
    "search",
    "narrative",
    "help",
    "unit-tasks",
    "unit-submit",
    "plan",
    "plan-selfcheck",
    "plan-progress",
    "plan-overdue",
)
EXPECTED = [f"p3-{view}-{w}x{h}" for w, h in SIZES for view in VIEWS]


@pytest.mark.xvfb
@pytest.mark.slow
def test_screenshots_part3() -> None:
    from PySide6.QtGui import QImage

    out = ROOT / "screenshots"
    run = run_on_xvfb([sys.executable, __file__, str(out)], cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    for name in EXPECTED:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 400 and image.height() >= 250, name


# -- the script (runs in the subprocess, under a real X server) ---------------------------------------


def grab_screen(out: Path, name: str) -> Path:
    """The whole screen area of the window's size: floating windows over the main window show too."""
    from PySide6.QtGui import QGuiApplication

    settle(250)
    path = out / f"{name}.png"
    screen = QGuiApplication.primaryScreen()
    if not screen.grabWindow(0, 0, 0, _SIZE[0], _SIZE[1]).save(str(path)):
        raise RuntimeError(f"could not save {path}")
    print(path)
    return path


_SIZE = [1366, 768]


def _open(window: Any, folder: Path, size: tuple[int, int]) -> None:
    window.setGeometry(0, 0, *size)
    window.show()
    window.open_project(folder)
    wait_until(lambda: window.state.project is not None, timeout=60)
    settle(400)


def _office(out: Path, folder: Path, size: tuple[int, int]) -> None:
    from ui.common.background import cancel_all_and_wait
    from ui.shell.main_window import MainWindow

    tag = f"{size[0]}x{size[1]}"
    window = MainWindow()
    _open(window, folder, size)
    bench = window.workbench
    wait_until(lambda: bench.keeper.score is not None)
    if window.assist.guide is not None:
        window.assist.guide.close()
    window.select_indicator(26)
    wait_until(lambda: window.panel.evidence_model.rowCount() > 0)
    window.panel.evidence_view.selectRow(0)
    wait_until(lambda: window.preview.current_path is not None)
    grab_screen(out, f"p3-catalog-{tag}")
    window.select_indicator(9)
    window.registry.find("toggleReview").trigger()
    wait_until(lambda: bench.review_pane.number == 9 and bench.review_pane.unit_model.rowCount() > 0)
    grab_screen(out, f"p3-review-{tag}")
    for view, widget in (
        ("score", bench.score_view),
        ("selfcheck", bench.selfcheck_view),
        ("dashboard", bench.dashboard),
        ("audit", bench.audit_view),
    ):
        bench.views.setCurrentWidget(widget)
        settle(600)
        grab_screen(out, f"p3-{view}-{tag}")
    bench.views.setCurrentWidget(window.splitter)
    search = window.show_full_text_search()
    assert search is not None
    search.query_edit.setText("合法性审核")
    search.run_search()
    wait_until(lambda: search.model.rowCount() > 0)
    search.table.selectRow(0)
    search.open_hit(0)
    settle(800)
    grab_screen(out, f"p3-search-{tag}")
    search.close()
    dock = bench.edit_narrative(note=26)
    assert dock is not None
    settle(800)
    grab_screen(out, f"p3-narrative-{tag}")
    dock.close()
    help_window = window.assist.show_help("search.html")
    help_window.setGeometry(60, 40, size[0] - 120, size[1] - 80)
    settle(500)
    grab_screen(out, f"p3-help-{tag}")
    help_window.close()
    cancel_all_and_wait()
    window.close()


def _unit(out: Path, workspace: Path, size: tuple[int, int]) -> None:
    from ui.common.background import cancel_all_and_wait
    from ui.shell.main_window import MainWindow

    tag = f"{size[0]}x{size[1]}"
    window = MainWindow()
    _open(window, workspace, size)
    if window.assist.guide is not None:
        window.assist.guide.close()
    bench = window.workbench
    wait_until(lambda: bench.views.currentWidget() is bench.tasks_view)
    settle(600)
    grab_screen(out, f"p3-unit-tasks-{tag}")
    dialog: Any = bench.submit_package()
    assert dialog is not None
    wait_until(lambda: dialog.check_label.text() != "正在自查……", timeout=60)
    settle(400)
    grab_screen(out, f"p3-unit-submit-{tag}")
    dialog.reject()
    cancel_all_and_wait()
    window.close()


def _plan(out: Path, folder: Path, size: tuple[int, int]) -> None:
    from ui.common.background import cancel_all_and_wait
    from ui.shell.main_window import MainWindow

    tag = f"{size[0]}x{size[1]}"
    window = MainWindow()
    _open(window, folder, size)
    if window.assist.guide is not None:
        window.assist.guide.close()
    window.select_indicator(3)
    wait_until(lambda: window.panel.number == 3)
    grab_screen(out, f"p3-plan-{tag}")
    bench = window.workbench
    bench.views.setCurrentWidget(bench.selfcheck_view)
    wait_until(lambda: bench.selfcheck_view.model.rowCount() > 0, timeout=60)
    grab_screen(out, f"p3-plan-selfcheck-{tag}")
    # 登记进度 on the selected task (the real dialog over the window), then the 只看逾期 filter.
    bench.views.setCurrentWidget(window.splitter)
    action = window.registry.find("recordProgress")
    wait_until(action.isEnabled)
    action.trigger()
    dialog = bench.progress_control.dialog
    assert dialog is not None
    wait_until(dialog.isVisible)
    grab_screen(out, f"p3-plan-progress-{tag}")
    dialog.reject()
    window.catalog.status_combo.setCurrentIndex(1)
    grab_screen(out, f"p3-plan-overdue-{tag}")
    window.catalog.status_combo.setCurrentIndex(0)
    cancel_all_and_wait()
    window.close()


def make_screenshots(out: Path) -> None:
    import tempfile

    from PySide6.QtCore import QSettings

    from app.demo.builder import build_demo
    from app.exchange.kits import init_from_kit, issue_kit
    from app.project.create import create_project
    from app.project.folder import open_project
    from indicator_catalog.plan_catalog import plan_as_catalog
    from indicator_catalog.plan_loader import load_builtin_plan
    from ui.shell.app_setup import create_application

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fazhi-shots3-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application(["fazhi"])
    folder = work / "陵川县"
    cached = os.environ.get("FAZHI_SCREENSHOT_DEMO")
    if cached and Path(cached).is_dir():
        shutil.copytree(cached, folder)
    else:
        build_demo(folder)
    kit = work / "县司法局任务包.zip"
    with open_project(folder) as project:
        issue_kit(project, unit="县司法局", out=kit, deadline="2024-06-30")
    workspace = work / "县司法局工作区"
    init_from_kit(workspace, kit)
    plan = work / "五台县2024"
    create_project(
        plan, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    for size in SIZES:
        _SIZE[:] = size
        _office(out, folder, size)
        _unit(out, workspace, size)
        _plan(out, plan, size)
    app.processEvents()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    make_screenshots(Path(sys.argv[1]))
    sys.stdout.flush()
    os._exit(0)
