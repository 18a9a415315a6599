"""What a clerk sees at 1366×768 and 1280×720: the evidence list's columns fit (添加时间 was cut), the
catalog tree has a sensible share of the window and cuts long names at the end with the whole
text in the tooltip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from indicator_catalog import load_builtin
from ui.catalog.catalog_model import TOOLTIP_LINE_CHARS, CatalogTreeModel
from ui.catalog.indicator_panel import IndicatorPanel, evidence_column_widths
from ui.evidence.detail_models import EvidenceColumn, EvidenceRow
from ui.shell.main_window import SPLITTER_DEFAULT


def _rows(n: int, unit: str = "县司法局") -> list[EvidenceRow]:
    added = datetime(2026, 12, 7, 7, 41, tzinfo=UTC)
    return [
        EvidenceRow(
            i,
            f"{i:064x}",
            f"县司法局-第26项-材料{i}.pdf",
            "pdf",
            unit,
            1,
            None,
            "2021",
            unit,
            added,
        )
        for i in range(1, n + 1)
    ]


def test_every_evidence_column_is_at_least_as_wide_as_its_header(qtbot: QtBot) -> None:
    panel = IndicatorPanel()
    qtbot.addWidget(panel)
    panel.evidence_model.set_rows(_rows(3))
    view = panel.evidence_view
    header = view.horizontalHeader()
    widths = evidence_column_widths(panel.evidence_model, view.fontMetrics(), header.fontMetrics(), 0)
    for column, width in widths.items():
        title = str(panel.evidence_model.headerData(column, Qt.Orientation.Horizontal))
        assert width >= header.fontMetrics().horizontalAdvance(title), title
    assert set(widths) == set(EvidenceColumn) - {EvidenceColumn.FILENAME}


@pytest.mark.parametrize("unit", ["县司法局", "县行政审批服务管理局"])
def test_the_evidence_list_fits_the_middle_at_1366_and_1280(qtbot: QtBot, unit: str) -> None:
    """Long unit names (seen on the demo county at 1366×768) must not push 添加时间 off the list."""
    panel = IndicatorPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.evidence_view.horizontalHeader()
    # The middle pane's share of a 1366- and a 1280-px window (what the splitter gives it by default).
    for window_width in (1366, 1280):
        middle = window_width * SPLITTER_DEFAULT[1] // sum(SPLITTER_DEFAULT)
        panel.resize(middle, 600)
        panel.set_evidence(_rows(7, unit))
        qtbot.waitUntil(lambda: header.length() > 0)
        viewport = panel.evidence_view.viewport().width()
        assert header.length() <= viewport, (window_width, header.length(), viewport)
        # …and the file name keeps at least a third of the list.
        assert header.sectionSize(EvidenceColumn.FILENAME) >= viewport // 3
    # The minute is in the tooltip; the column shows the date.
    index = panel.evidence_model.index(0, EvidenceColumn.ADDED_AT)
    assert len(str(index.data())) == len("2026-12-07")
    tip = str(panel.evidence_model.index(0, EvidenceColumn.FILENAME).data(Qt.ItemDataRole.ToolTipRole))
    assert "添加时间：2026-12-07 " in tip


def test_the_tree_gets_a_quarter_of_the_window_and_whole_names_in_tooltips(qtbot: QtBot) -> None:
    assert SPLITTER_DEFAULT[0] / sum(SPLITTER_DEFAULT) >= 0.25
    catalog = load_builtin("national-2021")
    model = CatalogTreeModel(catalog)
    indicator = catalog.indicator(17)
    index = model.indicator_index(17)
    tip = str(index.data(Qt.ItemDataRole.ToolTipRole))
    lines = tip.splitlines()
    joined = "".join(lines)
    assert joined.startswith("17.") and indicator.text[:20] in joined and indicator.text[-10:] in joined
    assert max(len(line) for line in lines) <= TOOLTIP_LINE_CHARS


def test_the_tree_keeps_the_start_of_each_name(qtbot: QtBot) -> None:
    from ui.catalog.catalog_pane import CatalogPane
    from ui.common.state import ProjectState

    pane = CatalogPane(ProjectState())
    qtbot.addWidget(pane)
    assert pane.tree.textElideMode() == Qt.TextElideMode.ElideRight
