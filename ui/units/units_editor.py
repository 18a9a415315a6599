"""The county's units window: list, add, rename, aliases, collective members, import from a spreadsheet,
and the roles: what the selected unit leads (牵头), co-works on (配合) or answers for through a collective
(责任), with 设为牵头/设为配合; and from the other side, each indicator's (or plan task's) lead and co-units.

Self-contained: ``UnitsEditorDialog(project)`` takes an open writable ``Project`` (the core facade) and
calls only ``app.units`` functions; the main window opens it (wiring is the lead's). An import shows a
confirmation table: every name the matcher is unsure about gets a choice of candidates (with the
matcher's reason) or 新增单位, and nothing changes until the user confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.base.errors import FazhiError
from app.project.folder import Project
from app.units.editing import ImportPlan, apply_unit_import, plan_unit_import
from app.units.registry import UnitInfo, add_unit, list_units, set_collective_members
from app.units.roles import (
    Assignment,
    RoleStep,
    change_unit_role,
    indicator_roles,
    item_title,
    undo_unit_role,
    unit_assignments,
)
from app.units.unit_undo import UnitStep, aliases_step, rename_step, undo_aliases, undo_rename
from indicator_catalog import Catalog
from ui.common.undo import Change, ProjectUndo, bind_actions
from ui.units.role_models import (
    ItemRolesModel,
    ItemRolesRow,
    UnitAssignmentsModel,
)

NameRole = Qt.ItemDataRole.UserRole + 1
AliasesRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3
MembersRole = Qt.ItemDataRole.UserRole + 4
IndicatorsRole = Qt.ItemDataRole.UserRole + 5

AnyIndex = QModelIndex | QPersistentModelIndex


class UnitsTableModel(QAbstractTableModel):
    """One row per unit: name, aliases, kind, members, indicators (named roles for QML or proxies)."""

    COLUMNS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._units: list[UnitInfo] = []
        self._catalog: Catalog | None = None

    def set_units(self, units: list[UnitInfo], catalog: Catalog | None = None) -> None:
        """``catalog``: shows a plan's task ids ("一.3") instead of numbers."""
        self.beginResetModel()
        self._units = list(units)
        self._catalog = catalog
        self.endResetModel()

    def unit(self, row: int) -> UnitInfo:
        return self._units[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("单位名称"),
            self.tr("简称"),
            self.tr("类型"),
            self.tr("包含单位"),
            self.tr("指标"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                NameRole: QByteArray(b"name"),
                AliasesRole: QByteArray(b"aliases"),
                KindRole: QByteArray(b"kind"),
                MembersRole: QByteArray(b"members"),
                IndicatorsRole: QByteArray(b"indicators"),
            }
        )
        return names

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._units):
            return None
        unit = self._units[index.row()]
        if role == NameRole:
            return unit.name
        if role == AliasesRole:
            return list(unit.aliases)
        if role == KindRole:
            return "collective" if unit.collective else "unit"
        if role == MembersRole:
            return list(unit.members)
        if role == IndicatorsRole:
            return list(unit.indicators)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return unit.name
            if column == 1:
                return "、".join(unit.aliases)
            if column == 2:
                return self.tr("集体名称") if unit.collective else self.tr("单位")
            if column == 3:
                return "、".join(unit.members)
            if column == 4:
                catalog = self._catalog
                return "、".join(catalog.label_of(n) if catalog else str(n) for n in unit.indicators)
        return None


class ImportConfirmDialog(QDialog):
    """The names of a unit list the matcher is unsure about, each with a choice of candidates."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("确认单位名称"))
        self.plan = plan
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("以下名称与本县已有单位相近，请逐一确认："), self))
        self.table = QTableWidget(len(plan.unconfirmed), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("表格中的名称"), self.tr("对应单位"), self.tr("理由")])
        self.combos: dict[str, QComboBox] = {}
        for row, item in enumerate(plan.unconfirmed):
            self.table.setItem(row, 0, QTableWidgetItem(item.entry.name))
            combo = QComboBox(self.table)
            for candidate in item.candidates:
                combo.addItem(candidate.name, candidate.name)
            combo.addItem(self.tr("新增单位"), None)
            self.table.setCellWidget(row, 1, combo)
            self.table.setItem(row, 2, QTableWidgetItem(item.candidates[0].reason if item.candidates else ""))
            self.combos[item.entry.name] = combo
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choices(self) -> dict[str, str | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}


class UnitsEditorDialog(QDialog):
    """Edit the county's units through the core (every change audit-logged there)."""

    changed = Signal()
    failed = Signal(str)

    def __init__(
        self,
        project: Project,
        parent: QWidget | None = None,
        *,
        undo: ProjectUndo | None = None,
        refresh_window: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        #: Role changes go on the window's undo stack (Ctrl+Z after the dialog is closed, too).
        self.undo = undo
        self.refresh_window = refresh_window
        self.setWindowTitle(self.tr("本县单位"))
        self.resize(960, 600)  # fits a 1280×720 screen with a taskbar
        self._shown_unit: str | None = None
        self.model = UnitsTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("unitsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        # Qt's default 100 px cut every name; the indicator list takes what is left.
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((230, 150, 80, 220)):
            self.view.setColumnWidth(column, width)
        plan = project.catalog.is_plan
        # -- roles: the selected unit's items, and each item's units ------------------------------
        self.assignments_model = UnitAssignmentsModel(self)
        self.assignments_model.plan = plan
        self.assignments_view = QTableView(self)
        self.assignments_view.setObjectName("assignmentsTable")
        self.assignments_view.setModel(self.assignments_model)
        self.assignments_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.assignments_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.assignments_view.horizontalHeader().setStretchLastSection(True)
        self.assignments_view.setColumnWidth(1, 400)  # 内容: the item's text
        self.assignments_view.setColumnWidth(2, 200)  # 角色: 责任（经 集体名称）
        self.assignments_label = QLabel(self.tr("选择上方的单位，查看它牵头、配合的事项"), self)
        self.assignments_label.setObjectName("assignmentsLabel")
        self.lead_button = QPushButton(self.tr("设为牵头"), self)
        self.lead_button.setObjectName("setLeadButton")
        self.lead_button.clicked.connect(self._on_lead_button_clicked)
        self.co_button = QPushButton(self.tr("设为配合"), self)
        self.co_button.setObjectName("setCoButton")
        self.co_button.clicked.connect(self._on_co_button_clicked)
        self.role_reason = self._role_reason()
        for button in (self.lead_button, self.co_button):
            button.setEnabled(not self.role_reason)
            button.setToolTip(
                self.role_reason or self.tr("把所选单位设为所选事项的牵头单位或配合单位（记入操作记录）")
            )
        role_buttons = QHBoxLayout()
        role_buttons.addWidget(self.assignments_label, 1)
        role_buttons.addWidget(self.lead_button)
        role_buttons.addWidget(self.co_button)
        unit_page = QWidget(self)
        unit_layout = QVBoxLayout(unit_page)
        unit_layout.setContentsMargins(0, 4, 0, 0)
        unit_layout.addWidget(self.assignments_view)
        unit_layout.addLayout(role_buttons)
        self.items_model = ItemRolesModel(self)
        self.items_model.plan = plan
        self.items_view = QTableView(self)
        self.items_view.setObjectName("itemRolesTable")
        self.items_view.setModel(self.items_model)
        self.items_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.items_view.horizontalHeader().setStretchLastSection(True)
        self.items_view.setColumnWidth(1, 420)
        self.role_tabs = QTabWidget(self)
        self.role_tabs.setObjectName("roleTabs")
        self.role_tabs.addTab(unit_page, self.tr("本单位承担的事项"))
        self.role_tabs.addTab(
            self.items_view,
            self.tr("按任务查看牵头和配合单位") if plan else self.tr("按指标查看牵头和配合单位"),
        )
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.role_tabs)
        splitter.setChildrenCollapsible(False)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("添加单位…"), self._ask_add),
            (self.tr("改名…"), self._ask_rename),
            (self.tr("简称…"), self._ask_aliases),
            (self.tr("包含单位…"), self._ask_members),
            (self.tr("从表格导入…"), self._ask_import),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.failed.connect(self.message.setText)
        if undo is not None:
            # The dialog is modal: its own 撤销/重做 shortcuts drive the window's stack meanwhile.
            self.undo_action = QAction(self)
            self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
            self.redo_action = QAction(self)
            self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
            self.addActions([self.undo_action, self.redo_action])
            bind_actions(undo, self.undo_action, self.redo_action)
        self.refresh()

    # -- actions (the buttons ask, then call these; tests call them directly) -----------------------
    def refresh(self) -> None:
        shown = self.shown_unit
        units = list_units(self.project)
        self.model.set_units(units, self.project.catalog)
        catalog = self.project.catalog
        self.items_model.set_rows(
            [
                ItemRolesRow(n, r.label, item_title(catalog, n), r.lead, r.co)
                for n, r in indicator_roles(self.project).items()
            ]
        )
        if shown is not None and any(u.name == shown for u in units):
            self.show_unit(shown)
        else:
            self.show_unit(None)

    @property
    def shown_unit(self) -> str | None:
        """The unit whose items the lower table shows."""
        return self._shown_unit

    def show_unit(self, name: str | None) -> None:
        """Show what ``name`` leads, co-works on or answers for (``None``: nothing)."""
        self._shown_unit = name
        if name is None:
            self.assignments_model.set_rows([])
            self.assignments_label.setText(self.tr("选择上方的单位，查看它牵头、配合的事项"))
            return
        rows = unit_assignments(self.project, name)
        self.assignments_model.set_rows(rows)
        lead = sum(1 for r in rows if r.role == "lead")
        co = sum(1 for r in rows if r.role == "co")
        self.assignments_label.setText(
            self.tr("{unit}：牵头 {lead} 项，配合 {co} 项，经集体名称承担 {member} 项").format(
                unit=name, lead=lead, co=co, member=len(rows) - lead - co
            )
        )

    def select_unit(self, name: str) -> bool:
        """Select ``name`` in the units table (its items show below)."""
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(NameRole) == name:
                self.view.selectRow(row)
                self.show_unit(name)
                return True
        return False

    def set_role(self, unit: str, number: int, role: str) -> bool:
        """Make ``unit`` the lead (``"lead"``) or a co-unit (``"co"``) of indicator/task ``number``."""
        label = self.project.catalog.label_of(number)
        done = (
            self.tr("已把 {unit} 设为 {item} 的牵头单位")
            if role == "lead"
            else self.tr("已把 {unit} 设为 {item} 的配合单位")
        ).format(unit=unit, item=label)
        steps: list[RoleStep] = []
        if not self._run(lambda: steps.append(change_unit_role(self.project, unit, number, role)), done):
            return False
        if self.undo is not None:
            step = steps[0]
            text = (
                self.tr("把 {unit} 设为 {item} 的牵头单位")
                if role == "lead"
                else self.tr("把 {unit} 设为 {item} 的配合单位")
            ).format(unit=step.unit, item=label)
            self.undo.record(
                Change(
                    text=text,
                    do=lambda p: change_unit_role(p, step.unit, number, role),
                    undo=lambda p: undo_unit_role(p, step),
                    after=self._after_role_step,
                )
            )
        return True

    def _after_role_step(self, result: object, undone: bool) -> None:
        """An undo or redo of a role change finished (the dialog may be closed by then)."""
        if shiboken6.isValid(self) and self.isVisible():
            self.refresh()
            self.changed.emit()
        elif self.refresh_window is not None:
            self.refresh_window()

    def _role_reason(self) -> str:
        if self.project.readonly:
            return self.tr("项目以只读方式打开，不能修改牵头和配合单位")
        if self.project.info.role == "unit":
            return self.tr("单位工作区不能修改牵头和配合单位（由依法治县办确定）")
        return ""

    def _selected_assignment(self) -> Assignment | None:
        rows = self.assignments_view.selectionModel().selectedRows()
        return self.assignments_model.row_at(rows[0].row()) if rows else None

    def _ask_role(self, role: str) -> None:
        unit, item = self.shown_unit, self._selected_assignment()
        if unit is None or item is None:
            self.failed.emit(self.tr("请先选择一个单位和它承担的一项事项"))
            return
        self.set_role(unit, item.number, role)

    def _on_lead_button_clicked(self) -> None:
        self._ask_role("lead")

    def _on_co_button_clicked(self) -> None:
        self._ask_role("co")

    def _on_view_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.show_unit(str(current.data(NameRole)) if current.isValid() else None)

    def _run(self, action: Any, done: str) -> bool:
        try:
            action()
        except FazhiError as exc:
            self.failed.emit(str(exc))
            return False
        self.refresh()
        self.message.setText(done)
        self.changed.emit()
        return True

    def add(self, name: str, aliases: list[str] | None = None, *, collective: bool = False) -> bool:
        return self._run(
            lambda: add_unit(self.project, name, aliases or [], collective=collective), self.tr("已添加单位")
        )

    def rename(self, old: str, new: str) -> bool:
        """Rename ``old`` (the old name stays an alias); on the window's undo stack."""
        steps: list[UnitStep] = []

        def act() -> None:
            steps.append(rename_step(self.project, old, new))
            if self._shown_unit == old:
                self._shown_unit = steps[0].name_after  # its items stay shown under the new name

        if not self._run(act, self.tr("已改名，原名称保留为简称")):
            return False
        step = steps[0]
        if step.name_after != step.name_before:
            text = self.tr("把 {old} 改名为 {new}").format(old=step.name_before, new=step.name_after)
            self._record_unit_step(text, step, lambda p: rename_step(p, step.name_before, step.name_after))
        return True

    def set_aliases(self, name: str, aliases: list[str]) -> bool:
        """Replace ``name``'s aliases; on the window's undo stack."""
        steps: list[UnitStep] = []
        if not self._run(
            lambda: steps.append(aliases_step(self.project, name, aliases)), self.tr("已保存简称")
        ):
            return False
        step = steps[0]
        wanted = [a for _i, a in step.aliases_after]
        if step.aliases_after != step.aliases_before:
            text = self.tr("修改 {unit} 的简称").format(unit=step.name_after)
            self._record_unit_step(text, step, lambda p: aliases_step(p, step.name_after, wanted))
        return True

    def _record_unit_step(self, text: str, step: UnitStep, again: Callable[[Project], UnitStep]) -> None:
        """Put a rename or alias edit on the undo stack; each redo's step is the one the next undo takes
        back (a redo may give the aliases new row ids)."""
        if self.undo is None:
            return
        latest = [step]
        take_back = undo_rename if step.kind == "rename" else undo_aliases

        def do(project: Project) -> UnitStep:
            latest[0] = again(project)
            return latest[0]

        def after(result: object, undone: bool) -> None:
            # The unit shown below follows its name both ways (the dialog may be closed by then).
            name_from, name_to = (
                (step.name_after, step.name_before) if undone else (step.name_before, step.name_after)
            )
            if self._shown_unit == name_from:
                self._shown_unit = name_to
            self._after_role_step(result, undone)

        self.undo.record(Change(text=text, do=do, undo=lambda p: take_back(p, latest[0]), after=after))

    def set_members(self, collective: str, members: list[str]) -> bool:
        return self._run(
            lambda: set_collective_members(self.project, collective, members), self.tr("已保存包含单位")
        )

    def plan_import(self, path: Path) -> ImportPlan | None:
        try:
            return plan_unit_import(self.project, path)
        except FazhiError as exc:
            self.failed.emit(str(exc))
            return None

    def apply_import(self, plan: ImportPlan, choices: dict[str, str | None]) -> bool:
        return self._run(lambda: apply_unit_import(self.project, plan, choices), self.tr("已导入单位名单"))

    # -- prompts ------------------------------------------------------------------------------------
    def selected_unit(self) -> UnitInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.unit(rows[0].row()) if rows else None

    @staticmethod
    def _split(text: str) -> list[str]:
        return [p.strip() for p in text.replace("，", "、").replace(",", "、").split("、") if p.strip()]

    def _ask_add(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("添加单位"), self.tr("单位名称："))
        if ok and name.strip():
            self.add(name.strip())

    def _ask_rename(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            self.failed.emit(self.tr("请先选择一个单位"))
            return
        new, ok = QInputDialog.getText(self, self.tr("改名"), self.tr("新名称："), text=unit.name)
        if ok and new.strip():
            self.rename(unit.name, new.strip())

    def _ask_aliases(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            self.failed.emit(self.tr("请先选择一个单位"))
            return
        text, ok = QInputDialog.getText(
            self, self.tr("简称"), self.tr("简称（用顿号分隔）："), text="、".join(unit.aliases)
        )
        if ok:
            self.set_aliases(unit.name, self._split(text))

    def _ask_members(self) -> None:
        unit = self.selected_unit()
        if unit is None or not unit.collective:
            self.failed.emit(self.tr("请先选择一个集体名称"))
            return
        text, ok = QInputDialog.getText(
            self, self.tr("包含单位"), self.tr("包含的单位（用顿号分隔）："), text="、".join(unit.members)
        )
        if ok:
            self.set_members(unit.name, self._split(text))

    def _ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择单位名单"), "", self.tr("Excel 表格 (*.xlsx)")
        )
        if not path:
            return
        plan = self.plan_import(Path(path))
        if plan is None:
            return
        choices: dict[str, str | None] = {}
        if plan.unconfirmed:
            confirm = ImportConfirmDialog(plan, self)
            if confirm.exec() != QDialog.DialogCode.Accepted:
                return
            choices = confirm.choices()
        self.apply_import(plan, choices)
