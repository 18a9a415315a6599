"""The evidence list shows outside names by the one display rule; the raw name stays in its role."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.evidence.detail_models import EvidenceColumn, EvidenceRole, EvidenceRow, EvidenceTableModel


def test_bidi_and_control_characters_are_shown_escaped(qtbot: QtBot) -> None:
    del qtbot  # the QApplication
    model = EvidenceTableModel()
    raw = "发票\u202efdp\x1b[31m.pdf"
    row = EvidenceRow(
        1, "a" * 64, raw, "pdf", "县司法局", 1, None, None, "测试员", datetime.now(UTC), title="题\u2028目"
    )
    model.set_rows([row])
    index = model.index(0, int(EvidenceColumn.FILENAME))
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "发票[U+202E]fdp[U+001B][31m.pdf"
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "[U+202E]" in tooltip and "题[U+2028]目" in tooltip and "\u202e" not in tooltip
    assert model.data(index, EvidenceRole.FILENAME) == raw
