"""The search results table: one row per page found, with named roles for every column's value.

The snippet column holds HTML (the page text around the hit, escaped, the hits in ``<b>``), painted by
``ui.search.snippet_delegate.RichTextDelegate``; ``SearchRole.PLAIN_SNIPPET`` gives it without tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from app.evidence.finding import SearchHit
from indicator_catalog import Catalog
from ui.common.row_table_model import ModelIndex, RowTableModel

_TAGS = re.compile(r"<[^>]+>")


class SearchRole(IntEnum):
    INDICATORS = Qt.ItemDataRole.UserRole + 1  # tuple[int, ...]
    UNIT = Qt.ItemDataRole.UserRole + 2
    FILE = Qt.ItemDataRole.UserRole + 3
    PAGE = Qt.ItemDataRole.UserRole + 4  # 1-based
    SNIPPET = Qt.ItemDataRole.UserRole + 5  # HTML, hits in <b>
    PLAIN_SNIPPET = Qt.ItemDataRole.UserRole + 6
    EVIDENCE_ID = Qt.ItemDataRole.UserRole + 7
    HIT = Qt.ItemDataRole.UserRole + 8  # the SearchHit itself


class SearchColumn(IntEnum):
    INDICATORS = 0
    UNIT = 1
    FILE = 2
    PAGE = 3
    SNIPPET = 4


def plain_snippet(snippet: str) -> str:
    """The snippet's text without its tags (for tooltips, copying and tests)."""
    return html.unescape(_TAGS.sub("", snippet))


class SearchResultsModel(RowTableModel[SearchHit]):
    """The pages a search found, in the order the core returned them."""

    role_enum = SearchRole
    #: The project's catalog: a plan's tasks are named by their ids as printed ("一.3").
    catalog: Catalog | None = None

    def set_catalog(self, catalog: Catalog | None) -> None:
        self.catalog = catalog
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def _label(self, number: int) -> str:
        catalog = self.catalog
        if catalog is not None and catalog.is_plan and catalog.has_indicator(number):
            return catalog.label_of(number)
        return str(number)

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.set_rows(hits)

    def hit(self, row: int) -> SearchHit:
        return self.row_at(row)

    def titles(self) -> tuple[str, ...]:
        first = self.tr("任务") if self.catalog is not None and self.catalog.is_plan else self.tr("指标")
        return (first, self.tr("单位"), self.tr("文件"), self.tr("页"), self.tr("摘录"))

    def _role_value(self, hit: SearchHit, role: int) -> Any:
        values: dict[int, Any] = {
            SearchRole.INDICATORS: hit.indicators,
            SearchRole.UNIT: hit.unit,
            SearchRole.FILE: hit.filename,
            SearchRole.PAGE: hit.page,
            SearchRole.SNIPPET: hit.snippet,
            SearchRole.PLAIN_SNIPPET: plain_snippet(hit.snippet),
            SearchRole.EVIDENCE_ID: hit.evidence_id,
            SearchRole.HIT: hit,
        }
        return values.get(role)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self._row_for(index)
        if hit is None:
            return None
        column = index.column()
        if role >= Qt.ItemDataRole.UserRole:
            return self._role_value(hit, role)
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                "、".join(self._label(n) for n in hit.indicators),
                hit.unit,
                hit.filename,
                str(hit.page),
                hit.snippet,  # HTML: the delegate paints it
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == SearchColumn.SNIPPET:
                return plain_snippet(hit.snippet)
            if column == SearchColumn.FILE:
                source = self.tr("（文字识别）") if hit.source == "ocr" else ""
                return f"{hit.title} · #{hit.evidence_id}{source}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SearchColumn.PAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
