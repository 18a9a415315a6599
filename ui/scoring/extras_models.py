"""Table models of the 附加项 page (veto and bonus items) and the evidence a claim can cite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.assessment.levels import MarkRecord
from app.evidence.attach import list_evidence
from app.project.folder import Project
from app.scoring.compute import ScoreResult
from indicator_catalog import BonusItem, VetoItem
from ui.common.formatting import local_time
from ui.common.row_table_model import ModelIndex, RowT, RowTableModel
from ui.scoring.score_models import (
    VETO_RED,
    fmt,
)


class ExtraRole(IntEnum):
    ITEM_ID = Qt.ItemDataRole.UserRole + 1
    TRIGGERED = Qt.ItemDataRole.UserRole + 2
    CLAIMED = Qt.ItemDataRole.UserRole + 3
    CAP = Qt.ItemDataRole.UserRole + 4
    AWARDED = Qt.ItemDataRole.UserRole + 5
    PROOF_ID = Qt.ItemDataRole.UserRole + 6


class ExtrasModel(RowTableModel[RowT]):
    role_enum = ExtraRole

    def titles(self) -> tuple[str, ...]:
        return ()


class VetoTableModel(ExtrasModel[VetoItem]):
    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("编号"),
            self.tr("否决情形"),
            self.tr("状态"),
            self.tr("说明"),
            self.tr("标记人"),
            self.tr("时间"),
        )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks: dict[str, MarkRecord] = {}

    def set_data(self, items: Sequence[VetoItem], marks: dict[str, MarkRecord]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self._marks = dict(marks)
        self.endResetModel()

    def item(self, row: int) -> VetoItem:
        return self.row_at(row)

    def mark(self, item_id: str) -> MarkRecord | None:
        return self._marks.get(item_id)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._row_for(index)
        if item is None:
            return None
        mark = self._marks.get(item.id)
        triggered = bool(mark and mark.triggered)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            state = (
                self.tr("已触发：一票否决")
                if triggered
                else (self.tr("已解除") if mark else self.tr("未触发"))
            )
            values = (
                item.id,
                item.text,
                state,
                mark.note if mark else "",
                mark.by if mark else "",
                local_time(mark.at) if mark else "",
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            return item.text if column == 1 else (mark.note if mark else None)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor(VETO_RED if triggered else "#1e8e3e")
        if role == Qt.ItemDataRole.FontRole and column == 2 and triggered:
            font = QFont()
            font.setBold(True)
            return font
        if role == ExtraRole.ITEM_ID:
            return item.id
        if role == ExtraRole.TRIGGERED:
            return triggered
        return None


@dataclass(frozen=True)
class EvidenceChoice:
    """An active evidence record offered as a bonus proof."""

    id: int
    filename: str
    unit: str

    @property
    def label(self) -> str:
        return f"{self.id} · {self.filename}（{self.unit}）"


class BonusTableModel(ExtrasModel[BonusItem]):
    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("编号"),
            self.tr("加分情形"),
            self.tr("申报分"),
            self.tr("单项上限"),
            self.tr("计入分"),
            self.tr("证明资料"),
            self.tr("说明"),
        )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks: dict[str, MarkRecord] = {}
        self._score: ScoreResult | None = None
        self._evidence: dict[int, EvidenceChoice] = {}

    def set_data(
        self,
        items: Sequence[BonusItem],
        marks: dict[str, MarkRecord],
        score: ScoreResult | None,
        evidence: dict[int, EvidenceChoice],
    ) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self._marks = dict(marks)
        self._score = score
        self._evidence = dict(evidence)
        self.endResetModel()

    def item(self, row: int) -> BonusItem:
        return self.row_at(row)

    def mark(self, item_id: str) -> MarkRecord | None:
        return self._marks.get(item_id)

    def _numbers(self, item: BonusItem) -> tuple[float, float, float]:
        score = next((b for b in self._score.bonus_items if b.id == item.id), None) if self._score else None
        if score is None:
            return 0.0, float(item.max_points), 0.0
        return score.claimed, score.cap, score.awarded

    def _proof(self, mark: MarkRecord | None) -> str:
        if mark is None or mark.proof_evidence_id is None:
            return self.tr("未附") if mark and mark.points else ""
        choice = self._evidence.get(mark.proof_evidence_id)
        if choice is None:
            return self.tr("资料 {id}（已撤回）").format(id=mark.proof_evidence_id)
        return choice.label

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._row_for(index)
        if item is None:
            return None
        mark = self._marks.get(item.id)
        claimed, cap, awarded = self._numbers(item)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                item.id,
                item.text,
                fmt(claimed) if mark else self.tr("未申报"),
                fmt(cap),
                fmt(awarded),
                self._proof(mark),
                mark.note if mark else "",
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4 and claimed > cap:
                return self.tr("申报 {c} 分超过单项上限 {cap} 分，按上限计").format(
                    c=fmt(claimed), cap=fmt(cap)
                )
            if column in (1, 6):
                return item.text if column == 1 else (mark.note if mark else None)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if (
                column == 5
                and mark is not None
                and mark.points
                and self._proof(mark) in ("", self.tr("未附"))
            ):
                return QColor(VETO_RED)
            if column == 4 and claimed > cap:
                return QColor("#b06000")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        by_role = {
            ExtraRole.ITEM_ID: item.id,
            ExtraRole.CLAIMED: claimed,
            ExtraRole.CAP: cap,
            ExtraRole.AWARDED: awarded,
            ExtraRole.PROOF_ID: mark.proof_evidence_id if mark else None,
        }
        return by_role.get(ExtraRole(role)) if role in by_role else None


def load_evidence_choices(project: Project) -> dict[int, EvidenceChoice]:

    return {r.id: EvidenceChoice(r.id, r.filename, r.unit) for r in list_evidence(project)}
