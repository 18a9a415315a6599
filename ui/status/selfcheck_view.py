"""The pre-submission self-check (体检): findings grouped by severity, indicator or unit; a click on one
takes the window to the indicator (or the 附加项) it concerns."""

from __future__ import annotations

from collections.abc import Sequence
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.status.selfcheck import ERROR, INFO, SEVERITIES, SEVERITY_LABELS, WARNING, Finding, run_check
from indicator_catalog import Catalog
from indicator_catalog.plan import task_title
from ui.common.background import BackgroundTask, run_read
from ui.common.formatting import item_heading, short
from ui.common.state import ProjectState

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument

SEVERITY_COLORS = {ERROR: "#d93025", WARNING: "#e8930c", INFO: "#1a73e8"}


class GroupBy(IntEnum):
    SEVERITY = 0
    INDICATOR = 1
    UNIT = 2


class FindingRole(IntEnum):
    IS_GROUP = Qt.ItemDataRole.UserRole + 1
    SEVERITY = Qt.ItemDataRole.UserRole + 2
    INDICATOR = Qt.ItemDataRole.UserRole + 3  # int, "B1"/"V1", or None
    UNIT = Qt.ItemDataRole.UserRole + 4
    CODE = Qt.ItemDataRole.UserRole + 5
    COUNT = Qt.ItemDataRole.UserRole + 6  # findings under a group row


class FindingColumn(IntEnum):
    MESSAGE = 0
    INDICATOR = 1
    UNIT = 2
    SEVERITY = 3


@dataclass
class _Group:
    key: str
    title: str
    findings: list[Finding] = field(default_factory=list)


def indicator_label(indicator: int | str | None) -> str:
    if indicator is None:
        return ""
    return f"第 {indicator} 项" if isinstance(indicator, int) else str(indicator)


class FindingsTreeModel(QAbstractItemModel):
    """Group rows (severity, indicator or unit) with the findings under them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._findings: list[Finding] = []
        self._catalog: Catalog | None = None
        self._group_by = GroupBy.SEVERITY

    # -- content -----------------------------------------------------------------------------------
    def set_findings(self, findings: Sequence[Finding], catalog: Catalog | None) -> None:
        self._findings = list(findings)
        self._catalog = catalog
        self._regroup()

    def task_number(self, task_id: str) -> int | None:
        """The number of a plan task named by its id in a finding (None outside plan projects)."""
        if self._catalog is None or not self._catalog.is_plan:
            return None
        return self._catalog.number_of(task_id)

    def set_group_by(self, group_by: GroupBy) -> None:
        self._group_by = group_by
        self._regroup()

    def group_by(self) -> GroupBy:
        return self._group_by

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def _regroup(self) -> None:
        groups: dict[str, _Group] = {}
        for finding in self._findings:
            key, title = self._group_of(finding)
            groups.setdefault(key, _Group(key, title)).findings.append(finding)
        self.beginResetModel()
        self._groups = list(groups.values())
        if self._group_by == GroupBy.SEVERITY:
            self._groups.sort(key=lambda g: SEVERITIES.index(g.key))
        self.endResetModel()

    def _group_of(self, finding: Finding) -> tuple[str, str]:
        if self._group_by == GroupBy.SEVERITY:
            return finding.severity, SEVERITY_LABELS.get(finding.severity, finding.severity)
        if self._group_by == GroupBy.UNIT:
            unit = finding.unit or ""
            return unit, unit or self.tr("（全县/不限单位）")
        indicator = finding.indicator
        plan = self._catalog is not None and self._catalog.is_plan
        if indicator is None:
            return "", self.tr("（不针对具体任务）") if plan else self.tr("（不针对具体指标）")
        number = self.task_number(str(indicator))
        if number is not None and self._catalog is not None:
            title = task_title(self._catalog.indicator(number).text)
            return str(indicator), self.tr("任务 {task}  {text}").format(
                task=indicator, text=short(title, 28)
            )
        if (
            isinstance(indicator, int)
            and self._catalog is not None
            and self._catalog.has_indicator(indicator)
        ):
            text = self._catalog.indicator(indicator).text
            return str(indicator), item_heading(self._catalog, indicator, short(text, 28))
        return str(indicator), str(indicator)

    # -- structure: internal id 0 = group row, n + 1 = finding under group n -----------------------
    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if row < 0 or column < 0 or column >= len(FindingColumn):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if group >= len(self._groups) or row >= len(self._groups[group].findings):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._groups[parent.row()].findings) if parent.row() < len(self._groups) else 0

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return len(FindingColumn)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in FindingRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        plan = self._catalog is not None and self._catalog.is_plan
        titles = (
            self.tr("问题"),
            self.tr("任务") if plan else self.tr("指标"),
            self.tr("单位"),
            self.tr("级别"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def finding(self, index: ModelIndex) -> Finding | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group.findings[index.row()] if index.row() < len(group.findings) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == 0:
            if index.row() >= len(self._groups):
                return None
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and column == FindingColumn.MESSAGE:
                return self.tr("{title}（{n}）").format(title=group.title, n=len(group.findings))
            if role == Qt.ItemDataRole.FontRole and column == FindingColumn.MESSAGE:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and self._group_by == GroupBy.SEVERITY:
                return QColor(SEVERITY_COLORS.get(group.key, "#5f6368"))
            if role == FindingRole.IS_GROUP:
                return True
            if role == FindingRole.COUNT:
                return len(group.findings)
            return None
        finding = self.finding(index)
        if finding is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                finding.message,
                indicator_label(finding.indicator),
                finding.unit or "",
                SEVERITY_LABELS.get(finding.severity, finding.severity),
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FindingColumn.MESSAGE:
                return finding.message
            if column == FindingColumn.INDICATOR and finding.indicator is not None:
                return self.tr("单击转到{what}").format(what=indicator_label(finding.indicator))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == FindingColumn.SEVERITY:
                return QColor(SEVERITY_COLORS.get(finding.severity, "#5f6368"))
            if column == FindingColumn.INDICATOR and finding.indicator is not None:
                return QColor("#1a73e8")  # a link: one click away
            return None
        if (
            role == Qt.ItemDataRole.FontRole
            and column == FindingColumn.INDICATOR
            and finding.indicator is not None
        ):
            font = QFont()
            font.setUnderline(True)
            return font
        by_role = {
            FindingRole.IS_GROUP: False,
            FindingRole.SEVERITY: finding.severity,
            FindingRole.INDICATOR: finding.indicator,
            FindingRole.UNIT: finding.unit,
            FindingRole.CODE: finding.code,
        }
        return by_role.get(FindingRole(role)) if role in by_role else None


class FindingsFilterProxy(QSortFilterProxyModel):
    """Text filter over message, indicator and unit; groups stay when a finding under them matches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []
        self._severities: set[str] | None = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_severities(self, severities: set[str] | None) -> None:
        self.beginFilterChange()
        self._severities = severities
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if index.data(FindingRole.IS_GROUP):
            return not self._words and self._severities is None
        if self._severities is not None and index.data(FindingRole.SEVERITY) not in self._severities:
            return False
        if not self._words:
            return True
        haystack = " ".join(
            str(model.index(source_row, column, source_parent).data() or "") for column in FindingColumn
        ).lower()
        return all(word in haystack for word in self._words)


class SelfCheckView(QWidget):
    """Runs the self-check and lists what it found."""

    #: The user clicked a finding about an indicator: the window selects it.
    indicator_requested = Signal(int)
    #: The user clicked a finding about a bonus/veto item (B1, V1 …): the window shows 附加项.
    item_requested = Signal(str)
    #: A check finished (carries the findings).
    checked = Signal(object)

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfCheckView")
        self.state = state
        self.last_task: BackgroundTask | None = None
        self._stale = True
        self._generation = 0

        self.model = FindingsTreeModel(self)
        self.proxy = FindingsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("findingsTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FindingColumn.MESSAGE, QHeaderView.ResizeMode.Stretch)
        # Drag-resizable, with widths that fit the usual contents (第 100 项, a unit's name, 错误).
        header.setMinimumSectionSize(40)
        for column, width in (
            (FindingColumn.INDICATOR, 90),
            (FindingColumn.UNIT, 170),
            (FindingColumn.SEVERITY, 70),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.tree.clicked.connect(self._on_tree_clicked)
        self.tree.activated.connect(self._on_tree_clicked)

        self.group_combo = QComboBox()
        self.group_combo.setObjectName("groupBy")
        self.group_combo.addItem(self.tr("按严重程度分组"), int(GroupBy.SEVERITY))
        self.group_combo.addItem(self.tr("按指标分组"), int(GroupBy.INDICATOR))
        self.group_combo.addItem(self.tr("按单位分组"), int(GroupBy.UNIT))
        self.group_combo.currentIndexChanged.connect(self._on_group_combo_current_index_changed)
        self.severity_combo = QComboBox()
        self.severity_combo.setObjectName("severityFilter")
        self.severity_combo.addItem(self.tr("全部级别"), None)
        for severity in SEVERITIES:
            self.severity_combo.addItem(SEVERITY_LABELS[severity], severity)
        self.severity_combo.currentIndexChanged.connect(self._on_severity_combo_current_index_changed)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("findingsFilter")
        self.filter_edit.setPlaceholderText(self.tr("筛选问题、指标或单位"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.run_button = QPushButton(self.tr("重新检查"))
        self.run_button.setObjectName("runCheck")
        self.run_button.setToolTip(self.tr("按最新数据重新自查"))
        self.run_button.clicked.connect(self.run)
        bar = QHBoxLayout()
        bar.addWidget(self.group_combo)
        bar.addWidget(self.severity_combo)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.run_button)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("checkSummary")
        self.summary_label.setWordWrap(True)
        self.stale_label = QLabel(self.tr("项目数据已有变化，点“重新检查”更新结果。"))
        self.stale_label.setStyleSheet("color: #b06000;")
        self.stale_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.stale_label)
        layout.addWidget(self.tree, 1)

        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)

    # -- running -----------------------------------------------------------------------------------
    def run(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None

        self._generation += 1
        generation = self._generation
        self.run_button.setEnabled(False)

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[Finding]:
            return run_check(project)

        def done(findings: list[Finding]) -> None:
            if generation == self._generation:
                self.set_findings(findings)

        def finished() -> None:
            self.run_button.setEnabled(self.state.project is not None)

        self.last_task = run_read(self, work, title=self.tr("报送前自查"), on_done=done, show_progress=False)
        self.last_task.finished.connect(finished)
        return self.last_task

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.model.set_findings(findings, self.state.catalog)
        self._set_plan_words()
        self.tree.expandAll()
        self._stale = False
        self.stale_label.hide()
        counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
        if not findings:
            self.summary_label.setText(self.tr("未发现问题。"))
        else:
            self.summary_label.setText(
                self.tr("共 {n} 个问题：错误 {e} 个（报送前必须处理），警告 {w} 个，提示 {i} 个。").format(
                    n=len(findings), e=counts[ERROR], w=counts[WARNING], i=counts[INFO]
                )
            )
        self.checked.emit(list(findings))

    # -- reacting ----------------------------------------------------------------------------------
    def _on_tree_clicked(self, index: QModelIndex) -> None:
        indicator = index.data(FindingRole.INDICATOR)
        if index.data(FindingRole.IS_GROUP) or indicator is None:
            return
        if isinstance(indicator, int):
            self.indicator_requested.emit(indicator)
        elif (task := self.model.task_number(str(indicator))) is not None:
            self.indicator_requested.emit(task)  # a plan task ("一.3") goes to its page
        else:
            self.item_requested.emit(str(indicator))

    def _on_group_combo_current_index_changed(self, index: int) -> None:
        self.model.set_group_by(GroupBy(int(self.group_combo.currentData())))
        self.tree.expandAll()

    def _on_severity_combo_current_index_changed(self, index: int) -> None:
        data = self.severity_combo.currentData()
        self.proxy.set_severities({str(data)} if data else None)
        self.tree.expandAll()

    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.tree.expandAll()

    def _set_plan_words(self) -> None:
        catalog = self.state.catalog
        plan = catalog is not None and catalog.is_plan
        index = self.group_combo.findData(int(GroupBy.INDICATOR))
        self.group_combo.setItemText(index, self.tr("按任务分组") if plan else self.tr("按指标分组"))
        self.filter_edit.setPlaceholderText(
            self.tr("筛选问题、任务或单位") if plan else self.tr("筛选问题、指标或单位")
        )

    def _on_state_opened(self, snapshot: object) -> None:
        self.model.set_findings([], self.state.catalog)
        self._set_plan_words()
        self.summary_label.clear()
        self._stale = True
        if self.isVisible():
            self.run()

    def _on_state_changed(self, change: ProjectChange) -> None:
        self._stale = True
        if self.isVisible():
            self.stale_label.show()

    def _on_state_closed(self) -> None:
        self._generation += 1
        self.model.set_findings([], None)
        self.summary_label.clear()
        self.stale_label.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.state.project is not None:
            # After the show, so the view paints before the check starts.
            QTimer.singleShot(0, self._run_if_stale)

    def _run_if_stale(self) -> None:
        if (
            self._stale
            and self.state.project is not None
            and (self.last_task is None or not self.last_task.running)
        ):
            self.run()
