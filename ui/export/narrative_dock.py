"""The narrative editor as a dock of the main window (``ui.export.narrative_editor``): floatable,
docks left or right; closing it with unsaved changes asks 保存 / 放弃 / 取消."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMessageBox, QWidget

from ui.common.state import ProjectState
from ui.export.narrative_editor import NarrativeEditor


class NarrativeDock(QDockWidget):
    """The editor as a dock of the main window (floatable; docks left or right). Closing it with
    unsaved changes asks: 保存 / 放弃 / 取消."""

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("narrativeDock")
        self.setWindowTitle(self.tr("自评报告正文"))
        self.editor = NarrativeEditor(state, self)
        self.setWidget(self.editor)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.close_box: QMessageBox | None = None
        self._closing_confirmed = False
        self.editor.modified_changed.connect(self._on_editor_modified_changed)

    def float_over(self, window: QWidget) -> None:
        """Float over ``window``, centred, as large as fits (up to 980 × 660)."""
        self.setFloating(True)
        frame = window.geometry()
        width, height = min(980, frame.width() - 60), min(660, frame.height() - 60)
        left, top = frame.x() + (frame.width() - width) // 2, frame.y() + (frame.height() - height) // 2
        self.setGeometry(left, top, width, height)

    def _on_editor_modified_changed(self, modified: bool) -> None:
        title = self.tr("自评报告正文")
        self.setWindowTitle(f"{title} *" if modified else title)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_confirmed or not self.editor.has_unsaved_changes():
            self._closing_confirmed = False
            super().closeEvent(event)
            return
        event.ignore()
        names = "、".join(self.editor.model.title(k) for k in self.editor.modified_keys()[:5])
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("自评报告正文"),
            self.tr("以下部分有未保存的修改：{names}。关闭前保存吗？").format(names=names),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("closeNarrativeBox")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.finished.connect(lambda _result: self._on_close_box_finished(box))
        self.close_box = box
        box.open()

    def _on_close_box_finished(self, box: QMessageBox) -> None:
        choice = box.standardButton(box.clickedButton())
        box.deleteLater()
        if choice == QMessageBox.StandardButton.Discard:
            self.editor.discard_all()
            self._closing_confirmed = True
            self.close()
        elif choice == QMessageBox.StandardButton.Save:
            task = self.editor.save()
            if task is not None:
                task.succeeded.connect(self._on_save_task_succeeded)

    def _on_save_task_succeeded(self, result: object) -> None:
        if not self.editor.has_unsaved_changes():
            self._closing_confirmed = True
            self.close()
