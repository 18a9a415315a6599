"""Screenshots of the review, score, 附加项, self-check, dashboard, exchange, export and audit screens under
Xvfb, saved to screenshots/ (git ignores it).

The test starts Xvfb and runs this same file as a script in a subprocess with ``QT_QPA_PLATFORM=xcb``
(the test process itself runs offscreen). The script builds the demo county (``fazhi demo``: national
catalog, real evidence, levels, a return, a bonus) and drives the real widgets.
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
EXPECTED = [
    "p2-01-review",
    "p2-02-score",
    "p2-03-dashboard",
    "p2-04-dashboard-units",
    "p2-05-export-preview",
    "p2-06-extras-veto",
    "p2-07-selfcheck",
    "p2-08-scheme-editor",
    "p2-09-import-results",
    "p2-10-audit",
    "p2-11-issue-kits",
    "p2-12-dashboard-image",
    "p2-13-review-1920x1080",
]


@pytest.mark.xvfb
def test_screenshots_part2() -> None:
    from PySide6.QtGui import QImage

    out = ROOT / "screenshots"
    run = run_on_xvfb([sys.executable, __file__, str(out)], cwd=ROOT, timeout=420)
    assert run.returncode == 0, run.stderr[-3000:]
    for name in EXPECTED:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 400 and image.height() >= 250, name


# -- the script (runs in the subprocess, under a real X server) ---------------------------------------


def grab(widget: Any, out: Path, name: str) -> Path:
    settle()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not save {path}")
    print(path)
    return path


def _demo(work: Path) -> Path:
    from app.demo.builder import build_demo

    cached = os.environ.get("FAZHI_SCREENSHOT_DEMO")  # a demo made earlier, to iterate quickly
    folder = work / "陵川县"
    if cached and Path(cached).is_dir():
        shutil.copytree(cached, folder)
    else:
        build_demo(folder)
    return folder


def _shown(widget: Any, width: int, height: int) -> Any:
    widget.resize(width, height)
    widget.show()
    widget.raise_()
    return widget


def make_screenshots(out: Path) -> None:
    import tempfile
    import zipfile

    from PySide6.QtCore import QSettings, Qt

    from app.assessment.levels import set_veto
    from app.export.dispatch import ExportKind
    from ui.common.background import cancel_all_and_wait
    from ui.export.export_dialogs import ExportDialog
    from ui.scoring.score_models import ScoringChange
    from ui.shell.app_setup import create_application
    from ui.shell.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fazhi-shots2-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application(["fazhi"])
    folder = _demo(work)

    window = MainWindow()
    _shown(window, 1366, 768)
    window.open_project(folder)
    wait_until(lambda: window.state.project is not None, timeout=60)
    bench = window.workbench
    wait_until(lambda: bench.keeper.score is not None)
    state = window.state

    # 评审: indicator 9, the unit whose evidence was returned.
    window.select_indicator(9)
    window.registry.find("toggleReview").trigger()
    wait_until(lambda: bench.review_pane.number == 9 and bench.review_pane.unit_model.rowCount() > 0)
    bench.review_pane.select_unit("县行政审批服务管理局")
    bench.review_pane.evidence_view.selectRow(0)
    wait_until(lambda: window.preview.current_path is not None)
    settle(500)
    grab(window, out, "p2-01-review")

    # 评分, explaining indicator 26.
    bench.views.setCurrentWidget(bench.score_view)
    bench.score_view.select_indicator(26)
    grab(window, out, "p2-02-score")

    # 进度总览 and the ranking of units.
    bench.views.setCurrentWidget(bench.dashboard)
    wait_until(lambda: bench.dashboard.data is not None)
    settle(400)
    grab(window, out, "p2-03-dashboard")
    bench.dashboard.tabs.setCurrentIndex(2)
    grab(window, out, "p2-04-dashboard-units")
    bench.dashboard.tabs.setCurrentIndex(0)
    bench.dashboard.export_image(out / "p2-12-dashboard-image.png")

    # 导出自评报告 with its preview.
    export = ExportDialog(state, ExportKind.REPORT_PDF, window)
    _shown(export, 620, 320)
    assert export.preview_button is not None
    export.preview_button.click()
    wait_until(lambda: export.preview_file is not None, timeout=120)
    settle(600)
    grab(export, out, "p2-05-export-preview")
    export.reject()

    # 附加项 with a veto triggered: the banner shows on every page.
    project = state.require_project()
    set_veto(
        project, "V1", triggered=True, note="2023年发生行政机关负责人不出庭应诉被通报的情况", by="演示数据"
    )
    state.apply(ScoringChange(marks=frozenset({"V1"})))
    bench.views.setCurrentWidget(bench.extras_pane)
    wait_until(bench.banner.isVisible)
    grab(window, out, "p2-06-extras-veto")

    bench.views.setCurrentWidget(bench.selfcheck_view)
    wait_until(lambda: bench.selfcheck_view.model.rowCount() > 0, timeout=60)
    grab(window, out, "p2-07-selfcheck")

    bench.views.setCurrentWidget(bench.score_view)
    editor = bench.score_view.edit_scheme()
    assert editor is not None
    editor.pass_check.setChecked(True)
    editor.pass_spin.setValue(1500)  # above the highest possible total: shows the validation
    grab(editor, out, "p2-08-scheme-editor")
    editor.reject()

    junk = work / "某单位提交包.zip"
    with zipfile.ZipFile(junk, "w") as archive:
        archive.writestr("readme.txt", "not a package")
    importer: Any = bench.import_packages()
    importer.add_files([junk])
    importer.run_button.click()
    wait_until(lambda: importer.model.rowCount() == 1)
    grab(importer, out, "p2-09-import-results")
    importer.close()

    bench.views.setCurrentWidget(bench.audit_view)
    wait_until(lambda: bench.audit_view.model.rowCount() > 0)
    grab(window, out, "p2-10-audit")

    kits: Any = bench.issue_kits()
    kits.set_chosen_units([kits.unit_list.item(0).data(Qt.ItemDataRole.UserRole)])
    grab(kits, out, "p2-11-issue-kits")
    kits.close()

    # The review screen on a large monitor.
    bench.views.setCurrentWidget(window.splitter)
    window.resize(1920, 1080)
    settle(400)
    grab(window, out, "p2-13-review-1920x1080")

    cancel_all_and_wait()
    window.close()
    app.processEvents()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    make_screenshots(Path(sys.argv[1]))
    # Leave without Python tearing down Qt objects one by one (charts crash in that order).
    sys.stdout.flush()
    os._exit(0)
