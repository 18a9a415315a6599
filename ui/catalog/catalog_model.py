"""The catalog as a tree (一级 → 二级 → 三级) with a status per indicator, and its filter proxy.

A plan project (a task list) shows its tasks instead: ids as printed and each task's leading sentence,
a task status (已完成 / 推进中 / 未启动 / 已逾期, pushed in with ``set_task_rows``) instead of the evidence
status, and done/total tasks on sections. Tasks that sit directly under a level-1 section are shown
directly under it (the plan catalog files them in a group with the section's own code and name, which
would otherwise repeat the section's row).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.status.plan_progress import TaskRow
from app.status.workspace import IndicatorProgress, IndicatorStatus, compute_progress
from indicator_catalog import Catalog
from indicator_catalog.plan import task_title
from ui.common.formatting import item_label
from ui.common.icons import status_color, status_icon, status_label, status_meaning
from ui.common.plan_tasks import (
    TaskStatus,
    task_status,
    task_status_color,
    task_status_icon,
    task_status_label,
    task_tooltip,
)

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: default parent of top-level rows


#: Characters per line of a tooltip's indicator text (about 560 px of Chinese at the default font).
TOOLTIP_LINE_CHARS = 40


class CatalogRole(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1  # "area" | "group" | "indicator"
    CODE = Qt.ItemDataRole.UserRole + 2  # area code, group code, or the indicator number as text
    NUMBER = Qt.ItemDataRole.UserRole + 3  # indicator number (None for areas and groups)
    STATUS = Qt.ItemDataRole.UserRole + 4  # IndicatorStatus value (indicators only)
    EVIDENCE_COUNT = Qt.ItemDataRole.UserRole + 5  # evidence items (summed for areas and groups)
    COMPLETE_COUNT = Qt.ItemDataRole.UserRole + 6  # indicators below (or this one) that are done
    INDICATOR_COUNT = Qt.ItemDataRole.UserRole + 7  # indicators below (1 for an indicator)
    UNITS = Qt.ItemDataRole.UserRole + 8  # responsible units (indicators only)
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 9  # what the search box matches
    TASK_STATUS = Qt.ItemDataRole.UserRole + 10  # TaskStatus value (plan tasks whose rows are known)
    OVERDUE_COUNT = Qt.ItemDataRole.UserRole + 11  # overdue tasks below (plan projects)


class Column(IntEnum):
    NAME = 0
    PROGRESS = 1


KIND_AREA = "area"
KIND_GROUP = "group"
KIND_INDICATOR = "indicator"

# Statuses that count as "done" in the counts per node.
_DONE = {IndicatorStatus.COMPLETE, IndicatorStatus.ONSITE}


@dataclass(eq=False)
class _Node:
    node_id: int
    kind: str
    code: str
    title: str
    search_text: str
    parent: _Node | None
    row: int
    number: int | None = None
    units: tuple[str, ...] = ()
    children: list[_Node] = field(default_factory=list)


class CatalogTreeModel(QAbstractItemModel):
    """Read-only tree of the catalog; statuses are pushed in with ``set_progress``."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        # Until evidence is known every indicator shows its empty state (实地核查 ones as on-site).
        self._empty = compute_progress(catalog, [])
        self._progress: dict[int, IndicatorProgress] = dict(self._empty)
        self._nodes: list[_Node] = []
        self._areas: list[_Node] = []
        self._indicator_nodes: dict[int, _Node] = {}
        self._scope: frozenset[int] | None = None
        # Open placement questions (where indicator 69 belongs): marked on the indicator, noted on groups.
        self._questions = {q.indicator: q for q in catalog.open_questions}
        self._group_questions = {p.group: q for q in catalog.open_questions for p in q.placements}
        self._plan = catalog.is_plan
        self._tasks: dict[int, TaskRow] = {}
        self._build()

    # -- structure ----------------------------------------------------------------------------
    def _add(self, node: _Node) -> _Node:
        self._nodes.append(node)
        return node

    def _build(self) -> None:
        for a_row, area in enumerate(self._catalog.areas):
            area_node = self._add(
                _Node(
                    len(self._nodes) + 1,
                    KIND_AREA,
                    area.code,
                    f"{area.code}、{area.name}",
                    area.name,
                    None,
                    a_row,
                )
            )
            self._areas.append(area_node)
            for group in area.groups:
                if self._plan and group.code == area.code:
                    group_node = area_node  # tasks directly under the section: no second row for it
                else:
                    group_node = self._add(
                        _Node(
                            len(self._nodes) + 1,
                            KIND_GROUP,
                            group.code,
                            self._group_title(area.code, group.code, group.name),
                            group.name,
                            area_node,
                            len(area_node.children),
                        )
                    )
                    area_node.children.append(group_node)
                for number in group.numbers:
                    ind = self._catalog.indicator(number)
                    search = " ".join(
                        [ind.text, *ind.units, ind.units_as_written, *(r.text for r in ind.requirements)]
                    )
                    node = self._add(
                        _Node(
                            len(self._nodes) + 1,
                            KIND_INDICATOR,
                            ind.label,
                            f"{ind.label} {task_title(ind.text)}"
                            if ind.task_id
                            else self._indicator_title(number, ind.text),
                            search,
                            group_node,
                            len(group_node.children),
                            number=number,
                            units=ind.units,
                        )
                    )
                    group_node.children.append(node)
                    self._indicator_nodes[number] = node

    def _group_title(self, area: str, code: str, name: str) -> str:
        """A group's row: "1.1 name"; a plan's level-2 section as printed: "（一）name"."""
        if self._plan and code.startswith(f"{area}."):
            return f"{code[len(area) + 1 :]}{name}"
        return f"{code} {name}"

    def _indicator_title(self, number: int, text: str) -> str:
        if number in self._questions:
            return self.tr("{number}.（归属待定）{text}").format(number=number, text=text)
        return f"{number}. {text}"

    def _question_note(self, node: _Node) -> str:
        """For an indicator with an open placement question, or a group it may belong to: what is open
        and which placement this project uses."""
        question = self._questions.get(node.number) if node.number is not None else None
        if question is None and node.kind == KIND_GROUP:
            question = self._group_questions.get(node.code)
        if question is None:
            return ""
        others = "、".join(p.group for p in question.placements if p.group != question.current)
        return self.tr(
            "第 {number} 项归属待定：本项目按 {current} 计分，另可归入 {others}（fazhi catalog placement）"
        ).format(number=question.indicator, current=question.current, others=others)

    def _node(self, index: ModelIndex) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId() - 1]

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        # Bounds checked here rather than through hasIndex(): views call this thousands of times.
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        parent_node = self._node(parent)
        children = self._areas if parent_node is None else parent_node.children
        if not (0 <= row < len(children) and 0 <= column < len(Column)):
            return QModelIndex()
        return self.createIndex(row, column, children[row].node_id)

    def parent(self, child: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(child)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent.node_id)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(self._areas) if node is None else len(node.children)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return len(Column)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Indicators accept dropped files (attach to that indicator).
        node = self._node(index)
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node is not None and node.kind == KIND_INDICATOR:
            base |= Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return base

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == Column.NAME:
                return self.tr("任务") if self._plan else self.tr("指标")
            if section == Column.PROGRESS:
                return self.tr("进度")
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in CatalogRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    # -- counts ---------------------------------------------------------------------------------
    def _indicators_below(self, node: _Node) -> list[_Node]:
        if node.kind == KIND_INDICATOR:
            return [node]
        leaves = [leaf for child in node.children for leaf in self._indicators_below(child)]
        if self._scope is not None:
            leaves = [leaf for leaf in leaves if leaf.number in self._scope]
        return leaves

    def set_scope(self, numbers: Iterable[int] | None) -> None:
        """Count only these indicators in areas and groups ("my tasks": 2/5 of mine, not of everyone's)."""
        scope = None if numbers is None else frozenset(numbers)
        if scope == self._scope:
            return
        self._scope = scope
        last = len(Column) - 1
        for node in self._nodes:
            if node.kind != KIND_INDICATOR:
                index = self.createIndex(node.row, 0, node.node_id)
                self.dataChanged.emit(index, index.siblingAtColumn(last))

    def _task_status(self, number: int) -> TaskStatus | None:
        row = self._tasks.get(number)
        return task_status(row) if row is not None else None

    def _status(self, number: int) -> IndicatorStatus:
        progress = self._progress.get(number)
        return progress.status if progress is not None else IndicatorStatus.NONE

    def _counts(self, node: _Node) -> tuple[int, int, int]:
        """(done indicators, indicators, evidence items) for ``node``."""
        leaves = self._indicators_below(node)
        done = 0
        evidence = 0
        for leaf in leaves:
            assert leaf.number is not None
            if self._plan:
                done += self._task_status(leaf.number) is TaskStatus.DONE
            elif self._status(leaf.number) in _DONE:
                done += 1
            progress = self._progress.get(leaf.number)
            evidence += progress.evidence_count if progress is not None else 0
        return done, len(leaves), evidence

    # -- data -----------------------------------------------------------------------------------
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.NAME and node.number is not None:
            if self._plan:
                task = self._task_status(node.number)
                return task_status_icon(task) if task is not None else None
            return status_icon(self._status(node.number))
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.PROGRESS:
            return self._progress_color(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.PROGRESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(node, column)
        return self._role_data(node, role)

    def _role_data(self, node: _Node, role: int) -> Any:
        if role == CatalogRole.KIND:
            return node.kind
        if role == CatalogRole.CODE:
            return node.code
        if role == CatalogRole.NUMBER:
            return node.number
        if role == CatalogRole.STATUS:
            return self._status(node.number).value if node.number is not None else None
        if role == CatalogRole.UNITS:
            return list(node.units)
        if role == CatalogRole.SEARCH_TEXT:
            return node.search_text
        if role == CatalogRole.TASK_STATUS:
            task = self._task_status(node.number) if node.number is not None else None
            return task.value if task is not None else None
        if role == CatalogRole.OVERDUE_COUNT:
            return sum(
                1
                for leaf in self._indicators_below(node)
                if leaf.number is not None and self._task_status(leaf.number) is TaskStatus.OVERDUE
            )
        if role in (CatalogRole.EVIDENCE_COUNT, CatalogRole.COMPLETE_COUNT, CatalogRole.INDICATOR_COUNT):
            done, total, evidence = self._counts(node)
            return {
                CatalogRole.EVIDENCE_COUNT: evidence,
                CatalogRole.COMPLETE_COUNT: done,
                CatalogRole.INDICATOR_COUNT: total,
            }[CatalogRole(role)]
        return None

    def _display(self, node: _Node, column: int) -> str:
        if column == Column.NAME:
            return node.title
        done, total, evidence = self._counts(node)
        if node.number is None:
            return self.tr("{done}/{total}").format(done=done, total=total)
        if self._plan:
            task = self._task_status(node.number)
            return task_status_label(task) if task is not None else "…"
        status = self._status(node.number)
        count = self.tr("{count} 件").format(count=evidence) if evidence else ""
        if status is IndicatorStatus.ONSITE:
            return self.tr("实地") + (f" · {count}" if count else "")
        return count or "—"

    def _tooltip(self, node: _Node) -> str:
        if self._plan:
            return self._task_tip(node)
        if node.number is None:
            done, total, evidence = self._counts(node)
            tip = self.tr("{title}\n{done}/{total} 项资料齐全，共 {evidence} 件资料").format(
                title=node.title, done=done, total=total, evidence=evidence
            )
            note = self._question_note(node)
            return f"{tip}\n{note}" if note else tip
        ind = self._catalog.indicator(node.number)
        lines = [
            # The tree elides the text; here it is whole, in lines a tooltip can show (Qt does not
            # wrap plain text: one 200-character line ran off a 1366-px screen).
            "\n".join(textwrap.wrap(node.title, TOOLTIP_LINE_CHARS)),
            self.tr("{item}：{status}").format(
                item=item_label(self._catalog, node.number), status=status_label(self._status(node.number))
            ),
            status_meaning(self._status(node.number)),  # what the row's icon means
        ]
        if ind.units:
            lines.append(self.tr("责任单位：{units}").format(units="、".join(ind.units)))
        note = self._question_note(node)
        if note:
            lines.append(note)
        return "\n".join(lines)

    def _task_tip(self, node: _Node) -> str:
        if node.number is None:
            done, total, _evidence = self._counts(node)
            overdue = self._role_data(node, CatalogRole.OVERDUE_COUNT)
            return self.tr("{title}\n{done}/{total} 项任务已完成，{overdue} 项已逾期").format(
                title=node.title, done=done, total=total, overdue=overdue
            )
        row = self._tasks.get(node.number)
        return task_tooltip(row) if row is not None else node.title

    def _progress_color(self, node: _Node) -> QColor | None:
        if self._plan and node.number is not None:
            task = self._task_status(node.number)
            return task_status_color(task) if task is not None and task is not TaskStatus.IDLE else None
        if node.number is not None:
            status = self._status(node.number)
            return status_color(status) if status is not IndicatorStatus.NONE else None
        done, total, _ = self._counts(node)
        if total and done == total:
            return status_color(IndicatorStatus.COMPLETE)
        return None

    # -- updates --------------------------------------------------------------------------------
    def indicator_index(self, number: int, column: int = 0) -> QModelIndex:
        node = self._indicator_nodes.get(number)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node.node_id)

    def progress(self, number: int) -> IndicatorProgress | None:
        return self._progress.get(number)

    def set_progress(self, progress: Mapping[int, IndicatorProgress], *, replace: bool = False) -> None:
        """Take new progress for some indicators (or all, with ``replace``) and repaint only those rows."""
        if replace:
            self._progress = dict(self._empty)
        changed = [n for n in progress if n in self._indicator_nodes]
        self._progress.update({n: progress[n] for n in changed})
        if replace:
            changed = list(self._indicator_nodes)
        self._emit_changed(changed)

    def task_row(self, number: int) -> TaskRow | None:
        return self._tasks.get(number)

    def set_task_rows(self, rows: Mapping[int, TaskRow]) -> None:
        """Take the task rows of a plan project (all of them) and repaint the rows that changed."""
        if not self._plan:
            return
        changed = [n for n in self._indicator_nodes if self._tasks.get(n) != rows.get(n)]
        self._tasks = {n: rows[n] for n in self._indicator_nodes if n in rows}
        self._emit_changed(changed)

    def _emit_changed(self, numbers: Iterable[int]) -> None:
        last = len(Column) - 1
        parents: dict[int, _Node] = {}
        for number in numbers:
            node = self._indicator_nodes[number]
            index = self.createIndex(node.row, 0, node.node_id)
            self.dataChanged.emit(index, index.siblingAtColumn(last))
            ancestor = node.parent
            while ancestor is not None:
                parents[ancestor.node_id] = ancestor
                ancestor = ancestor.parent
        for ancestor in parents.values():
            index = self.createIndex(ancestor.row, 0, ancestor.node_id)
            self.dataChanged.emit(index, index.siblingAtColumn(last))


class CatalogFilterProxy(QSortFilterProxyModel):
    """Search over indicator texts, a unit's indicators, and statuses; parents of a match stay visible."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._terms: list[str] = []
        self._numbers: frozenset[int] | None = None
        self._statuses: frozenset[str] | None = None
        self._task_statuses: frozenset[str] | None = None

    def set_search_text(self, text: str) -> None:
        terms = [t.casefold() for t in text.split()]
        if terms != self._terms:
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_allowed_numbers(self, numbers: Iterable[int] | None) -> None:
        """Show only these indicators (a unit's tasks); ``None`` shows all."""
        allowed = None if numbers is None else frozenset(numbers)
        if allowed != self._numbers:
            self.beginFilterChange()
            self._numbers = allowed
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_statuses(self, statuses: Iterable[IndicatorStatus] | None) -> None:
        wanted = None if statuses is None else frozenset(s.value for s in statuses)
        if wanted != self._statuses:
            self.beginFilterChange()
            self._statuses = wanted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_task_statuses(self, statuses: Iterable[TaskStatus] | None) -> None:
        """Show only plan tasks in these statuses (只看逾期, 未完成 …); ``None`` shows all."""
        wanted = None if statuses is None else frozenset(s.value for s in statuses)
        if wanted != self._task_statuses:
            self.beginFilterChange()
            self._task_statuses = wanted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refilter_tasks(self) -> None:
        """Task statuses changed (a progress record, a new day): apply the task filter again."""
        if self._task_statuses is not None:
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def filtering(self) -> bool:
        return (
            bool(self._terms)
            or self._numbers is not None
            or self._statuses is not None
            or self._task_statuses is not None
        )

    @property
    def allowed_numbers(self) -> frozenset[int] | None:
        return self._numbers

    def _matches(self, number: int, text: str, ancestors: str) -> bool:
        haystack = text.casefold()
        for term in self._terms:
            if term.isdigit():
                if int(term) != number and term not in haystack:
                    return False
            elif term not in haystack and term not in ancestors:
                return False
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if model.data(index, CatalogRole.KIND) != KIND_INDICATOR:
            # Areas and groups show when a child matches (recursive filtering) or when nothing filters.
            return not self.filtering
        number = model.data(index, CatalogRole.NUMBER)
        if self._numbers is not None and number not in self._numbers:
            return False
        if self._statuses is not None and model.data(index, CatalogRole.STATUS) not in self._statuses:
            return False
        if (
            self._task_statuses is not None
            and model.data(index, CatalogRole.TASK_STATUS) not in self._task_statuses
        ):
            return False
        if self._terms:
            ancestors = " ".join(
                str(model.data(i, CatalogRole.SEARCH_TEXT)).casefold()
                for i in (source_parent, source_parent.parent())
                if i.isValid()
            )
            return self._matches(int(number), str(model.data(index, CatalogRole.SEARCH_TEXT)), ancestors)
        return True
