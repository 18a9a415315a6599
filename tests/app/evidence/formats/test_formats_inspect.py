"""inspect_any: one entry point, kind by content; PDF and XLSX keep the checks of app.evidence.filecheck."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from formats_builders import zip_file
from pypdf import PdfWriter

from app.base.errors import RefusedFileError
from app.evidence.formats import inspect_any


def refusal(path: Path) -> str:
    with pytest.raises(RefusedFileError) as caught:
        inspect_any(path, path.name)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ") and "\n" not in message
    return message


def test_pdf_and_xlsx_are_described_with_their_text(tmp_path: Path, make_pdf: Any, make_xlsx: Any) -> None:
    pdf = inspect_any(make_pdf(tmp_path / "a.pdf", pages=2, text="行政复议决定书"), "a.pdf")
    assert (pdf.kind, pdf.pages, pdf.rendition_pdf, pdf.ocr_pages) == ("pdf", 2, None, ())
    assert all("行政复议决定书" in page for page in pdf.text_pages)
    renamed = shutil.copy(make_xlsx(tmp_path / "b.xlsx", sheets=("台账", "汇总")), tmp_path / "b.pdf")
    xlsx = inspect_any(Path(renamed), "b.pdf")
    assert (xlsx.kind, xlsx.sheets, xlsx.pages) == ("xlsx", 2, None)
    assert xlsx.text_pages[0] == "单位\t数量\n县司法局\t3"


def test_pdf_refusals_are_filechecks(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    assert "已加密" in refusal(path)


def test_unknown_contents_are_named(tmp_path: Path) -> None:
    html = tmp_path / "page.docx"
    html.write_text("<!DOCTYPE html><html><body>复议</body></html>", encoding="utf-8")
    assert "HTML" in refusal(html)
    rtf = tmp_path / "a.doc"
    rtf.write_bytes(b"{\\rtf1 hello}")
    assert "RTF" in refusal(rtf)
    binary = tmp_path / "a.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    assert "无法识别" in refusal(binary)
    pptx = zip_file(
        tmp_path / "a.pptx", [("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")]
    )
    assert "PowerPoint" in refusal(pptx)
    missing = tmp_path / "missing.jpg"
    assert "不存在" in refusal(missing)


@pytest.mark.parametrize("name", ["空.ofd", "空.xls", "空.docx", "空.jpg", "空.png", "空.tif"])
def test_empty_files_of_every_new_kind_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert "空文件" in refusal(path)


@pytest.mark.parametrize(
    ("name", "head"),
    [("a.tif", b"II*\x00"), ("a.png", b"\x89PNG\r\n\x1a\n"), ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")],
)
def test_files_that_are_only_a_magic_number_are_refused(tmp_path: Path, name: str, head: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(head + b"\x00" * 64)
    message = refusal(path)
    assert "损坏" in message and str(tmp_path) not in message
