"""Status and file icons: each has words for what it means, and the models that show an icon give
those words in their tooltip role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.status.workspace import IndicatorStatus
from indicator_catalog import Catalog
from ui.catalog.catalog_model import CatalogRole, CatalogTreeModel
from ui.catalog.catalog_pane import CatalogPane
from ui.common.icons import file_kind_meaning, status_icon, status_label, status_meaning
from ui.common.state import ProjectState
from ui.evidence.detail_models import EvidenceColumn, EvidenceRow, EvidenceTableModel


def test_every_status_has_an_icon_and_a_meaning() -> None:
    meanings = {status_meaning(status) for status in IndicatorStatus}
    assert len(meanings) == len(IndicatorStatus)
    for status in IndicatorStatus:
        assert not status_icon(status).isNull()
        assert status_label(status) and "：" in status_meaning(status)
    assert "PDF" in file_kind_meaning("pdf") and "Excel" in file_kind_meaning("xlsx")


def test_the_tree_tooltip_says_what_the_icon_means(small_catalog: Catalog) -> None:
    model = CatalogTreeModel(small_catalog)
    seen = 0
    for area in range(model.rowCount()):
        area_index = model.index(area, 0)
        for group in range(model.rowCount(area_index)):
            group_index = model.index(group, 0, area_index)
            for row in range(model.rowCount(group_index)):
                index = model.index(row, 0, group_index)
                assert index.data(Qt.ItemDataRole.DecorationRole) is not None
                status = IndicatorStatus(index.data(CatalogRole.STATUS))
                assert status_meaning(status) in index.data(Qt.ItemDataRole.ToolTipRole)
                seen += 1
    assert seen == len(small_catalog.indicators)


def test_the_status_filter_items_explain_their_icons(qtbot: QtBot) -> None:
    pane = CatalogPane(ProjectState())
    qtbot.addWidget(pane)
    combo = pane.status_combo
    tips = {combo.itemText(i): combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())}
    for status in IndicatorStatus:
        assert tips[status_label(status)] == status_meaning(status)


def test_the_evidence_list_tooltip_names_the_file_icon() -> None:
    model = EvidenceTableModel()
    rows = [
        EvidenceRow(1, "a" * 64, "方案.pdf", "pdf", "县司法局", 3, None, "2023", "张三", None),
        EvidenceRow(2, "b" * 64, "台账.xlsx", "xlsx", "县司法局", None, 2, None, "张三", None),
    ]
    model.set_rows(rows)
    for row, kind in ((0, "pdf"), (1, "xlsx")):
        index = model.index(row, EvidenceColumn.FILENAME)
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None
        assert file_kind_meaning(kind) in index.data(Qt.ItemDataRole.ToolTipRole)
