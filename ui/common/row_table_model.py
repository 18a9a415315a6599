"""A generic read-only table model over a list of frozen rows (the boilerplate shared by ui/ tables)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument

RowT = TypeVar("RowT")


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table over a list of frozen rows; subclasses give titles, roles and cell values.

    The column count is the number of titles; the custom roles named in ``role_enum`` are exposed
    through ``roleNames`` under their lower-case names.
    """

    role_enum: ClassVar[type[IntEnum] | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def titles(self) -> tuple[str, ...]:
        """The translated header titles, one per column."""
        raise NotImplementedError

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def _row_for(self, index: ModelIndex) -> RowT | None:
        """The row behind a valid index, or None (invalid or stale index)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.titles())

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        if self.role_enum is not None:
            for role in self.role_enum:
                names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None


__all__ = ["ModelIndex", "RowT", "RowTableModel"]
