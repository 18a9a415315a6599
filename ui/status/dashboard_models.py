"""Table models of the dashboard: progress by 一级指标 and the ranking of units."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QColor

from app.status.dashboard import AreaProgress, UnitProgress
from app.status.workspace import IndicatorStatus
from ui.common.icons import STATUS_COLORS
from ui.common.row_table_model import ModelIndex, RowT, RowTableModel
from ui.scoring.score_models import fmt


class DashboardRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # area code / unit name
    SORT = Qt.ItemDataRole.UserRole + 2  # the number behind a cell, for sorting
    COVERAGE = Qt.ItemDataRole.UserRole + 3


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


class _TableModel(RowTableModel[RowT]):
    role_enum = DashboardRole

    def titles(self) -> tuple[str, ...]:
        return ()


class AreaProgressModel(_TableModel[AreaProgress]):
    #: A plan project (a task list): sections of tasks, not 一级指标.
    plan = False

    def set_plan(self, plan: bool) -> None:
        if plan != self.plan:
            self.plan = plan
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("任务类别") if self.plan else self.tr("一级指标"),
            self.tr("任务数") if self.plan else self.tr("指标数"),
            self.tr("资料齐全"),
            self.tr("资料不全"),
            self.tr("尚无资料"),
            self.tr("被退回"),
            self.tr("齐全率"),
            self.tr("已评估"),
            self.tr("得分"),
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_for(index)
        if row is None:
            return None
        values: tuple[Any, ...] = (
            row.coverage,
            row.total,
            row.complete,
            row.some,
            row.none,
            row.returned,
            row.coverage,
            row.assessed,
            row.score,
        )
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            texts = (
                f"{row.code}、{row.name}",
                str(row.total),
                str(row.complete),
                str(row.some),
                str(row.none),
                str(row.returned),
                percent(row.coverage),
                f"{row.assessed}/{row.total}",
                f"{fmt(row.score)} / {fmt(row.maximum)}",
            )
            return texts[column] if 0 <= column < len(texts) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.returned:
            return QColor(STATUS_COLORS[IndicatorStatus.RETURNED])
        if role == DashboardRole.KEY:
            return row.code
        if role == DashboardRole.SORT:
            return values[column] if 0 <= column < len(values) else None
        if role == DashboardRole.COVERAGE:
            return row.coverage
        return None


class UnitRankingModel(_TableModel[UnitProgress]):
    #: A plan project: units are responsible for tasks, not indicators.
    plan = False

    def set_plan(self, plan: bool) -> None:
        if plan != self.plan:
            self.plan = plan
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 2, 3)

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("名次"),
            self.tr("单位"),
            self.tr("负责任务") if self.plan else self.tr("负责指标"),
            self.tr("已报资料的任务") if self.plan else self.tr("已报资料的指标"),
            self.tr("覆盖率"),
            self.tr("资料件数"),
            self.tr("退回待补"),
            self.tr("已审核通过"),
        )

    def rows(self) -> list[UnitProgress]:
        return list(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_for(index)
        if row is None:
            return None
        column = index.column()
        rank = index.row() + 1
        values: tuple[Any, ...] = (
            rank,
            row.name,
            row.indicators,
            row.covered,
            row.coverage,
            row.evidence,
            row.returns_outstanding,
            row.accepted,
        )
        if role == Qt.ItemDataRole.DisplayRole:
            texts = (
                str(rank),
                row.name,
                str(row.indicators),
                str(row.covered),
                percent(row.coverage),
                str(row.evidence),
                str(row.returns_outstanding),
                str(row.accepted),
            )
            return texts[column] if 0 <= column < len(texts) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 6 and row.returns_outstanding:
                return QColor(STATUS_COLORS[IndicatorStatus.RETURNED])
            if column == 4 and row.coverage == 0:
                return QColor(STATUS_COLORS[IndicatorStatus.RETURNED])
            if column == 4 and row.coverage < 0.5:
                return QColor(STATUS_COLORS[IndicatorStatus.SOME])
            return None
        if role == DashboardRole.KEY:
            return row.name
        if role == DashboardRole.SORT:
            return values[column] if 0 <= column < len(values) else None
        if role == DashboardRole.COVERAGE:
            return row.coverage
        return None
