"""按文件夹智能归档 with 识别扫描件文字（OCR）: the box is off without the engine (tooltip says why);
checked, a scan is proposed from what a stubbed OCR reads in it, and filing reuses that text."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.evidence.suggest_dialog import SuggestFilingDialog
from ui.evidence.suggest_models import FilingColumn, FilingRole

sys.path.insert(0, str(Path(__file__).parents[2] / "app" / "evidence" / "formats"))
from formats_builders import FakeOcr, install_fake_ocr, jpeg  # the format tests' builders

pytest_plugins = ["conftest_part2"]

SCAN_TEXT = "关于行政规范性文件备案审查情况的报告，报送行政规范性文件备案审查，有件必备、有备必审"


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeOcr:
    return install_fake_ocr(
        monkeypatch,
        [SCAN_TEXT],
        "app.evidence.finding.ocr_available",
        "ui.evidence.suggest_dialog.ocr_installed",
    )


def _dialog(qtbot: QtBot, state: Any, folder: Path) -> SuggestFilingDialog:
    dialog = SuggestFilingDialog(state, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.set_unit("县司法局")
    return dialog


def _analyse(qtbot: QtBot, dialog: SuggestFilingDialog) -> list[int]:
    with qtbot.waitSignal(dialog.proposed, timeout=30_000):
        qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    suggestions: list[int] = dialog.model.index(0, FilingColumn.FILE).data(FilingRole.SUGGESTIONS)
    return suggestions


def test_without_the_engine_the_box_is_off_and_says_why(
    qtbot: QtBot, part2_state: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.evidence.suggest_dialog.ocr_installed", lambda: False)
    dialog = _dialog(qtbot, part2_state, tmp_path)
    assert not dialog.ocr_check.isEnabled()
    assert "未安装" in dialog.ocr_check.toolTip() and "rapidocr" in dialog.ocr_check.toolTip()


def test_checked_the_scan_is_proposed_from_its_ocr_text_and_filed_without_a_second_read(
    qtbot: QtBot, part2_state: Any, tmp_path: Path, engine: FakeOcr
) -> None:
    folder = tmp_path / "扫描件"
    folder.mkdir()
    jpeg(folder / "IMG_0001.jpg", size=(120, 80), color="white")
    dialog = _dialog(qtbot, part2_state, folder)
    assert dialog.ocr_check.isEnabled() and not dialog.ocr_check.isChecked()
    plain = _analyse(qtbot, dialog)
    assert plain[:1] != [5] and engine.calls == 0  # a camera's file name says nothing
    dialog.ocr_check.setChecked(True)
    read = _analyse(qtbot, dialog)
    assert read[0] == 5 and engine.calls == 1
    assert dialog.model.confirmed() == [(folder / "IMG_0001.jpg", 5)]
    with qtbot.waitSignal(dialog.filed, timeout=30_000):
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    assert engine.calls == 1  # the proposal's OCR text is what was indexed
    connection = sqlite3.connect(part2_state.project.folder / "project.sqlite")
    try:
        rows = connection.execute("SELECT source, body FROM evidence_text").fetchall()
    finally:
        connection.close()
    assert [source for source, _body in rows] == ["ocr"] and "备案审查" in rows[0][1]
