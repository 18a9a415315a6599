"""The catalog view shows the open question of indicator 69: a mark on its tree row, a note in the
tooltips of 69 and of both groups it may belong to (四.6, 五.1), and a note on the indicator panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from indicator_catalog import load_builtin
from indicator_catalog.placements import with_placement
from ui.catalog.catalog_model import CatalogTreeModel
from ui.catalog.indicator_panel import IndicatorPanel


def _group_index(model: CatalogTreeModel, code: str) -> object:
    for area_row in range(model.rowCount()):
        area = model.index(area_row, 0)
        for group_row in range(model.rowCount(area)):
            group = model.index(group_row, 0, area)
            if str(group.data()).startswith(f"{code} "):
                return group
    raise AssertionError(code)


def test_tree_marks_69_and_notes_both_groups(qtbot: QtBot) -> None:
    catalog = load_builtin("national-2021")
    model = CatalogTreeModel(catalog)
    row = model.indicator_index(69)
    assert str(row.data()).startswith("69.（归属待定）坚持将行政权力制约")
    assert "本项目按 四.6 计分，另可归入 五.1" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert str(model.indicator_index(70).data()).startswith("70. ")
    for code in ("四.6", "五.1"):
        tip = _group_index(model, code).data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[attr-defined]
        assert "第 69 项归属待定" in tip, code
    assert "归属待定" not in _group_index(model, "四.5").data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[attr-defined]

    moved = CatalogTreeModel(with_placement(catalog, "placement-69", "五.1"))
    assert "本项目按 五.1 计分，另可归入 四.6" in moved.indicator_index(69).data(Qt.ItemDataRole.ToolTipRole)


def test_indicator_panel_notes_the_open_question(qtbot: QtBot) -> None:
    panel = IndicatorPanel()
    qtbot.addWidget(panel)
    panel.set_catalog(load_builtin("national-2021"))
    panel.show()
    panel.show_indicator(69, None)
    assert panel.placement_label.isVisible()
    text = panel.placement_label.text()
    assert "归属待定" in text and "本项目按 四.6“健全行政执法人员管理制度”计分（指标体系默认）" in text
    assert "五.1“自觉接受各类监督”" in text
    panel.show_indicator(70, None)
    assert not panel.placement_label.isVisible()
