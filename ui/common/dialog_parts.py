"""Parts shared by the exchange and export dialogs: an inline progress bar with Cancel, a result table,
and opening a file or its folder in the system's file manager."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QProcess,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.common.background import BackgroundTask
from ui.common.row_table_model import RowTableModel

ModelIndex = QModelIndex | QPersistentModelIndex

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(name: str, fallback: str = "文件") -> str:
    """``name`` usable as a file name on Windows and Linux (slashes, colons … replaced)."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned[:80] or fallback


# -- opening files ---------------------------------------------------------------------------------


def open_url(url: QUrl) -> bool:
    """Open ``url`` with the system (a module-level hook so tests can replace it)."""
    return bool(QDesktopServices.openUrl(url))


def open_path(path: Path) -> bool:
    return open_url(QUrl.fromLocalFile(str(path)))


def reveal_path(path: Path) -> bool:
    """Show ``path`` in the file manager (selected on Windows; its folder elsewhere)."""
    if sys.platform == "win32" and path.exists():
        return bool(QProcess.startDetached("explorer.exe", ["/select,", str(path)]))
    folder = path if path.is_dir() else path.parent
    return open_url(QUrl.fromLocalFile(str(folder)))


# -- progress --------------------------------------------------------------------------------------


class InlineProgress(QWidget):
    """A progress bar, what is happening, and Cancel, for a ``BackgroundTask`` run without a dialog."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setObjectName("taskProgress")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(True)
        self.label = QLabel()
        self.label.setObjectName("taskMessage")
        self.label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("cancelTask")
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.label)
        self._task: BackgroundTask | None = None
        self.hide()

    def track(self, task: BackgroundTask, message: str) -> None:
        self._task = task
        task.shown = True  # closing the window asks first (see background.jobs_to_confirm)
        self.bar.setRange(0, 0)
        self.label.setText(message)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("取消"))
        task.progressed.connect(self._on_task_progressed)
        task.finished.connect(self._on_task_finished)
        self.show()

    def _on_task_progressed(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if message:
            self.label.setText(message)

    def _on_task_finished(self) -> None:
        self._task = None
        self.cancel_button.setEnabled(False)
        self.hide()

    def _on_cancel_button_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("正在取消…"))
            self.label.setText(self.tr("正在取消，已做的更改将撤销……"))
        self.cancel_requested.emit()


# -- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    cells: tuple[str, ...]
    ok: bool | None  # True done, False refused/failed, None neither (already imported, skipped)
    key: str = ""
    path: Path | None = None


class ResultRole(IntEnum):
    OK = Qt.ItemDataRole.UserRole + 1
    KEY = Qt.ItemDataRole.UserRole + 2
    PATH = Qt.ItemDataRole.UserRole + 3


class ResultTableModel(RowTableModel[ResultRow]):
    """What a batch did, one row per unit or file: green done, red refused (with the reason)."""

    role_enum = ResultRole

    def __init__(self, titles: Sequence[str], status_column: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles = tuple(titles)
        self._status_column = status_column

    def rows(self) -> list[ResultRow]:
        return list(self._rows)

    def titles(self) -> tuple[str, ...]:
        return self._titles

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_for(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column] if 0 <= column < len(row.cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            text = row.cells[column] if 0 <= column < len(row.cells) else ""
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.ForegroundRole and column == self._status_column:
            if row.ok is None:
                return QColor("#b06000")
            return QColor("#1e8e3e" if row.ok else "#d93025")
        if role == ResultRole.OK:
            return row.ok
        if role == ResultRole.KEY:
            return row.key
        if role == ResultRole.PATH:
            return str(row.path) if row.path is not None else None
        return None


class FigureCard(QFrame):
    """A headline figure: caption, a big number and what it means (score view, dashboard)."""

    def __init__(
        self,
        caption: str,
        parent: QWidget | None = None,
        *,
        object_name: str = "figureCard",
        scale: float = 2.0,
        wrap_detail: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: palette(placeholder-text);")
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setStyleSheet("color: palette(placeholder-text);")
        self.detail.setWordWrap(wrap_detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "", color: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {color};" if color else "")
        self.detail.setText(detail)
