"""Text of every kind, page by page; pages without a text layer go through OCR."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from formats_builders import DATA, docx, jpeg, ofd, text_image, tiff
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from sqlalchemy import create_engine

from app.base.errors import CancelledError
from app.base.progress import CancelToken
from app.evidence.formats import (
    complete_text,
    document_metadata,
    extract_text,
    inspect_any,
    ocr_available,
    ocr_missing_pages,
)
from app.evidence.formats import ocr as ocr_module
from app.evidence.formats.text import OCR_MISSING_NOTE
from app.search import create_search_tables, index_pages, search

SCAN_LINES = ["陵政发〔2022〕15号", "关于行政复议工作的通知"]


def scanned_pdf(path: Path, make_pdf: Any, text_pages: int = 1) -> Path:
    """Page 1..text_pages with a text layer, then one page that is only a picture of text."""
    buffer = io.BytesIO()
    text_image(SCAN_LINES).save(buffer, "PNG")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    for number in range(text_pages):
        pdf.setFont("STSong-Light", 14)
        pdf.drawString(72, 760, f"第{number + 1}页 规范性文件备案审查")
        pdf.showPage()
    buffer.seek(0)
    pdf.drawImage(ImageReader(buffer), 40, 500, width=500, height=166)
    pdf.showPage()
    pdf.save()
    return path


class FakeEngine:
    """Stands in for RapidOCR: 'reads' a fixed text and records the image sizes it was given."""

    def __init__(self) -> None:
        self.sizes: list[tuple[int, ...]] = []

    def __call__(self, array: Any) -> Any:
        self.sizes.append(tuple(array.shape))

        class Result:
            txts = ("识别出的文字", "低置信度")
            scores = (0.95, 0.2)

        return Result()


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    engine = FakeEngine()
    monkeypatch.setattr(ocr_module, "_engine", engine)
    monkeypatch.setattr("app.evidence.formats.text.ocr_available", lambda: True)
    return engine


def test_pdf_text_per_page_and_scans_detected(tmp_path: Path, make_pdf: Any) -> None:
    path = scanned_pdf(tmp_path / "a.pdf", make_pdf, text_pages=2)
    extracted = extract_text(path, "pdf", ocr=False)
    assert extracted.pages[0].strip() == "第1页 规范性文件备案审查"
    assert extracted.pages[1].strip() == "第2页 规范性文件备案审查"
    assert extracted.pages[2] == ""
    assert extracted.ocr_pages == (3,)
    facts = inspect_any(path, "a.pdf")
    assert facts.kind == "pdf" and facts.pages == 3 and facts.ocr_pages == (3,)


def test_scanned_pages_are_ocred_and_marked(tmp_path: Path, make_pdf: Any, fake_ocr: FakeEngine) -> None:
    path = scanned_pdf(tmp_path / "a.pdf", make_pdf, text_pages=1)
    seen: list[tuple[int, int, str]] = []
    extracted = extract_text(path, "pdf", lambda d, t, m: seen.append((d, t, m)))
    assert extracted.pages[1] == "识别出的文字"  # low-confidence line dropped
    assert extracted.sources == ["text", "ocr"]
    assert fake_ocr.sizes == [(1600, 1132, 3)]  # the page rendered, longest side 1600 pixels
    assert ("文字识别：第 2 页") in [m for _d, _t, m in seen]


def test_without_pdfium_pypdf_reads_text_and_pictures(
    tmp_path: Path, make_pdf: Any, fake_ocr: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    path = scanned_pdf(tmp_path / "a.pdf", make_pdf, text_pages=1)
    extracted = extract_text(path, "pdf")
    assert extracted.pages[0].strip() == "第1页 规范性文件备案审查"
    assert extracted.sources == ["text", "ocr"]
    assert fake_ocr.sizes == [(400, 1200, 3)]  # the embedded picture itself


def test_images_are_ocred_frame_by_frame(tmp_path: Path, fake_ocr: FakeEngine) -> None:
    extracted = extract_text(tiff(tmp_path / "s.tif", frames=2, mode="L"), "tiff")
    assert extracted.pages == ["识别出的文字"] * 2 and extracted.sources == ["ocr", "ocr"]
    big = jpeg(tmp_path / "big.jpg", size=(4000, 1000), orientation=6)
    extract_text(big, "jpeg")
    assert fake_ocr.sizes[-1][:2] == (1600, 400)  # upright (EXIF) and scaled to the engine's limit


def test_without_the_ocr_package_pages_stay_empty_with_a_note(
    tmp_path: Path, make_pdf: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.evidence.formats.text.ocr_available", lambda: False)
    extracted = extract_text(scanned_pdf(tmp_path / "a.pdf", make_pdf), "pdf")
    assert extracted.pages[1] == "" and OCR_MISSING_NOTE in extracted.notes


def test_cancel_stops_extraction(tmp_path: Path, make_pdf: Any, fake_ocr: FakeEngine) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        extract_text(make_pdf(tmp_path / "a.pdf", pages=3), "pdf", cancel=token)
    extracted = extract_text(scanned_pdf(tmp_path / "b.pdf", make_pdf), "pdf", ocr=False)
    with pytest.raises(CancelledError):
        ocr_missing_pages(tmp_path / "b.pdf", "pdf", extracted, cancel=token)
    assert fake_ocr.sizes == []


def test_every_other_kind_has_its_text(tmp_path: Path, make_xlsx: Any) -> None:
    xlsx = make_xlsx(
        tmp_path / "a.xlsx", rows=[["单位", "数量"], ["县司法局", 3.0], [None, None]], sheets=("一", "二")
    )
    assert extract_text(xlsx, "xlsx").pages == ["单位\t数量\n县司法局\t3"] * 2
    assert extract_text(DATA / "sample.xls", "xls").pages[1] == "案号\t结果\n陵政复〔2022〕3号\t维持"
    assert "行政复议" in extract_text(docx(tmp_path / "a.docx"), "docx").pages[0]
    assert extract_text(ofd(tmp_path / "a.ofd"), "ofd").pages[0].split()[0] == "陵政发〔2022〕15号"
    with pytest.raises(ValueError):
        extract_text(xlsx, "pptx")


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="the OCR package (rapidocr) is not installed")
def test_real_ocr_reads_a_scan_and_a_photo(tmp_path: Path, make_pdf: Any) -> None:
    extracted = extract_text(scanned_pdf(tmp_path / "a.pdf", make_pdf), "pdf")
    assert extracted.sources == ["text", "ocr"]
    assert "陵政发〔2022〕15号" in extracted.pages[1].replace(" ", "")
    assert "行政复议" in extracted.pages[1]
    photo = jpeg(tmp_path / "p.jpg", image=text_image(SCAN_LINES).rotate(-90, expand=True), orientation=8)
    assert Image.open(photo).size == (400, 1200)
    text = extract_text(photo, "jpeg").pages[0]
    assert "行政复议" in text


def test_attach_flow_inspect_ocr_index_search(tmp_path: Path, make_pdf: Any, fake_ocr: FakeEngine) -> None:
    path = scanned_pdf(tmp_path / "scan.pdf", make_pdf, text_pages=1)
    facts = inspect_any(path, "scan.pdf")
    text = complete_text(path, facts)
    assert text.sources == ["text", "ocr"] and len(fake_ocr.sizes) == 1
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        create_search_tables(conn)
        assert index_pages(conn, 7, text.pages, text.sources) == 2
        (hit,) = search(conn, "识别")
        assert (hit.evidence_id, hit.page, hit.source) == (7, 2, "ocr")
    assert document_metadata(text.pages).wenhao is None
