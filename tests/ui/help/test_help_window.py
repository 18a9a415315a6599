"""The help window on its own: pages, anchors, links, back/forward, contents and search."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from ui.help.help_window import HelpWindow
from ui.help.manual_pages import CONTENTS, MANUAL_DIR


def test_pages_anchors_and_history(qtbot: QtBot) -> None:
    window = HelpWindow()
    qtbot.addWidget(window)
    assert window.contents.count() == len(CONTENTS)
    with qtbot.waitSignal(window.page_shown) as shown:
        window.show_page("review.html#undo")
    assert shown.args == ["review.html#undo"]
    assert window.isVisible() and window.contents.currentItem().text().startswith("评审")
    assert "撤销与重做" in window.browser.toPlainText()
    # A link inside the manual, then back.
    window.browser.setSource(QUrl.fromLocalFile(str(MANUAL_DIR / "audit.html")))
    assert window.current_page() == "audit.html"
    assert window.contents.currentItem().text() == "操作记录"
    assert window.back_button.isEnabled()
    window.back_button.click()
    assert window.current_page().startswith("review.html")
    window.home_button.click()
    assert window.current_page() == "index.html"


def test_search_lists_pages_and_clears(qtbot: QtBot) -> None:
    window = HelpWindow()
    qtbot.addWidget(window)
    window.search_edit.setText("任务包")
    files = [window.contents.item(r).text() for r in range(window.contents.count())]
    assert files and len(files) < len(CONTENTS)
    assert "交换：任务包、提交包、退回通知" in files
    assert "任务包" in window.contents.item(0).toolTip()
    window.contents.itemClicked.emit(window.contents.item(0))
    assert window.current_page() in {"index.html", "office.html", "unit.html", "start.html", "exchange.html"}
    window.search_edit.clear()
    assert window.contents.count() == len(CONTENTS) and window.list_label.text() == "目录"
