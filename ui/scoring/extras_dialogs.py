"""Dialogs of the 附加项 page: record a veto item, claim a bonus item."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.assessment.levels import MarkRecord
from indicator_catalog import BonusItem, VetoItem
from ui.common.formatting import local_time
from ui.scoring.extras_models import (
    EvidenceChoice,
)
from ui.scoring.score_models import (
    fmt,
)


class VetoDialog(QDialog):
    """Trigger or clear a veto item; the note (why) is required."""

    def __init__(
        self, item: VetoItem, mark: MarkRecord | None, triggered: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vetoDialog")
        self.setWindowTitle(self.tr("否决项 {id}").format(id=item.id))
        self.item = item
        text = QLabel(f"<b>{item.id}</b> {item.text}")
        text.setWordWrap(True)
        self.trigger_radio = QRadioButton(self.tr("已触发（结果为一票否决）"))
        self.clear_radio = QRadioButton(self.tr("未触发 / 解除"))
        group = QButtonGroup(self)
        group.addButton(self.trigger_radio)
        group.addButton(self.clear_radio)
        (self.trigger_radio if triggered else self.clear_radio).setChecked(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("vetoNote")
        self.note_edit.setPlaceholderText(self.tr("必填：依据或核查情况，如“经核查，2023年未发生……”"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if mark is not None:
            last = QLabel(
                self.tr("当前：{state}（{by}，{at}）").format(
                    state=self.tr("已触发") if mark.triggered else self.tr("未触发"),
                    by=mark.by,
                    at=local_time(mark.at),
                )
            )
            last.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(last)
        layout.addWidget(self.trigger_radio)
        layout.addWidget(self.clear_radio)
        layout.addWidget(QLabel(self.tr("说明：")))
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)
        self._on_note_edit_text_changed()
        self.resize(480, 300)

    def _on_note_edit_text_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note()))

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def triggered(self) -> bool:
        return self.trigger_radio.isChecked()


class BonusDialog(QDialog):
    """Claim points for a bonus item: at most its cap and what the overall cap leaves; note and proof."""

    def __init__(
        self,
        item: BonusItem,
        mark: MarkRecord | None,
        *,
        cap: float,
        total_cap: float,
        others: float,
        evidence: Sequence[EvidenceChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bonusDialog")
        self.setWindowTitle(self.tr("加分项 {id}").format(id=item.id))
        self.item = item
        self.limit = max(0.0, min(cap, total_cap - others))
        text = QLabel(f"<b>{item.id}</b> {item.text}")
        text.setWordWrap(True)
        self.points_spin = QDoubleSpinBox()
        self.points_spin.setObjectName("bonusPoints")
        self.points_spin.setDecimals(1)
        self.points_spin.setSingleStep(0.5)
        self.points_spin.setRange(0.0, self.limit)
        self.points_spin.setSuffix(self.tr(" 分"))
        self.points_spin.setValue(min(float(mark.points or 0), self.limit) if mark else 0.0)
        self.limit_label = QLabel(
            self.tr(
                "单项上限 {cap} 分；加分合计上限 {total} 分，"
                "其他加分项已计 {others} 分；本项最多 {limit} 分。"
            ).format(cap=fmt(cap), total=fmt(total_cap), others=fmt(others), limit=fmt(self.limit))
        )
        self.limit_label.setObjectName("bonusLimit")
        self.limit_label.setWordWrap(True)
        self.proof_combo = QComboBox()
        self.proof_combo.setObjectName("bonusProof")
        self.proof_combo.addItem(self.tr("（暂不附证明资料）"), None)
        for choice in evidence:
            self.proof_combo.addItem(choice.label, choice.id)
        if mark is not None and mark.proof_evidence_id is not None:
            position = self.proof_combo.findData(mark.proof_evidence_id)
            if position >= 0:
                self.proof_combo.setCurrentIndex(position)
        self.proof_combo.setToolTip(self.tr("证明加分情形的文件，从本项目已有的资料中选择"))
        self.proof_combo.setMinimumContentsLength(30)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("bonusNote")
        self.note_edit.setPlaceholderText(self.tr("必填：获得的表彰、推广的做法及文号"))
        self.note_edit.setMaximumHeight(90)
        if mark is not None:
            self.note_edit.setPlainText(mark.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        form = QFormLayout()
        form.addRow(self.tr("分值："), self.points_spin)
        form.addRow("", self.limit_label)
        form.addRow(self.tr("证明资料："), self.proof_combo)
        form.addRow(self.tr("说明："), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        note = QLabel(self.tr("分值为 0 即撤销本项加分申报。"))
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._on_note_edit_text_changed()
        self.resize(560, 340)

    def _on_note_edit_text_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note()))

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def points(self) -> float:
        return float(self.points_spin.value())

    def proof_id(self) -> int | None:
        data = self.proof_combo.currentData()
        return int(data) if data is not None else None


def bold_label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
