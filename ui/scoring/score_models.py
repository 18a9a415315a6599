"""Shared pieces of the review and scoring panes: the score keeper, the score tree and the explanation.

``ScoreKeeper`` holds the score, the levels and the veto/bonus marks in force, recomputes them in the
background when the hub announces a change that can move a number, and tells the panes. A change the
hub's ``ProjectChange`` cannot name (a veto or bonus mark, the scheme) travels as ``ScoringChange``, a
``ProjectChange`` that also names the marks or the scheme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from app.assessment.levels import AssessmentRecord, MarkRecord, current_levels, current_marks, score_project
from app.base.actor import current_actor
from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.project.folder import Project
from app.scoring.compute import ScoreResult
from app.scoring.explain import ExplainStep
from app.scoring.scheme import NA, NOT_ASSESSED
from indicator_catalog import Catalog
from ui.common import settings
from ui.common.background import BackgroundTask, run_read
from ui.common.formatting import item_heading
from ui.common.row_table_model import RowTableModel
from ui.common.state import ProjectState

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument

#: Colours of the four levels (and of "not yet assessed"), used by every pane.
LEVEL_COLORS: dict[str, str] = {
    "达标": "#1e8e3e",
    "基本达标": "#e8930c",
    "未达标": "#d93025",
    "不适用": "#5f6368",
    NOT_ASSESSED: "#9aa0a6",
}
VETO_RED = "#c5221f"
DISCLAIMER_STYLE = (
    "QLabel { background: #fef7e0; color: #5f4b00; border: 1px solid #f9d77e;"
    " border-radius: 3px; padding: 4px 8px; }"
)


def fmt(value: float | None) -> str:
    """A number as people write it: 10, 0.6, 542.86 (never 10.0)."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class ScoringChange(ProjectChange):
    """A ``ProjectChange`` that also names veto/bonus items whose mark changed, or a new scheme."""

    marks: frozenset[str] = field(default_factory=frozenset)
    scheme: bool = False


def moves_score(change: ProjectChange) -> bool:
    """Whether ``change`` can move a score (levels, marks, scheme, or a full reload)."""
    return change.everything or bool(change.indicators) or isinstance(change, ScoringChange)


@dataclass(frozen=True)
class AssessmentSnapshot:
    """The office's judgement in force, read in one go in a worker."""

    score: ScoreResult
    levels: dict[int, AssessmentRecord]
    marks: dict[str, MarkRecord]


def read_assessment(project: Project) -> AssessmentSnapshot:

    return AssessmentSnapshot(score_project(project), current_levels(project), current_marks(project))


class ScoreKeeper(QObject):
    """One per window: the score, levels and marks in force, kept fresh from the hub's announcements."""

    #: Carries the new ``AssessmentSnapshot``.
    updated = Signal(object)
    #: The project closed: nothing to show.
    cleared = Signal()

    def __init__(self, state: ProjectState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._snapshot: AssessmentSnapshot | None = None
        self._generation = 0
        self.last_task: BackgroundTask | None = None
        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)
        if state.project is not None:
            self.refresh()

    @property
    def snapshot(self) -> AssessmentSnapshot | None:
        return self._snapshot

    @property
    def score(self) -> ScoreResult | None:
        return self._snapshot.score if self._snapshot is not None else None

    def level_of(self, number: int) -> AssessmentRecord | None:
        return self._snapshot.levels.get(number) if self._snapshot is not None else None

    def refresh(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None
        self._generation += 1
        generation = self._generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> AssessmentSnapshot:
            return read_assessment(project)

        def done(snapshot: AssessmentSnapshot) -> None:
            # A newer request wins; a project closed meanwhile shows nothing.
            if generation == self._generation and self.state.project is project:
                self._snapshot = snapshot
                self.updated.emit(snapshot)

        self.last_task = run_read(
            None,
            work,
            title=QCoreApplication.translate("ScoreKeeper", "计算得分"),
            on_done=done,
            show_progress=False,
        )
        return self.last_task

    def _on_state_opened(self, snapshot: object) -> None:
        self._snapshot = None
        self.refresh()

    def _on_state_changed(self, change: ProjectChange) -> None:
        if moves_score(change):
            self.refresh()

    def _on_state_closed(self) -> None:
        self._generation += 1
        self._snapshot = None
        self.cleared.emit()


# -- reviewer name ---------------------------------------------------------------------------------


def reviewer_name() -> str:
    """The name reviews and levels are recorded under (remembered; the OS user by default)."""

    value = settings.value("review/reviewer", "")
    return str(value) if value else current_actor()


def set_reviewer_name(name: str) -> None:

    settings.save_value("review/reviewer", name.strip())


# -- the score tree --------------------------------------------------------------------------------


class ScoreRole(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1  # area | group | indicator | bonus | bonus_item | veto | veto_item
    TARGET = Qt.ItemDataRole.UserRole + 2  # what ``explain`` takes for this row
    NUMBER = Qt.ItemDataRole.UserRole + 3  # indicator number (indicator rows)
    LEVEL = Qt.ItemDataRole.UserRole + 4
    POINTS = Qt.ItemDataRole.UserRole + 5
    MAXIMUM = Qt.ItemDataRole.UserRole + 6


class ScoreColumn(IntEnum):
    NAME = 0
    LEVEL = 1
    FACTOR = 2
    POINTS = 3
    MAXIMUM = 4


@dataclass
class _Node:
    id: int
    kind: str
    key: str
    parent: int  # node id, -1 for top-level rows
    row: int
    children: list[int] = field(default_factory=list)


class ScoreTreeModel(QAbstractItemModel):
    """一级指标 → 二级指标 → 三级指标, then 加分项 and 否决项, with levels, factors and points."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog: Catalog | None = None
        self._result: ScoreResult | None = None
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._by_key: dict[tuple[str, str], int] = {}

    # -- content -----------------------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog | None) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self._result = None
        self._nodes = []
        self._top = []
        self._by_key = {}
        if catalog is not None:
            for area in catalog.areas:
                area_id = self._add("area", area.code, -1)
                for group in area.groups:
                    group_id = self._add("group", group.code, area_id)
                    for number in group.numbers:
                        self._add("indicator", str(number), group_id)
            if catalog.bonus:
                bonus_id = self._add("bonus", "bonus", -1)
                for item in catalog.bonus:
                    self._add("bonus_item", item.id, bonus_id)
            if catalog.veto:
                veto_id = self._add("veto", "veto", -1)
                for veto in catalog.veto:
                    self._add("veto_item", veto.id, veto_id)
        self.endResetModel()

    def _add(self, kind: str, key: str, parent: int) -> int:
        siblings = self._top if parent < 0 else self._nodes[parent].children
        node = _Node(len(self._nodes), kind, key, parent, len(siblings))
        self._nodes.append(node)
        siblings.append(node.id)
        self._by_key[(kind, key)] = node.id
        return node.id

    def set_result(self, result: ScoreResult | None) -> None:
        self._result = result
        if not self._nodes:
            return
        last = len(ScoreColumn) - 1
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._top) - 1, last))
        for node in self._nodes:
            if node.children:
                parent = self.createIndex(node.row, 0, node.id)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(node.children) - 1, last, parent)
                )

    def result(self) -> ScoreResult | None:
        return self._result

    def index_of(self, kind: str, key: str, column: int = 0) -> QModelIndex:
        node_id = self._by_key.get((kind, key))
        if node_id is None:
            return QModelIndex()
        node = self._nodes[node_id]
        return self.createIndex(node.row, column, node.id)

    # -- structure ---------------------------------------------------------------------------------
    def _node(self, index: ModelIndex) -> _Node | None:
        if not index.isValid():
            return None
        node_id = index.internalId()
        return self._nodes[node_id] if 0 <= node_id < len(self._nodes) else None

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if column < 0 or column >= len(ScoreColumn) or row < 0:
            return QModelIndex()
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            owner = self._node(parent)
            siblings = owner.children if owner is not None else []
        else:
            siblings = self._top
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent < 0:
            return QModelIndex()
        owner = self._nodes[node.parent]
        return self.createIndex(owner.row, 0, owner.id)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._top)
        if parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return len(ScoreColumn)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in ScoreRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("指标"), self.tr("等级 / 状态"), self.tr("系数"), self.tr("得分"), self.tr("满分"))
        return titles[section] if 0 <= section < len(titles) else None

    # -- data --------------------------------------------------------------------------------------
    def _cells(self, node: _Node) -> tuple[str, str, str, str, str, Any, Any, Any]:
        """name, level, factor, points, max texts; then level, points, max values."""
        catalog = self._catalog
        result = self._result
        assert catalog is not None
        if node.kind == "area":
            area = catalog.area(node.key)
            name = f"{area.code}、{area.name}"
            score = next((a for a in result.areas if a.code == node.key), None) if result else None
            if score is None:
                return name, "", "", "", "", None, None, None
            level = self.tr("已评 {done}/{count}").format(done=score.assessed, count=score.count)
            return name, level, "", fmt(score.score), fmt(score.max), None, score.score, score.max
        if node.kind == "group":
            group = catalog.group(node.key)
            name = f"{group.code} {group.name}"
            gscore = next((g for g in result.groups if g.code == node.key), None) if result else None
            if gscore is None:
                return name, "", "", "", "", None, None, None
            return name, "", "", fmt(gscore.score), fmt(gscore.max), None, gscore.score, gscore.max
        if node.kind == "indicator":
            number = int(node.key)
            text = catalog.indicator(number).text
            name = item_heading(catalog, number, text)
            if result is None:
                return name, "", "", "", "", None, None, None
            ind = result.indicator(number)
            factor = "" if ind.factor is None else f"×{fmt(ind.factor)}"
            points = self.tr("不计") if not ind.applicable else fmt(ind.points)
            return name, ind.level, factor, points, fmt(ind.max), ind.level, ind.points, ind.max
        if node.kind == "bonus":
            name = self.tr("附加项：加分项")
            if result is None:
                return name, "", "", "", "", None, None, None
            cap = self.tr("合计上限 {cap}").format(cap=fmt(result.scheme.bonus_total_cap))
            return (
                name,
                cap,
                "",
                fmt(result.bonus),
                fmt(result.bonus_max),
                None,
                result.bonus,
                result.bonus_max,
            )
        if node.kind == "bonus_item":
            item = catalog.bonus_item(node.key)
            name = f"{item.id} {item.text}"
            bonus = next((b for b in result.bonus_items if b.id == node.key), None) if result else None
            if bonus is None:
                return name, "", "", "", "", None, None, None
            level = self.tr("申报 {n}").format(n=fmt(bonus.claimed)) if bonus.claimed else self.tr("未申报")
            return name, level, "", fmt(bonus.awarded), fmt(bonus.cap), None, bonus.awarded, bonus.cap
        if node.kind == "veto":
            name = self.tr("附加项：否决项")
            if result is None:
                return name, "", "", "", "", None, None, None
            state = self.tr("一票否决") if result.vetoed else self.tr("未触发")
            return name, state, "", "", "", state, None, None
        veto = catalog.veto_item(node.key)
        name = f"{veto.id} {veto.text}"
        if result is None:
            return name, "", "", "", "", None, None, None
        state = self.tr("已触发") if node.key in result.veto_items else self.tr("未触发")
        return name, state, "", "", "", state, None, None

    def _target(self, node: _Node) -> str:
        return {"bonus": "bonus", "veto": "total"}.get(node.kind, node.key)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None or self._catalog is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self._cells(node)
            if role == Qt.ItemDataRole.ToolTipRole:
                if column == ScoreColumn.NAME and node.kind == "indicator":
                    return self._catalog.indicator(int(node.key)).text
                return None
            return cells[column] if 0 <= column <= ScoreColumn.MAXIMUM else None
        if role == Qt.ItemDataRole.ForegroundRole and column == ScoreColumn.LEVEL:
            cells = self._cells(node)
            level = cells[5]
            if node.kind == "indicator" and isinstance(level, str):
                return QColor(LEVEL_COLORS.get(level, LEVEL_COLORS[NOT_ASSESSED]))
            if node.kind in ("veto", "veto_item") and level in (self.tr("已触发"), self.tr("一票否决")):
                return QColor(VETO_RED)
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind in ("area", "bonus", "veto"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= ScoreColumn.FACTOR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ScoreRole.KIND:
            return node.kind
        if role == ScoreRole.TARGET:
            return self._target(node)
        if role == ScoreRole.NUMBER:
            return int(node.key) if node.kind == "indicator" else None
        if role in (ScoreRole.LEVEL, ScoreRole.POINTS, ScoreRole.MAXIMUM):
            cells = self._cells(node)
            return {ScoreRole.LEVEL: cells[5], ScoreRole.POINTS: cells[6], ScoreRole.MAXIMUM: cells[7]}[
                ScoreRole(role)
            ]
        return None


# -- the explanation -------------------------------------------------------------------------------


class ExplainRole(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1
    VALUE = Qt.ItemDataRole.UserRole + 2


class ExplainModel(RowTableModel[ExplainStep]):
    """The chain from a number to the total: indicator → level → factor → points → … → result."""

    role_enum = ExplainRole

    def set_steps(self, steps: Sequence[ExplainStep]) -> None:
        self.set_rows(steps)

    def steps(self) -> list[ExplainStep]:
        return list(self._rows)

    def titles(self) -> tuple[str, ...]:
        return (self.tr("环节"), self.tr("数值"), self.tr("计算"))

    @staticmethod
    def value_text(step: ExplainStep) -> str:
        if step.value is None:
            return "—"
        if isinstance(step.value, str):
            return step.value
        if step.kind == "indicator":
            return str(int(step.value))
        if step.kind == "factor":
            return f"×{fmt(step.value)}"
        return fmt(step.value)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step = self._row_for(index)
        if step is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (step.label, self.value_text(step), step.detail)[column] if 0 <= column < 3 else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return step.detail or None
        if role == Qt.ItemDataRole.ForegroundRole and step.kind == "result" and step.value == "一票否决":
            return QColor(VETO_RED)
        if role == Qt.ItemDataRole.FontRole and step.kind in ("total", "result"):
            font = QFont()
            font.setBold(True)
            return font
        if role == ExplainRole.KIND:
            return step.kind
        if role == ExplainRole.VALUE:
            return step.value
        return None


def level_text(level: str | None) -> str:
    """The level as shown (``None`` → 未评估)."""
    return level or NOT_ASSESSED


__all__ = [
    "LEVEL_COLORS",
    "NA",
    "AssessmentSnapshot",
    "ExplainModel",
    "ScoreKeeper",
    "ScoreTreeModel",
    "ScoringChange",
    "fmt",
    "moves_score",
    "read_assessment",
    "reviewer_name",
    "set_reviewer_name",
]
