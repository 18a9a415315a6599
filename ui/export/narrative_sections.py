"""The list of the report's text parts the narrative editor shows: the sections in the official order
(基本情况, 主要做法和成效 per 一级指标, 存在问题和整改措施, 下一步打算), then one 自评说明 per third-level
indicator, under a heading row. Each row knows its status (未撰写 / 含待补充 / 已撰写) and whether the
editor holds unsaved changes for it (a ● before the title)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.narrative.store import note_key, section_titles
from exports.report_data import DRAFT_PLACEHOLDER
from indicator_catalog import Catalog

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

KIND_SECTION = "section"
KIND_NOTE = "note"
KIND_HEADING = "heading"

#: Shown before the title of a part with unsaved changes.
MODIFIED_MARK = "● "


class NarrativeRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # "basic", "area:1", …, "indicator:N"; "" for the heading
    KIND = Qt.ItemDataRole.UserRole + 2  # section | note | heading
    TITLE = Qt.ItemDataRole.UserRole + 3  # the title without the unsaved mark
    STATUS = Qt.ItemDataRole.UserRole + 4  # 未撰写 / 含待补充 / 已撰写 (as stored)
    MODIFIED = Qt.ItemDataRole.UserRole + 5  # the editor holds unsaved changes
    NUMBER = Qt.ItemDataRole.UserRole + 6  # indicator number of a note, else None


@dataclass(frozen=True)
class NarrativeEntry:
    key: str
    kind: str
    title: str
    number: int | None = None


def text_status(text: str) -> str:
    """未撰写, 含待补充 (a draft's gap notes are still in it) or 已撰写."""
    if not text.strip():
        return "未撰写"
    return "含待补充" if DRAFT_PLACEHOLDER in text else "已撰写"


def narrative_entries(catalog: Catalog, heading: str) -> list[NarrativeEntry]:
    """Every part of the report's text in order, with ``heading`` above the indicators' notes."""
    entries = [NarrativeEntry(key, KIND_SECTION, title) for key, title in section_titles(catalog).items()]
    entries.append(NarrativeEntry("", KIND_HEADING, heading))
    for indicator in catalog.indicators:
        short = indicator.text if len(indicator.text) <= 18 else indicator.text[:17] + "…"
        entries.append(
            NarrativeEntry(
                note_key(indicator.number), KIND_NOTE, f"{indicator.number}. {short}", indicator.number
            )
        )
    return entries


class NarrativeSectionModel(QAbstractListModel):
    """The parts of the report's text as a list (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[NarrativeEntry] = []
        self._row_of: dict[str, int] = {}
        self._stored: dict[str, str] = {}
        self._modified: set[str] = set()

    # -- filling --------------------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog | None) -> None:
        self.beginResetModel()
        self._entries = narrative_entries(catalog, self.tr("三级指标自评说明")) if catalog is not None else []
        self._row_of = {entry.key: row for row, entry in enumerate(self._entries) if entry.key}
        self._stored = {}
        self._modified = set()
        self.endResetModel()

    def set_stored(self, texts: Mapping[str, str]) -> None:
        """The stored text of every key (missing keys: nothing written)."""
        self._stored = dict(texts)
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def set_modified(self, key: str, modified: bool) -> None:
        if (key in self._modified) == modified:
            return
        if modified:
            self._modified.add(key)
        else:
            self._modified.discard(key)
        row = self._row_of.get(key)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))

    # -- access ---------------------------------------------------------------------------------
    def entry(self, row: int) -> NarrativeEntry:
        return self._entries[row]

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    def part_keys(self) -> list[str]:
        return [entry.key for entry in self._entries if entry.key]

    def modified_keys(self) -> list[str]:
        """Keys with unsaved changes, in list order."""
        return [key for key in self.part_keys() if key in self._modified]

    def title(self, key: str) -> str:
        row = self._row_of.get(key)
        return self._entries[row].title if row is not None else key

    # -- the model ------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._entries[index.row()].kind == KIND_HEADING:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in NarrativeRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        modified = entry.key in self._modified
        status = text_status(self._stored.get(entry.key, "")) if entry.key else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return (MODIFIED_MARK if modified else "") + entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.kind == KIND_HEADING:
                return None
            tip = self.tr("{title}：{status}").format(title=entry.title, status=self._status_text(status))
            return tip + (self.tr("（有未保存的修改）") if modified else "")
        if role == Qt.ItemDataRole.FontRole and (entry.kind == KIND_HEADING or modified):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.kind == KIND_HEADING:
                return QBrush(QColor("#555555"))
            if status == "未撰写" and not modified:
                return QBrush(QColor("#8a8a8a"))
            if status == "含待补充":
                return QBrush(QColor("#a05a00"))
            return None
        return self._role_data(entry, role, status, modified)

    def _status_text(self, status: str) -> str:
        if status == "未撰写":
            return self.tr("未撰写")
        if status == "含待补充":
            return self.tr("含待补充的草稿文字")
        return self.tr("已撰写")

    @staticmethod
    def _role_data(entry: NarrativeEntry, role: int, status: str, modified: bool) -> Any:
        if role == NarrativeRole.KEY:
            return entry.key
        if role == NarrativeRole.KIND:
            return entry.kind
        if role == NarrativeRole.TITLE:
            return entry.title
        if role == NarrativeRole.STATUS:
            return status
        if role == NarrativeRole.MODIFIED:
            return modified
        if role == NarrativeRole.NUMBER:
            return entry.number
        return None
