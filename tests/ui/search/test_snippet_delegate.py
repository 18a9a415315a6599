"""The snippet column keeps the hit in view: a long snippet whose hit lies past the cell's edge is moved
left, so the highlighted word shows (it was cut off in a 1366×768 window)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from ui.search.snippet_delegate import HIT_STYLE, RichTextDelegate, hit_shift

LONG = "…" + "文件依法依规执行评估论证、公开征求意见、" * 3 + "<b>合法性审核</b>、集体审议决定…"


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(QFont())
    document.setDefaultStyleSheet(HIT_STYLE)
    document.setDocumentMargin(2)
    document.setHtml(html)
    return document


def test_hit_shift() -> None:
    document = _document(LONG)
    assert hit_shift(document, document.idealWidth() + 10) == 0  # all of it fits
    assert hit_shift(_document("<b>合法性</b>审核" + "。" * 80), 120) == 0  # the hit is at the start
    shift = hit_shift(document, 200)
    assert 0 < shift <= document.idealWidth() - 200
    assert hit_shift(_document("没有命中的摘录" * 20), 100) == 0


def _yellow_pixels(view: QTableView) -> int:
    image = view.viewport().grab().toImage()
    hit = QColor("#fff2a8")
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y) == hit
    )


def test_the_hit_is_painted_in_a_narrow_column(qtbot: QtBot) -> None:
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem(LONG))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegateForColumn(0, RichTextDelegate(view))
    view.horizontalHeader().setStretchLastSection(True)
    view.resize(240, 80)
    view.show()
    qtbot.waitExposed(view)
    assert _yellow_pixels(view) > 20
