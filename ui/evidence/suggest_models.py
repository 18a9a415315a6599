"""The table of 按文件夹智能归档: one row per file with the proposed indicators and the clerk's choice.

``FilingTableModel`` holds the choice per file (an indicator number, or None for 不归档) and offers the
choices of a row (``FilingRole.CHOICES``: the top suggestions first, then 不归档, then every other
indicator of the unit); ``ChoiceDelegate`` edits the choice column with a combo box.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.evidence.finding import FolderProposal
from ui.common.formatting import item_label
from ui.common.row_table_model import ModelIndex, RowTableModel


class FilingRole(IntEnum):
    PATH = Qt.ItemDataRole.UserRole + 1
    SUGGESTIONS = Qt.ItemDataRole.UserRole + 2  # tuple[int, ...], best first
    CHOSEN = Qt.ItemDataRole.UserRole + 3  # int | None (不归档)
    REFUSED = Qt.ItemDataRole.UserRole + 4  # the reason, or None
    CHOICES = Qt.ItemDataRole.UserRole + 5  # list[tuple[str, int | None]] for the combo


class FilingColumn(IntEnum):
    FILE = 0
    SUGGESTED = 1
    CHOSEN = 2
    NOTE = 3


@dataclass(frozen=True)
class FilingRow:
    path: Path
    suggestions: tuple[int, ...]
    refused: str | None
    chosen: int | None


class FilingTableModel(RowTableModel[FilingRow]):
    """Files of the folder, what the core proposes for each, and what the clerk confirms."""

    role_enum = FilingRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed: tuple[int, ...] = ()
        self._labels: dict[int, str] = {}

    def set_proposal(self, proposal: FolderProposal | None, labels: Mapping[int, str]) -> None:
        """Show ``proposal`` (None: empty); each file starts on its top suggestion (不归档 if none)."""
        self.beginResetModel()
        self._labels = dict(labels)
        if proposal is None:
            self._rows, self._allowed = [], ()
        else:
            self._allowed = proposal.allowed
            self._rows = [
                FilingRow(item.path, item.indicators, item.refused, None if item.refused else item.top)
                for item in proposal.files
            ]
        self.endResetModel()

    def row(self, number: int) -> FilingRow:
        return self._rows[number]

    def confirmed(self) -> list[tuple[Path, int]]:
        """(file, indicator) for every row the clerk files (not refused, not 不归档)."""
        return [(r.path, r.chosen) for r in self._rows if r.chosen is not None and r.refused is None]

    def label(self, number: int) -> str:
        return self._labels.get(number) or item_label(None, number)

    def choices(self, row: int) -> list[tuple[str, int | None]]:
        item = self._rows[row]
        if item.refused is not None:
            return [(self.tr("不归档"), None)]
        top = [n for n in item.suggestions if n in self._allowed or not self._allowed]
        first = [
            (self.tr("{label}（推荐 {rank}）").format(label=self.label(n), rank=r), n)
            for r, n in enumerate(top, 1)
        ]
        rest = [(self.label(n), n) for n in self._allowed if n not in top]
        return [*first, (self.tr("不归档"), None), *rest]

    # -- Qt ------------------------------------------------------------------------------------------
    def titles(self) -> tuple[str, ...]:
        return (self.tr("文件"), self.tr("推荐指标"), self.tr("归入"), self.tr("说明"))

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and index.column() == FilingColumn.CHOSEN
            and self._rows[index.row()].refused is None
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._row_for(index)
        if item is None:
            return None
        roles: dict[int, Any] = {
            FilingRole.PATH: item.path,
            FilingRole.SUGGESTIONS: item.suggestions,
            FilingRole.CHOSEN: item.chosen,
            FilingRole.REFUSED: item.refused,
        }
        if role in roles:
            return roles[role]
        if role == FilingRole.CHOICES:
            return self.choices(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == FilingColumn.FILE:
                return item.path.name
            if column == FilingColumn.SUGGESTED:
                return "、".join(str(n) for n in item.suggestions) or self.tr("（无）")
            if column == FilingColumn.CHOSEN:
                return self.tr("不归档") if item.chosen is None else self.label(item.chosen)
            if column == FilingColumn.NOTE:
                if item.refused is not None:
                    return item.refused
                return "" if item.suggestions else self.tr("未找到匹配的指标，请手动选择")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FilingColumn.FILE:
                return str(item.path)
            if column == FilingColumn.NOTE and item.refused is not None:
                return item.refused
        if role == Qt.ItemDataRole.ForegroundRole and item.refused is not None:
            return QColor("#b00020")
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role not in (Qt.ItemDataRole.EditRole, FilingRole.CHOSEN)
            or not index.isValid()
            or index.column() != FilingColumn.CHOSEN
        ):
            return False
        item = self._rows[index.row()]
        if item.refused is not None:
            return False
        number = None if value is None else int(value)
        if number is not None and self._allowed and number not in self._allowed:
            return False
        self._rows[index.row()] = replace(item, chosen=number)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, FilingRole.CHOSEN])
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of the row's choices (``FilingRole.CHOICES``); a pick is written back at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("filingChoice")
        for label, number in index.data(FilingRole.CHOICES) or []:
            combo.addItem(label, number)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        chosen = index.data(FilingRole.CHOSEN)
        found = next((i for i in range(editor.count()) if editor.itemData(i) == chosen), 0)
        if editor.currentIndex() != found:
            editor.blockSignals(True)
            editor.setCurrentIndex(found)
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
