"""The 全文搜索 window on a real project: 2-character words, filters, highlighted snippets, preview page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.evidence.attach import attach
from app.evidence.finding import SearchHit
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.search.search_models import SearchResultsModel, SearchRole, plain_snippet
from ui.search.search_window import SearchWindow
from ui.shell.main_window import MainWindow

pytest_plugins = ["conftest_part2"]


def cjk_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF with one line of Chinese text per page (a real text layer, as the search index reads it)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for line in pages:
        pdf.setFont("STSong-Light", 14)
        pdf.drawString(72, 760, line)
        pdf.showPage()
    pdf.save()
    return path


def _project_with_text(state: Any, tmp_path: Path) -> dict[str, int]:
    project = state.project
    review = cjk_pdf(
        tmp_path / "审核意见书.pdf",
        ["合法性审核意见书 第一页", "关于行政复议决定书的合法性审核 <意见> & 建议"],
    )
    filing = cjk_pdf(tmp_path / "备案报告.pdf", ["规范性文件备案审查工作报告", "备案审查共计 12 件"])
    permits = cjk_pdf(tmp_path / "许可清单.pdf", ["行政许可事项清单 行政复议案件 3 件"])
    ids = {
        "review": attach(project, unit="县司法局", indicators=[4], files=[review]).attached[0].id,
        "filing": attach(project, unit="县司法局", indicators=[5], files=[filing]).attached[0].id,
        "permits": attach(project, unit="县发展和改革局", indicators=[1], files=[permits]).attached[0].id,
    }
    return ids


def _search(qtbot: QtBot, window: SearchWindow, text: str) -> int:
    window.query_edit.setText(text)  # QTest types ASCII only; the Return below is a real key press
    window.query_edit.setFocus()
    with qtbot.waitSignal(window.searched, timeout=10_000) as blocker:
        qtbot.keyClick(window.query_edit, Qt.Key.Key_Return)
    return int(blocker.args[0])


def test_two_character_words_filters_and_highlighted_snippets(
    qtbot: QtBot, part2_state: Any, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    ids = _project_with_text(part2_state, tmp_path)
    window = SearchWindow(part2_state)
    qtbot.addWidget(window)
    window.show()
    assert _search(qtbot, window, "复议") == 2
    qtmodeltester.check(window.model)
    model = window.model
    rows = [
        (model.index(r, 0).data(SearchRole.EVIDENCE_ID), model.index(r, 0).data(SearchRole.PAGE))
        for r in range(2)
    ]
    assert rows == [(ids["review"], 2), (ids["permits"], 1)]
    first = model.index(0, 4)
    assert first.data(SearchRole.UNIT) == "县司法局" and first.data(SearchRole.INDICATORS) == (4,)
    assert first.data(SearchRole.FILE) == "审核意见书.pdf"
    # The hit is bold; the page's own markup characters are escaped, not taken for tags.
    assert "<b>复议</b>" in first.data(SearchRole.SNIPPET)
    assert "&lt;意见&gt; &amp; 建议" in first.data(SearchRole.SNIPPET)
    assert "<意见> & 建议" in first.data(SearchRole.PLAIN_SNIPPET)
    assert "找到 2 处" in window.status_label.text()

    assert _search(qtbot, window, "备案") == 2  # both pages of one file
    assert {model.index(r, 0).data(SearchRole.EVIDENCE_ID) for r in range(2)} == {ids["filing"]}

    # Filters: one unit, then one indicator; changing a filter searches again.
    with qtbot.waitSignal(window.searched, timeout=10_000):
        window.unit_combo.setCurrentIndex(window.unit_combo.findData("县发展和改革局"))
    assert model.rowCount() == 0 and "没有找到" in window.status_label.text()
    with qtbot.waitSignal(window.searched, timeout=10_000):
        window.unit_combo.setCurrentIndex(0)
    with qtbot.waitSignal(window.searched, timeout=10_000):
        window.indicator_combo.setCurrentIndex(window.indicator_combo.findData(1))
    assert _search(qtbot, window, "复议") == 1
    assert model.index(0, 0).data(SearchRole.EVIDENCE_ID) == ids["permits"]


def test_double_click_opens_the_preview_at_the_hits_page(
    qtbot: QtBot, part2_state: Any, tmp_path: Path
) -> None:
    ids = _project_with_text(part2_state, tmp_path)
    window = SearchWindow(part2_state)
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    qtbot.waitExposed(window)
    assert _search(qtbot, window, "复议决定") == 1
    index = window.model.index(0, 2)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.hit_opened, timeout=5_000) as blocker:
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["review"], 2]
    assert window.preview.currentWidget() is window.preview.pdf
    assert window.preview.pdf.document.pageCount() == 2
    qtbot.waitUntil(lambda: window.preview.pdf.current_page == 1, timeout=5_000)  # 0-based: page 2
    # Enter on a selected result opens it too (keyboard only).
    assert _search(qtbot, window, "规范性文件") == 1
    window.table.setFocus()
    window.table.selectRow(0)
    with qtbot.waitSignal(window.hit_opened, timeout=5_000) as blocker:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert blocker.args == [ids["filing"], 1]


def test_empty_query_and_a_query_of_punctuation(qtbot: QtBot, part2_state: Any) -> None:
    window = SearchWindow(part2_state)
    qtbot.addWidget(window)
    assert window.run_search() is None and "请输入" in window.status_label.text()
    assert _search(qtbot, window, "，。") == 0


def test_model_roles_and_plain_text() -> None:
    model = SearchResultsModel()
    hit = SearchHit(
        7, (4, 5), "县司法局", "a.pdf", "标题", 3, "…关于<b>复议</b>的 &amp; 说明", "ocr", "ab" * 32, "pdf"
    )
    model.set_hits([hit])
    names = {bytes(v.data()).decode() for v in model.roleNames().values()}
    assert {"indicators", "unit", "file", "page", "snippet", "evidence_id"} <= names
    assert model.index(0, 0).data() == "4、5" and model.index(0, 3).data() == "3"
    assert "（文字识别）" in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert plain_snippet(hit.snippet) == "…关于复议的 & 说明"


def test_a_plan_projects_hits_name_their_tasks(qtmodeltester: ModelTester) -> None:
    model = SearchResultsModel()
    model.set_catalog(plan_as_catalog(load_builtin_plan("wutai-rural-2021")))
    model.set_hits([SearchHit(7, (3, 7), "县司法局", "a.pdf", "标题", 1, "…<b>执法</b>…", "text")])
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "任务"
    assert model.index(0, 0).data() == "一.3、二.7"


# The offscreen platform cannot raise windows (its limitation, as for propagateSizeHints).
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)\(\)")
def test_ctrl_f_and_the_menus_open_search_and_smart_filing(qtbot: QtBot, part2_project_dir: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    search = window.registry.find("fullTextSearch")
    assert not search.isEnabled()  # no project yet
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.open_project(part2_project_dir)
    assert search.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert search in window.menus.view.actions() and search.isEnabled()
    search.trigger()
    found = window.search_window
    assert found is not None and found.isVisible()
    qtbot.waitUntil(found.query_edit.hasFocus, timeout=5_000)
    search.trigger()  # again: the same window, raised
    assert window.search_window is found
    filing = window.registry.find("suggestFiling")
    assert filing in window.menus.edit.actions()
    filing.trigger()
    assert window.suggest_dialog is not None and window.suggest_dialog.isVisible()
    assert window.suggest_dialog.unit_combo.count() >= 3
    window.suggest_dialog.close()
    found.close()
    window.close()
