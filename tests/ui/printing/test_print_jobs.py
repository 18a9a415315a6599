"""Printing without dialogs: text documents and PDF pages to a PDF printer, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.base.errors import CancelledError, FazhiError
from app.base.progress import CancelToken
from ui.printing.print_documents import text_document
from ui.printing.print_jobs import HAS_QTPDF, PrintFlow, print_pdf, print_text


def _printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pdf(path: Path, pages: int) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        c.drawString(72, 720, f"page {page + 1}")
        c.showPage()
    c.save()
    return path


def test_print_text_paginates(tmp_path: Path) -> None:
    rows = "".join(f"<p>第 {n} 行：资料齐全</p>" for n in range(400))
    out = tmp_path / "text.pdf"
    pages = print_text(text_document(f"<h1>自查清单</h1>{rows}"), _printer(out))
    reader = pypdf.PdfReader(str(out))
    assert pages == len(reader.pages) > 3
    text = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "自查清单" in text and "第399行：资料齐全" in text


def test_print_pdf_pages_and_range(tmp_path: Path) -> None:
    assert HAS_QTPDF
    source = _pdf(tmp_path / "report.pdf", pages=4)
    out = tmp_path / "all.pdf"
    assert print_pdf(source, _printer(out), dpi=60) == 4
    assert len(pypdf.PdfReader(str(out)).pages) == 4
    # The dialog's page range: pages 2–3 only.
    printer = _printer(tmp_path / "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(source, printer, dpi=60) == 2
    assert len(pypdf.PdfReader(str(tmp_path / "range.pdf")).pages) == 2


def test_print_pdf_refuses_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    try:
        print_pdf(broken, _printer(tmp_path / "out.pdf"))
    except FazhiError as error:
        assert "broken.pdf" in str(error)
    else:
        raise AssertionError("a broken PDF printed")


def test_flow_asks_then_prints_or_stops(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[str] = []

    def choose(printer: QPrinter, widget: QWidget | None) -> bool:
        asked.append(printer.docName())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "flow.pdf"))
        return len(asked) == 1

    previews: list[int] = []
    flow = PrintFlow(
        parent, choose=choose, preview=lambda printer, paint, widget: previews.append(paint(printer))
    )
    document = text_document("<p>操作记录</p>")
    with qtbot.waitSignal(flow.printed) as printed:
        outcome = flow.run("audit", "操作记录", lambda p: print_text(document, p))
    assert outcome is not None and printed.args[0] == outcome
    assert (outcome.kind, outcome.pages, outcome.output_file) == ("audit", 1, str(tmp_path / "flow.pdf"))
    assert asked == ["操作记录"]
    # Cancelled in the dialog: nothing printed.
    assert flow.run("audit", "操作记录", lambda p: print_text(document, p)) is None
    # Preview: the preview paints, no dialog asked.
    assert flow.run("audit", "预览", lambda p: print_text(document, p), preview=True) is None
    assert previews == [1] and len(asked) == 2


def test_print_pdf_reports_progress_and_stops_when_cancelled(tmp_path: Path) -> None:
    source = _pdf(tmp_path / "report.pdf", pages=3)
    seen: list[tuple[int, int, str]] = []
    token = CancelToken()

    def progress(done: int, total: int, message: str) -> None:
        seen.append((done, total, message))
        if done == 1:
            token.cancel()

    with pytest.raises(CancelledError):
        print_pdf(source, _printer(tmp_path / "cancelled.pdf"), dpi=60, progress=progress, cancel=token)
    assert seen == [(0, 3, "第 1 页"), (1, 3, "第 2 页")]
