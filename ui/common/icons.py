"""Status icons and colours, painted in code (crisp at any DPI, nothing to ship)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.status.workspace import IndicatorStatus

STATUS_COLORS: dict[IndicatorStatus, str] = {
    IndicatorStatus.NONE: "#9aa0a6",
    IndicatorStatus.SOME: "#e8930c",
    IndicatorStatus.COMPLETE: "#1e8e3e",
    IndicatorStatus.ONSITE: "#1a73e8",
    IndicatorStatus.RETURNED: "#d93025",
}


def status_label(status: IndicatorStatus) -> str:
    labels = {
        IndicatorStatus.NONE: QCoreApplication.translate("Status", "尚无资料"),
        IndicatorStatus.SOME: QCoreApplication.translate("Status", "资料不全"),
        IndicatorStatus.COMPLETE: QCoreApplication.translate("Status", "资料齐全"),
        IndicatorStatus.ONSITE: QCoreApplication.translate("Status", "实地核查"),
        IndicatorStatus.RETURNED: QCoreApplication.translate("Status", "被退回"),
    }
    return labels[status]


def status_meaning(status: IndicatorStatus) -> str:
    """What the status icon means, in words (its tooltip; the same words as the manual's table)."""
    meanings = {
        IndicatorStatus.NONE: QCoreApplication.translate("Status", "灰色空心圆：这项指标还没有任何资料"),
        IndicatorStatus.SOME: QCoreApplication.translate(
            "Status", "橙色半圆：已有资料，但还有资料要求没有满足（数量不够或某项要求没有资料）"
        ),
        IndicatorStatus.COMPLETE: QCoreApplication.translate(
            "Status", "绿色对勾：每一项资料要求都已有足够的资料"
        ),
        IndicatorStatus.ONSITE: QCoreApplication.translate(
            "Status", "蓝色圆点：由评估组实地核查，不需要上传资料"
        ),
        IndicatorStatus.RETURNED: QCoreApplication.translate(
            "Status", "红色叹号：依法治县办退回了某个单位的资料，等待按意见补充"
        ),
    }
    return meanings[status]


def file_kind_meaning(kind: str) -> str:
    """What the file icon means, in words."""
    if kind == "pdf":
        return QCoreApplication.translate("Status", "红色文档图标：PDF 文件")
    return QCoreApplication.translate("Status", "绿色文档图标：Excel 表格")


def status_color(status: IndicatorStatus) -> QColor:
    return QColor(STATUS_COLORS[status])


def _pixmap(size: int) -> QPixmap:
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x and scaled down: sharp on high-DPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


@cache
def status_icon(status: IndicatorStatus, size: int = 16) -> QIcon:
    pixmap = _pixmap(size)
    color = status_color(status)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QRectF(2.0, 2.0, size - 4.0, size - 4.0)
    center = circle.center()
    white = QPen(
        QColor("white"), 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    )
    if status is IndicatorStatus.NONE:
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
    elif status is IndicatorStatus.SOME:
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        half = QPainterPath()
        half.moveTo(center)
        half.arcTo(circle, 90, 180)
        half.closeSubpath()
        painter.fillPath(half, QBrush(color))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(circle)
        painter.setPen(white)
        r = (size - 4.0) / 2
        if status is IndicatorStatus.COMPLETE:
            path = QPainterPath(QPointF(center.x() - r * 0.45, center.y()))
            path.lineTo(center.x() - r * 0.1, center.y() + r * 0.38)
            path.lineTo(center.x() + r * 0.5, center.y() - r * 0.38)
            painter.drawPath(path)
        elif status is IndicatorStatus.RETURNED:
            painter.drawLine(
                QPointF(center.x(), center.y() - r * 0.5), QPointF(center.x(), center.y() + r * 0.1)
            )
            painter.drawPoint(QPointF(center.x(), center.y() + r * 0.45))
        else:  # ONSITE: a map pin dot
            painter.setBrush(QColor("white"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(center, r * 0.32, r * 0.32)
    painter.end()
    return QIcon(pixmap)


@cache
def file_icon(kind: str, size: int = 16) -> QIcon:
    """A small document icon: red for PDF, green for spreadsheets."""
    pixmap = _pixmap(size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor("#c5221f" if kind == "pdf" else "#188038")
    body = QRectF(3.0, 1.5, size - 6.0, size - 3.0)
    painter.setPen(QPen(color, 1.2))
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(body, 1.5, 1.5)
    painter.fillRect(QRectF(body.left(), body.bottom() - 5.5, body.width(), 5.5), color)
    painter.end()
    return QIcon(pixmap)
