"""Help and printing in the main window: F1 opens the manual at the current view's page, the first-run
guide shows once per role, Ctrl+P prints the current view (to a PDF file here: no dialog in tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.assessment.levels import set_level
from app.exchange.kits import init_from_kit, issue_kit
from ui.help.first_run import forget_guides, guide_seen
from ui.shell.main_window import MainWindow

pytest_plugins = ["conftest_part2"]


def _open(qtbot: QtBot, folder: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(folder)
    return win


@pytest.fixture
def window(qtbot: QtBot, part2_project_dir: Path) -> Iterator[MainWindow]:
    win = _open(qtbot, part2_project_dir)
    qtbot.waitUntil(lambda: win.workbench.keeper.score is not None, timeout=10_000)
    yield win
    win.close()


def _focus(qtbot: QtBot, win: MainWindow, widget: QWidget) -> None:
    """Back to the main window (the manual came in front), focus on ``widget``, as a click would."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _f1(qtbot: QtBot, win: MainWindow, target: QWidget | None = None) -> str:
    qtbot.keyClick(target or win, Qt.Key.Key_F1)
    help_window = win.assist.help_window
    assert help_window is not None and help_window.isVisible()
    return help_window.current_page()


def test_f1_opens_the_page_of_each_view(qtbot: QtBot, window: MainWindow) -> None:
    bench = window.workbench
    _focus(qtbot, window, window.catalog.tree)
    assert _f1(qtbot, window) == "catalog.html"
    help_window = window.assist.help_window
    assert help_window is not None
    assert help_window.browser.toPlainText().startswith("指标目录与状态图标")
    focusable = [
        w
        for w in window.panel.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    _focus(qtbot, window, focusable[0])
    assert _f1(qtbot, window) == "evidence.html"
    bench.toggle_review()
    assert _f1(qtbot, window) == "review.html"
    expected = {1: "score.html#score", 2: "score.html#extras", 3: "selfcheck.html", 4: "dashboard.html"}
    expected[5] = "audit.html"
    for index, page in expected.items():
        bench.show_view(index)
        assert _f1(qtbot, window) == page
    # A dialog in front: its page (F1 works in the window's dialogs too).
    bench.show_view(0)
    dialog: Any = bench.import_packages()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert _f1(qtbot, window, dialog) == "exchange.html"
    dialog.close()
    # No project: how to start.
    window.close_project()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert _f1(qtbot, window) == "start.html"
    # The contents list follows; the search lists matching pages.
    assert help_window.contents.currentItem().text() == "新建和打开项目"
    help_window.search_edit.setText("一票否决")
    titles = [help_window.contents.item(r).text() for r in range(help_window.contents.count())]
    assert "评分与附加项" in titles and help_window.list_label.text() == f"找到 {len(titles)} 页"


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)\(\)")
def test_f1_in_the_search_window_and_the_narrative_editor(qtbot: QtBot, window: MainWindow) -> None:
    search = window.show_full_text_search()
    assert search is not None
    qtbot.waitExposed(search)
    search.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is search)
    assert _f1(qtbot, window, search) == "search.html"
    help_window = window.assist.help_window
    assert help_window is not None and help_window.browser.toPlainText().startswith("全文搜索")
    search.close()
    dock = window.workbench.edit_narrative()
    assert dock is not None
    qtbot.waitUntil(dock.isVisible)
    assert dock.isFloating()  # it opens over the window, as a window of its own
    dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dock)
    assert _f1(qtbot, window, dock) == "narrative.html"
    assert help_window.browser.toPlainText().startswith("编写自评报告正文")


def test_the_guide_shows_once_per_role(qtbot: QtBot, part2_project_dir: Path, tmp_path: Path) -> None:
    forget_guides()
    first = _open(qtbot, part2_project_dir)
    qtbot.waitUntil(lambda: first.assist.guide is not None and first.assist.guide.isVisible())
    guide = first.assist.guide
    assert guide is not None
    assert guide.role() == "office" and guide.tabs.tabText(0) == "县依法治县办（审核）"
    assert "第一步：建项目" in guide.browsers["office"].toPlainText()
    assert guide_seen("office") and not guide_seen("unit") and not guide_seen("printing")
    # 打开用户手册 opens the role's page of the manual.
    guide.manual_button.click()
    assert first.assist.help_window is not None
    assert first.assist.help_window.current_page() == "office.html"
    guide.close()
    kit = tmp_path / "kit.zip"
    issue_kit(first.state.require_project(), unit="县司法局", out=kit)
    first.close()

    # The second start of the office: no guide.
    second = _open(qtbot, part2_project_dir)
    # The guide would come in the next turn of the event loop; the score comes later than that.
    qtbot.waitUntil(lambda: second.workbench.keeper.score is not None, timeout=10_000)
    assert second.assist.guide is None
    # 帮助 › 入门指引 shows it again at any time.
    second.registry.find("firstRunGuide").trigger()
    shown: Any = second.assist.guide
    assert shown is not None and shown.isVisible()
    second.close()

    # A unit workspace: the clerk's guide, once.
    workspace = tmp_path / "单位工作区"
    init_from_kit(workspace, kit)
    third = _open(qtbot, workspace)
    qtbot.waitUntil(lambda: third.assist.guide is not None and third.assist.guide.isVisible())
    assert third.assist.guide is not None and third.assist.guide.role() == "unit"
    assert guide_seen("unit")
    third.close()


def _print_to(path: Path) -> Any:
    def choose(printer: QPrinter, parent: QWidget | None) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return choose


def _text(path: Path) -> str:
    """The printed PDF's text, white space dropped (the layout puts tabs and line breaks in it)."""
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
    return "".join(text.split())


def test_ctrl_p_prints_the_self_check_and_the_log(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, refresh_state: Any
) -> None:
    bench = window.workbench
    assist = window.assist
    project = window.state.require_project()
    set_level(project, 1, "达标", comment="清单齐全", by="张审核")
    refresh_state(qtbot, window.state)
    assert not window.registry.find("exportReportPdf").shortcuts()

    # 报送前自查: the findings the view shows.
    assist.printing.choose = _print_to(tmp_path / "selfcheck.pdf")
    bench.show_view(3)
    with qtbot.waitSignal(assist.printing.printed, timeout=20_000) as printed:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.args[0].kind == "selfcheck"
    text = _text(tmp_path / "selfcheck.pdf")
    assert "测试县2024年报送前自查清单" in text
    first_finding = bench.selfcheck_view.model.findings()[0]
    assert "".join(first_finding.message.split()) in text
    assert window.statusBar().currentMessage().startswith("已送出打印")

    # 操作记录: the entries the view lists, in words.
    assist.printing.choose = _print_to(tmp_path / "audit.pdf")
    bench.show_view(5)
    qtbot.waitUntil(lambda: bench.audit_view.model.rowCount() >= 2, timeout=10_000)
    with qtbot.waitSignal(assist.printing.printed, timeout=20_000):
        window.registry.find("print").trigger()
    text = _text(tmp_path / "audit.pdf")
    assert "测试县2024年操作记录" in text and "评定等级" in text and "张审核" in text

    # Cancelling the dialog prints nothing.
    assist.printing.choose = lambda printer, parent: False
    bench.show_view(3)
    assert assist.print_current() is None


def test_ctrl_p_elsewhere_prints_the_report(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    bench = window.workbench
    assist = window.assist
    # Elsewhere: the 自评报告, its exported pages (painted in a worker).
    assist.printing.choose = _print_to(tmp_path / "report.pdf")
    bench.show_view(1)
    with qtbot.waitSignal(assist.printing.printed, timeout=60_000) as printed:
        window.registry.find("print").trigger()
    outcome = printed.args[0]
    assert outcome.kind == "report" and outcome.pages >= 2
    assert len(pypdf.PdfReader(str(tmp_path / "report.pdf")).pages) == outcome.pages
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"已送出打印：{outcome.pages} 页")
    # 打印预览: the preview paints the same pages (on screen; here into the PDF printer again).
    previews: list[int] = []
    assist.printing.preview = lambda printer, paint, parent: previews.append(paint(printer))
    task = assist.preview_current()
    assert task is not None
    qtbot.waitUntil(lambda: previews == [outcome.pages], timeout=30_000)
