"""Models of the indicator panel: the checklist of evidence demands and the evidence list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.base.text import display_safe
from app.status.workspace import IndicatorStatus, RequirementProgress
from indicator_catalog import Catalog
from ui.common.formatting import item_labels
from ui.common.icons import file_icon, file_kind_meaning, status_color

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: default parent of top-level rows


class RequirementRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    HAVE = Qt.ItemDataRole.UserRole + 2
    NEED = Qt.ItemDataRole.UserRole + 3
    DONE = Qt.ItemDataRole.UserRole + 4
    ONSITE = Qt.ItemDataRole.UserRole + 5


class RequirementColumn(IntEnum):
    TEXT = 0
    COUNT = 1


class RequirementChecklistModel(QAbstractTableModel):
    """One row per demand (具体资料报送 item): ticked when its count is reached, with "3/10"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RequirementProgress, ...] = ()

    def set_requirements(self, rows: Sequence[RequirementProgress]) -> None:
        new = tuple(rows)
        if len(new) == len(self._rows) and [r.key for r in new] == [r.key for r in self._rows]:
            # Same demands (a count changed): repaint in place, keep the view's scroll and selection.
            self._rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(RequirementColumn) - 1))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def requirement(self, row: int) -> RequirementProgress:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(RequirementColumn)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in RequirementRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("资料要求"), self.tr("数量"))[section] if 0 <= section < 2 else None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # The tick is computed from the evidence, never set by hand.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _count_text(self, row: RequirementProgress) -> str:
        if row.onsite:
            return self.tr("实地核查")
        return f"{row.have}/{row.need}"

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text if column == RequirementColumn.TEXT else self._count_text(row)
        if role == Qt.ItemDataRole.CheckStateRole and column == RequirementColumn.TEXT:
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.onsite:
                return self.tr("此项为实地核查，准备好现场资料即可，无需上传文件")
            return self.tr("要求 {need} 件，已有 {have} 件").format(need=row.need, have=row.have)
        if role == Qt.ItemDataRole.ForegroundRole and column == RequirementColumn.COUNT:
            if row.onsite:
                return status_color(IndicatorStatus.ONSITE)
            return status_color(IndicatorStatus.COMPLETE if row.done else IndicatorStatus.SOME)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RequirementColumn.COUNT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == RequirementRole.KEY:
            return row.key
        if role == RequirementRole.HAVE:
            return row.have
        if role == RequirementRole.NEED:
            return row.need
        if role == RequirementRole.DONE:
            return row.done
        if role == RequirementRole.ONSITE:
            return row.onsite
        return None


@dataclass(frozen=True)
class EvidenceRow:
    """What the evidence list shows of one record (built from the store's record)."""

    evidence_id: int
    sha256: str
    filename: str
    kind: str  # "pdf" | "xlsx"
    unit: str
    pages: int | None
    sheets: int | None
    period: str | None
    added_by: str
    added_at: datetime | None
    title: str = ""
    indicators: tuple[int, ...] = ()
    size: int = 0
    status: str = "active"


class EvidenceRole(IntEnum):
    EVIDENCE_ID = Qt.ItemDataRole.UserRole + 1
    KIND = Qt.ItemDataRole.UserRole + 2
    UNIT = Qt.ItemDataRole.UserRole + 3
    INDICATORS = Qt.ItemDataRole.UserRole + 4
    FILENAME = Qt.ItemDataRole.UserRole + 5


class EvidenceColumn(IntEnum):
    FILENAME = 0
    UNIT = 1
    EXTENT = 2  # pages or sheets
    PERIOD = 3
    ADDED_BY = 4
    ADDED_AT = 5


def _local_time(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:  # the core hands out aware UTC; be safe with naive values
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime(fmt)


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class EvidenceTableModel(QAbstractTableModel):
    """The evidence of the selected indicator."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EvidenceRow] = []
        self._texts: list[tuple[str, ...]] = []  # display texts, made once: views ask for them often
        #: Names the rows' indicators in tooltips (a plan's tasks by their ids).
        self.catalog: Catalog | None = None

    def set_rows(self, rows: Sequence[EvidenceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [self._display(row) for row in self._rows]
        self.endResetModel()

    def _display(self, row: EvidenceRow) -> tuple[str, ...]:
        return (
            display_safe(row.filename),
            row.unit,
            self._extent(row),
            row.period or "",
            row.added_by,
            # The date only: the list fits a 1366-px screen with the tree wide enough to read; the
            # minute is in the tooltip.
            _local_time(row.added_at, "%Y-%m-%d"),
        )

    def column_texts(self, column: int, limit: int = 200) -> list[str]:
        """The display texts of ``column`` for the first ``limit`` rows (to size the column)."""
        return [texts[column] for texts in self._texts[:limit]]

    def rows(self) -> list[EvidenceRow]:
        return list(self._rows)

    def row_of(self, evidence_id: int) -> int:
        for position, row in enumerate(self._rows):
            if row.evidence_id == evidence_id:
                return position
        return -1

    def evidence(self, row: int) -> EvidenceRow:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(EvidenceColumn)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in EvidenceRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("文件名"),
            self.tr("单位"),
            self.tr("页数/工作表"),
            self.tr("期间"),
            self.tr("添加人"),
            self.tr("添加时间"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _extent(self, row: EvidenceRow) -> str:
        if row.kind == "pdf" and row.pages is not None:
            return self.tr("{n} 页").format(n=row.pages)
        if row.kind == "xlsx" and row.sheets is not None:
            return self.tr("{n} 个工作表").format(n=row.sheets)
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts[index.row()]
            return texts[column] if 0 <= column < len(texts) else None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DecorationRole and column == EvidenceColumn.FILENAME:
            return file_icon(row.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [display_safe(row.filename), file_kind_meaning(row.kind)]
            if row.title and row.title != row.filename:
                lines.append(self.tr("标题：{title}").format(title=display_safe(row.title)))
            lines.append(self.tr("大小：{size}").format(size=_human_size(row.size)))
            if row.added_at is not None:
                lines.append(self.tr("添加时间：{time}").format(time=_local_time(row.added_at)))
            if row.indicators:
                lines.append(
                    self.tr("用于指标：{numbers}").format(numbers=item_labels(self.catalog, row.indicators))
                )
            return "\n".join(lines)
        if role == EvidenceRole.EVIDENCE_ID:
            return row.evidence_id
        if role == EvidenceRole.KIND:
            return row.kind
        if role == EvidenceRole.UNIT:
            return row.unit
        if role == EvidenceRole.INDICATORS:
            return list(row.indicators)
        if role == EvidenceRole.FILENAME:
            return row.filename
        return None
