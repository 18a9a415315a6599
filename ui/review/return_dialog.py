"""The 退回补充 dialog: the office returns a unit's evidence with a required comment."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common.formatting import item_label


class ReturnDialog(QDialog):
    """Asks why a unit's evidence goes back (the comment is required and goes into the return note)."""

    def __init__(self, number: int, unit: str, parent: QWidget | None = None, *, item: str = "") -> None:
        """``item``: how to name the indicator (``item_label``: "任务 一.3"); "第 {number} 项" without."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("退回补充"))
        self.setObjectName("returnDialog")
        label = QLabel(
            self.tr("退回 {unit} 为{item}提交的资料。请写明需要补充或修改的内容：").format(
                unit=unit, item=item or item_label(None, number)
            )
        )
        label.setWordWrap(True)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("returnComment")
        self.comment_edit.setPlaceholderText(self.tr("例如：缺少2021年度的合法性审核意见书，请补充"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("退回"))
        ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.comment_edit.textChanged.connect(self._on_comment_edit_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.comment_edit)
        layout.addWidget(self.buttons)
        self.resize(460, 220)

    def _on_comment_edit_text_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.comment().strip()))

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()
