"""按文件夹智能归档 driven through the real dialog on demo-style documents: propose, change, attach."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.demo.documents import make_document_pdf
from app.evidence.attach import list_evidence
from ui.evidence.suggest_dialog import SuggestFilingDialog
from ui.evidence.suggest_models import FilingColumn, FilingRole

pytest_plugins = ["conftest_part2"]


def demo_folder(folder: Path) -> Path:
    """Two 红头文件 as the demo county makes them, a broken PDF and a note that is no evidence."""
    folder.mkdir(parents=True)
    make_document_pdf(
        folder / "县司法局文件一.pdf",
        issuer="县司法局",
        title="关于行政规范性文件合法性审核工作的意见",
        doc_number="县司发〔2023〕3号",
        paragraphs=["全面落实行政规范性文件合法性审核机制，合法性审核全覆盖，出具合法性审核意见书 12 份。"],
        date_text="2023年3月5日",
    )
    make_document_pdf(
        folder / "县司法局文件二.pdf",
        issuer="县司法局",
        title="关于行政规范性文件备案审查情况的报告",
        doc_number="县司发〔2023〕9号",
        paragraphs=["按要求报送行政规范性文件备案审查，做到有件必备、有备必审、有错必纠。"],
        date_text="2023年6月1日",
    )
    (folder / "坏文件.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 50)
    (folder / "说明.txt").write_text("这不是资料", encoding="utf-8")
    return folder


def _analysed(qtbot: QtBot, state: Any, folder: Path) -> SuggestFilingDialog:
    dialog = SuggestFilingDialog(state, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.set_unit("县司法局")
    with qtbot.waitSignal(dialog.proposed, timeout=30_000):
        qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    return dialog


def test_propose_change_and_attach_the_confirmed_files(
    qtbot: QtBot, part2_state: Any, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    folder = demo_folder(tmp_path / "资料")
    dialog = _analysed(qtbot, part2_state, folder)
    model = dialog.model
    qtmodeltester.check(model)
    assert dialog.attach_button.isEnabled()  # the proposals are confirmable as they stand
    names = [model.index(r, FilingColumn.FILE).data() for r in range(model.rowCount())]
    assert names == ["县司法局文件一.pdf", "县司法局文件二.pdf", "坏文件.pdf", "说明.txt"]  # by code point
    review, filing, broken, note = range(4)
    assert model.index(review, 0).data(FilingRole.SUGGESTIONS)[0] == 4
    assert model.index(filing, 0).data(FilingRole.SUGGESTIONS)[0] == 5
    assert "纯文本" in model.index(note, FilingColumn.NOTE).data()
    assert model.index(broken, 0).data(FilingRole.REFUSED)
    assert not model.flags(model.index(broken, FilingColumn.CHOSEN)) & Qt.ItemFlag.ItemIsEditable

    # Each file's combo: its suggestions first, then 不归档, then the unit's other indicators.
    combo = dialog.table.indexWidget(model.index(review, FilingColumn.CHOSEN))
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0].startswith("第 4 项") and "推荐 1" in labels[0]
    assert "不归档" in labels and combo.currentData() == 4
    # The clerk leaves the 备案 report out, through its combo.
    other = dialog.table.indexWidget(model.index(filing, FilingColumn.CHOSEN))
    assert isinstance(other, QComboBox)
    other.setCurrentIndex(other.findText("不归档"))
    assert model.index(filing, 0).data(FilingRole.CHOSEN) is None
    assert model.confirmed() == [(folder / "县司法局文件一.pdf", 4)]
    assert "1 个将归档" in dialog.summary_label.text()

    assert dialog.attach_button.isEnabled()
    with qtbot.waitSignal(dialog.filed, timeout=30_000):
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    records = list_evidence(part2_state.project)
    assert [(r.filename, r.indicators, r.unit) for r in records] == [("县司法局文件一.pdf", (4,), "县司法局")]
    assert records[0].wenhao == "县司发〔2023〕3号"
    assert "已添加 1 个文件" in dialog.summary_label.text()
    outcome = [dialog.outcome_list.item(i).text() for i in range(dialog.outcome_list.count())]
    assert any("坏文件.pdf" in line for line in outcome) and any("说明.txt" in line for line in outcome)
    # The window's numbers follow: indicator 4 now has its file.
    assert part2_state.progress(4).evidence_count == 1


def test_files_refused_at_attach_are_listed_with_reasons(
    qtbot: QtBot, part2_state: Any, tmp_path: Path
) -> None:
    folder = demo_folder(tmp_path / "资料")
    dialog = _analysed(qtbot, part2_state, folder)
    (folder / "县司法局文件二.pdf").unlink()  # gone between the proposal and the attach
    with qtbot.waitSignal(dialog.filed, timeout=30_000):
        dialog.start_filing()
    result = dialog.filing_result
    assert result is not None
    assert [(p.name, n) for p, n, _id in result.attached] == [("县司法局文件一.pdf", 4)]
    assert [p.name for p, _reason in result.refused] == ["县司法局文件二.pdf"]
    outcome = [dialog.outcome_list.item(i).text() for i in range(dialog.outcome_list.count())]
    assert any("县司法局文件二.pdf" in line and "不存在" in line for line in outcome)
    assert "1 个文件被拒绝" in dialog.summary_label.text()


def test_one_step_at_a_time_while_the_folder_is_read(
    qtbot: QtBot, part2_state: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from app.evidence.finding import propose_for_folder as real
    from ui.evidence import suggest_dialog

    folder = demo_folder(tmp_path / "资料")
    release = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(30)  # in the worker: the folder takes a while to read
        return real(*args, **kwargs)

    monkeypatch.setattr(suggest_dialog, "propose_for_folder", slow)
    dialog = SuggestFilingDialog(part2_state, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.set_unit("县司法局") and dialog.analyse_button.isEnabled()
    qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    assert not dialog.analyse_button.isEnabled() and not dialog.attach_button.isEnabled()
    with qtbot.waitSignal(dialog.proposed, timeout=30_000):
        release.set()
    qtbot.waitUntil(dialog.analyse_button.isEnabled, timeout=5_000)
    assert dialog.attach_button.isEnabled()
