"""PDF and spreadsheet preview."""

# pytest-qt's qtmodeltester is untyped:
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui.evidence.preview import PreviewPanel, SheetTableModel, read_xlsx_preview


def test_pdf_preview_navigates_and_zooms(qtbot: QtBot, pdf_file: Path) -> None:
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 800)
    panel.show()
    panel.show_file(pdf_file, "pdf")
    pdf = panel.pdf
    assert panel.currentWidget() is pdf
    assert pdf.document.status() == QPdfDocument.Status.Ready
    assert pdf.document.pageCount() == 3
    assert pdf.page_count_label.text() == "页，共 3 页"
    assert not pdf.previous_button.isEnabled()

    pdf.next_button.click()
    qtbot.waitUntil(lambda: pdf.current_page == 1)
    assert pdf.page_spin.value() == 2
    pdf.page_spin.setValue(3)
    qtbot.waitUntil(lambda: pdf.current_page == 2)
    assert not pdf.next_button.isEnabled()

    pdf.zoom_in_button.click()
    assert pdf.view.zoomMode() == QPdfView.ZoomMode.Custom
    before = pdf.view.zoomFactor()
    pdf.zoom_in()
    assert pdf.view.zoomFactor() > before
    pdf.fit_page_button.click()
    assert pdf.view.zoomMode() == QPdfView.ZoomMode.FitInView
    assert pdf.fit_page_button.isChecked() and not pdf.fit_width_button.isChecked()
    pdf.zoom_out()
    assert pdf.zoom_label.text().endswith("%")


def test_broken_pdf_shows_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel.show_file(broken, "pdf")
    assert panel.currentWidget() is panel.message
    assert "无法显示此 PDF" in panel.message.text()
    panel.show_file(tmp_path / "不存在.pdf", "pdf")
    assert "找不到资料文件" in panel.message.text()


def test_xlsx_preview_reads_sheets_in_background(
    qtbot: QtBot, xlsx_file: Path, qtmodeltester: ModelTester
) -> None:
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.xlsx.loaded, timeout=10_000) as blocker:
        panel.show_file(xlsx_file, "xlsx")
    assert blocker.args == [2]
    xlsx = panel.xlsx
    assert [xlsx.sheet_combo.itemText(i) for i in range(xlsx.sheet_combo.count())] == ["台账", "汇总"]
    model = xlsx.model
    qtmodeltester.check(model)
    assert model.rowCount() == 9  # header + 8 rows
    assert model.columnCount() == 3
    assert model.index(0, 1).data() == "事项名称"
    assert model.index(1, 0).data() == "1"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "C"
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    xlsx.sheet_combo.setCurrentIndex(1)
    assert model.index(2, 1).data() == "事项2"


def test_xlsx_preview_caps_rows(tmp_path: Path, make_xlsx_file: Callable[..., Path]) -> None:
    path = make_xlsx_file(tmp_path / "大表.xlsx", rows=50)
    sheets = read_xlsx_preview(path, max_rows=10, max_columns=2)
    assert len(sheets) == 1
    assert len(sheets[0].rows) == 10
    assert sheets[0].columns == 2
    assert sheets[0].truncated


def test_xlsx_preview_reads_store_files_without_suffix(tmp_path: Path, xlsx_file: Path) -> None:
    stored = tmp_path / "ab" / "ab12cd"  # the evidence store names files by their hash
    stored.parent.mkdir()
    stored.write_bytes(xlsx_file.read_bytes())
    sheets = read_xlsx_preview(stored)
    assert [s.name for s in sheets] == ["台账", "汇总"]


def test_sheet_model_empty(qtmodeltester: ModelTester) -> None:
    model = SheetTableModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
