"""The clerk's window: a kit → a unit workspace → the window in unit mode → 报送 → a package the office
imports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.evidence.attach import attach
from app.exchange.importing import import_package
from app.exchange.kits import init_from_kit, issue_kit
from app.exchange.receive import ImportResult
from app.exchange.submit import submit as real_submit
from app.project.folder import open_project
from ui.exchange import submit_dialog
from ui.exchange.submit_dialog import SubmitDialog
from ui.shell.main_window import MainWindow

pytest_plugins = ["conftest_part2"]

UNIT = "县司法局"


@pytest.fixture
def kit_workspace(tmp_path: Path, part2_project_dir: Path) -> Path:
    """The demo kit of 县司法局 (indicators 4 and 5) made into the clerk's workspace."""
    kit = tmp_path / "任务包_县司法局.zip"
    with open_project(part2_project_dir) as office:
        issue_kit(office, unit=UNIT, out=kit, deadline="2030-06-30")
    workspace = tmp_path / "司法局工作区"
    init_from_kit(workspace, kit)
    return workspace


@pytest.fixture
def unit_window(qtbot: QtBot, kit_workspace: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(kit_workspace)
    yield win
    win.close()


def _toolbar_texts(win: MainWindow) -> list[str]:
    return [a.iconText() for a in win.menus.toolbar.actions() if a.isVisible() and not a.isSeparator()]


def test_unit_mode_shows_the_clerks_tasks_and_hides_office_things(unit_window: MainWindow) -> None:
    win = unit_window
    bench: Any = win.workbench
    assert win.windowTitle() == "县司法局 · 测试县 2024年 · 单位工作区"
    # The clerk starts on 我的任务: the kit's indicators with their demands done / required.
    assert bench.views.currentWidget() is bench.tasks_view
    view = bench.tasks_view
    assert [t.number for t in view.task_rows()] == [4, 5]
    assert "2030-06-30" in view.deadline_label.text() and "已过" not in view.deadline_label.text()
    assert view.progress_bar.format() == "已完成要求 0/2"
    assert bench.tasks_label.isVisibleTo(win) and bench.tasks_label.text() == "已完成要求 0/2"
    assert view.model.index(0, 2).data() == "0/1"
    # Office-only things are gone: score in the status bar, score pages, kits, reports, import of
    # submissions.
    assert not bench.score_label.isVisibleTo(win)
    for page in (bench.score_view, bench.extras_pane, bench.dashboard):
        assert not bench.views.isTabVisible(bench.views.indexOf(page))
    for name in ("issueKits", "sendReturns", "editScheme", "exportReportPdf", "exportWorkbook"):
        assert not win.registry.find(name).isVisible(), name
    assert not win.menus.export.menuAction().isVisible()
    toolbar = _toolbar_texts(win)
    assert "报送" in toolbar and "导出报告" not in toolbar and "导入提交包" not in toolbar
    submit = win.registry.find("submitPackage")
    assert submit.isVisible() and submit.isEnabled()
    assert submit in win.menus.exchange.actions()
    # Ctrl+1 still shows the evidence page; the hidden 评分 (Ctrl+2) does nothing.
    win.registry.find("showView2").trigger()
    assert bench.views.currentWidget() is bench.tasks_view
    win.registry.find("showView1").trigger()
    assert bench.views.currentWidget() is win.splitter
    win.registry.find("showMyTasks").trigger()
    assert bench.views.currentWidget() is bench.tasks_view
    # A double click on a task goes to that indicator.
    view.indicator_requested.emit(5)
    assert bench.views.currentWidget() is win.splitter and win.panel.number == 5


def test_office_window_has_no_submit_or_tasks(qtbot: QtBot, part2_project_dir: Path) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(part2_project_dir)
    bench: Any = win.workbench
    assert win.windowTitle() == "测试县 2024年"
    assert not win.registry.find("submitPackage").isVisible()
    assert not bench.views.isTabVisible(bench.views.indexOf(bench.tasks_view))
    assert bench.views.currentWidget() is win.splitter
    assert bench.submit_package() is None
    assert win.menus.export.menuAction().isVisible()
    win.close()


def _submit_dialog(qtbot: QtBot, win: MainWindow) -> SubmitDialog:
    bench: Any = win.workbench
    win.registry.find("submitPackage").trigger()
    dialog = bench.dialog
    assert isinstance(dialog, SubmitDialog)
    qtbot.waitUntil(lambda: dialog.findings is not None, timeout=10_000)
    return dialog


def test_submit_with_errors_needs_confirmation_then_the_office_imports_it(
    qtbot: QtBot,
    unit_window: MainWindow,
    part2_project_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from conftest_part2 import write_pdf

    # One opinion where the kit asks for two: the self-check has an error.
    project = unit_window.state.require_project()
    attach(project, unit=UNIT, indicators=[4], files=[write_pdf(tmp_path / "合法性审核意见书1.pdf")])
    dialog = _submit_dialog(qtbot, unit_window)
    assert dialog.error_count > 0
    assert "个错误" in dialog.check_label.text()
    assert dialog.error_list.isVisibleTo(dialog) and dialog.error_list.count() > 0
    assert dialog.force_check.isVisibleTo(dialog)
    assert not dialog.submit_button.isEnabled()
    assert dialog.start() is None  # refused until the clerk confirms
    out = tmp_path / "out" / "提交包.zip"
    dialog.path_edit.setText(str(out))
    dialog.force_check.setChecked(True)
    assert dialog.submit_button.isEnabled()
    with qtbot.waitSignal(dialog.submitted, timeout=30_000) as done:
        dialog.submit_button.click()
    assert done.args[0].path == out and out.is_file()
    assert str(out) in dialog.result_label.text()
    assert dialog.reveal_button.isVisibleTo(dialog)
    opened: list[Path] = []
    monkeypatch.setattr("ui.common.dialog_parts.open_url", lambda url: opened.append(Path(url.toLocalFile())))
    dialog.reveal_button.click()
    assert opened == [out.parent]
    dialog.close()
    # The package is what `fazhi import` takes.
    with open_project(part2_project_dir) as office:
        result = import_package(office, out)
    assert isinstance(result, ImportResult)
    assert result.unit == UNIT and len(result.added) == 1


def test_submit_without_errors_goes_straight_and_cancel_leaves_no_file(
    qtbot: QtBot, unit_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest_part2 import write_pdf

    project = unit_window.state.require_project()
    files = [write_pdf(tmp_path / f"合法性审核意见书{i}.pdf", text=f"意见书 {i}") for i in range(2)]
    attach(project, unit=UNIT, indicators=[4], files=files)
    unit_window.refresh()
    bench: Any = unit_window.workbench
    qtbot.waitUntil(lambda: bench.tasks_label.text() == "已完成要求 2/2", timeout=10_000)
    dialog = _submit_dialog(qtbot, unit_window)
    assert dialog.error_count == 0 and not dialog.force_check.isVisibleTo(dialog)
    assert dialog.submit_button.isEnabled()
    # Cancelled (the clerk presses 取消 while it runs): no package, no half-written file.

    def cancelled_submit(project: Any, **kwargs: Any) -> Any:
        kwargs["cancel"].cancel()
        return real_submit(project, **kwargs)

    monkeypatch.setattr(submit_dialog, "submit", cancelled_submit)
    out = tmp_path / "提交包.zip"
    dialog.path_edit.setText(str(out))
    task = dialog.start()
    assert task is not None
    assert dialog.progress.isVisibleTo(dialog) and not dialog.submit_button.isEnabled()
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    monkeypatch.setattr(submit_dialog, "submit", real_submit)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert "已取消" in dialog.result_label.text()
    # A bad place says why in the dialog and writes nothing.
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x")
    dialog.path_edit.setText(str(blocker / "提交包.zip"))
    task = dialog.start()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert "未生成提交包" in dialog.result_label.text()
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.submitted, timeout=30_000):
        dialog.submit_button.click()
    assert out.is_file()
    dialog.close()


def _gap_above_buttons(dialog: SubmitDialog) -> int:
    """Pixels between the lowest visible widget above the button row and the buttons."""
    from PySide6.QtWidgets import QWidget

    buttons_top = dialog.buttons.geometry().top()
    bottoms = [
        w.geometry().bottom()
        for w in dialog.findChildren(QWidget)
        if w.parent() is dialog
        and w is not dialog.buttons
        and w.isVisible()
        and w.geometry().bottom() < buttons_top
    ]
    return buttons_top - max(bottoms)


def test_the_submit_dialog_has_no_gap_above_its_buttons(
    qtbot: QtBot, unit_window: MainWindow, tmp_path: Path
) -> None:
    from conftest_part2 import write_pdf

    project = unit_window.state.require_project()
    attach(project, unit=UNIT, indicators=[4], files=[write_pdf(tmp_path / "合法性审核意见书1.pdf")])
    dialog = _submit_dialog(qtbot, unit_window)
    qtbot.waitUntil(dialog.isVisible)
    layout = dialog.layout()
    assert layout is not None
    spacing = layout.spacing()
    # With errors: the list shows them all (8 and the "另有" line need no scrolling at 1366×768)…
    assert dialog.error_list.isVisible()
    assert _gap_above_buttons(dialog) <= spacing + 4
    # …and the list, not empty space, takes what a taller dialog has.
    dialog.resize(dialog.width(), dialog.height() + 200)
    qtbot.waitUntil(lambda: _gap_above_buttons(dialog) <= spacing + 4)
    dialog.close()
