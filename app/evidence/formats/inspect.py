"""One entry point for every evidence format: ``inspect_any(path, name)`` → ``FormatFacts``.

The kind is decided by content (magic bytes, ZIP members, OLE2 streams), never by the file name.
PDF and XLSX go through ``app.evidence.filecheck.inspect_file`` (its checks and refusals unchanged); the other
kinds through their module here. Each kind gets its text layer (no OCR: that is slow, run it with
``app.evidence.formats.text.ocr_missing_pages`` off the UI thread) and, where the original is not a PDF, a PDF
rendition for preview and the bundle written into ``workdir``. A refusal is one
``RefusedFileError(name, reason)``; nothing is left in ``workdir`` after one.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from app.base.errors import RefusedFileError
from app.base.progress import CancelToken, ProgressCallback, check_cancel
from app.base.text import printable_path
from app.evidence.filecheck import DEFAULT_MAX_BYTES, inspect_file
from app.evidence.formats.common import (
    DEFAULT_PARSE_SECONDS,
    NO_PAGES_NOTE,
    OLE2_MAGIC,
    ZIP_MAGIC,
    FormatFacts,
    new_workdir,
    unique_path,
)
from app.evidence.formats.images import ImageLimits, check_image, images_to_pdf, sniff_image
from app.evidence.formats.ofd import PICTURES_NOTE, RENDITION_NOTE, is_ofd, read_ofd, render_pdf
from app.evidence.formats.office import convert_to_pdf, is_docx, ole2_kind, read_docx, read_xls, zip_members
from app.evidence.formats.text import ExtractedText, extract_text, has_text
from app.project.store import open_source

ACCEPTED = "PDF、XLSX、XLS、DOCX、OFD、JPG、PNG、TIFF"
_PHOTO_HINTS = {
    "heic": "HEIC 照片（苹果手机格式），请导出为 JPG 后再添加",
    "heif": "HEIF 照片，请导出为 JPG 后再添加",
    "webp": "WebP 图片，请转为 JPG 或 PNG 后再添加",
    "gif": "GIF 图片，请转为 JPG 或 PNG 后再添加",
    "bmp": "BMP 图片，请转为 JPG 或 PNG 后再添加",
}


def describe_unknown(head: bytes) -> str:
    """A reason naming what the content really is, for a file of no accepted kind."""
    import filetype

    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")) or b"<html" in stripped[:1024]:
        return f"内容是 HTML 网页，不是证据文件（只接受 {ACCEPTED}） (HTML)"
    if stripped.startswith(b"<"):
        return f"内容是 XML/文本标记，不是证据文件（只接受 {ACCEPTED}） (markup)"
    kind = filetype.guess(head)
    if kind is not None:
        hint = _PHOTO_HINTS.get(kind.extension)
        if hint:
            return f"内容是 {hint} ({kind.extension})"
        return f"内容是 {kind.extension.upper()} 文件（{kind.mime}），只接受 {ACCEPTED}"
    if head.startswith(b"{\\rtf"):
        return "内容是 RTF 文档，请在 Word/WPS 中另存为 .docx 后再添加 (RTF)"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return f"无法识别的文件类型（只接受 {ACCEPTED}） (unknown file type)"
    return f"内容是纯文本，不是证据文件（只接受 {ACCEPTED}） (plain text)"


def _with_rendition(
    path: Path,
    *,
    suffix: str,
    folder: Path,
    stem: str,
    converter: Path | None,
    convert: bool,
    cancel: CancelToken | None,
) -> tuple[Path | None, str | None]:
    """A LibreOffice PDF of an office file, checked like any PDF, or ``(None, note)``."""
    if not convert:
        return None, NO_PAGES_NOTE
    out = unique_path(folder, stem, ".pdf")
    try:
        made = convert_to_pdf(path, suffix, out, converter=converter, cancel=cancel)
        if made:
            inspect_file(out, display_name=f"{stem} 的 PDF 版本")
            return out, None
    except RefusedFileError:
        pass
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    out.unlink(missing_ok=True)
    return None, NO_PAGES_NOTE


def inspect_any(
    path: Path,
    name: str | None = None,
    *,
    workdir: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    parse_seconds: float = DEFAULT_PARSE_SECONDS,
    image_limits: ImageLimits | None = None,
    convert: bool = True,
    converter: Path | None = None,
    font_path: Path | None = None,
    render_photos: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FormatFacts:
    """Check ``path`` by content and describe it; ``RefusedFileError`` naming ``name`` otherwise.

    ``workdir`` receives renditions (a fresh temporary folder when None; the caller removes it).
    ``convert=False`` skips LibreOffice for DOCX/XLS (e.g. in a quick pre-check). ``font_path`` is the
    CJK TrueType font embedded in OFD renditions. ``render_photos=False``: no rendition for a JPEG
    that goes into its PDF unchanged (``pdf_on_demand``; ``app.evidence.renditions`` makes it when needed).
    """
    path = Path(path)
    label = name or printable_path(path)
    try:
        fd, _size = open_source(path, max_bytes)
    except RefusedFileError as exc:
        raise RefusedFileError(label, exc.reason) from None
    with os.fdopen(fd, "rb") as handle:
        head = handle.read(8192)
    check_cancel(cancel)
    stem = Path(label).stem[:40] or "evidence"

    if b"%PDF-" in head[:1024]:
        checked = inspect_file(path, max_bytes=max_bytes, display_name=label, parse_seconds=parse_seconds)
        extracted = extract_text(path, "pdf", progress, cancel, ocr=False)
        return _facts("pdf", checked.pages, extracted, None, ())

    image_kind = sniff_image(head)
    if image_kind is not None:
        info = check_image(path, label, image_kind, limits=image_limits, seconds=parse_seconds)
        if not render_photos and info.passthrough:
            return replace(_facts(image_kind, 1, ExtractedText([""], ["text"]), None, ()), pdf_on_demand=True)
        folder = new_workdir(workdir)
        out = unique_path(folder, stem, ".pdf")
        try:
            pages = images_to_pdf([(path, label)], out, infos=[info], seconds=parse_seconds, cancel=cancel)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        empty = ExtractedText([""] * pages, ["text"] * pages)
        return _facts(image_kind, pages, empty, out, ())

    if head.startswith(OLE2_MAGIC):
        ole2_kind(path, label, parse_seconds)  # refuses .doc, encrypted files and others
        workbook = read_xls(path, label, parse_seconds)
        folder = new_workdir(workdir)
        rendition, note = _with_rendition(
            path, suffix=".xls", folder=folder, stem=stem, converter=converter, convert=convert, cancel=cancel
        )
        extracted = (
            extract_text(path, "xls", progress, cancel, ocr=False, rendition=rendition, name=label)
            if rendition is not None
            else ExtractedText(workbook.pages, ["text"] * len(workbook.pages))
        )
        page_count = len(extracted.pages) if rendition is not None else None
        result = _facts("xls", page_count, extracted, rendition, (note,) if note else ())
        return replace(result, sheets=len(workbook.sheet_names))

    if head.startswith(ZIP_MAGIC):
        members = zip_members(path)
        if not members:
            raise RefusedFileError(
                label, "压缩包已损坏或被截断（不是有效的 OFD、DOCX 或 XLSX 文件） (corrupt zip)"
            )
        if is_ofd(members):
            document = read_ofd(path, label, seconds=parse_seconds)
            folder = new_workdir(workdir)
            out = unique_path(folder, stem, ".pdf")
            try:
                complete = render_pdf(document, out, font_path=font_path)
            except BaseException:
                out.unlink(missing_ok=True)
                raise
            pages = len(document.pages)
            texts = [page.text for page in document.pages]
            metadata = {k: v for k, v in (("title", document.title), ("author", document.author)) if v}
            notes = (RENDITION_NOTE,) if complete else (RENDITION_NOTE, PICTURES_NOTE)
            result = _facts("ofd", pages, ExtractedText(texts, ["text"] * pages), out, notes)
            scans = tuple(
                number
                for number, page in enumerate(document.pages, start=1)
                if page.pictures and not has_text(page.text)
            )
            return replace(result, metadata=metadata, ocr_pages=scans)
        if is_docx(members):
            text = read_docx(path, label, seconds=parse_seconds)
            folder = new_workdir(workdir)
            rendition, note = _with_rendition(
                path,
                suffix=".docx",
                folder=folder,
                stem=stem,
                converter=converter,
                convert=convert,
                cancel=cancel,
            )
            if rendition is not None:
                extracted = extract_text(path, "docx", progress, cancel, ocr=False, rendition=rendition)
                return _facts("docx", len(extracted.pages), extracted, rendition, ())
            return _facts("docx", None, ExtractedText(text.pages, ["text"]), None, (note,) if note else ())

    if head.startswith((ZIP_MAGIC, b"PK\x05\x06")):
        # Not OFD, not DOCX: the workbook check says what it is (XLSX, PPTX, ODF, a plain ZIP …).
        checked = inspect_file(path, max_bytes=max_bytes, display_name=label, parse_seconds=parse_seconds)
        extracted = extract_text(path, "xlsx", progress, cancel, ocr=False)
        return replace(_facts("xlsx", None, extracted, None, ()), sheets=checked.sheets)

    raise RefusedFileError(label, describe_unknown(head))


def _facts(
    kind: str, pages: int | None, extracted: ExtractedText, rendition: Path | None, notes: tuple[str, ...]
) -> FormatFacts:
    return FormatFacts(
        kind=kind,
        pages=pages,
        text_pages=list(extracted.pages),
        rendition_pdf=rendition,
        notes=tuple(notes) + tuple(extracted.notes),
        ocr_pages=extracted.ocr_pages if kind in ("pdf", "jpeg", "png", "tiff") else (),
    )
