"""The units window's role tables: what a unit leads, co-works on or answers for through a collective
(``UnitAssignmentsModel``), and each indicator's or task's lead and co-units (``ItemRolesModel``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.units.roles import Assignment
from ui.common.row_table_model import ModelIndex, RowTableModel


class AssignmentRole(IntEnum):
    NUMBER = Qt.ItemDataRole.UserRole + 1
    LABEL = Qt.ItemDataRole.UserRole + 2
    ROLE = Qt.ItemDataRole.UserRole + 3  # "lead" | "co" | "member"
    VIA = Qt.ItemDataRole.UserRole + 4


class UnitAssignmentsModel(RowTableModel[Assignment]):
    """What one unit answers for: 编号 (indicator number or task id), 内容, 角色, 牵头单位."""

    role_enum = AssignmentRole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = False

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("任务") if self.plan else self.tr("指标"),
            self.tr("内容"),
            self.tr("角色"),
            self.tr("牵头单位"),
        )

    def role_text(self, row: Assignment) -> str:
        if row.role == "lead":
            return self.tr("牵头")
        if row.role == "co":
            return self.tr("配合")
        return self.tr("责任（经 {via}）").format(via=row.via) if row.via else self.tr("责任")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_for(index)
        if row is None:
            return None
        if role == AssignmentRole.NUMBER:
            return row.number
        if role == AssignmentRole.LABEL:
            return row.label
        if role == AssignmentRole.ROLE:
            return row.role
        if role == AssignmentRole.VIA:
            return row.via
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return row.label
            if column == 1:
                return row.title if role == Qt.ItemDataRole.ToolTipRole else row.title[:60]
            if column == 2:
                return self.role_text(row)
            if column == 3:
                return "、".join(row.lead)
        return None


@dataclass(frozen=True)
class ItemRolesRow:
    """One indicator or task seen from the other side: its lead and co-units."""

    number: int
    label: str
    title: str
    lead: tuple[str, ...]
    co: tuple[str, ...]


class ItemRolesRole(IntEnum):
    NUMBER = Qt.ItemDataRole.UserRole + 1
    LABEL = Qt.ItemDataRole.UserRole + 2
    LEAD = Qt.ItemDataRole.UserRole + 3
    CO = Qt.ItemDataRole.UserRole + 4


class ItemRolesModel(RowTableModel[ItemRolesRow]):
    """Per indicator or task: 编号, 内容, 牵头单位, 配合单位."""

    role_enum = ItemRolesRole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = False

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("任务") if self.plan else self.tr("指标"),
            self.tr("内容"),
            self.tr("牵头单位"),
            self.tr("配合单位"),
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_for(index)
        if row is None:
            return None
        if role == ItemRolesRole.NUMBER:
            return row.number
        if role == ItemRolesRole.LABEL:
            return row.label
        if role == ItemRolesRole.LEAD:
            return list(row.lead)
        if role == ItemRolesRole.CO:
            return list(row.co)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return row.label
            if column == 1:
                return row.title if role == Qt.ItemDataRole.ToolTipRole else row.title[:60]
            if column == 2:
                return "、".join(row.lead) or (
                    self.tr("未定牵头单位") if role == Qt.ItemDataRole.DisplayRole else ""
                )
            if column == 3:
                return "、".join(row.co)
        return None
