"""What the review pane shows: the indicator's review data (read in a worker) and its table models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QColor

from app.assessment.levels import AssessmentRecord, history
from app.assessment.reviews import DECISIONS, ReviewRecord, list_reviews
from app.evidence.attach import EvidenceRecord, list_evidence
from app.project.folder import Project
from ui.common.formatting import local_time
from ui.common.row_table_model import ModelIndex, RowTableModel
from ui.evidence.detail_models import EvidenceRow
from ui.scoring.score_models import (
    LEVEL_COLORS,
)


@dataclass(frozen=True)
class ReviewData:
    number: int
    levels: tuple[AssessmentRecord, ...]  # oldest first
    reviews: tuple[ReviewRecord, ...]  # every review of the indicator, oldest first
    evidence_by_unit: dict[str, int]
    evidence: tuple[EvidenceRow, ...] = ()  # active evidence of the indicator's 合并提供 group


def evidence_row(record: EvidenceRecord) -> EvidenceRow:
    return EvidenceRow(
        evidence_id=record.id,
        sha256=record.sha256,
        filename=record.filename,
        kind=record.kind,
        unit=record.unit,
        pages=record.pages,
        sheets=record.sheets,
        period=record.period,
        added_by=record.added_by,
        added_at=record.added_at,
        title=record.title,
        indicators=tuple(record.indicators),
        size=record.size,
        status=record.status,
    )


def load_review_data(project: Project, number: int) -> ReviewData:

    counts: dict[str, int] = {}
    records = list_evidence(project, indicator=number)
    for record in records:
        counts[record.unit] = counts.get(record.unit, 0) + 1
    return ReviewData(
        number,
        tuple(history(project, number)),
        tuple(list_reviews(project, indicator=number, latest=False)),
        counts,
        tuple(evidence_row(r) for r in records),
    )


@dataclass(frozen=True)
class UnitReviewRow:
    unit: str
    responsible: bool  # named by the catalog (directly or through a collective)
    evidence: int
    review: ReviewRecord | None  # the review in force


class UnitReviewRole(IntEnum):
    UNIT = Qt.ItemDataRole.UserRole + 1
    DECISION = Qt.ItemDataRole.UserRole + 2
    EVIDENCE_COUNT = Qt.ItemDataRole.UserRole + 3


class UnitReviewColumn(IntEnum):
    UNIT = 0
    EVIDENCE = 1
    DECISION = 2
    COMMENT = 3
    REVIEWER = 4
    AT = 5


class UnitReviewModel(RowTableModel[UnitReviewRow]):
    """One row per unit that answers for the indicator: its evidence count and the review in force."""

    role_enum = UnitReviewRole

    def row_data(self, row: int) -> UnitReviewRow:
        return self.row_at(row)

    def row_of(self, unit: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.unit == unit), -1)

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("单位"),
            self.tr("资料"),
            self.tr("审核结论"),
            self.tr("意见"),
            self.tr("审核人"),
            self.tr("时间"),
        )

    def _decision(self, row: UnitReviewRow) -> str:
        if row.review is None:
            return self.tr("未审核")
        return DECISIONS.get(row.review.decision, row.review.decision)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_for(index)
        if row is None:
            return None
        column = index.column()
        review = row.review
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                row.unit,
                self.tr("{n} 件").format(n=row.evidence),
                self._decision(row),
                review.comment if review else "",
                review.reviewed_by if review else "",
                local_time(review.at) if review else "",
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == UnitReviewColumn.UNIT and not row.responsible:
                return self.tr("该单位不是本项的责任单位，但为合并提供的指标提交了资料")
            if column == UnitReviewColumn.COMMENT and review and review.comment:
                return review.comment
            if column == UnitReviewColumn.DECISION and review is not None:
                return self.tr("{by} 于 {at} 审核").format(by=review.reviewed_by, at=local_time(review.at))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == UnitReviewColumn.DECISION and review is not None:
                return QColor("#d93025" if review.decision == "returned" else "#1e8e3e")
            if column == UnitReviewColumn.EVIDENCE and row.evidence == 0:
                return QColor("#d93025")
            return None
        if role == UnitReviewRole.UNIT:
            return row.unit
        if role == UnitReviewRole.DECISION:
            return review.decision if review else None
        if role == UnitReviewRole.EVIDENCE_COUNT:
            return row.evidence
        return None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str  # "level" | "review"
    subject: str  # 本项 or the unit
    outcome: str
    comment: str
    by: str


class HistoryRole(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1
    OUTCOME = Qt.ItemDataRole.UserRole + 2


class HistoryModel(RowTableModel[HistoryEntry]):
    """Levels given and unit reviews of the indicator, newest first."""

    role_enum = HistoryRole

    def set_data(self, data: ReviewData | None) -> None:
        rows: list[HistoryEntry] = []
        if data is not None:
            for level in data.levels:
                rows.append(
                    HistoryEntry(level.at, "level", self.tr("本项"), level.level, level.comment, level.by)
                )
            for review in data.reviews:
                outcome = DECISIONS.get(review.decision, review.decision)
                rows.append(
                    HistoryEntry(
                        review.at, "review", review.unit, outcome, review.comment, review.reviewed_by
                    )
                )
        rows.sort(key=lambda e: e.at, reverse=True)
        self.set_rows(rows)

    def entry(self, row: int) -> HistoryEntry:
        return self.row_at(row)

    def titles(self) -> tuple[str, ...]:
        return (self.tr("时间"), self.tr("对象"), self.tr("结论"), self.tr("意见"), self.tr("人员"))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self._row_for(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            subject = (
                self.tr("评定等级")
                if entry.kind == "level"
                else self.tr("审核 {unit}").format(unit=entry.subject)
            )
            values = (local_time(entry.at), subject, entry.outcome, entry.comment, entry.by)
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and entry.comment:
            return entry.comment
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            if entry.kind == "level":
                return QColor(LEVEL_COLORS.get(entry.outcome, "#5f6368"))
            return QColor("#d93025" if entry.outcome == DECISIONS["returned"] else "#1e8e3e")
        if role == HistoryRole.KIND:
            return entry.kind
        if role == HistoryRole.OUTCOME:
            return entry.outcome
        return None
