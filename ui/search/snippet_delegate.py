"""Paints a column whose display text is HTML (search snippets with the hits in bold)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPainter,
    QPalette,
    QTextDocument,
    QTextLine,
    QTransform,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

ModelIndex = QModelIndex | QPersistentModelIndex

#: How the hit looks inside the snippet: bold on a soft yellow, readable when the row is selected too.
HIT_STYLE = "b { background-color: #fff2a8; color: #000000; }"


def _x(line: QTextLine, position: int) -> float:
    """The x of a cursor position in ``line`` (PySide returns ``(x, position)``; typed as object)."""
    value = line.cursorToX(position)
    x = value[0] if isinstance(value, tuple) else value
    return float(x) if isinstance(x, int | float) else 0.0


def hit_shift(document: QTextDocument, width: float) -> float:
    """How far to move a one-line snippet left so that its first hit (the bold part) shows in a cell
    ``width`` wide: 0 when the hit fits as it is; else the hit lands about a third in from the left."""
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold and layout.lineCount():
                line = layout.lineAt(0)
                start = _x(line, fragment.position() - block.position())
                end = _x(line, fragment.position() + fragment.length() - block.position())
                if end + document.documentMargin() <= width:
                    return 0.0
                overflow = document.idealWidth() - width
                return max(0.0, min(start - width / 3, overflow))
            it += 1
        block = block.next()
    return 0.0


class RichTextDelegate(QStyledItemDelegate):
    """Draws the index's DisplayRole as rich text on one line, cut at the cell's edge; a hit that would
    fall past the edge is moved into view (the text before it is cut instead)."""

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDefaultStyleSheet(HIT_STYLE)
        document.setDocumentMargin(2)
        document.setHtml(text)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        document = self._document(item, text)
        rect = item.rect
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
        painter.save()
        top = rect.top() + max(0, (rect.height() - document.size().height()) / 2)
        shift = hit_shift(document, rect.width())
        painter.setWorldTransform(QTransform.fromTranslate(rect.left() - shift, top), True)
        context.clip = QRectF(shift, 0, rect.width(), rect.height())
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        document = self._document(item, item.text)
        document.setTextWidth(-1)
        return QSize(int(document.idealWidth()), int(document.size().height()))
