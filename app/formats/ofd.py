"""OFD (GB/T 33190, China's fixed-layout e-document format): checked, text per page, a PDF rendition.

Reading is done by ``ofdkit`` (Apache-2.0, standard library only, refuses DTDs and entities, caps part
sizes); the ZIP container is checked first with the same bomb limits as DOCX/XLSX, and an OFD that
declares encryption (``Encryptions.xml``) is refused. The rendition draws every text run at its place
on a page of the document's size with a CJK font; seals, pictures and vector graphics are not drawn
(the facts carry a note saying so), so it serves for preview, search and the bundle's page count while
the original stays the authoritative copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.errors import RefusedFileError
from app.formats.common import DEFAULT_PARSE_SECONDS, ZipLimits, check_zip, guarded, refuse_dtds

MM = 72 / 25.4
MAX_PAGES = 5_000
OFD_ENCRYPTED = "OFD 文件已加密，请提供未加密的版本 (encrypted OFD)"
RENDITION_NOTE = "OFD 的 PDF 版本只含文字（印章、图片和图形未绘出），原件已保存"
CID_FONT = "STSong-Light"


@dataclass(frozen=True)
class Run:
    text: str
    x: float  # millimetres from the left
    y: float  # baseline, millimetres from the top
    size: float  # millimetres


@dataclass(frozen=True)
class OfdPage:
    width: float  # millimetres
    height: float
    text: str
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class OfdDocument:
    pages: tuple[OfdPage, ...]
    title: str | None
    author: str | None
    warnings: tuple[str, ...]


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

        with ofdkit.open(str(path)) as document:
            if len(document.pages) > MAX_PAGES:
                raise RefusedFileError(name, f"OFD 页数过多（{len(document.pages)} 页，上限 {MAX_PAGES} 页）")
            pages = []
            for page in document.pages:
                _x, _y, width, height = page.box
                runs = tuple(Run(r.text, r.x, r.y, r.size) for r in page.runs if r.text.strip())
                pages.append(OfdPage(width, height, page.text(), runs))
            return OfdDocument(
                tuple(pages), document.info.title, document.info.author, tuple(document.warnings)
            )

    result = guarded(name, "OFD ", seconds, parse)
    if not result.pages:
        raise RefusedFileError(name, "OFD 没有任何页面 (no pages)")
    return result


def render_pdf(document: OfdDocument, out: Path, *, font_path: Path | None = None) -> int:
    """Draw the text of every page into a PDF at ``out``; returns the page count.

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
    try:
        pdf = canvas.Canvas(str(partial), pageCompression=1)
        if document.title:
            pdf.setTitle(document.title)
        for page in document.pages:
            width, height = max(page.width, 10.0) * MM, max(page.height, 10.0) * MM
            pdf.setPageSize((width, height))
            for run in page.runs:
                size = min(max(run.size, 0.5), 200.0) * MM
                pdf.setFont(font, size)
                pdf.drawString(run.x * MM, height - run.y * MM, run.text)
            pdf.showPage()
        pdf.save()
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return len(document.pages)
