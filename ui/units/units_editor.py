"""The county's units window: list, add, rename, aliases, collective members, import from a spreadsheet.

Self-contained: ``UnitsEditorDialog(project)`` takes an open writable ``Project`` (the core facade) and
calls only ``app.units`` functions; the main window opens it (wiring is the lead's). An import shows a
confirmation table: every name the matcher is unsure about gets a choice of candidates (with the
matcher's reason) or 新增单位, and nothing changes until the user confirms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.base.errors import FazhiError
from app.project.folder import Project
from app.units.editing import ImportPlan, apply_unit_import, plan_unit_import, rename_unit, set_aliases
from app.units.registry import UnitInfo, add_unit, list_units, set_collective_members
from indicator_catalog import Catalog

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

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("本县单位"))
        self.resize(900, 560)
        self.model = UnitsTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
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
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.failed.connect(self.message.setText)
        self.refresh()

    # -- actions (the buttons ask, then call these; tests call them directly) -----------------------
    def refresh(self) -> None:
        self.model.set_units(list_units(self.project), self.project.catalog)

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
        return self._run(lambda: rename_unit(self.project, old, new), self.tr("已改名，原名称保留为简称"))

    def set_aliases(self, name: str, aliases: list[str]) -> bool:
        return self._run(lambda: set_aliases(self.project, name, aliases), self.tr("已保存简称"))

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
