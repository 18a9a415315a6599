"""OFD (GB/T 33190, China's fixed-layout e-document format): checked, text per page, a PDF rendition.

Reading is done by ``ofdkit`` (Apache-2.0, standard library only, refuses DTDs and entities, caps part
sizes); the ZIP container is checked first with the same bomb limits as DOCX/XLSX, and an OFD that
declares encryption (``Encryptions.xml``) is refused. The rendition draws every text run at its place
on a page of the document's size with a CJK font over the page's pictures (ImageObjects: a scanned OFD
is one picture per page); vector graphics and electronic seals (signatures) are not drawn (the facts
carry a note saying so), so it serves for preview, OCR, search and the bundle while the original stays
the authoritative copy.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.base.errors import RefusedFileError
from app.evidence.formats.common import DEFAULT_PARSE_SECONDS, ZipLimits, check_zip, guarded, refuse_dtds

MM = 72 / 25.4
MAX_PAGES = 5_000
OFD_ENCRYPTED = "OFD 文件已加密，请提供未加密的版本 (encrypted OFD)"
RENDITION_NOTE = "OFD 的 PDF 版本含文字和图片（矢量图形、电子印章未绘出），原件已保存"
PICTURES_NOTE = "OFD 中有图片无法读取（如 JBIG2 扫描图），PDF 版本中未显示"
MAX_PICTURES = 200  # per page
MAX_PICTURE_BYTES = 64 * 1024 * 1024
MAX_PICTURE_PIXELS = 100_000_000
CID_FONT = "STSong-Light"


@dataclass(frozen=True)
class Run:
    text: str
    x: float  # millimetres from the left
    y: float  # baseline, millimetres from the top
    size: float  # millimetres


@dataclass(frozen=True)
class Picture:
    x: float  # millimetres from the left
    y: float  # top edge, millimetres from the top
    width: float
    height: float
    member: str  # the package entry holding the image file


@dataclass(frozen=True)
class OfdPage:
    width: float  # millimetres
    height: float
    text: str
    runs: tuple[Run, ...]
    pictures: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class OfdDocument:
    pages: tuple[OfdPage, ...]
    title: str | None
    author: str | None
    warnings: tuple[str, ...]
    path: Path | None = None  # the package, for the pictures


def is_ofd(members: list[str]) -> bool:
    return any(member.lstrip("/").lower() == "ofd.xml" for member in members)


def read_ofd(
    path: Path, name: str, *, limits: ZipLimits | None = None, seconds: float = DEFAULT_PARSE_SECONDS
) -> OfdDocument:
    members = check_zip(
        name, path, "OFD 文件", limits=limits or ZipLimits(), encrypted_reason=OFD_ENCRYPTED, seconds=seconds
    )
    if not is_ofd(members):
        raise RefusedFileError(name, "ZIP 压缩包中没有 OFD.xml，不是 OFD 文件 (not an OFD)")
    if any(member.rsplit("/", 1)[-1].lower() == "encryptions.xml" for member in members):
        raise RefusedFileError(name, OFD_ENCRYPTED)
    refuse_dtds(name, path, members, "OFD ")

    def parse() -> OfdDocument:
        import ofdkit
        from ofdkit.package import Package

        with ofdkit.open(str(path)) as document, Package(str(path)) as package:
            if len(document.pages) > MAX_PAGES:
                raise RefusedFileError(name, f"OFD 页数过多（{len(document.pages)} 页，上限 {MAX_PAGES} 页）")
            media = _media(package)
            pages = []
            for page in document.pages:
                _x, _y, width, height = page.box
                runs = tuple(Run(r.text, r.x, r.y, r.size) for r in page.runs if r.text.strip())
                pictures = _pictures(package, page.location, media) if page.location else ()
                pages.append(OfdPage(width, height, page.text(), runs, pictures))
            return OfdDocument(
                tuple(pages), document.info.title, document.info.author, tuple(document.warnings), path
            )

    result = guarded(name, "OFD ", seconds, parse)
    if not result.pages:
        raise RefusedFileError(name, "OFD 没有任何页面 (no pages)")
    return result


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _media(package: Any) -> dict[str, str]:
    """MultiMedia resource ID → package entry of its image, from every resource file (…Res.xml)."""
    media: dict[str, str] = {}
    for entry in package.names:
        base_name = posixpath.basename(entry).lower()
        if not base_name.endswith(".xml") or "res" not in base_name:
            continue
        try:
            root = package.read_xml(entry)
        except Exception:
            continue
        if _local(root.tag) != "Res":
            continue
        base = (root.get("BaseLoc") or "").strip()
        for element in root.iter():
            if _local(element.tag) != "MultiMedia" or (element.get("Type") or "Image").lower() != "image":
                continue
            files = [
                child for child in element if _local(child.tag) == "MediaFile" and (child.text or "").strip()
            ]
            if not files or not (element.get("ID") or "").strip():
                continue
            location = (files[0].text or "").strip()
            found = package.resolve(entry, posixpath.join(base, location)) if base else None
            found = found or package.resolve(entry, location)
            if found:
                media[(element.get("ID") or "").strip()] = found
    return media


def _pictures(package: Any, location: str, media: dict[str, str]) -> tuple[Picture, ...]:
    """The ImageObjects of a page (their Boundary box and image entry), at most ``MAX_PICTURES``."""
    try:
        root = package.read_xml(location)
    except Exception:
        return ()
    pictures: list[Picture] = []
    for element in root.iter():
        if _local(element.tag) != "ImageObject":
            continue
        member = media.get((element.get("ResourceID") or "").strip())
        numbers = (element.get("Boundary") or "").split()
        if member is None or len(numbers) != 4:
            continue
        try:
            x, y, width, height = (float(value) for value in numbers)
        except ValueError:
            continue
        if width > 0 and height > 0:
            pictures.append(Picture(x, y, width, height, member))
        if len(pictures) >= MAX_PICTURES:
            break
    return tuple(pictures)


def _draw_pictures(pdf: Any, archive: zipfile.ZipFile, page: OfdPage, page_height: float) -> bool:
    """Draw the page's pictures; False when one of them could not be read (it is left out)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    complete = True
    for picture in page.pictures:
        try:
            with archive.open(picture.member) as stream:
                data = stream.read(MAX_PICTURE_BYTES + 1)
            if len(data) > MAX_PICTURE_BYTES:
                raise ValueError("picture too large")
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PICTURE_PIXELS:
                    raise ValueError("too many pixels")
                image.load()
                source: Any = io.BytesIO(data) if image.format == "JPEG" else image.convert("RGB")
                reader = ImageReader(source)
            pdf.drawImage(
                reader,
                picture.x * MM,
                page_height - (picture.y + picture.height) * MM,
                picture.width * MM,
                picture.height * MM,
                mask="auto",
            )
        except Exception:
            complete = False
    return complete


def render_pdf(document: OfdDocument, out: Path, *, font_path: Path | None = None) -> bool:
    """Draw every page's pictures and text into a PDF at ``out``; False if a picture was left out.

    ``font_path`` is a TrueType CJK font to embed (the program's bundled Noto font); without it the
    built-in ``STSong-Light`` CID font is used (not embedded: viewers supply a Song face).
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if font_path is not None:
        font = "FazhiOfd-" + font_path.stem
        if font not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(font, str(font_path)))
    else:
        font = CID_FONT
        if font not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(font))
    partial = out.with_name(out.name + ".part")
    complete = True
    archive = zipfile.ZipFile(document.path) if document.path is not None else None
    try:
        pdf = canvas.Canvas(str(partial), pageCompression=1)
        if document.title:
            pdf.setTitle(document.title)
        for page in document.pages:
            width, height = max(page.width, 10.0) * MM, max(page.height, 10.0) * MM
            pdf.setPageSize((width, height))
            if archive is not None and page.pictures:
                complete = _draw_pictures(pdf, archive, page, height) and complete
            for run in page.runs:
                size = min(max(run.size, 0.5), 200.0) * MM
                pdf.setFont(font, size)
                pdf.drawString(run.x * MM, height - run.y * MM, run.text)
            pdf.showPage()
        pdf.save()
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
        if archive is not None:
            archive.close()
    return complete
