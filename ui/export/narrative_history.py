"""历史: every saved version of one part of the report's text (newest first), its text beside the list,
and 恢复此版本, which hands the text back to the editor (it is stored when the editor saves)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.base.progress import CancelToken, ProgressCallback
from app.narrative.store import NarrativeVersion, history
from app.project.folder import Project
from ui.common.background import BackgroundTask, run_read
from ui.common.formatting import local_time
from ui.common.row_table_model import ModelIndex, RowTableModel


class VersionRole(IntEnum):
    VERSION_ID = Qt.ItemDataRole.UserRole + 1
    TEXT = Qt.ItemDataRole.UserRole + 2


class VersionTableModel(RowTableModel[NarrativeVersion]):
    """The versions of one key: time (local), who, how it came in, length."""

    role_enum = VersionRole

    def titles(self) -> tuple[str, ...]:
        return (self.tr("保存时间"), self.tr("撰写人"), self.tr("来源"), self.tr("字数"))

    def source_label(self, source: str) -> str:
        if source == "draft":
            return self.tr("生成的草稿")
        if source == "import":
            return self.tr("从文件导入")
        return self.tr("手工撰写")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        version = self._row_for(index)
        if version is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return local_time(version.at)
            if column == 1:
                return version.by
            if column == 2:
                return self.source_label(version.source)
            return self.tr("（清空）") if not version.text else str(len(version.text))
        if role == VersionRole.VERSION_ID:
            return version.id
        if role == VersionRole.TEXT:
            return version.text
        return None


class NarrativeHistoryDialog(QDialog):
    """The versions of ``key``; 恢复此版本 emits ``restore_requested`` with the chosen text."""

    #: The versions were read (carries their number).
    loaded = Signal(int)
    #: The user chose a version to restore (carries its text).
    restore_requested = Signal(str)

    def __init__(self, project: Project, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("narrativeHistoryDialog")
        self.setWindowTitle(self.tr("历史版本：{title}").format(title=title))
        self.project = project
        self.key = key
        self.model = VersionTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("versionView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("versionText")
        self.text_view.setReadOnly(True)
        self.summary_label = QLabel(self.tr("正在读取历史版本…"))
        self.summary_label.setObjectName("historySummary")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.text_view)
        splitter.setSizes([330, 430])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("恢复此版本"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip(self.tr("把所选版本的文字放回编辑器（保存后成为最新版本）"))
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(780, 460)
        self.task: BackgroundTask | None = None

    def load(self) -> BackgroundTask:
        project, key = self.project, self.key

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[NarrativeVersion]:
            return history(project, key)

        self.task = run_read(
            self, work, title=self.tr("正在读取历史版本"), on_done=self._on_loaded, show_progress=False
        )
        return self.task

    def _on_loaded(self, versions: Sequence[NarrativeVersion]) -> None:
        self.model.set_rows(versions)
        if versions:
            summary = self.tr("共 {count} 个版本，最新的在最上面。选中一个版本查看其文字。")
            self.summary_label.setText(summary.format(count=len(versions)))
            self.view.selectRow(0)
        else:
            self.summary_label.setText(self.tr("还没有保存过的版本。"))
        self.loaded.emit(len(versions))

    def selected_version(self) -> NarrativeVersion | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_version(self, row: int) -> None:
        self.view.selectRow(row)

    def _on_view_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        version = self.selected_version()
        self.text_view.setPlainText(version.text if version is not None else "")
        self.restore_button.setEnabled(version is not None and not self.project.readonly)

    def _on_restore_button_clicked(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        self.restore_requested.emit(version.text)
        self.accept()
