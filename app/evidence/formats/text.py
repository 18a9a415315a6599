"""Text of every evidence kind, page by page, with OCR for pages that have no text layer.

``extract_text`` returns one string per page (PDF pages, workbook sheets, image frames, OFD pages, the
whole text of a DOCX without rendition) and where each came from (``text`` or ``ocr``). A page whose
text layer holds fewer than ``MIN_TEXT_CHARS`` visible characters is a scan: the page rendered as a
picture (or the image itself) goes through the offline OCR. PDF text and page pictures come from PDFium
(``pypdfium2``, BSD/Apache, ~25× faster than pypdf, which stays the fallback). Failures on one page
leave that page empty and add a note; they never refuse a file that was already accepted.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.base.errors import CancelledError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.evidence.formats.common import DEFAULT_PARSE_SECONDS, FormatFacts
from app.evidence.formats.ocr import MAX_SIDE, OcrUnavailableError, ocr_available, ocr_image
from app.evidence.formats.ofd import read_ofd
from app.evidence.formats.office import read_docx, read_xls

MIN_TEXT_CHARS = 8  # fewer visible characters than this on a page: treat it as a scan
MAX_SHEET_ROWS = 50_000
IMAGE_KINDS = ("jpeg", "png", "tiff")
OCR_MISSING_NOTE = "未安装文字识别组件，扫描页没有识别文字"
_PDFIUM_LOCK = threading.Lock()


@dataclass
class ExtractedText:
    pages: list[str]
    sources: list[str]  # "text" | "ocr" per page ("ocr": OCR read the page, maybe finding nothing)
    notes: list[str] = field(default_factory=list)

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        """1-based pages that still have no text and were not read by OCR yet (candidates for OCR)."""
        return tuple(
            i
            for i, (text, source) in enumerate(zip(self.pages, self.sources, strict=True), start=1)
            if source != "ocr" and not has_text(text)
        )


def has_text(text: str) -> bool:
    return sum(1 for ch in text if not ch.isspace()) >= MIN_TEXT_CHARS


# -- text layers ----------------------------------------------------------------------------------


def pdf_page_texts(
    path: Path, *, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
) -> ExtractedText:
    """The text layer of each page of a PDF: PDFium (fast, C) when installed, else pypdf."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return _pypdf_page_texts(path, progress=progress, cancel=cancel)
    try:
        return _pdfium_page_texts(path, progress=progress, cancel=cancel)
    except CancelledError:
        raise
    except Exception:  # PDFium could not open what pypdf accepted: let pypdf read it
        return _pypdf_page_texts(path, progress=progress, cancel=cancel)


def _pdfium_page_texts(
    path: Path, *, progress: ProgressCallback | None, cancel: CancelToken | None
) -> ExtractedText:
    import pypdfium2 as pdfium

    pages: list[str] = []
    notes: list[str] = []
    with _PDFIUM_LOCK:  # PDFium is not thread-safe
        document = pdfium.PdfDocument(str(path))
        try:
            total = len(document)
            for index in range(total):
                check_cancel(cancel)
                report(progress, index, total, f"提取文字：第 {index + 1} 页")
                try:
                    page = document[index]
                    try:
                        textpage = page.get_textpage()
                        try:
                            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
                        finally:
                            textpage.close()
                    finally:
                        page.close()
                except pdfium.PdfiumError:
                    pages.append("")
                    notes.append(f"第 {index + 1} 页的文字无法提取")
        finally:
            document.close()
    report(progress, total, total, "")
    return ExtractedText(pages, ["text"] * len(pages), notes)


def _pypdf_page_texts(
    path: Path, *, progress: ProgressCallback | None, cancel: CancelToken | None
) -> ExtractedText:
    from pypdf import PdfReader

    pages: list[str] = []
    notes: list[str] = []
    with open(path, "rb") as stream:
        reader = PdfReader(stream, strict=False)
        total = len(reader.pages)
        for index, page in enumerate(reader.pages):
            check_cancel(cancel)
            report(progress, index, total, f"提取文字：第 {index + 1} 页")
            try:
                pages.append(page.extract_text() or "")
            except Exception:  # one unreadable page must not lose the others
                pages.append("")
                notes.append(f"第 {index + 1} 页的文字无法提取")
    report(progress, total, total, "")
    return ExtractedText(pages, ["text"] * len(pages), notes)


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_sheet_texts(path: Path, *, cancel: CancelToken | None = None) -> ExtractedText:
    """Each sheet's cells as tab-separated lines (values, not formulas)."""
    import openpyxl

    pages: list[str] = []
    with open(path, "rb") as stream:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True, keep_links=False)
        try:
            for sheet in workbook.worksheets:
                check_cancel(cancel)
                lines = []
                for row in itertools.islice(sheet.iter_rows(values_only=True), MAX_SHEET_ROWS):
                    line = "\t".join(_xlsx_cell(value) for value in row).rstrip("\t")
                    if line.strip():
                        lines.append(line)
                pages.append("\n".join(lines))
        finally:
            workbook.close()
    return ExtractedText(pages, ["text"] * len(pages))


# -- OCR ------------------------------------------------------------------------------------------


def _page_picture(path: Path, page_number: int) -> object | None:
    """A PDF page as a picture for OCR: rendered by PDFium (longest side ``MAX_SIDE``), else its biggest
    embedded image (pypdf; scans are one full-page picture)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return _largest_picture(path, page_number)
    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(path))
        try:
            page = document[page_number - 1]
            try:
                width, height = page.get_size()
                scale = MAX_SIDE / max(width, height, 1.0)
                picture: object = page.render(scale=scale, grayscale=True).to_pil()
                return picture
            finally:
                page.close()
        finally:
            document.close()


def _largest_picture(path: Path, page_number: int) -> object | None:
    """The biggest image drawn on a PDF page, as a Pillow image."""
    from pypdf import PdfReader

    with open(path, "rb") as stream:
        reader = PdfReader(stream, strict=False)
        page = reader.pages[page_number - 1]
        best = None
        best_area = 0
        for picture in page.images:
            image = picture.image
            if image is None:
                continue
            area = image.width * image.height
            if area > best_area:
                best, best_area = image, area
        if best is not None:
            best.load()
        return best


def _image_frames(path: Path) -> list[object]:
    from PIL import Image, ImageOps

    frames: list[object] = []
    with Image.open(path) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frame = ImageOps.exif_transpose(image) if index == 0 else image.copy()
            frame.load()
            frames.append(frame)
    return frames


def _frame_count(path: Path) -> int:
    from PIL import Image

    with Image.open(path) as image:
        return int(getattr(image, "n_frames", 1))


def ocr_missing_pages(
    path: Path,
    kind: str,
    extracted: ExtractedText,
    *,
    pages: Sequence[int] | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ExtractedText:
    """OCR the given 1-based ``pages`` (default: every page without text) in place; returns ``extracted``.

    Only PDFs and images are OCRed (other kinds carry their text). A page the engine read gets source
    ``"ocr"`` even when it found no words (so it is not read again); a page that could not be read
    (no picture, an engine error) keeps its source. Without the OCR package the pages stay as they
    are and a note says so.
    """
    from PIL import Image

    wanted = list(pages if pages is not None else extracted.ocr_pages)
    if not wanted or kind not in ("pdf", *IMAGE_KINDS):
        return extracted
    if not ocr_available():
        extracted.notes.append(OCR_MISSING_NOTE)
        return extracted
    frames = _image_frames(path) if kind in IMAGE_KINDS else []
    for done, number in enumerate(wanted):
        check_cancel(cancel)
        report(progress, done, len(wanted), f"文字识别：第 {number} 页")
        try:
            picture = frames[number - 1] if frames else _page_picture(path, number)
        except Exception:
            picture = None
        if not isinstance(picture, Image.Image):
            continue
        try:
            text = ocr_image(picture)
        except OcrUnavailableError:
            extracted.notes.append(OCR_MISSING_NOTE)
            return extracted
        except Exception:
            extracted.notes.append(f"第 {number} 页文字识别失败")
            continue
        if text.strip():
            extracted.pages[number - 1] = text
        # "ocr" also when nothing was read: the page was tried (an empty page, a photo without words)
        # and is stored so, not read again on every run (``app.search.index_pages`` keeps such rows).
        extracted.sources[number - 1] = "ocr"
    report(progress, len(wanted), len(wanted), "")
    return extracted


# -- entry points ---------------------------------------------------------------------------------


def complete_text(
    path: Path,
    facts: FormatFacts,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    *,
    known: Mapping[int, str] | None = None,
) -> ExtractedText:
    """The text ``inspect_any`` found in ``path`` with its pages without text OCRed (nothing re-read).

    ``known``: pages of the same content the OCR already read (1-based page → text, maybe empty);
    they are taken as they are, with source ``"ocr"``, and not read again.
    """
    extracted = ExtractedText(list(facts.text_pages), ["text"] * len(facts.text_pages), [])
    for number, body in (known or {}).items():
        if number in facts.ocr_pages and number <= len(extracted.pages):
            extracted.pages[number - 1] = body
            extracted.sources[number - 1] = "ocr"
    wanted = [n for n in facts.ocr_pages if n <= len(extracted.sources) and extracted.sources[n - 1] != "ocr"]
    if wanted:
        # An OFD's scanned pages are read from its rendition, where the pictures are drawn.
        source, kind = (facts.rendition_pdf, "pdf") if facts.kind == "ofd" else (path, facts.kind)
        if source is not None:
            ocr_missing_pages(source, kind, extracted, pages=wanted, progress=progress, cancel=cancel)
    return extracted


def extract_text(
    path: Path,
    kind: str,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    *,
    ocr: bool = True,
    rendition: Path | None = None,
    name: str | None = None,
    frames: int | None = None,
) -> ExtractedText:
    """The text of a checked evidence file of ``kind``, one entry per page; OCR where there is none.

    ``rendition`` (a PDF made for a DOCX, XLS or OFD) gives page-accurate text for kinds without pages.
    """
    label = name or path.name
    if rendition is not None and kind in ("docx", "xls"):
        extracted = pdf_page_texts(rendition, progress=progress, cancel=cancel)
    elif kind == "pdf":
        extracted = pdf_page_texts(path, progress=progress, cancel=cancel)
    elif kind == "xlsx":
        extracted = xlsx_sheet_texts(path, cancel=cancel)
    elif kind == "xls":
        result = read_xls(path, label, DEFAULT_PARSE_SECONDS)
        extracted = ExtractedText(result.pages, ["text"] * len(result.pages))
    elif kind == "docx":
        result = read_docx(path, label)
        extracted = ExtractedText(result.pages, ["text"] * len(result.pages))
    elif kind == "ofd":
        document = read_ofd(path, label)
        texts = [page.text for page in document.pages]
        extracted = ExtractedText(texts, ["text"] * len(texts))
    elif kind in IMAGE_KINDS:
        count = frames if frames is not None else _frame_count(path)
        extracted = ExtractedText([""] * count, ["text"] * count)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    if ocr:
        ocr_missing_pages(path, kind, extracted, progress=progress, cancel=cancel)
    return extracted
