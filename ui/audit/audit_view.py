"""The audit log viewer: who did what, when, to what — filtered by person, kind of action and dates."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.project.audit import AuditEntry
from app.project.audit_log import list_actors, list_log
from indicator_catalog import Catalog
from ui.common.background import BackgroundTask, run_read
from ui.common.formatting import item_label, local_time
from ui.common.row_table_model import RowTableModel
from ui.common.state import ProjectState

ModelIndex = QModelIndex | QPersistentModelIndex

#: Newest entries loaded at most (older ones: narrow the dates).
MAX_ENTRIES = 5000

ACTION_LABELS: dict[str, str] = {
    "project.create": "新建项目",
    "project.settings": "修改项目设置",
    "unit.add": "添加单位",
    "unit.members": "设置集体成员",
    "unit.rename": "单位改名",
    "unit.rename.undo": "撤销单位改名",
    "unit.aliases": "修改简称",
    "unit.aliases.undo": "撤销简称修改",
    "unit.role": "设置牵头或配合单位",
    "unit.role.undo": "撤销牵头或配合单位设置",
    "evidence.attach": "添加资料",
    "evidence.link": "资料关联指标",
    "evidence.withdraw": "撤回资料",
    "evidence.supersede": "资料被新提交替代",
    "info.record": "登记网址/联系方式",
    "assessment.set": "评定等级",
    "assessment.import": "从打分表导入等级",
    "assessment.undo": "撤销评定",
    "veto.trigger": "否决项触发",
    "veto.clear": "否决项解除",
    "bonus.claim": "申报加分",
    "veto.undo": "撤销否决项标记",
    "bonus.undo": "撤销加分申报",
    "scheme.load": "更改评分方案",
    "scheme.reset": "恢复参考方案",
    "review.accept": "审核通过",
    "review.return": "退回补充",
    "review.undo": "撤销审核结论",
    "exchange.kit": "签发任务包",
    "exchange.kit_import": "导入任务包",
    "exchange.kit_update": "更新任务包",
    "exchange.submit": "生成提交包",
    "exchange.import": "导入提交包",
    "exchange.returns": "发送退回通知",
    "exchange.returns_import": "导入退回通知",
    "export.report": "导出自评报告",
    "export.workbook": "导出工作簿",
    "export.bundle": "导出资料汇编",
    "export.folder": "导出资料文件夹",
    "freeze.create": "封存报送版本",
}


_DETAIL_LABELS = {
    "level": "等级",
    "previous": "原等级",
    "comment": "意见",
    "note": "说明",
    "points": "分值",
    "unit": "单位",
    "decision": "结论",
    "reason": "原因",
    "filename": "文件",
    "name": "名称",
    "file": "文件",
    "out": "输出",
    "outputs": "输出",
    "format": "格式",
    "total": "总分",
    "deadline": "截止",
    "indicators": "指标",
    "triggered": "触发",
    "kit_id": "任务包",
    "package_id": "包编号",
    "files": "文件数",
    "pages": "页数",
    "added": "新增",
    "superseded": "被替代",
    "proof_evidence_id": "证明资料",
    "source": "来源",
    "returned": "退回",
    "accepted": "通过",
    "restored": "恢复为",
    "undone": "撤销",
}
_VALUE_LABELS = {"accepted": "通过", "returned": "退回补充", True: "是", False: "否"}
_TARGET_KINDS = {
    "indicator": "第 {key} 项",
    "task": "任务 {key}",
    "veto": "否决项 {key}",
    "bonus": "加分项 {key}",
    "unit": "{key}",
    "evidence": "资料 {key}",
    "project": "本项目",
    "freeze": "封存 {key}",
}


def target_label(target: str, catalog: Catalog | None = None) -> str:
    """``indicator:12`` → 第 12 项 (in a plan ``item_label``: 任务 一.3), ``task:一.3`` → 任务 一.3,
    ``unit:县司法局`` → 县司法局, ``scheme`` → 评分方案 …"""
    if target == "scheme":
        return "评分方案"
    kind, _, key = target.partition(":")
    if kind == "indicator" and key.isdigit():
        return item_label(catalog, int(key))
    pattern = _TARGET_KINDS.get(kind)
    return pattern.format(key=key) if pattern and key else target


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def detail_summary(detail: dict[str, Any]) -> str:
    """The detail as one readable line (known keys in Chinese; long values shortened)."""
    parts = []
    for key, value in detail.items():
        if value in (None, "", [], {}) or key in ("scheme", "sha256"):
            continue
        if isinstance(value, list | dict):
            text = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool | str) and value in _VALUE_LABELS:
            text = _VALUE_LABELS[value]
        else:
            text = str(value)
        if len(text) > 60:
            text = text[:59] + "…"
        parts.append(f"{_DETAIL_LABELS.get(key, key)}：{text}")
    return "；".join(parts)


class AuditRole(IntEnum):
    ACTION = Qt.ItemDataRole.UserRole + 1
    ACTOR = Qt.ItemDataRole.UserRole + 2
    TARGET = Qt.ItemDataRole.UserRole + 3
    ENTRY_ID = Qt.ItemDataRole.UserRole + 4
    AT = Qt.ItemDataRole.UserRole + 5


class AuditColumn(IntEnum):
    AT = 0
    ACTOR = 1
    ACTION = 2
    TARGET = 3
    DETAIL = 4


class AuditTableModel(RowTableModel[AuditEntry]):
    """Audit entries, newest first."""

    role_enum = AuditRole
    #: Names the targets' indicators (a plan's tasks by their ids); set by the view.
    catalog: Catalog | None = None

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.set_rows(sorted(entries, key=lambda e: e.id, reverse=True))

    def entry(self, row: int) -> AuditEntry:
        return self.row_at(row)

    def titles(self) -> tuple[str, ...]:
        return (self.tr("时间"), self.tr("人员"), self.tr("操作"), self.tr("对象"), self.tr("详情"))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self._row_for(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                local_time(entry.at),
                entry.actor,
                action_label(entry.action),
                target_label(entry.target, self.catalog),
                detail_summary(entry.detail),
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == AuditColumn.ACTION:
                return entry.action
            if column == AuditColumn.TARGET:
                return entry.target
            if column == AuditColumn.DETAIL and entry.detail:
                return json.dumps(entry.detail, ensure_ascii=False, indent=1)[:2000]
            return None
        by_role = {
            AuditRole.ACTION: entry.action,
            AuditRole.ACTOR: entry.actor,
            AuditRole.TARGET: entry.target,
            AuditRole.ENTRY_ID: entry.id,
            AuditRole.AT: entry.at,
        }
        return by_role.get(AuditRole(role)) if role in by_role else None


class AuditTextFilter(QSortFilterProxyModel):
    """Rows whose shown or stored text contains the typed phrase ("第 12 项", "县司法局", "indicator:12")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._phrase = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._phrase = " ".join(text.lower().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._phrase:
            return True
        model = self.sourceModel()
        cells = [str(model.index(source_row, column, source_parent).data() or "") for column in AuditColumn]
        first = model.index(source_row, 0, source_parent)
        cells += [str(first.data(AuditRole.ACTION)), str(first.data(AuditRole.TARGET))]
        return any(self._phrase in cell.lower() for cell in cells)


def _utc_start(day: QDate) -> datetime:
    """Local midnight of ``day`` as an aware UTC time (the log stores UTC)."""
    local = datetime.combine(day.toPython(), time()).astimezone()  # type: ignore[arg-type]
    return local.astimezone(UTC)


class AuditView(QWidget):
    """The log, newest first, with filters applied in the query (person, kind, dates) and on screen (text)."""

    #: Entries were (re)loaded (carries how many).
    loaded = Signal(int)

    def _action_kinds(self) -> tuple[tuple[str, str], ...]:
        """The kinds of action the filter offers (prefixes ``list_log`` understands)."""
        return (
            ("evidence.", self.tr("资料")),
            ("assessment.", self.tr("评定等级")),
            ("review.", self.tr("审核")),
            ("veto.", self.tr("否决项")),
            ("bonus.", self.tr("加分项")),
            ("scheme.", self.tr("评分方案")),
            ("exchange.", self.tr("任务包与提交包")),
            ("export.", self.tr("导出")),
            ("unit.", self.tr("单位")),
            ("project.", self.tr("项目")),
            ("info.", self.tr("网址/联系方式")),
            ("freeze.", self.tr("封存")),
        )

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditView")
        self.state = state
        self.last_task: BackgroundTask | None = None
        self._generation = 0
        self._stale = True

        self.actor_combo = QComboBox()
        self.actor_combo.setObjectName("actorFilter")
        self.actor_combo.setToolTip(self.tr("只看某人的操作"))
        self.actor_combo.addItem(self.tr("全部人员"), None)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindFilter")
        self.kind_combo.addItem(self.tr("全部操作"), None)
        for prefix, label in self._action_kinds():
            self.kind_combo.addItem(label, prefix)
        today = QDate.currentDate()
        self.since_check = QCheckBox(self.tr("从"))
        self.since_edit = QDateEdit(today.addDays(-30))
        self.since_edit.setObjectName("sinceDate")
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setEnabled(False)
        self.until_check = QCheckBox(self.tr("到"))
        self.until_edit = QDateEdit(today)
        self.until_edit.setObjectName("untilDate")
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        self.until_edit.setEnabled(False)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("auditText")
        self.text_edit.setPlaceholderText(self.tr("筛选对象或详情，如“第 12 项”、“县司法局”"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.textChanged.connect(self._on_text_edit_text_changed)
        self.reload_button = QPushButton(self.tr("刷新"))
        self.reload_button.clicked.connect(self.reload)
        for widget in (self.actor_combo, self.kind_combo):
            widget.currentIndexChanged.connect(self._on_filter_changed)
        for check in (self.since_check, self.until_check):
            check.toggled.connect(self._on_filter_changed)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self._on_filter_changed)

        self.model = AuditTableModel(self)
        self.proxy = AuditTextFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("auditTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        for column in (AuditColumn.AT, AuditColumn.ACTOR, AuditColumn.ACTION, AuditColumn.TARGET):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditColumn.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")

        filters = QHBoxLayout()
        filters.addWidget(self.actor_combo)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since_edit)
        filters.addWidget(self.until_check)
        filters.addWidget(self.until_edit)
        filters.addWidget(self.text_edit, 1)
        filters.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)

    # -- loading -----------------------------------------------------------------------------------
    def query(self) -> dict[str, Any]:
        """The filters as ``list_log`` arguments."""
        args: dict[str, Any] = {"last": MAX_ENTRIES}
        actor = self.actor_combo.currentData()
        if actor:
            args["actor"] = str(actor)
        kind = self.kind_combo.currentData()
        if kind:
            args["action"] = str(kind)
        if self.since_check.isChecked():
            args["since"] = _utc_start(self.since_edit.date())
        if self.until_check.isChecked():
            args["until"] = _utc_start(self.until_edit.date()) + timedelta(days=1)  # the whole last day
        return args

    def reload(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None

        self._generation += 1
        generation = self._generation
        args = self.query()
        want_actors = self.actor_combo.count() <= 1 or self._stale

        def work(
            progress: ProgressCallback, cancel: CancelToken
        ) -> tuple[list[AuditEntry], list[str] | None]:
            entries = list_log(project, **args)
            actors = None
            if want_actors:
                actors = list_actors(project)
            return entries, actors

        def done(outcome: tuple[list[AuditEntry], list[str] | None]) -> None:
            if generation != self._generation:
                return
            entries, actors = outcome
            if actors is not None:
                self._fill_actors(actors)
            self.model.catalog = project.catalog
            self.model.set_entries(entries)
            self._stale = False
            self._update_count()
            self.loaded.emit(len(entries))

        self.last_task = run_read(
            self, work, title=self.tr("读取操作记录"), on_done=done, show_progress=False
        )
        return self.last_task

    def _fill_actors(self, actors: Sequence[str]) -> None:
        current = self.actor_combo.currentData()
        self.actor_combo.blockSignals(True)
        self.actor_combo.clear()
        self.actor_combo.addItem(self.tr("全部人员"), None)
        for actor in actors:
            self.actor_combo.addItem(actor, actor)
        position = self.actor_combo.findData(current) if current else 0
        self.actor_combo.setCurrentIndex(max(position, 0))
        self.actor_combo.blockSignals(False)

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        total = self.model.rowCount()
        text = (
            self.tr("共 {n} 条").format(n=total)
            if shown == total
            else self.tr("显示 {shown} / {n} 条").format(shown=shown, n=total)
        )
        if total >= MAX_ENTRIES:
            text += self.tr("（只列出最近 {max} 条，可按日期缩小范围）").format(max=MAX_ENTRIES)
        self.count_label.setText(text)

    # -- reacting ----------------------------------------------------------------------------------
    def _on_filter_changed(self, *args: object) -> None:
        self.reload()

    def _on_text_edit_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _on_state_opened(self, snapshot: object) -> None:
        self._stale = True
        self.model.set_entries([])
        # Behind another tab of a shown window the log is read when the page is shown (showEvent), not
        # while the project opens; a view on its own reads it at once.
        if self.isVisible() or not self.window().isVisible():
            self.reload()

    def _on_state_changed(self, change: ProjectChange) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _on_state_closed(self) -> None:
        self._generation += 1
        self.model.set_entries([])
        self._fill_actors([])
        self.count_label.clear()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale and self.state.project is not None:
            self.reload()
